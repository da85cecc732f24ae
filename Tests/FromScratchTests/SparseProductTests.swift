import CSparse
import XCTest

@testable import FromScratch

/// Products through compressed rows (`Speed/SparseProducts.swift`): the kernels against the order
/// they promise, restated here in Swift, and against the dense product; and when a matrix gets
/// compressed rows at all.
final class SparseProductTests: XCTestCase {
    /// A rows x cols matrix with about `density` of its entries nonzero, each a single-precision
    /// number (as MNIST's pixels are), and some rows left empty.
    private func mostlyZero(_ rows: Int, _ cols: Int, density: Double = 0.2, seed: UInt32) -> Matrix {
        var random = RandomState(seed: seed)
        let draws = random.rand(rows, cols), values = random.randn(rows, cols)
        var m = Matrix(rows: rows, cols: cols)
        for i in 0..<m.count where draws.storage[i] < density && (i / cols) % 5 != 3 {
            m.storage[i] = Double(Float(values.storage[i]))
        }
        return m.skippingZeros()
    }

    /// The promised order: per row, the nonzeros in even and in odd places summed apart by fused
    /// multiply-adds, the two sums added, then the bias.
    private func promised(_ a: Matrix, _ b: Matrix, bias: Matrix? = nil) -> [Double] {
        var out = [Double]()
        for r in 0..<a.rows {
            let entries = (0..<a.cols).filter { a[r, $0] != 0 }
            for j in 0..<b.cols {
                var sums = [0.0, 0.0]
                for (place, c) in entries.enumerated() { sums[place % 2].addProduct(a[r, c], b[c, j]) }
                out.append(bias.map { (sums[0] + sums[1]) + $0[0, j] } ?? sums[0] + sums[1])
            }
        }
        return out
    }

    private let widths = [1, 3, 4, 15, 16, 17, 33, 50, 100]

    func testProductsAddInThePromisedOrderBitForBit() {
        for (index, n) in widths.enumerated() {
            let a = mostlyZero(23, 40, seed: UInt32(index))
            XCTAssertNotNil(a.compressedRows)
            var random = RandomState(seed: 100 + UInt32(index))
            let b = random.randn(40, n), bias = random.randn(1, n), d = random.randn(23, n)
            XCTAssertEqual(matmul(a, b).storage.map(\.bitPattern), promised(a, b).map(\.bitPattern), "n = \(n)")
            XCTAssertEqual(
                matmul(a, b, transposingA: false, transposingB: false, addingRows: bias).storage,
                promised(a, b, bias: bias), "n = \(n), with bias")
            XCTAssertEqual(
                matmul(a, d, transposingA: true, transposingB: false).storage, promised(a.transposed, d),
                "n = \(n), aᵀ·d")
            XCTAssertEqual(
                matmul(rows: 5..<17, of: a, b, addingRows: bias).storage,
                promised(a.rows(5..<17), b, bias: bias), "n = \(n), rows 5..<17")
        }
    }

    /// Every kernel this CPU runs (plain, AVX2, AVX-512), bit for bit the plain loops; and
    /// `matmul` takes one of them. Widths around each kernel's blocks: 4 and 8 columns a vector,
    /// 24 and 64 a block.
    func testEveryVectorKernelComputesWhatThePlainLoopsCompute() {
        let a = mostlyZero(64, 300, seed: 7)
        let sparse = a.compressedRows!
        let available = Int(sparse_kernels_available())
        let kernels = [SPARSE_KERNEL_PLAIN, SPARSE_KERNEL_AVX2, SPARSE_KERNEL_AVX512].map { Int32($0) }
            .filter { available & (1 << $0) != 0 }
        XCTAssertTrue(kernels.contains(Int32(SPARSE_KERNEL_PLAIN)))
        var random = RandomState(seed: 8)
        for n in widths + [7, 8, 9, 23, 24, 25, 48, 63, 64, 65, 72, 129] {
            let b = random.randn(300, n), bias = random.randn(1, n)
            var plain = [Double](repeating: 0, count: 64 * n)
            sparse_rows_times_dense_plain(
                sparse.rowStart, sparse.columns, sparse.values, 64, b.storage, Int64(n), Int64(n), bias.storage, &plain)
            for kernel in kernels {
                for withBias in [true, false] {
                    var expected = plain
                    if !withBias {
                        sparse_rows_times_dense_plain(
                            sparse.rowStart, sparse.columns, sparse.values, 64, b.storage, Int64(n), Int64(n), nil,
                            &expected)
                    }
                    var out = [Double](repeating: .nan, count: 64 * n + 8)  // a guard past the end
                    sparse_rows_times_dense_with(
                        kernel, sparse.rowStart, sparse.columns, sparse.values, 64, b.storage, Int64(n), Int64(n),
                        withBias ? bias.storage : nil, &out)
                    XCTAssertEqual(
                        out[..<(64 * n)].map(\.bitPattern), expected.map(\.bitPattern),
                        "kernel \(kernel), n = \(n), bias: \(withBias)")
                    XCTAssertTrue(out[(64 * n)...].allSatisfy(\.isNaN), "kernel \(kernel) wrote past the end, n = \(n)")
                }
            }
            // B's rows further apart than its width, as `matmul` hands them over (on 64-byte
            // boundaries): the same sums, and the NaNs between the rows never read.
            for ldb in [n + 3, (n + 7) / 8 * 8 + 8] {
                var spaced = [Double](repeating: .nan, count: 300 * ldb)
                for r in 0..<300 { spaced[(r * ldb)..<(r * ldb + n)] = b.storage[(r * n)..<(r * n + n)] }
                for kernel in kernels {
                    var out = [Double](repeating: .nan, count: 64 * n)
                    sparse_rows_times_dense_with(
                        kernel, sparse.rowStart, sparse.columns, sparse.values, 64, spaced, Int64(ldb), Int64(n),
                        bias.storage, &out)
                    XCTAssertEqual(
                        out.map(\.bitPattern), plain.map(\.bitPattern), "kernel \(kernel), n = \(n), ldb = \(ldb)")
                }
            }
            let product = matmul(a, b, transposingA: false, transposingB: false, addingRows: bias)
            XCTAssertEqual(product.storage.map(\.bitPattern), plain.map(\.bitPattern), "matmul, n = \(n)")
        }
    }

