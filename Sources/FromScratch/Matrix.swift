/// A 2-D, row-major matrix of `Double`: the one array type of the project.
///
/// It offers the NumPy operations the book uses and no more. A NumPy 1-D array is a 1 x n
/// matrix here (`Matrix(row:)`); broadcasting follows NumPy for the shapes the book needs: same
/// shape, a 1 x n row against every row, an n x 1 column against every column, and scalars.
/// Every matrix product goes through `matmul(_:_:)`, so that a faster kernel can sit behind it.
import COpenBLAS
import Foundation

public struct Matrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var cols: Int
    /// Row-major elements: element (r, c) is `storage[r * cols + c]`.
    public var storage: [Double]

    public init(rows: Int, cols: Int, storage: [Double]) {
        precondition(rows >= 0 && cols >= 0, "Matrix: negative shape (\(rows), \(cols))")
        precondition(storage.count == rows * cols,
                     "Matrix: \(storage.count) elements cannot fill shape (\(rows), \(cols))")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.init(rows: rows, cols: cols, storage: Array(repeating: value, count: rows * cols))
    }

    /// A matrix from nested rows, like `np.array([[1, 2], [3, 4]])`.
    public init(_ nested: [[Double]]) {
        let cols = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == cols }, "Matrix: rows of unequal length")
        self.init(rows: nested.count, cols: cols, storage: nested.flatMap { $0 })
    }

    /// NumPy's 1-D array, as a 1 x n matrix.
    public init(row: [Double]) { self.init(rows: 1, cols: row.count, storage: row) }

    /// An n x 1 matrix.
    public init(column: [Double]) { self.init(rows: column.count, cols: 1, storage: column) }

    public static func zeros(_ rows: Int, _ cols: Int) -> Matrix { Matrix(rows: rows, cols: cols) }

    /// `np.zeros_like`.
    public static func zeros(like other: Matrix) -> Matrix { Matrix(rows: other.rows, cols: other.cols) }

    public var count: Int { storage.count }
    public var shape: (rows: Int, cols: Int) { (rows, cols) }
    public var shapeDescription: String { "(\(rows), \(cols))" }

    public subscript(row: Int, col: Int) -> Double {
        get {
            checkIndex(row, col)
            return storage[row * cols + col]
        }
        set {
            checkIndex(row, col)
            storage[row * cols + col] = newValue
        }
    }

    /// Flat (row-major) access, like `x.flat[i]` in NumPy.
    public subscript(flat index: Int) -> Double {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    private func checkIndex(_ row: Int, _ col: Int) {
        precondition(row >= 0 && row < rows && col >= 0 && col < cols,
                     "Matrix: index (\(row), \(col)) is out of bounds for shape \(shapeDescription)")
    }

    public func row(_ r: Int) -> [Double] { Array(storage[(r * cols)..<((r + 1) * cols)]) }

    public func reshaped(_ rows: Int, _ cols: Int) -> Matrix {
        precondition(rows * cols == count, "reshape: cannot reshape \(shapeDescription) into (\(rows), \(cols))")
        return Matrix(rows: rows, cols: cols, storage: storage)
    }

    public var transposed: Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { out.storage[c * rows + r] = storage[r * cols + c] }
        }
        return out
    }

    /// Applies `transform` to every element.
    public func map(_ transform: (Double) -> Double) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: storage.map(transform))
    }
}

// MARK: - Elementwise arithmetic with NumPy broadcasting

extension Matrix {
    /// Combines two matrices elementwise, broadcasting a 1 x n row, an n x 1 column or a 1 x 1
    /// matrix against the other operand as NumPy does.
    public static func elementwise(_ a: Matrix, _ b: Matrix, _ symbol: String,
                                   _ op: (Double, Double) -> Double) -> Matrix {
        let rows = broadcastDimension(a.rows, b.rows, a, b, symbol)
        let cols = broadcastDimension(a.cols, b.cols, a, b, symbol)
        var out = Matrix(rows: rows, cols: cols)
        let aRowStep = a.rows == 1 ? 0 : a.cols, aColStep = a.cols == 1 ? 0 : 1
        let bRowStep = b.rows == 1 ? 0 : b.cols, bColStep = b.cols == 1 ? 0 : 1
        for r in 0..<rows {
            for c in 0..<cols {
                out.storage[r * cols + c] = op(a.storage[r * aRowStep + c * aColStep],
                                               b.storage[r * bRowStep + c * bColStep])
            }
        }
        return out
    }

    private static func broadcastDimension(_ x: Int, _ y: Int, _ a: Matrix, _ b: Matrix,
                                           _ symbol: String) -> Int {
        if x == y { return x }
        if x == 1 { return y }
        if y == 1 { return x }
        preconditionFailure("shape mismatch: operands with shapes \(a.shapeDescription) and "
                            + "\(b.shapeDescription) cannot be broadcast together in '\(symbol)'")
    }

