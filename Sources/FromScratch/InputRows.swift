/// What training and evaluation read from a data set: how many rows, a mini-batch of them, a
/// range of them, and the first layer's product with a range of them.
///
/// A `Matrix` is the plain case. MNIST's images are held otherwise: as their nonzero pixels only
/// (`CompressedMatrix`, in Speed/), a fifth of the doubles, as the book holds them in float32
/// rather than float64. A loop written against `InputRows` reads either the same way.
public protocol InputRows: Sendable {
    var rows: Int { get }
    var cols: Int { get }

    /// The rows at `indices`, in that order, as a matrix (NumPy's `x[batch_mask]`).
    func gathering(rows indices: [Int]) -> Matrix

    /// The rows at `indices`, in that order, held as these rows are held: a data set shuffled
    /// or split (`x[permutation]`, `x[:n]`), which training then reads as it read this one.
    func selecting(rows indices: [Int]) -> Self

    /// Rows `range` as a matrix.
    func matrix(rows range: Range<Int>) -> Matrix

    /// Row r (one image, for a figure).
    func row(_ r: Int) -> [Double]

    /// Rows `range` times `w`, plus `bias` on every row: a first layer's forward pass, reading
    /// the rows where they lie.
    func product(rows range: Range<Int>, times w: Matrix, addingRows bias: Matrix?) -> Matrix
}

extension InputRows {
    /// Every row, as a matrix.
    public func matrix() -> Matrix { matrix(rows: 0..<rows) }
}

extension Matrix: InputRows {
    public func selecting(rows indices: [Int]) -> Matrix { gathering(rows: indices) }

    public func matrix(rows range: Range<Int>) -> Matrix { rows(range) }

    public func product(rows range: Range<Int>, times w: Matrix, addingRows bias: Matrix?) -> Matrix {
        matmul(rows: range, of: self, w, addingRows: bias)
    }
}
