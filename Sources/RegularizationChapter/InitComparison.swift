import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// DLfS 6.2.4 (`ch06/weight_init_compare.py`, fig 6-15): the same five-layer ReLU net
/// (784-100-100-100-100-10) started from std 0.01, Xavier and He initial weights, trained side
/// by side with SGD (lr 0.01) on the same 2000 batches of 128 MNIST images.
///
/// As in the book, `numpy.random.seed(seed)` is followed by the three nets' weights, in that
/// order, and then by the batches; the three nets then train in parallel.
public struct InitComparison: Sendable, MNISTExperiment {
    public static let commands: [any ParsableCommand.Type] = [InitMNIST.self]
    public static let bookSetup = Setup()
    public func figuresOfRun() -> [Figure] { [figure()] }

    public struct Setup: Hashable, Sendable {
        public var inits: [MultiLayerNet.WeightInit]
        public var hiddenSizes = [100, 100, 100, 100]
        public var iterations = 2000
        public var batchSize = 128
        public var learningRate = 0.01
        public var seed: UInt32 = 0

        /// The book's three, in the book's order.
        public static let bookInits: [MultiLayerNet.WeightInit] = [.std(0.01), .xavier, .he]

        public init(inits: [MultiLayerNet.WeightInit] = bookInits) { self.inits = inits }

        public var architecture: String { ([784] + hiddenSizes + [10]).map(String.init).joined(separator: "-") }
    }

    public let setup: Setup
    /// The mini-batch loss after each iteration's update, per initialisation (in `setup.inits` order).
    public let losses: [[Double]]
    public let seconds: Double

    public static func run(_ setup: Setup, showProgress: Bool = true) throws -> InitComparison {
        try cache.value(for: setup) {
            let mnist = try MNISTData.shared()
            return run(setup, images: mnist.trainImages, labels: mnist.trainLabels, showProgress: showProgress)
        }
    }

    private static let cache = RunCache<Setup, InitComparison>()

    public static func run(_ setup: Setup, images: some InputRows, labels: [Int], showProgress: Bool = false)
        -> InitComparison
    {
        var random = RandomState(seed: setup.seed)
        let nets = setup.inits.map { weightInit in
            MultiLayerNet(
                inputSize: MNIST.pixelsPerImage, hiddenSizes: setup.hiddenSizes, outputSize: MNIST.classCount,
                activation: .relu, weightInit: weightInit, random: &random)
        }
        let batches = SideBySideTraining.drawBatches(
            iterations: setup.iterations, trainSize: images.rows,
            batchSize: setup.batchSize, random: &random)
        let bar =
            showProgress
            ? SharedProgressBar(
                "training \(setup.architecture) from " + setup.inits.map(\.description).joined(separator: ", "),
                total: setup.iterations * nets.count, every: 20) : nil
        let started = Date()
        let losses = SideBySideTraining.train(
            nets, optimizers: nets.map { _ in SGD(learningRate: setup.learningRate) },
            images: images, labels: labels, batches: batches
        ) { _, _, _ in bar?.advance() }
        return InitComparison(setup: setup, losses: losses, seconds: Date().timeIntervalSince(started))
    }

    /// Iterations averaged for the final loss: the last 100 (the book prints every 100).
    public static let finalWindow = 100

    public func finalLoss(_ k: Int) -> Double {
        let tail = losses[k].suffix(Self.finalWindow)
        return tail.reduce(0, +) / Double(tail.count)
    }

    public func meanLoss(_ k: Int) -> Double { losses[k].reduce(0, +) / Double(losses[k].count) }

    func index(_ weightInit: MultiLayerNet.WeightInit) -> Int? { setup.inits.firstIndex(of: weightInit) }

    func summary() -> String {
        setup.inits.indices.map { "\(setup.inits[$0]) \(String(format: "%.3f", finalLoss($0)))" }.joined(
            separator: ", ")
    }

    // MARK: - The book's reading of fig 6-15