    /// A mini-batch is transposed through bit sets, a larger matrix by counting: the same arrays,
    /// including rows (every fifth is empty) and columns with no entry.
    func testBothTransposesGiveTheSameEntries() {
        for (rows, seed) in [(1, 11), (63, 12), (64, 13), (65, 14), (100, 15), (127, 16), (128, 17), (129, 18)] {
            let sparse = mostlyZero(rows, 300, density: 0.1, seed: UInt32(seed)).compressedRows!
            let count = sparse.nonzeroCount
            var starts = [[Int64]](repeating: [Int64](repeating: -1, count: 301), count: 2)
            var rowsOf = [[Int32]](repeating: [Int32](repeating: -1, count: count), count: 2)
            var values = [[Float]](repeating: [Float](repeating: .nan, count: count), count: 2)
            sparse_transpose(
                sparse.rowStart, sparse.columns, sparse.values, Int64(rows), 300, &starts[0], &rowsOf[0], &values[0])
            sparse_transpose_by_counting(
                sparse.rowStart, sparse.columns, sparse.values, Int64(rows), 300, &starts[1], &rowsOf[1], &values[1])
            XCTAssertEqual(starts[0], starts[1], "\(rows) rows")
            XCTAssertEqual(rowsOf[0], rowsOf[1], "\(rows) rows")
            XCTAssertEqual(values[0].map(\.bitPattern), values[1].map(\.bitPattern), "\(rows) rows")
            // And the transpose is the transpose: entry (r, c) of the matrix at (c, r).
            var entries = Set<[Int]>()
            for c in 0..<300 {
                for p in Int(starts[0][c])..<Int(starts[0][c + 1]) { entries.insert([Int(rowsOf[0][p]), c]) }
            }
            var expected = Set<[Int]>()
            for r in 0..<rows {
                for p in Int(sparse.rowStart[r])..<Int(sparse.rowStart[r + 1]) {
                    expected.insert([r, Int(sparse.columns[p])])
                }
            }
            XCTAssertEqual(entries, expected, "\(rows) rows")
        }
    }

    func testSparseProductsAgreeWithTheDenseProduct() {
        let a = mostlyZero(100, 784, density: 0.19, seed: 9)
        var dense = a
        dense.storage[0] = dense.storage[0]  // any change drops the compressed rows
        XCTAssertNil(dense.compressedRows)
        var random = RandomState(seed: 10)
        let w = random.randn(784, 50), delta = random.randn(100, 50)
        for (sparse, plain) in [
            (matmul(a, w), matmul(dense, w)),
            (
                matmul(a, delta, transposingA: true, transposingB: false),
                matmul(dense, delta, transposingA: true, transposingB: false)
            ),
        ] {
            XCTAssertEqual(sparse.shape.rows, plain.shape.rows)
            let worst = zip(sparse.storage, plain.storage).map { abs($0 - $1) / max(1, abs($1)) }.max()!
            XCTAssertLessThan(worst, 1e-13)
        }
    }

