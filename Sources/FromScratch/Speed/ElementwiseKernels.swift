/// Speed: a reader can skip this file. Each operation here changes a matrix in place, element
/// by element, and does what its one-line plain version (in its comment, and in
/// `ElementwiseKernelTests`) does, to the bit; it only avoids the temporary copies and the
/// bounds checks of that version, or uses SIMD where the compiler would not.
import CElementwise
import Foundation

extension Matrix {
    /// Every element replaced by `transform` of it: `x = x.map(transform)` without a new matrix.
    /// Meant for costly transforms (the sigmoid's `exp`): a large matrix is done in two halves at
    /// once when the second core is lent (`SecondCore`).
    public mutating func mapInPlace(_ transform: (Double) -> Double) {
        storage.withUnsafeMutableBufferPointer { p in
            func apply(_ range: Range<Int>) { for i in range { p[i] = transform(p[i]) } }
            // exp costs about 5 ns an entry: below a few thousand, handing half over would not pay.
            SecondCore.splitting(p.count, into: p.count >= 4096 ? 2 : 1, apply)
        }
    }

    /// Each element replaced by `combine(element, other's element)`, both matrices of one shape:
    /// `x = zip(x, other).map(combine)` without a new matrix.
    public mutating func combineInPlace(with other: Matrix, _ combine: (Double, Double) -> Double) {
        precondition(
            count == other.count,
            "combineInPlace: shapes \(shapeDescription) and \(other.shapeDescription) differ")
        storage.withUnsafeMutableBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                // Through base addresses, so that the loop is not tied to the buffers' bounds.
                guard let xp = x.baseAddress, let yp = y.baseAddress else { return }
                for i in 0..<x.count { xp[i] = combine(xp[i], yp[i]) }
            }
        }
    }

    /// A new matrix of `combine(element, other's element)`, both matrices of one shape, written
    /// in one pass: `zip(x, other).map(combine)`, where copying x and combining in place would
    /// pass over the result twice.
    public func combined(with other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        precondition(
            count == other.count,
            "combined: shapes \(shapeDescription) and \(other.shapeDescription) differ")
        let n = count
        let elements = storage.withUnsafeBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                [Double](unsafeUninitializedCapacity: n) { out, initialized in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: combine(x[i], y[i])) }
                    initialized = n
                }
            }
        }
        return Matrix(rows: rows, cols: cols, storage: elements)
    }

    /// The rows added one after another, as NumPy adds along axis 0 (`sum(axis: 0)`): a 1 x cols
    /// row whose element c is ((0 + x[0, c]) + x[1, c]) + ... In C (`sum_of_rows`), eight
    /// columns at a time down the rows, where the indexed loop would check the bounds and the
    /// result's uniqueness at every addition.
    func sumOfRows() -> Matrix {
        let (m, n) = (rows, cols)
        var out = Matrix(rows: 1, cols: n)
        guard m > 0, n > 0 else { return out }
        out.storage.withUnsafeMutableBufferPointer { total in
            storage.withUnsafeBufferPointer { x in sum_of_rows(total.baseAddress!, x.baseAddress!, Int64(m), Int64(n)) }
        }
        return out
    }

    /// self + scale · other, a new matrix written in one pass (L2's `dW + λ·W`), eight elements at
    /// a time in C (`scaled_sum`), the product rounded before the sum as NumPy rounds it.
    public func addingScaled(_ other: Matrix, by scale: Double) -> Matrix {
        precondition(
            rows == other.rows && cols == other.cols,
            "addingScaled: shapes \(shapeDescription) and \(other.shapeDescription) differ")
        let n = count
        let elements = storage.withUnsafeBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                [Double](unsafeUninitializedCapacity: n) { out, initialized in
                    if n > 0 { scaled_sum(out.baseAddress!, x.baseAddress!, y.baseAddress!, Int64(n), scale) }
                    initialized = n
                }
            }
        }
        return Matrix(rows: rows, cols: cols, storage: elements)
    }

    /// self −= scale · other, in one pass and without a temporary (the book's `W -= lr * dW`),
    /// as self + (−scale) · other in C (`scaled_sum`; negating the scale is exact). A large
    /// matrix (W1) is done in two halves at once when the second core is lent, and keeps its new
    /// rows on cache lines for the sparse products (`AlignedRows`): each block of rows is copied
    /// there as soon as it is updated, while it is in cache, where the next product would read
    /// the whole matrix again to copy it.
    public mutating func subtractScaled(_ other: Matrix, by scale: Double) {
        precondition(
            rows == other.rows && cols == other.cols,
            "subtractScaled: shapes \(shapeDescription) and \(other.shapeDescription) differ")
        let (m, n) = (rows, cols)
        let aligned = AlignedRows.forChanged(self)
        storage.withUnsafeMutableBufferPointer { p in
            other.storage.withUnsafeBufferPointer { q in
                guard let pp = p.baseAddress, let qp = q.baseAddress else { return }
                func update(_ part: Range<Int>) {
                    scaled_sum(
                        pp + part.lowerBound, pp + part.lowerBound, qp + part.lowerBound, Int64(part.count), -scale)
                }
                guard let aligned else {
                    SecondCore.splitting(p.count, into: p.count >= 1 << 14 ? 2 : 1, update)
                    return
                }
                SecondCore.splitting(m, into: 2) { rowsOfPart in
                    for first in stride(from: rowsOfPart.lowerBound, to: rowsOfPart.upperBound, by: 16) {
                        let block = first..<min(first + 16, rowsOfPart.upperBound)
                        update(block.lowerBound * n..<block.upperBound * n)
                        aligned.copyIn(rows: block, of: pp, cols: n)
                    }
                }
            }
        }
        // The change has just dropped the old copy (storage's didSet); this one holds the new rows.
        if let aligned { alignedRows = aligned }
    }

    /// x *= s, every element, in place.
    public static func *= (x: inout Matrix, s: Double) {
        x.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] *= s }
        }
    }

    /// Every element that is not positive (negative, ±0 or NaN) set to +0: ReLU's max(x, 0),
    /// `x[i] = x[i] > 0 ? x[i] : 0`. In C (`zero_unless_positive`): the vector max of x and +0
    /// gives +0 for NaN and −0, as the comparison does.
    public mutating func zeroUnlessPositive() {
        let n = count
        guard n > 0 else { return }
        storage.withUnsafeMutableBufferPointer { zero_unless_positive($0.baseAddress!, Int64(n)) }
    }

    /// Every element set to +0 where `kept`, of the same shape, is not positive: ReLU's backward
    /// `dout[mask] = 0`, with the forward output as the mask: `d[i] = kept[i] > 0 ? d[i] : 0`,
    /// in C (`zero_where_not_positive`).
    public mutating func zeroWhereNotPositive(in kept: Matrix) {
        precondition(
            count == kept.count,
            "zeroWhereNotPositive: shapes \(shapeDescription) and \(kept.shapeDescription) differ")
        let n = count
        guard n > 0 else { return }
        storage.withUnsafeMutableBufferPointer { d in
            kept.storage.withUnsafeBufferPointer { y in
                zero_where_not_positive(d.baseAddress!, y.baseAddress!, Int64(n))
            }
        }
    }

    /// Every element set to +0 where `kept` (one flag per element, row-major) is false:
    /// dropout's `x * mask`, except that a dropped element is always +0.
    public mutating func zeroUnless(_ kept: [Bool]) {
        precondition(count == kept.count, "zeroUnless: \(kept.count) flags for \(count) elements")
        storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices where !kept[i] { p[i] = 0 }
        }
    }
}