    public static func + (a: Matrix, b: Matrix) -> Matrix { elementwise(a, b, "+", +) }
    public static func - (a: Matrix, b: Matrix) -> Matrix { elementwise(a, b, "-", -) }
    public static func * (a: Matrix, b: Matrix) -> Matrix { elementwise(a, b, "*", *) }
    public static func / (a: Matrix, b: Matrix) -> Matrix { elementwise(a, b, "/", /) }

    public static func + (a: Matrix, s: Double) -> Matrix { a.map { $0 + s } }
    public static func - (a: Matrix, s: Double) -> Matrix { a.map { $0 - s } }
    public static func * (a: Matrix, s: Double) -> Matrix { a.map { $0 * s } }
    public static func / (a: Matrix, s: Double) -> Matrix { a.map { $0 / s } }
    public static func * (s: Double, a: Matrix) -> Matrix { a.map { s * $0 } }
    public static func - (s: Double, a: Matrix) -> Matrix { a.map { s - $0 } }
    public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

    public static func += (a: inout Matrix, b: Matrix) { a = a + b }
    public static func -= (a: inout Matrix, b: Matrix) { a = a - b }
}

// MARK: - In-place updates

extension Matrix {
    /// self −= scale · other, in one pass and without a temporary (parameter updates).
    public mutating func subtractScaled(_ other: Matrix, by scale: Double) {
        precondition(rows == other.rows && cols == other.cols,
                     "subtractScaled: shapes \(shapeDescription) and \(other.shapeDescription) differ")
        storage.withUnsafeMutableBufferPointer { p in
            other.storage.withUnsafeBufferPointer { q in
                for i in p.indices { p[i] -= scale * q[i] }
            }
        }
    }
}

// MARK: - Reductions

extension Matrix {
    /// `np.sum(x)`: every element, added in NumPy's pairwise order, so the last digits match.
    public func sum() -> Double { pairwiseSum(storage[...]) }

    /// `np.sum(x, axis:)`. Axis 1 adds along each (contiguous) row pairwise, as NumPy does;
    /// axis 0 accumulates the rows one after another, as NumPy does for that axis.
    /// The result keeps NumPy's reduced shape as a row: axis 0 gives 1 x cols, axis 1 gives
    /// 1 x rows.
    public func sum(axis: Int) -> Matrix {
        switch axis {
        case 0:
            var out = Matrix(rows: 1, cols: cols)
            for r in 0..<rows {
                for c in 0..<cols { out.storage[c] += storage[r * cols + c] }
            }
            return out
        case 1:
            return Matrix(row: (0..<rows).map { r in pairwiseSum(storage[(r * cols)..<((r + 1) * cols)]) })
        default:
            preconditionFailure("sum: axis \(axis) is out of bounds for a 2-D matrix")
        }
    }

    public func max() -> Double {
        precondition(!storage.isEmpty, "max: zero-size matrix")
        return storage.max()!
    }

    /// `np.argmax(x)` over the flattened matrix (first index of the maximum).
    public func argmax() -> Int {
        precondition(!storage.isEmpty, "argmax: zero-size matrix")
        var best = 0
        for i in 1..<storage.count where storage[i] > storage[best] { best = i }
        return best
    }

    /// `np.argmax(x, axis=1)`: the column of each row's maximum.
    public func argmaxPerRow() -> [Int] {
        precondition(cols > 0 || rows == 0, "argmaxPerRow: rows of zero length")
        return storage.withUnsafeBufferPointer { p in
            (0..<rows).map { r in
                let start = r * cols
                var best = start
                for i in (start + 1)..<(start + cols) where p[i] > p[best] { best = i }
                return best - start
            }
        }
    }
}

// MARK: - The matrix product

/// `np.dot(a, b)` for 2-D operands. Every product of the project goes through here, and here
/// it goes to OpenBLAS's `dgemm`, as NumPy's does. The result may differ from
/// `referenceMatmul` in the last bits (BLAS adds in its own order, with fused multiply-adds).
public func matmul(_ a: Matrix, _ b: Matrix) -> Matrix {
    matmul(a, b, transposingA: false, transposingB: false)
}

/// op(a)·op(b) with either operand read transposed in place — no transposed copy is made
/// (backpropagation's xᵀ·dout and dout·Wᵀ). With `addingRows`, the 1 x n row is added to every
/// row of the product in the same `dgemm` call (the Affine layer's + b).
public func matmul(_ a: Matrix, _ b: Matrix, transposingA: Bool, transposingB: Bool, addingRows bias: Matrix? = nil)
    -> Matrix {
    product(a, rows: 0..<(transposingA ? a.cols : a.rows), b, transposingA: transposingA, transposingB: transposingB, addingRows: bias)
}

