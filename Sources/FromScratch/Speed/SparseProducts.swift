/// Speed: a reader can skip this file. About 81% of MNIST's pixels are exactly 0, and the first
/// layer's products all have the images as a factor (x·W1 forward, xᵀ·δ for dW1, the
/// evaluations). A matrix that is mostly zeros keeps its nonzero entries beside its elements
/// (`skippingZeros()`), a mini-batch gathered from it keeps its own, and `matmul` then hands only
/// those entries to the C kernels of `CSparse`: about a fifth of the multiply-adds.
///
/// The sums run in another order than `dgemm`'s (see `CSparse.h`), one more way of rounding like
/// another OpenBLAS kernel set; unlike those, the kernels add in the same order on every x86-64
/// CPU. Zeros skipped change no sum of finite numbers: a skipped 0 · w adds nothing. Only a
/// non-finite weight behaves otherwise (NumPy's 0 · ∞ is NaN, a skipped one is nothing); the
/// training loops name the NaN either way, from the entries that do meet it.
import CSparse
import Foundation
import Synchronization

/// The nonzero entries of a matrix, row by row (compressed sparse rows): row r's entries are
/// `values[rowStart[r] ..< rowStart[r + 1]]`, in the columns `columns[...]`, ascending. The
/// values are single-precision numbers, as the book holds its images: a matrix is compressed only
/// if each of its nonzero entries is exactly one, so nothing is rounded.
public final class CompressedRows: Sendable {
    public let rowStart: [Int64]
    public let columns: [Int32]
    public let values: [Float]
    /// The width of the matrix the entries come from.
    public let cols: Int
    /// The transpose once computed (`transposed()`): a mini-batch's forward product may have
    /// made it on the second core before the backward pass asks for it.
    private let transpose = Mutex<CompressedRows?>(nil)

    public var rows: Int { rowStart.count - 1 }
    public var nonzeroCount: Int { Int(rowStart[rows]) }

    init(rowStart: [Int64], columns: [Int32], values: [Float], cols: Int) {
        (self.rowStart, self.columns, self.values, self.cols) = (rowStart, columns, values, cols)
    }

    /// The entries of `matrix`, if at most half of them are nonzero and each nonzero one is a
    /// single-precision number; otherwise nil (a dense product is then the faster one).
    convenience init?(mostlyZero matrix: Matrix) {
        // Columns, and rows once transposed, are 32-bit indices.
        guard matrix.count > 0, matrix.cols <= Int(Int32.max), matrix.rows <= Int(Int32.max) else { return nil }
        let (cols, elements) = (matrix.cols, matrix.storage)
        var nonzero = 0
        for value in elements where value != 0 {
            guard Double(Float(value)) == value else { return nil }
            nonzero += 1
        }
        guard nonzero * 2 <= matrix.count else { return nil }
        var starts = [Int64](repeating: 0, count: matrix.rows + 1)
        var columns = [Int32](repeating: 0, count: nonzero), values = [Float](repeating: 0, count: nonzero)
        elements.withUnsafeBufferPointer { element in
            var next = 0
            for r in 0..<matrix.rows {
                for c in 0..<cols where element[r * cols + c] != 0 {
                    (columns[next], values[next]) = (Int32(c), Float(element[r * cols + c]))
                    next += 1
                }
                starts[r + 1] = Int64(next)
            }
        }
        self.init(rowStart: starts, columns: columns, values: values, cols: matrix.cols)
    }

    /// The rows at `indices`, in that order: the compressed form of `Matrix.gathering(rows:)`.
    /// Rows scattered over a data set come from memory, not cache: when a core is lent, each
    /// fetches half of a mini-batch.
    func gathering(rows indices: [Int]) -> CompressedRows {
        var starts = [Int64](repeating: 0, count: indices.count + 1)
        for (place, r) in indices.enumerated() { starts[place + 1] = starts[place] + rowStart[r + 1] - rowStart[r] }
        let total = Int(starts[indices.count])
        func copied<T>(_ source: [T]) -> [T] {
            [T](unsafeUninitializedCapacity: total) { out, count in
                source.withUnsafeBufferPointer { from in
                    func copy(_ part: Range<Int>) {
                        for place in part {
                            let r = indices[place]
                            let (first, length) = (Int(rowStart[r]), Int(rowStart[r + 1] - rowStart[r]))
                            (out.baseAddress! + Int(starts[place])).initialize(
                                from: from.baseAddress! + first, count: length)
                        }
                    }
                    let n = indices.count
                    SecondCore.splitting(n, into: total >= 1 << 13 ? 2 : 1, copy)
                }
                count = total
            }
        }
        return CompressedRows(rowStart: starts, columns: copied(columns), values: copied(values), cols: cols)
    }

