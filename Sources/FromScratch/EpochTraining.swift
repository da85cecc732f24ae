import Foundation

/// The training loop of DLfS chapter 6's experiments: the book's `Trainer` (`common/trainer.py`)
/// and the hand-written loops of `overfit_weight_decay.py` and `batch_norm_test.py`, which differ
/// only in when they stop.
///
/// Each iteration draws a mini-batch with replacement (`np.random.choice(train_size, batch_size)`),
/// computes the gradients and updates the parameters; after the update of every iteration i
/// with i % iter_per_epoch == 0 (i = 0 included, iter_per_epoch = max(train_size/batch_size, 1)
/// as a float) it measures the accuracies: one "epoch".
/// How long an epoch is, as every one of the book's training scripts computes it:
/// `iter_per_epoch = max(train_size / batch_size, 1)` with Python's true division, a float, and an
/// epoch ends after iteration i when `i % iter_per_epoch == 0`. With 60000 images in batches of
/// 128 that is 468.75, so the accuracies are measured at i = 0, 1875, 3750, …: the scripts' schedule,
/// kept for any batch size.
public struct EpochLength: Sendable {
    public let iterations: Double

    public init(trainSize: Int, batchSize: Int) {
        iterations = Swift.max(Double(trainSize) / Double(batchSize), 1)
    }

    public func ends(after iteration: Int) -> Bool { fmod(Double(iteration), iterations) == 0 }
}

public struct EpochSchedule: Hashable, Sendable {
    public enum Stop: Hashable, Sendable {
        /// The scripts' loops: break right after the `epochs`-th measurement.
        case afterLastMeasurement
        /// The book's `Trainer`: int(epochs · iter_per_epoch) updates in all.
        case trainerIterations
    }

    public var epochs: Int
    public var batchSize: Int
    public var stop: Stop

    public init(epochs: Int, batchSize: Int = 100, stop: Stop = .afterLastMeasurement) {
        precondition(
            epochs >= 1 && batchSize >= 1,
            "EpochSchedule: needs at least one epoch and batch size 1, got \(epochs), \(batchSize)")
        self.epochs = epochs
        self.batchSize = batchSize
        self.stop = stop
    }

    public func iterationsPerEpoch(trainSize: Int) -> Double {
        EpochLength(trainSize: trainSize, batchSize: batchSize).iterations
    }

    /// Whether iteration i ends an epoch.
    public func measures(after iteration: Int, trainSize: Int) -> Bool {
        EpochLength(trainSize: trainSize, batchSize: batchSize).ends(after: iteration)
    }

    /// How many updates the loop makes.
    public func updates(trainSize: Int) -> Int {
        switch stop {
        case .trainerIterations:
            return Int(Double(epochs) * iterationsPerEpoch(trainSize: trainSize))
        case .afterLastMeasurement:
            var measured = 0, i = 0
            while true {
                if measures(after: i, trainSize: trainSize) {
                    measured += 1
                    if measured == epochs { return i + 1 }
                }
                i += 1
            }
        }
    }

    /// Draws, and forgets, the mini-batches a run would draw: moves `random` to where the run
    /// leaves it. Runs that draw nothing else (no dropout, no augmentation) can thus be planned
    /// one after another from one stream, as the book's scripts run them, and trained in parallel.
    public func skipBatches(trainSize: Int, random: inout RandomState) {
        for _ in 0..<updates(trainSize: trainSize) { _ = random.choice(trainSize, size: batchSize) }
    }
}

/// Accuracy per epoch, as the book's `train_acc_list` and `test_acc_list`.
public struct EpochCurves: Hashable, Sendable {
    public var trainAccuracy: [Double] = []
    public var testAccuracy: [Double] = []
    public var updates = 0

    public init() {}
}

/// Trains `net` as `schedule` says and returns the accuracy after each epoch.
///
/// - `augment` changes each mini-batch before training (data augmentation); it may draw from
///   the stream, after the batch's indices.
/// - With no test images, only the training accuracy is measured (as `batch_norm_test.py`).
/// - `progress` is told the epoch and the curves so far after each measurement.
/// Dropout's masks are drawn from `random` too, as the book draws them from NumPy's stream.
public func trainInEpochs<O: Optimizer>(
    _ net: MultiLayerNet, optimizer: inout O, schedule: EpochSchedule,
    trainImages: some InputRows, trainLabels: [Int], testImages: some InputRows, testLabels: [Int],
    random: inout RandomState,
    augment: ((Matrix, inout RandomState) -> Matrix)? = nil,
    progress: ((Int, EpochCurves) -> Void)? = nil
) -> EpochCurves {
    let trainSize = trainImages.rows
    precondition(
        trainSize == trainLabels.count && trainSize > 0,
        "trainInEpochs: \(trainSize) images, \(trainLabels.count) labels")
    precondition(
        testImages.rows == testLabels.count, "trainInEpochs: \(testImages.rows) test images, \(testLabels.count) labels"
    )
    var curves = EpochCurves()
    let updates = schedule.updates(trainSize: trainSize)
    for i in 0..<updates {
        let mask = random.choice(trainSize, size: schedule.batchSize)
        var x = trainImages.gathering(rows: mask)
        if let augment { x = augment(x, &random) }
        let t = mask.map { trainLabels[$0] }
        let grads =
            net.dropoutLayers.isEmpty ? net.gradients(x, labels: t) : net.gradients(x, labels: t, random: &random)
        net.update(with: grads, optimizer: &optimizer)
        if schedule.measures(after: i, trainSize: trainSize) {
            curves.trainAccuracy.append(net.accuracy(trainImages, labels: trainLabels))
            if testImages.rows > 0 { curves.testAccuracy.append(net.accuracy(testImages, labels: testLabels)) }
            progress?(curves.trainAccuracy.count, curves)
        }
    }
    curves.updates = updates
    return curves
}
