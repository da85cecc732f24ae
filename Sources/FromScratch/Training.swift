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

    /// Iterations per epoch, `max(train_size / batch_size, 1)`.
    public func iterationsPerEpoch(trainSize: Int) -> Int { max(trainSize / batchSize, 1) }
}

/// What a training run records.
public struct TrainingHistory: Sendable {
    /// The mini-batch loss after each iteration's update.
    public var losses: [Double] = []
    /// The iterations at which accuracy was measured (0, 600, 1200, ...).
    public var evaluatedAt: [Int] = []
    public var trainAccuracy: [Double] = []
    public var testAccuracy: [Double] = []
}

/// Trains `net` on (`trainImages`, `trainLabels`), drawing every batch from `random` with
/// `choice(train_size, batch_size)` — so after `RandomState(seed:)` the batches are NumPy's.
/// `progress(iteration, history)` is called after every iteration.
public func train(_ net: TwoLayerNet, trainImages: Matrix, trainLabels: [Int], testImages: Matrix, testLabels: [Int],
                  schedule: TrainingSchedule, random: inout RandomState,
                  progress: (Int, TrainingHistory) -> Void = { _, _ in }) -> TrainingHistory {
    precondition(trainImages.rows == trainLabels.count && testImages.rows == testLabels.count,
                 "train: images and labels differ in number")
    let perEpoch = schedule.iterationsPerEpoch(trainSize: trainImages.rows)
    var history = TrainingHistory()
    history.losses.reserveCapacity(schedule.iterations)
    for i in 0..<schedule.iterations {
        let mask = random.choice(trainImages.rows, size: schedule.batchSize)
        let x = trainImages.gathering(rows: mask)
        let t = mask.map { trainLabels[$0] }
        net.update(with: net.gradients(x, labels: t), learningRate: schedule.learningRate)
        history.losses.append(net.loss(x, labels: t))
        if i % perEpoch == 0 {
            history.evaluatedAt.append(i)
            history.trainAccuracy.append(net.accuracy(trainImages, labels: trainLabels))
            history.testAccuracy.append(net.accuracy(testImages, labels: testLabels))
        }
        progress(i, history)
    }
    return history
}