    /// "With std 0.01 learning does not happen at all": the loss stays at ln 10 ≈ 2.303, a uniform guess.
    var smallStdDoesNotLearn: Finding {
        guard let k = index(.std(0.01)) else { return Finding(.error("the run has no std 0.01 net")) }
        let first = losses[k].prefix(Self.finalWindow).reduce(0, +) / Double(Self.finalWindow)
        return Finding(
            .claim(
                holds: abs(finalLoss(k) - log(10.0)) < 0.01 && abs(first - log(10.0)) < 0.01,
                detail: String(
                    format: "mean loss %.4f over the first and %.4f over the last %d iterations; ln 10 = %.4f "
                        + "(a uniform guess over 10 classes)", first, finalLoss(k), Self.finalWindow, log(10.0))))
    }

    /// "Xavier and He learn smoothly, He faster": both end far below 2.3, He has the lower loss over the run.
    var heLearnsFastest: Finding {
        guard let x = index(.xavier), let h = index(.he) else {
            return Finding(.error("the run needs Xavier and He nets"))
        }
        let holds = finalLoss(x) < 0.5 && finalLoss(h) < 0.5 && meanLoss(h) < meanLoss(x)
        return Finding(
            .claim(
                holds: holds,
                detail: "final loss (mean of the last \(Self.finalWindow) iterations): \(summary()); "
                    + String(format: "mean over the run: Xavier %.3f, He %.3f", meanLoss(x), meanLoss(h))))
    }

    static func bookFinding(_ claim: (InitComparison) -> Finding) -> Finding { .catching { claim(try run(Setup())) } }

    public static let rows: [String: () -> Finding] = [
        "init-mnist-std-0.01": { bookFinding(\.smallStdDoesNotLearn) },
        "init-mnist-he-fastest": { bookFinding(\.heLearnsFastest) },
    ]

    /// Fig 6-15: the smoothed losses.
    public func figure(name: String = "init-mnist") -> Figure {
        LearningCurves.smoothedLosses(
            name: name,
            caption:
                "MNIST, \(setup.architecture) ReLU: loss from std 0.01, Xavier and He initial weights (DLfS 6.2.4, fig 6-15); "
                + "SGD lr \(shortest(setup.learningRate)), batch \(setup.batchSize), seed \(setup.seed)",
            title: "Initial weights on MNIST",
            series: setup.inits.indices.map { ("\(setup.inits[$0])", losses[$0]) }, yMax: 2.5, key: "center right")
    }
}

extension InitComparison {
    /// `regularization init-mnist`: fig 6-15 with any initial scales.
    struct InitMNIST: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init-mnist",
            abstract:
                "Train a 5-layer ReLU net on MNIST from several initial weight scales, as weight_init_compare.py (DLfS 6.2.4).",
            discussion:
                "Each --inits entry is a std (0.01), xavier or he. Prints the loss every 100 iterations; progress on stderr."
        )
        @Option(parsing: .upToNextOption, help: "Initial weights: std numbers, xavier, he.") var inits:
            [MultiLayerNet.WeightInit] = InitComparison.Setup.bookInits
        @OptionGroup var training: MiniBatchOptions<InitComparison>
        @OptionGroup var rate: LearningRateOption<InitComparison>
        @OptionGroup var random: SeedOption
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            guard !inits.isEmpty, Set(inits).count == inits.count else {
                throw ValidationError("--inits needs distinct entries")
            }
        }

        func run() throws {
            var setup = InitComparison.Setup(inits: inits)
            setup.iterations = training.iterations
            setup.batchSize = training.batchSize
            setup.learningRate = rate.lr
            setup.seed = random.seed
            let result = try InitComparison.run(setup)
            for i in stride(from: 0, to: setup.iterations, by: 100) {
                print(
                    "iteration \(i): "
                        + inits.indices.map { "\(inits[$0]) \(String(format: "%.4f", result.losses[$0][i]))" }
                        .joined(separator: ", "))
            }
            print(
                "final loss (mean of the last \(InitComparison.finalWindow)): \(result.summary())"
                    + String(format: " (%.1f s)", result.seconds))
            try figure.show(result.figure(name: "init-mnist"))
        }
    }
}

extension InitComparison: MiniBatchDefaults, LearningRateDefault {
    public static var iterations: Int { bookSetup.iterations }
    public static var batchSize: Int { bookSetup.batchSize }
    public static var fewestIterations: Int { LossSmoothing.windowLength }
    public static var learningRate: Double { bookSetup.learningRate }
}
