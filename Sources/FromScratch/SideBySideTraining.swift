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
    /// (they never look at each other): `parallelSharingInputs`, in Speed/, gathers each batch
    /// once per core and hands it to that core's networks one after another.
    /// Returns each network's losses. `iterationDone(k, i, loss)` is called from the worker
    /// threads; it must be thread-safe.
    public static func train(
        _ nets: [MultiLayerNet], optimizers: [any Optimizer], images: some InputRows, labels: [Int],
        batches: [[Int]], iterationDone: ((Int, Int, Double) -> Void)? = nil
    ) -> [[Double]] {
        precondition(
            nets.count == optimizers.count, "SideBySideTraining: \(nets.count) nets but \(optimizers.count) optimizers")
        let runs = optimizers.map { Run(optimizer: $0, iterations: batches.count) }
        parallelSharingInputs(
            jobs: nets.count, steps: batches.count,
            prepare: { i in (x: images.gathering(rows: batches[i]), t: batches[i].map { labels[$0] }) }
        ) { k, i, batch in
            let loss = nets[k].trainingStep(batch.x, labels: batch.t, optimizer: &runs[k].optimizer)
            runs[k].losses.append(loss)
            iterationDone?(k, i, loss)
        }
        return runs.map(\.losses)
    }

    /// One network's optimizer and the losses it has recorded so far.
    private final class Run {
        var optimizer: any Optimizer
        var losses: [Double] = []

        init(optimizer: any Optimizer, iterations: Int) {
            self.optimizer = optimizer
            losses.reserveCapacity(iterations)
        }
    }
}
