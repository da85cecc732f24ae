/// Speed: a reader can skip this file. It holds the row operations of a training step, each the
/// plain loop of its comment (and of `RowKernelTests`), to the bit: gathering a mini-batch's rows
/// (shared by both cores when one is lent) and the softmax of every row, in place.
import Foundation

extension Matrix {
    /// The rows at `indices`, in that order (NumPy's `x[batch_mask]`):
    /// `Matrix(indices.map { row($0) })`, with their compressed rows if the matrix has them.
    public func gathering(rows indices: [Int]) -> Matrix {
        for i in indices { precondition(i >= 0 && i < rows, "gathering: row \(i) out of range for \(rows) rows") }
        let (n, cols) = (indices.count, cols)
        var batch = Matrix(
            rows: n, cols: cols,
            storage: [Double](unsafeUninitializedCapacity: n * cols) { out, count in
                storage.withUnsafeBufferPointer { source in
                    let (to, from) = (out.baseAddress!, source.baseAddress!)
                    func copy(_ part: Range<Int>) {
                        for r in part { (to + r * cols).initialize(from: from + indices[r] * cols, count: cols) }
                    }
                    // Rows scattered over a whole data set come from memory, not cache: the two cores
                    // each fetch half of a mini-batch.
                    SecondCore.splitting(n, into: n * cols >= 1 << 15 ? 2 : 1, copy)
                }
                count = n * cols
            })
        batch.compressedRows = compressedRows?.gathering(rows: indices)
        return batch
    }

    /// Every row replaced by its softmax, exp(x − max) / Σ exp(x − max), in place (or without
    /// the shift, the naive formula), the sum left to right: `softmax(_:)`'s loop.
    public mutating func softmaxEachRow(subtractingMax: Bool = true) {
        let (rows, cols) = (rows, cols)
        guard cols > 0 else { return }
        storage.withUnsafeMutableBufferPointer { p in
            for r in 0..<rows {
                let row = UnsafeMutableBufferPointer(rebasing: p[(r * cols)..<((r + 1) * cols)])
                let top = subtractingMax ? row.max()! : 0
                var total = 0.0
                for c in 0..<cols {
                    row[c] = exp(row[c] - top)
                    total += row[c]
                }
                for c in 0..<cols { row[c] /= total }
            }
        }
    }
}
