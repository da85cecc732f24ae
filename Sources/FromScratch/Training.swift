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

/// Trains `net` on (`trainImages`, `trainLabels`) as the book's `train_neuralnet.py` does: each
/// iteration draws a mini-batch with `choice(train_size, batch_size)` from `random` (so after
/// `RandomState(seed:)` the batches are NumPy's), takes one SGD step (the book's
/// `params[key] -= learning_rate * grad[key]`) and records the batch loss after it;
/// at the end of each epoch it measures the accuracy on the whole training and test sets.
/// `progress(iteration, history)` is called after every iteration.
///
/// The accuracies are measured by `EpochAccuracies` (Speed/), which works on a copy of the
/// weights on the machine's second core while training goes on; they do not feed back into
/// training, so the results are those of measuring in line, and the history is complete when
/// `train` returns.
public func train<Images: InputRows>(
    _ net: TwoLayerNet, trainImages: Images, trainLabels: [Int], testImages: Images, testLabels: [Int],
    schedule: TrainingSchedule, random: inout RandomState,
    progress: (Int, TrainingHistory) -> Void = { _, _ in }
) -> TrainingHistory {
    precondition(
        trainImages.rows == trainLabels.count && testImages.rows == testLabels.count,
        "train: images and labels differ in number")
    let epoch = schedule.epoch(trainSize: trainImages.rows)
    var optimizer = SGD(learningRate: schedule.learningRate)
    var history = TrainingHistory()
    history.losses.reserveCapacity(schedule.iterations)
    return EpochAccuracies.measuring(on: [(trainImages, trainLabels), (testImages, testLabels)]) { accuracies in
        for i in 0..<schedule.iterations {
            let batchMask = random.choice(trainImages.rows, size: schedule.batchSize)
            let xBatch = trainImages.gathering(rows: batchMask)
            let tBatch = batchMask.map { trainLabels[$0] }
            let grad = net.gradients(xBatch, labels: tBatch)
            net.update(with: grad, optimizer: &optimizer)
            history.losses.append(net.loss(xBatch, labels: tBatch))
            if epoch.ends(after: i) {
                history.evaluatedAt.append(i)
                accuracies.measure(net)  // network.accuracy(x_train, t_train), network.accuracy(x_test, t_test)
                (history.trainAccuracy, history.testAccuracy) = accuracies.finished()
            }
            progress(i, history)
        }
        (history.trainAccuracy, history.testAccuracy) = accuracies.all()
        return history
    }
}
