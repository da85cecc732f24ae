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
///
/// The per-epoch accuracies are measured on a copy of the weights on a second thread while
/// training goes on: they do not feed back into training, so the results are the same as
/// measuring in line, and a quarter of the run (evaluating 70000 images 17 times) leaves the
/// critical path. The history is complete when `train` returns.
public func train(_ net: TwoLayerNet, trainImages: Matrix, trainLabels: [Int], testImages: Matrix, testLabels: [Int],
                  schedule: TrainingSchedule, random: inout RandomState,
                  progress: (Int, TrainingHistory) -> Void = { _, _ in }) -> TrainingHistory {
    precondition(trainImages.rows == trainLabels.count && testImages.rows == testLabels.count,
                 "train: images and labels differ in number")
    let perEpoch = schedule.iterationsPerEpoch(trainSize: trainImages.rows)
    var history = TrainingHistory()
    history.losses.reserveCapacity(schedule.iterations)
    let evaluations = BackgroundEvaluations()
    for i in 0..<schedule.iterations {
        let mask = random.choice(trainImages.rows, size: schedule.batchSize)
        let x = trainImages.gathering(rows: mask)
        let t = mask.map { trainLabels[$0] }
        net.trainingStep(x, labels: t, learningRate: schedule.learningRate)
        history.losses.append(net.loss(x, labels: t))
        if i % perEpoch == 0 {
            history.evaluatedAt.append(i)
            let snapshot = net.copy()
            evaluations.add {
                (snapshot.accuracy(trainImages, labels: trainLabels), snapshot.accuracy(testImages, labels: testLabels))
            }
            // Accuracies finished so far, for progress reports.
            (history.trainAccuracy, history.testAccuracy) = evaluations.finished()
        }
        progress(i, history)
    }
    (history.trainAccuracy, history.testAccuracy) = evaluations.all()
    return history
}

/// Evaluations run one after another on a background queue, their results kept in order.
private final class BackgroundEvaluations: @unchecked Sendable {
    private let queue = DispatchQueue(label: "evaluations")
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var results: [Int: (Double, Double)] = [:]
    private var count = 0

    func add(_ evaluate: @escaping () -> (Double, Double)) {
        let index = count
        count += 1
        queue.async(group: group) {
            let result = evaluate()
            self.lock.withLock { self.results[index] = result }
        }
    }

    /// The results that are ready, in order, up to the first one still running.
    func finished() -> ([Double], [Double]) {
        lock.withLock {
            let ready = (0..<count).prefix { results[$0] != nil }.map { results[$0]! }
            return (ready.map(\.0), ready.map(\.1))
        }
    }

    func all() -> ([Double], [Double]) {
        group.wait()
        return finished()
    }
}