    func testSplittingOverTwoCoresChangesNoBit() {
        let a = mostlyZero(200, 784, density: 0.19, seed: 11)
        var random = RandomState(seed: 12)
        let w = random.randn(784, 50), bias = random.randn(1, 50), delta = random.randn(200, 50)
        let alone = matmul(a, w, transposingA: false, transposingB: false, addingRows: bias)
        let aloneT = matmul(a, delta, transposingA: true, transposingB: false)
        let (shared, sharedT) = SecondCore.lend { _ in
            (
                matmul(a, w, transposingA: false, transposingB: false, addingRows: bias),
                matmul(a, delta, transposingA: true, transposingB: false)
            )
        }
        XCTAssertEqual(alone.storage.map(\.bitPattern), shared.storage.map(\.bitPattern))
        XCTAssertEqual(aloneT.storage.map(\.bitPattern), sharedT.storage.map(\.bitPattern))
    }

    /// A mini-batch's forward product on two cores makes its transpose on the way (on one core,
    /// or for more rows than a mini-batch has, it is left for the backward pass): the same
    /// entries, and the same gradient, either way.
    func testAMiniBatchForwardOnTwoCoresMakesItsTranspose() {
        var random = RandomState(seed: 19)
        let w = random.randn(784, 50), delta = random.randn(128, 50)
        for rows in [128, 129] {
            let (alone, shared) = (
                mostlyZero(rows, 784, density: 0.19, seed: 20), mostlyZero(rows, 784, density: 0.19, seed: 20)
            )
            _ = matmul(alone, w)
            _ = SecondCore.lend { _ in matmul(shared, w) }
            XCTAssertFalse(alone.compressedRows!.hasTranspose, "\(rows) rows, one core")
            XCTAssertEqual(shared.compressedRows!.hasTranspose, rows <= 128, "\(rows) rows, two cores")
            let (t, u) = (alone.compressedRows!.transposed(), shared.compressedRows!.transposed())
            XCTAssertEqual(t.rowStart, u.rowStart)
            XCTAssertEqual(t.columns, u.columns)
            XCTAssertEqual(t.values, u.values)
        }
        let (fresh, forwarded) = (
            mostlyZero(128, 784, density: 0.19, seed: 21), mostlyZero(128, 784, density: 0.19, seed: 21)
        )
        _ = SecondCore.lend { _ in matmul(forwarded, w) }
        XCTAssertEqual(
            matmul(fresh, delta, transposingA: true, transposingB: false).storage.map(\.bitPattern),
            matmul(forwarded, delta, transposingA: true, transposingB: false).storage.map(\.bitPattern))
    }

    /// A large matrix that has changed keeps its aligned rows for the sparse products, shared by
    /// its copies; changing it again drops them, and the product sees the new elements.
    func testAlignedRowsFollowEveryChangeOfTheWeights() {
        let x = mostlyZero(100, 784, density: 0.19, seed: 22)
        var random = RandomState(seed: 23)
        var w = random.randn(784, 50)
        let g = random.randn(784, 50)
        XCTAssertNil(w.alignedRows, "a matrix made whole keeps none")
        w.subtractScaled(g, by: 0.1)
        let kept = w.alignedRows
        XCTAssertNotNil(kept, "a changed 784 x 50 matrix keeps a place for them")
        XCTAssertTrue(kept?.isFilled == true, "the update has copied the new rows in")
        let copy = w
        XCTAssertTrue(copy.alignedRows === kept)
        func fresh(_ m: Matrix) -> Matrix { Matrix(rows: m.rows, cols: m.cols, storage: m.storage) }
        XCTAssertEqual(matmul(x, w).storage.map(\.bitPattern), matmul(x, fresh(w)).storage.map(\.bitPattern))
        w.subtractScaled(g, by: 0.1)
        XCTAssertFalse(w.alignedRows === kept, "a change drops the old copy")
        var shared = copy
        SecondCore.lend { _ in shared.subtractScaled(g, by: 0.1) }
        XCTAssertEqual(shared.storage.map(\.bitPattern), w.storage.map(\.bitPattern), "two cores update alike")
        XCTAssertEqual(matmul(x, shared).storage.map(\.bitPattern), matmul(x, fresh(w)).storage.map(\.bitPattern))
        XCTAssertEqual(matmul(x, w).storage.map(\.bitPattern), matmul(x, fresh(w)).storage.map(\.bitPattern))
        XCTAssertEqual(matmul(x, copy).storage.map(\.bitPattern), matmul(x, fresh(copy)).storage.map(\.bitPattern))
        XCTAssertNotEqual(matmul(x, copy).storage, matmul(x, w).storage)
        var small = random.randn(10, 10)
        small *= 2
        XCTAssertNil(small.alignedRows, "a small matrix keeps none")
    }

