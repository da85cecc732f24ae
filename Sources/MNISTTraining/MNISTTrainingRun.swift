import BookChecks
import ChapterCommandLine
import Datasets
import Foundation
import FromScratch

/// One run of the book's MNIST training script (`train_neuralnet.py`, DLfS 4.5.3 and 5.7.4):
/// a two-layer net 784-50-10 trained with mini-batch SGD, accuracy measured once per epoch.
///
/// The book's run is unseeded; here `numpy.random.seed(seed)` is followed by the same draws
/// (weights, then every batch), so a run is reproducible and comparable across machines.
public struct MNISTTrainingRun: Sendable {
    public struct Setup: Hashable, Sendable {
        public var activation: Activation
        public var hiddenSize = 50
        public var iterations = 10_000
        public var batchSize = 100
        public var learningRate = 0.1
        public var weightInitStd = 0.01
        public var seed: UInt32 = 0

        public init(
            activation: Activation, hiddenSize: Int = 50, iterations: Int = 10_000, batchSize: Int = 100,
            learningRate: Double = 0.1, weightInitStd: Double = 0.01, seed: UInt32 = 0
        ) {
            self.activation = activation
            self.hiddenSize = hiddenSize
            self.iterations = iterations
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.weightInitStd = weightInitStd
            self.seed = seed
        }
    }

    public let setup: Setup
    public let history: TrainingHistory
    public let seconds: Double

    public var finalTrainAccuracy: Double { history.trainAccuracy.last ?? .nan }
    public var finalTestAccuracy: Double { history.testAccuracy.last ?? .nan }

    /// Trains as `setup` says on MNIST from `MNIST_DIR` or the user cache, with a progress bar.
    public static func run(_ setup: Setup, showProgress: Bool = true) throws -> MNISTTrainingRun {
        if let done = cache.stored(setup) { return done }
        let data = try MNISTData.shared()
        var random = RandomState(seed: setup.seed)
        let net = TwoLayerNet(
            inputSize: MNIST.pixelsPerImage, hiddenSize: setup.hiddenSize, outputSize: MNIST.classCount,
            activation: setup.activation, weightInitStd: setup.weightInitStd, random: &random)
        var bar = ProgressBar(
            "training 784-\(setup.hiddenSize)-10 (\(setup.activation.rawValue))", total: setup.iterations)
        let started = Date()
        let history = train(
            net, trainImages: data.trainImages, trainLabels: data.trainLabels,
            testImages: data.testImages, testLabels: data.testLabels,
            schedule: TrainingSchedule(
                iterations: setup.iterations, batchSize: setup.batchSize,
                learningRate: setup.learningRate),
            random: &random
        ) { i, history in
            guard showProgress, (i + 1) % 50 == 0 || i + 1 == setup.iterations else { return }
            let accuracy = history.testAccuracy.last.map { String(format: "test acc %.4f", $0) } ?? ""
            bar.update(i + 1, note: String(format: "loss %.3f %@", history.losses[i], accuracy))
        }
        let result = MNISTTrainingRun(setup: setup, history: history, seconds: Date().timeIntervalSince(started))
        cache.store(result, for: setup)
        return result
    }

    /// Runs already done in this process, so a chapter's check and its figures share one run.
    private static let cache = RunCache<Setup, MNISTTrainingRun>()
}

/// MNIST loaded once per process (from `MNIST_DIR` or the user cache), for every run that needs it.
public enum MNISTData {
    private static let loaded = LoadOnce()

    public static func shared() throws -> MNIST { try loaded.get() }

    private final class LoadOnce: @unchecked Sendable {
        private var value: MNIST?
        private let lock = NSLock()
        func get() throws -> MNIST {
            try lock.withLock {
                if let value { return value }
                let loaded = try MNIST.load(from: try MNISTLocation.ensureFiles(explicit: nil))
                value = loaded
                return loaded
            }
        }
    }
}