/// Rows `range` of `a` times `b` (plus the bias row), the rows read where they lie: a data set
/// evaluated slice by slice without copying the slices out. The same as
/// `matmul(a.rows(range), b, ...)`, bit for bit.
public func matmul(rows range: Range<Int>, of a: Matrix, _ b: Matrix, addingRows bias: Matrix? = nil) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= a.rows, "matmul: rows \(range) out of range for \(a.rows) rows")
    return product(a, rows: range, b, transposingA: false, transposingB: false, addingRows: bias)
}

/// Rows `aRows` of op(a) times op(b): the one place that calls `dgemm`.
private func product(_ a: Matrix, rows aRows: Range<Int>, _ b: Matrix, transposingA: Bool, transposingB: Bool,
                     addingRows bias: Matrix?) -> Matrix {
    let (m, k) = (aRows.count, transposingA ? a.rows : a.cols)
    let (k2, n) = transposingB ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(k == k2, "matmul: shapes \(a.shapeDescription)\(transposingA ? "ᵀ" : "") and "
                 + "\(b.shapeDescription)\(transposingB ? "ᵀ" : "") not aligned: \(k) != \(k2)")
    var out: Matrix
    if let bias {
        precondition(bias.rows == 1 && bias.cols == n, "matmul: cannot add a row of shape \(bias.shapeDescription) to (\(m), \(n))")
        out = Matrix(rows: m, cols: n, storage: [Double](unsafeUninitializedCapacity: m * n) { buffer, count in
            bias.storage.withUnsafeBufferPointer { row in
                for r in 0..<m { _ = UnsafeMutableBufferPointer(rebasing: buffer[(r * n)..<((r + 1) * n)]).initialize(fromContentsOf: row) }
            }
            count = m * n
        })
    } else {
        // dgemm with beta = 0 writes every element without reading it: no need to zero them first.
        out = Matrix(rows: m, cols: n, storage: [Double](unsafeUninitializedCapacity: m * n) { buffer, count in
            if m == 0 || n == 0 || k == 0 { buffer.initialize(repeating: 0) }
            count = m * n
        })
    }
    guard m > 0, n > 0, k > 0 else { return out }
    BLAS.configureOnce
    a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
            out.storage.withUnsafeMutableBufferPointer { po in
                // Rows `rows` of the product. Row r of op(a) is row aRows.lowerBound + r of a, or
                // that column when a is read transposed.
                func productRows(_ rows: Range<Int>) {
                    let firstRowOfA = aRows.lowerBound + rows.lowerBound
                    cblas_dgemm(CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans,
                                transposingB ? CblasTrans : CblasNoTrans,
                                Int32(rows.count), Int32(n), Int32(k), 1.0,
                                pa.baseAddress! + (transposingA ? firstRowOfA : firstRowOfA * a.cols), Int32(a.cols),
                                pb.baseAddress, Int32(b.cols),
                                bias == nil ? 0.0 : 1.0, po.baseAddress! + rows.lowerBound * n, Int32(n))
                }
                if SecondCore.splits(m: m, n: n, k: k) {
                    SecondCore.inHalves({ productRows(0..<(m / 2)) }, { productRows((m / 2)..<m) })
                } else {
                    productRows(0..<m)
                }
            }
        }
    }
    return out
}

/// OpenBLAS settings made once per process.
enum BLAS {
    /// One BLAS thread unless `OPENBLAS_NUM_THREADS` says otherwise: at the book's sizes a
    /// second BLAS thread barely helps, and collapses when the other core is busy. The second
    /// core goes to independent runs, or to one network through `SecondCore`.
    static let configureOnce: Void = {
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { openblas_set_num_threads(1) }
    }()
}

/// The product as plain loops, each element summed left to right without fused operations:
/// the reference that tests hold `matmul` to, and the order a hand computation follows.
public func referenceMatmul(_ a: Matrix, _ b: Matrix) -> Matrix {
    checkAligned(a, b)
    var out = Matrix(rows: a.rows, cols: b.cols)
    a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
            out.storage.withUnsafeMutableBufferPointer { po in
                for i in 0..<a.rows {
                    for k in 0..<a.cols {
                        let aik = pa[i * a.cols + k]
                        for j in 0..<b.cols { po[i * b.cols + j] += aik * pb[k * b.cols + j] }
                    }
                }
            }
        }
    }
    return out
}

private func checkAligned(_ a: Matrix, _ b: Matrix) {
    precondition(a.cols == b.rows,
                 "matmul: shapes \(a.shapeDescription) and \(b.shapeDescription) not aligned: "
                 + "\(a.cols) (dim 1) != \(b.rows) (dim 0)")
}