    /// Rows `range`: the compressed form of `Matrix.rows(_:)`.
    func rows(_ range: Range<Int>) -> CompressedRows { gathering(rows: Array(range)) }

    /// The transpose, in compressed rows: each of its rows lists its entries in ascending
    /// original row, so aᵀ·d is the product of the transpose's rows with d. Computed once.
    func transposed() -> CompressedRows {
        if let done = transpose.withLock({ $0 }) { return done }
        let made = transposing()
        transpose.withLock { $0 = made }
        return made
    }

    /// Whether `transposed()` has been computed.
    var hasTranspose: Bool { transpose.withLock { $0 != nil } }

    /// At most this many rows make a mini-batch, whose transpose the backward pass will want
    /// (xᵀ·δ for dW1), and which the C code transposes through bit sets in some 40 µs.
    static let miniBatchRows = 128

    private func transposing() -> CompressedRows {
        let count = nonzeroCount
        var starts = [Int64](repeating: 0, count: cols + 1)
        var newColumns = [Int32](repeating: 0, count: count), newValues = [Float](repeating: 0, count: count)
        sparse_transpose(rowStart, columns, values, Int64(rows), Int64(cols), &starts, &newColumns, &newValues)
        return CompressedRows(rowStart: starts, columns: newColumns, values: newValues, cols: rows)
    }
}

extension Matrix {
    /// This matrix, with its nonzero entries also held in compressed rows if it is mostly zeros
    /// (`CompressedRows(mostlyZero:)`), so that products with it skip its zeros. The data decide:
    /// for any other matrix this is the matrix as it was.
    public func skippingZeros() -> Matrix {
        var copy = self
        copy.compressedRows = CompressedRows(mostlyZero: self)
        return copy
    }
}

/// Rows `aRows` of a, or aᵀ whole, times b (plus the bias row), from a's compressed rows. Parts
/// of rows go to the two cores when `SecondCore` is lent and the product is big: each row of the
/// result is computed alike either way.
func sparseProduct(
    _ sparse: CompressedRows, rows aRows: Range<Int>, transposingA: Bool, _ b: Matrix, addingRows bias: Matrix?
) -> Matrix {
    precondition(!transposingA || aRows == 0..<sparse.cols, "sparseProduct: aᵀ is taken whole")
    let left = transposingA ? sparse.transposed() : sparse
    let first = transposingA ? 0 : aRows.lowerBound
    let (m, n) = (aRows.count, b.cols)
    var out = Matrix(
        rows: m, cols: n,
        storage: [Double](unsafeUninitializedCapacity: m * n) { _, count in count = m * n })
    guard m > 0, n > 0 else { return out }
    let multiplyAdds = Int(left.rowStart[first + m] - left.rowStart[first]) * n
    left.rowStart.withUnsafeBufferPointer { starts in
        withRowsOnCacheLines(b) { pb, ldb in
            out.storage.withUnsafeMutableBufferPointer { po in
                withBiasPointer(bias) { pbias in
                    func productRows(_ rows: Range<Int>) {
                        sparse_rows_times_dense(
                            starts.baseAddress! + first + rows.lowerBound, left.columns, left.values,
                            Int64(rows.count), pb, Int64(ldb), Int64(n), pbias,
                            po.baseAddress! + rows.lowerBound * n)
                    }
                    // Parts of about 100000 multiply-adds (some 8 µs) repay the hand-over, and are
                    // small enough that the lender never waits long for the helper's last one.
                    let parts = multiplyAdds > 400_000 ? min(m, multiplyAdds / 100_000) : 1
                    // A mini-batch's forward product, shared by two cores, also makes the batch's
                    // transpose for the backward pass, as its first part: a core that would wait
                    // on the main thread's serial transpose later does it now.
                    let transposeToo =
                        parts > 1 && !transposingA && aRows == 0..<sparse.rows
                        && sparse.rows <= CompressedRows.miniBatchRows && SecondCore.lentToThisThread != nil
                        && !sparse.hasTranspose
                    let extra = transposeToo ? 1 : 0
                    SecondCore.inParts(extra + parts) { i in
                        if i < extra {
                            _ = sparse.transposed()
                        } else {
                            productRows(SecondCore.range(i - extra, of: m, in: parts))
                        }
                    }
                }
            }
        }
    }
    return out
}

