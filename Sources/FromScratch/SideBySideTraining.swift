import Foundation

/// The comparison scripts of DLfS 6.1.8 and 6.2.4: several networks, each with its own optimizer,
/// all trained on the same mini-batches, recording each batch's loss after the update.
public enum SideBySideTraining {
    /// The book's batches, `np.random.choice(train_size, batch_size)` once per iteration.
    public static func drawBatches(iterations: Int, trainSize: Int, batchSize: Int, random: inout RandomState)
        -> [[Int]]
    {
        (0..<iterations).map { _ in random.choice(trainSize, size: batchSize) }
    }

    /// Trains `nets[k]` with `optimizers[k]` on every batch in turn, the networks in parallel
    /// (`parallelMap`, in Speed/: they never look at each other).
    /// Returns each network's losses. `iterationDone(k, i, loss)` is called from the worker
    /// threads; it must be thread-safe.
    public static func train(
        _ nets: [MultiLayerNet], optimizers: [any Optimizer], images: some InputRows, labels: [Int],
        batches: [[Int]], iterationDone: ((Int, Int, Double) -> Void)? = nil
    ) -> [[Double]] {
        precondition(
            nets.count == optimizers.count, "SideBySideTraining: \(nets.count) nets but \(optimizers.count) optimizers")
        return parallelMap(nets.count) { k in
            var optimizer = optimizers[k]
            var losses: [Double] = []
            losses.reserveCapacity(batches.count)
            for (i, mask) in batches.enumerated() {
                let loss = nets[k].trainingStep(
                    images.gathering(rows: mask), labels: mask.map { labels[$0] }, optimizer: &optimizer)
                losses.append(loss)
                iterationDone?(k, i, loss)
            }
            return losses
        }
    }
}
