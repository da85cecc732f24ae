/// A 2-D, row-major matrix of `Double`: the one array type of the project.
///
/// It offers the NumPy operations the book uses and no more. A NumPy 1-D array is a 1 x n
/// matrix here (`Matrix(row:)`); broadcasting follows NumPy for the shapes the book needs: same
/// shape, a 1 x n row against every row, an n x 1 column against every column, and scalars.
/// Every matrix product goes through `matmul(_:_:)`, so that a faster kernel can sit behind it.
///
/// What is here is plain Swift. The few operations the training loops spend their time in
/// (`matmul`, the in-place updates, the row kernels) are written for speed in `Speed/`, each
/// tested bit for bit against a plain one-line version; a reader can skip that folder.
import Foundation

public struct Matrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var cols: Int
    /// Row-major elements: element (r, c) is `storage[r * cols + c]`. Changing them drops the
    /// compressed rows and the aligned copy below, which described the old ones.
    public var storage: [Double] {
        didSet {
            compressedRows = nil
            alignedRows = AlignedRows.forChanged(self)
        }
    }
    /// Speed: the nonzero entries alone, kept beside the elements of a mostly-zero matrix (a data
    /// set of images, `skippingZeros()`) so that `matmul` multiplies only those; nil otherwise.
    public internal(set) var compressedRows: CompressedRows?
    /// Speed: where a large matrix that changes (a first layer's weights, after each update)
    /// keeps its rows copied for the sparse products, made once per version of its elements.
    var alignedRows: AlignedRows?

    public init(rows: Int, cols: Int, storage: [Double]) {
        precondition(rows >= 0 && cols >= 0, "Matrix: negative shape (\(rows), \(cols))")
        precondition(
            storage.count == rows * cols,
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

    /// Equal shapes and elements (the compressed rows only repeat the elements).
    public static func == (a: Matrix, b: Matrix) -> Bool {
        a.rows == b.rows && a.cols == b.cols && a.storage == b.storage
    }

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
        precondition(
            row >= 0 && row < rows && col >= 0 && col < cols,
            "Matrix: index (\(row), \(col)) is out of bounds for shape \(shapeDescription)")
    }

    public func row(_ r: Int) -> [Double] { Array(storage[(r * cols)..<((r + 1) * cols)]) }

    /// Rows `range` as a matrix (a mini-batch slice of a data set). All the rows are the matrix
    /// itself, shared rather than copied (copy-on-write), as a 60000-image set must not be.
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= rows,
            "rows: \(range) out of range for \(rows) rows")
        if range == 0..<rows { return self }
        let elements = storage[(range.lowerBound * cols)..<(range.upperBound * cols)]
        var slice = Matrix(rows: range.count, cols: cols, storage: Array(elements))
        slice.compressedRows = compressedRows?.rows(range)
        return slice
    }

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
    public static func elementwise(
        _ a: Matrix, _ b: Matrix, _ symbol: String,
        _ op: (Double, Double) -> Double
    ) -> Matrix {
        let rows = broadcastDimension(a.rows, b.rows, a, b, symbol)
        let cols = broadcastDimension(a.cols, b.cols, a, b, symbol)
        var out = Matrix(rows: rows, cols: cols)
        let aRowStep = a.rows == 1 ? 0 : a.cols, aColStep = a.cols == 1 ? 0 : 1
        let bRowStep = b.rows == 1 ? 0 : b.cols, bColStep = b.cols == 1 ? 0 : 1
        for r in 0..<rows {
            for c in 0..<cols {
                out.storage[r * cols + c] = op(
                    a.storage[r * aRowStep + c * aColStep],
                    b.storage[r * bRowStep + c * bColStep])
            }
        }
        return out
    }

    private static func broadcastDimension(
        _ x: Int, _ y: Int, _ a: Matrix, _ b: Matrix,
        _ symbol: String
    ) -> Int {
        if x == y { return x }
        if x == 1 { return y }
        if y == 1 { return x }
        preconditionFailure(
            "shape mismatch: operands with shapes \(a.shapeDescription) and "
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
            // out[c] += x[r, c] for r = 0, 1, ... (the loop is in Speed/ElementwiseKernels.swift)
            return sumOfRows()
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
        return (0..<rows).map { r in
            let start = r * cols
            var best = start
            for i in (start + 1)..<(start + cols) where storage[i] > storage[best] { best = i }
            return best - start
        }
    }
}

// MARK: - The matrix product

// `matmul(a, b)` is `np.dot(a, b)`: it calls OpenBLAS, in `Speed/Products.swift`, next to
// `referenceMatmul`, the same product as three plain loops.