/// `body` with b's rows copied to start on 64-byte boundaries, `ldb` elements apart (the width
/// rounded up to whole vectors of eight). A row of 50 or 100 doubles (400 or 800 bytes) would
/// otherwise start inside a cache line, and most of the kernel's 64-byte reads of it would touch
/// two lines: for a batch of 128 MNIST images against 100 columns the product took 345-375 µs on
/// an Intel Xeon, and takes about 250 with the copy. The padding past each row's width is never read. A
/// matrix that keeps `AlignedRows` (a first layer's weights) is copied once per version: the
/// forward pass of a step's loss and that of the next step's gradient share one copy.
private func withRowsOnCacheLines<T>(_ b: Matrix, _ body: (UnsafePointer<Double>, Int) -> T) -> T {
    if let kept = b.alignedRows { return body(kept.rows(of: b), kept.ldb) }
    let copy = AlignedRows(b)
    return withExtendedLifetime(copy) { body(copy.rows(of: b), copy.ldb) }
}

/// A matrix's rows copied to 64-byte boundaries, `ldb` elements apart, made when first asked for.
/// Shared by the copies of one version of a matrix (`Matrix.alignedRows`), which may ask for it
/// from two threads at once.
final class AlignedRows: @unchecked Sendable {
    let ldb: Int
    private let count: Int
    private var elements: UnsafeMutablePointer<Double>?
    private let lock = NSLock()

    /// A place for the rows of b; nothing is copied yet.
    init(_ b: Matrix) {
        ldb = (b.cols + 7) / 8 * 8
        count = b.rows * ldb
    }

    deinit { elements?.deallocate() }

    /// A place for the new version of a matrix that has just changed, if it is large enough for
    /// its copies to be worth keeping (W1: 784 x 50 or 100); nil otherwise.
    static func forChanged(_ m: Matrix) -> AlignedRows? { m.count >= 1 << 15 ? AlignedRows(m) : nil }

    /// Whether the rows are in (copied by a product that asked, or by the update that made them).
    var isFilled: Bool { lock.withLock { elements != nil } }

    /// b's rows on cache lines; b must be the version this place was made for.
    func rows(of b: Matrix) -> UnsafePointer<Double> {
        lock.lock()
        defer { lock.unlock() }
        if let elements { return UnsafePointer(elements) }
        let (k, n) = (b.rows, b.cols)
        precondition(k * ldb == count, "AlignedRows: made for another shape")
        let aligned = allocate()
        b.storage.withUnsafeBufferPointer { from in
            SecondCore.splitting(k, into: k * n >= 1 << 15 ? 2 : 1) {
                copy($0, of: from.baseAddress!, cols: n, to: aligned)
            }
        }
        elements = aligned
        return UnsafePointer(aligned)
    }

    /// Copies rows `rows` of `source` (row-major, `n` columns) in, as an update of the matrix
    /// writes them (`Matrix.subtractScaled`); the place must not be in use until every row is.
    func copyIn(rows: Range<Int>, of source: UnsafePointer<Double>, cols n: Int) {
        let aligned = lock.withLock {
            if elements == nil { elements = allocate() }
            return elements!
        }
        copy(rows, of: source, cols: n, to: aligned)
    }

    private func allocate() -> UnsafeMutablePointer<Double> {
        UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Double>.stride, alignment: 64)
            .bindMemory(to: Double.self, capacity: count)
    }

    private func copy(
        _ rows: Range<Int>, of source: UnsafePointer<Double>, cols n: Int, to aligned: UnsafeMutablePointer<Double>
    ) {
        for r in rows { (aligned + r * ldb).initialize(from: source + r * n, count: n) }
    }
}