    func testBatchesKeepTheRowsTheyGather() {
        let a = mostlyZero(30, 20, seed: 13)
        let indices = [29, 0, 3, 3, 17, 8]
        let batch = a.gathering(rows: indices)
        let recompressed = Matrix(rows: batch.rows, cols: batch.cols, storage: batch.storage).skippingZeros()
        XCTAssertEqual(batch.compressedRows?.rowStart, recompressed.compressedRows?.rowStart)
        XCTAssertEqual(batch.compressedRows?.columns, recompressed.compressedRows?.columns)
        XCTAssertEqual(batch.compressedRows?.values, recompressed.compressedRows?.values)
    }

    func testOnlyMostlyZeroSinglePrecisionDataIsCompressed() {
        var random = RandomState(seed: 14)
        XCTAssertNil(random.randn(10, 10).skippingZeros().compressedRows, "dense data")
        var a = Matrix(rows: 10, cols: 10)
        a[2, 3] = 0.1  // not a single-precision number
        XCTAssertNil(a.skippingZeros().compressedRows, "a value single precision would round")
        a[2, 3] = Double(Float(0.1))
        XCTAssertEqual(a.skippingZeros().compressedRows?.nonzeroCount, 1)
        var changed = a.skippingZeros()
        changed[0, 0] = 5
        XCTAssertNil(changed.compressedRows, "changed elements drop the compressed rows")
    }

    /// A data set held as its nonzero entries alone reads, through `InputRows`, as the matrix it
    /// was made from: batches, ranges, rows and first-layer products, bit for bit.
    func testACompressedMatrixReadsAsTheMatrixItHolds() {
        let a = mostlyZero(40, 30, seed: 15)
        let held = CompressedMatrix(rows: a.rows, cols: a.cols) { Float(a.storage[$0]) }
        XCTAssertEqual(held.entries.nonzeroCount, a.compressedRows?.nonzeroCount)
        XCTAssertEqual(held.matrix(), a)
        XCTAssertEqual(
            held.matrix().compressedRows?.values, a.compressedRows?.values, "a widened batch keeps its entries")
        XCTAssertNil(held.denseMatrix().compressedRows, "the dense copy is multiplied densely")
        let indices = [39, 0, 7, 7, 21]
        XCTAssertEqual(held.gathering(rows: indices), a.gathering(rows: indices))
        XCTAssertEqual(held.selecting(rows: indices).matrix(), a.gathering(rows: indices), "selected, still compressed")
        XCTAssertEqual(a.selecting(rows: indices), a.gathering(rows: indices))
        XCTAssertEqual(held.rows(5..<12).matrix(), a.rows(5..<12))
        XCTAssertEqual(held.matrix(rows: 5..<12), a.rows(5..<12))
        XCTAssertEqual(held.row(8), a.row(8))
        var random = RandomState(seed: 16)
        let w = random.randn(30, 10), bias = random.randn(1, 10)
        XCTAssertEqual(
            held.product(rows: 3..<33, times: w, addingRows: bias).storage.map(\.bitPattern),
            a.product(rows: 3..<33, times: w, addingRows: bias).storage.map(\.bitPattern))
    }

    /// A multi-layer net's scores for a range of a data set's rows, read where they lie, are its
    /// `predict` of those rows copied out, bit for bit: dense, compressed beside the elements,
    /// or held compressed alone; with batch norm and dropout in inference; with no hidden layer.
    func testAMultiLayerNetScoresRowsWhereTheyLie() {
        let a = mostlyZero(40, 30, seed: 17)
        let held = CompressedMatrix(rows: a.rows, cols: a.cols) { Float(a.storage[$0]) }
        var random = RandomState(seed: 18)
        let nets = [
            MultiLayerNet(inputSize: 30, hiddenSizes: [12, 8], outputSize: 5, random: &random),
            MultiLayerNet(
                inputSize: 30, hiddenSizes: [12], outputSize: 5, batchNorm: true, dropoutRatio: 0.3, random: &random),
            MultiLayerNet(inputSize: 30, hiddenSizes: [], outputSize: 5, random: &random),
        ]
        for (k, net) in nets.enumerated() {
            let range = 7..<33
            let dense = Matrix(rows: a.rows, cols: a.cols, storage: a.storage)
            XCTAssertNil(dense.compressedRows)
            // The dense rows go through dgemm, the compressed ones through the sparse kernel.
            let densely = net.predict(dense.rows(range)).storage.map(\.bitPattern)
            let sparsely = net.predict(a.rows(range)).storage.map(\.bitPattern)
            XCTAssertEqual(net.scores(rows: range, of: dense).storage.map(\.bitPattern), densely, "net \(k), dense")
            XCTAssertEqual(
                net.scores(rows: range, of: a).storage.map(\.bitPattern), sparsely, "net \(k), compressed beside")
            XCTAssertEqual(
                net.scores(rows: range, of: held).storage.map(\.bitPattern), sparsely, "net \(k), held compressed")
        }
    }
}
