import Foundation

/// Mini-batch SGD as the book's `train_neuralnet.py` does it (DLfS 4.5.2-4.5.3, 5.7.4).

/// The book's schedule: 10000 iterations, batches of 100 drawn with replacement, lr 0.1, and the
/// accuracy on the whole training and test sets once per epoch (every 600 iterations for 60000).
public struct TrainingSchedule: Sendable {
    public var iterations = 10_000
    public var batchSize = 100
    public var learningRate = 0.1

    public init(iterations: Int = 10_000, batchSize: Int = 100, learningRate: Double = 0.1) {
        self.iterations = iterations
        self.batchSize = batchSize
        self.learningRate = learningRate
    }

    /// The book's epoch for this batch size (`EpochLength`).
    public func epoch(trainSize: Int) -> EpochLength { EpochLength(trainSize: trainSize, batchSize: batchSize) }
}

/// What a training run records.
public struct TrainingHistory: Sendable {
    /// The mini-batch loss after each iteration's update.
    public var losses: [Double] = []
    /// The iterations at which accuracy was measured (0, 600, 1200, ...).
    public var evaluatedAt: [Int] = []
    public var trainAccuracy: [Double] = []
    public var testAccuracy: [Double] = []

    /// The first iteration whose loss is NaN or infinite: the weights overflowed there.
    public var divergedAt: Int? { losses.firstIndex { !$0.isFinite } }
}

/// Trains `net` on (`trainImages`, `trainLabels`), drawing every batch from `random` with
/// `choice(train_size, batch_size)` — so after `RandomState(seed:)` the batches are NumPy's.
/// `progress(iteration, history)` is called after every iteration.
///
/// The run borrows the second core (`SecondCore`): the big products of each step are shared
/// with it, and in its spare moments it measures the per-epoch accuracies on a copy of the
/// weights. Those do not feed back into training, so the results are the same as measuring in
/// line; the history is complete when `train` returns.
public func train(
    _ net: TwoLayerNet, trainImages: Matrix, trainLabels: [Int], testImages: Matrix, testLabels: [Int],
    schedule: TrainingSchedule, random: inout RandomState,
    progress: (Int, TrainingHistory) -> Void = { _, _ in }
) -> TrainingHistory {
    precondition(
        trainImages.rows == trainLabels.count && testImages.rows == testLabels.count,
        "train: images and labels differ in number")
    let epoch = schedule.epoch(trainSize: trainImages.rows)
    var history = TrainingHistory()
    history.losses.reserveCapacity(schedule.iterations)
    return SecondCore.lend { core in
        let evaluations = BackgroundEvaluations(
            core: core, sets: [(trainImages, trainLabels), (testImages, testLabels)])
        for i in 0..<schedule.iterations {
            let mask = random.choice(trainImages.rows, size: schedule.batchSize)
            let x = trainImages.gathering(rows: mask)
            let t = mask.map { trainLabels[$0] }
            net.trainingStep(x, labels: t, learningRate: schedule.learningRate)
            history.losses.append(net.loss(x, labels: t))
            if epoch.ends(after: i) {
                history.evaluatedAt.append(i)
                evaluations.add(net.copy())
                // Accuracies finished so far, for progress reports.
                (history.trainAccuracy, history.testAccuracy) = evaluations.finished()
            }
            progress(i, history)
        }
        core.finishBackground()
        (history.trainAccuracy, history.testAccuracy) = evaluations.finished()
        return history
    }
}

/// Accuracy measurements queued as background work, a chunk of images per item, their results
/// kept in order.
private final class BackgroundEvaluations: @unchecked Sendable {
    /// Images per background item. 2500 divides MNIST's 60000 and 10000, and keeps each item's
    /// second-layer product (2500 x 50 x 10) on the OpenBLAS path that one product over the whole
    /// set takes, so the accuracies are those of the book's single call. (Smaller items let the
    /// helper return to the training step sooner, but measured no faster overall.)
    static let chunkRows = 2500

    private let core: SecondCore
    private let sets: [(images: Matrix, labels: [Int])]
    private let lock = NSLock()
    /// Per evaluation: correct predictions per set, and the items still to run.
    private var correct: [[Int]] = []
    private var itemsLeft: [Int] = []

    init(core: SecondCore, sets: [(Matrix, [Int])]) {
        self.core = core
        self.sets = sets.map { (images: $0.0, labels: $0.1) }
    }

    /// Queues the accuracy of `snapshot` on every set.
    func add(_ snapshot: TwoLayerNet) {
        let index = lock.withLock {
            correct.append(Array(repeating: 0, count: sets.count))
            itemsLeft.append(0)
            return correct.count - 1
        }
        for (s, set) in sets.enumerated() {
            for start in stride(from: 0, to: set.images.rows, by: Self.chunkRows) {
                let end = min(start + Self.chunkRows, set.images.rows)
                lock.withLock { itemsLeft[index] += 1 }
                core.inBackground {
                    let count = snapshot.correctPredictions(rows: start..<end, of: set.images, labels: set.labels)
                    self.lock.withLock {
                        self.correct[index][s] += count
                        self.itemsLeft[index] -= 1
                    }
                }
            }
        }
    }

    /// The (train, test) accuracies of the evaluations finished so far, in order, up to the first
    /// one still running.
    func finished() -> ([Double], [Double]) {
        lock.withLock {
            let done = itemsLeft.prefix { $0 == 0 }.indices
            let share = { (e: Int, s: Int) in Double(self.correct[e][s]) / Double(self.sets[s].images.rows) }
            return (done.map { share($0, 0) }, done.map { share($0, 1) })
        }
    }
}