/// `body` with a pointer to the bias row's elements, or nil for no bias.
private func withBiasPointer<T>(_ bias: Matrix?, _ body: (UnsafePointer<Double>?) -> T) -> T {
    guard let bias else { return body(nil) }
    return bias.storage.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// A matrix held as its nonzero entries alone (`CompressedRows`), for a data set of images that
/// is mostly zeros: MNIST's 60000 training images take 72 MB this way against 376 MB as doubles.
/// Training reads it through `InputRows`: a mini-batch or a range of rows comes out as a dense
/// `Matrix`, bit for bit the doubles the book's float32 pixels widen to, with the batch's own
/// compressed rows; the first layer's product over a range reads the entries in place.
public struct CompressedMatrix: InputRows {
    public let entries: CompressedRows

    public var rows: Int { entries.rows }
    public var cols: Int { entries.cols }

    /// The rows × cols matrix whose element i (row-major) is `element(i)`; its nonzero elements
    /// are kept, in single precision, as the book keeps its images.
    public init(rows: Int, cols: Int, element: (Int) -> Float) {
        precondition(rows >= 0 && cols >= 0 && cols <= Int(Int32.max), "CompressedMatrix: shape (\(rows), \(cols))")
        var starts = [Int64](repeating: 0, count: rows + 1)
        var columns: [Int32] = [], values: [Float] = []
        for r in 0..<rows {
            for c in 0..<cols {
                let value = element(r * cols + c)
                guard value != 0 else { continue }
                columns.append(Int32(c))
                values.append(value)
            }
            starts[r + 1] = Int64(values.count)
        }
        entries = CompressedRows(rowStart: starts, columns: columns, values: values, cols: cols)
    }

    init(entries: CompressedRows) { self.entries = entries }

    /// Rows `range`, still compressed (a data set's first n images).
    public func rows(_ range: Range<Int>) -> CompressedMatrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows: \(range) out of range for \(rows) rows")
        return range == 0..<rows ? self : CompressedMatrix(entries: entries.rows(range))
    }

    /// The rows at `indices`, widened to a dense matrix that keeps their compressed rows.
    public func gathering(rows indices: [Int]) -> Matrix { selecting(rows: indices).entries.widened() }

    /// The rows at `indices`, still compressed: a mini-batch gathered from them later reads a
    /// fifth of the memory that dense rows would take.
    public func selecting(rows indices: [Int]) -> CompressedMatrix {
        for i in indices { precondition(i >= 0 && i < rows, "gathering: row \(i) out of range for \(rows) rows") }
        return CompressedMatrix(entries: entries.gathering(rows: indices))
    }

    public func matrix(rows range: Range<Int>) -> Matrix { rows(range).entries.widened() }

    public func product(rows range: Range<Int>, times w: Matrix, addingRows bias: Matrix?) -> Matrix {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= rows, "product: rows \(range) out of range for \(rows) rows")
        precondition(w.rows == cols, "product: (\(range.count), \(cols)) times \(w.shapeDescription)")
        return sparseProduct(entries, rows: range, transposingA: false, w, addingRows: bias)
    }

    public func row(_ r: Int) -> [Double] { matrix(rows: r..<(r + 1)).storage }

    /// Every row as a dense matrix that keeps no compressed rows: its products go through dgemm
    /// (the bench's "dense products").
    public func denseMatrix() -> Matrix {
        let all = entries.widened()
        return Matrix(rows: all.rows, cols: all.cols, storage: all.storage)
    }
}

extension CompressedRows {
    /// These entries as a dense matrix, zeros filled in, that keeps these compressed rows. Each
    /// row is zeroed and filled while it is in cache; the two cores widen half of a mini-batch
    /// each when one is lent.
    func widened() -> Matrix {
        let (m, n) = (rows, cols)
        var matrix = Matrix(
            rows: m, cols: n,
            storage: [Double](unsafeUninitializedCapacity: m * n) { out, count in
                rowStart.withUnsafeBufferPointer { starts in
                    columns.withUnsafeBufferPointer { columns in
                        values.withUnsafeBufferPointer { values in
                            func widen(_ part: Range<Int>) {
                                for r in part {
                                    let row = out.baseAddress! + r * n
                                    row.initialize(repeating: 0, count: n)
                                    for e in Int(starts[r])..<Int(starts[r + 1]) {
                                        row[Int(columns[e])] = Double(values[e])
                                    }
                                }
                            }
                            SecondCore.splitting(m, into: m * n >= 1 << 15 ? 2 : 1, widen)
                        }
                    }
                }
                count = m * n
            })
        matrix.compressedRows = self
        return matrix
    }
}
