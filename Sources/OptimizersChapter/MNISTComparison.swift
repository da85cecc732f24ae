import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// DLfS 6.1.8 (`optimizer_compare_mnist.py`, fig 6-9): the optimizers train the same kind of
/// network on MNIST side by side.
///
/// Each optimizer gets its own 784-100-100-100-100-10 ReLU net with He initial weights (the
/// book's `MultiLayerNet` defaults), and all of them see the same 2000 mini-batches of 128
/// images, drawn with replacement. The optimizers keep the defaults of the book's classes
/// (lr 0.01; Adam 0.001). As in the book, `numpy.random.seed(seed)` is followed by every net's
/// weights, in the optimizers' order, and then by the batches, so a run repeats exactly.
public struct MNISTComparison: Sendable, MNISTExperiment {
    public static let commands: [any ParsableCommand.Type] = [MNISTRun.self]
    public static let bookSetup = Setup()
    public func figuresOfRun() -> [Figure] { [Self.figure(self)] }

    public struct Setup: Hashable, Sendable {
        public var optimizers: [OptimizerKind] = Setup.bookOptimizers
        public var hiddenSizes: [Int] = [100, 100, 100, 100]
        public var iterations: Int = 2000
        public var batchSize: Int = 128
        public var seed: UInt32 = 0
        /// Train on the first n training images only (quick runs); nil for all 60000.
        public var trainingImages: Int? = nil

        /// The book's optimizers, in the book's order.
        public static let bookOptimizers: [OptimizerKind] = [.sgd, .momentum, .adagrad, .adam]

        public var architecture: String { ([784] + hiddenSizes + [10]).map(String.init).joined(separator: "-") }
    }

    public let setup: Setup
    /// The mini-batch loss after each iteration's update, per optimizer.
    public let losses: [OptimizerKind: [Double]]
    public let seconds: Double

    /// The curve the book draws: `smooth_curve` of the losses.
    public func smoothed(_ kind: OptimizerKind) -> [Double] { LossSmoothing.smoothCurve(losses[kind]!) }

    /// Iterations averaged for the final loss: the last 100 (the book's report interval).
    public static let finalWindow = 100

    /// The mean loss over the last 100 iterations: where training has got to, without the
    /// noise of single batches.
    public func finalLoss(_ kind: OptimizerKind) -> Double {
        let tail = losses[kind]!.suffix(Self.finalWindow)
        return tail.reduce(0, +) / Double(tail.count)
    }

    /// The mean loss over the whole run: the area under the curve, small when learning is fast.
    public func meanLoss(_ kind: OptimizerKind) -> Double {
        let all = losses[kind]!
        return all.reduce(0, +) / Double(all.count)
    }

    /// Trains as `setup` says on MNIST from `MNIST_DIR` or the user cache (once per process).
    public static func run(_ setup: Setup, showProgress: Bool = true) throws -> MNISTComparison {
        try cache.value(for: setup) {
            let mnist = try MNISTData.shared()
            let count = min(setup.trainingImages ?? mnist.trainImages.rows, mnist.trainImages.rows)
            return run(
                setup, images: mnist.trainImages.rows(0..<count), labels: Array(mnist.trainLabels[0..<count]),
                showProgress: showProgress)
        }
    }

    /// The book's loop on the given images: weights for every net, then per iteration one batch
    /// that every optimizer trains on. The batches are drawn first, in the book's order, so the
    /// networks can then train in parallel and still see the book's batches.
    public static func run(_ setup: Setup, images: some InputRows, labels: [Int], showProgress: Bool = false)
        -> MNISTComparison
    {
        precondition(
            images.rows == labels.count && images.rows > 0,
            "MNISTComparison: \(images.rows) images, \(labels.count) labels")
        var random = RandomState(seed: setup.seed)
        let nets = setup.optimizers.map { _ in
            MultiLayerNet(
                inputSize: MNIST.pixelsPerImage, hiddenSizes: setup.hiddenSizes, outputSize: MNIST.classCount,
                activation: .relu, weightInit: .he, random: &random)
        }
        let batches = SideBySideTraining.drawBatches(
            iterations: setup.iterations, trainSize: images.rows,
            batchSize: setup.batchSize, random: &random)
        let names = setup.optimizers.map(\.bookName).joined(separator: ", ")
        let bar =
            showProgress
            ? SharedProgressBar(
                "training \(setup.architecture) with \(names)",
                total: setup.iterations * nets.count, every: 20) : nil
        let started = Date()
        let losses = SideBySideTraining.train(
            nets, optimizers: setup.optimizers.map { $0.make() }, images: images, labels: labels,
            batches: batches
        ) { _, _, _ in bar?.advance() }
        return MNISTComparison(
            setup: setup, losses: Dictionary(uniqueKeysWithValues: zip(setup.optimizers, losses)),
            seconds: Date().timeIntervalSince(started))
    }

    private static let cache = RunCache<Setup, MNISTComparison>()

    // MARK: - The book's reading of fig 6-9

    /// "The other three learn faster than SGD": every other optimizer ends below half of SGD's loss
    /// and has the lower loss over the run as a whole.
    public var othersLearnFaster: Finding {
        let sgd = Self.finalLossSummary(self)
        let others = setup.optimizers.filter { $0 != .sgd }
        let holds =
            losses[.sgd] != nil && !others.isEmpty
            && others.allSatisfy {
                finalLoss($0) < finalLoss(.sgd) / 2 && meanLoss($0) < meanLoss(.sgd)
            }
        return Finding(
            .claim(holds: holds, detail: "final loss (mean of the last \(Self.finalWindow) iterations): \(sgd)"))
    }

    /// "Looked at closely, AdaGrad learns a little faster": AdaGrad has the lowest loss over the run.
    public var adagradSlightlyFastest: Finding {
        let ranked = setup.optimizers.sorted { meanLoss($0) < meanLoss($1) }
        return Finding(
            .claim(
                holds: ranked.first == .adagrad,
                detail: "mean loss over all \(setup.iterations) iterations: "
                    + ranked.map { "\($0.bookName) \(String(format: "%.3f", meanLoss($0)))" }.joined(separator: ", ")))
    }

    static func finalLossSummary(_ run: MNISTComparison) -> String {
        run.setup.optimizers.map { "\($0.bookName) \(String(format: "%.3f", run.finalLoss($0)))" }.joined(
            separator: ", ")
    }

    /// A row's finding from the book's run, or the error (MNIST missing, say) as the result.
    static func bookFinding(_ claim: (MNISTComparison) -> Finding) -> Finding { .catching { claim(try run(Setup())) } }

    public static let rows: [String: () -> Finding] = [
        "mnist-others-faster": { bookFinding(\.othersLearnFaster) },
        "mnist-adagrad-fastest": { bookFinding(\.adagradSlightlyFastest) },
    ]
}

extension MNISTComparison {
    /// The smoothed mini-batch loss of each optimizer on MNIST (DLfS fig 6-9).
    public static func figure(_ run: MNISTComparison, name: String = "mnist-optimizers") -> Figure {
        let setup = run.setup
        return LearningCurves.smoothedLosses(
            name: name,
            caption: "MNIST, \(setup.architecture) ReLU, He initial weights: loss per optimizer (DLfS 6.1.8, fig 6-9); "
                + "batch \(setup.batchSize), seed \(setup.seed)",
            title: "Optimizers on MNIST",
            series: setup.optimizers.map {
                ("\($0.bookName) (lr \(shortest($0.defaultLearningRate)))", run.losses[$0]!)
            },
            colors: setup.optimizers.map(Palette.color))
    }
}

extension MNISTComparison {
    /// DLfS 6.1.8: the optimizers on MNIST.
    struct MNISTRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mnist",
            abstract:
                "Train one 5-layer net per optimizer on MNIST, as optimizer_compare_mnist.py (DLfS 6.1.8; progress on stderr).",
            discussion:
                "The book's run: SGD, Momentum, AdaGrad and Adam with their default rates, 2000 batches of 128. "
                + "--optimizers all adds Nesterov and RMSprop.")
        @Option(
            help: ArgumentHelp(
                "Comma-separated optimizers, each once: "
                    + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ") + "; or all."))
        var optimizers = OptimizerList(MNISTComparison.Setup.bookOptimizers)
        @OptionGroup var training: MiniBatchOptions<MNISTComparison>
        @OptionGroup var random: SeedOption
        @Option(help: "Train on the first n training images only.") var trainingImages: Int?
        @Flag(help: "Print every optimizer's loss per iteration as JSON.") var json = false
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            if let trainingImages {
                try FlagCheck.within(trainingImages, 1...60_000, "--training-images")
                guard training.batchSize <= trainingImages else {
                    throw ValidationError(
                        "--batch-size \(training.batchSize) is more than the \(trainingImages) --training-images to draw it from"
                    )
                }
            }
        }

        func run() throws {
            let setup = MNISTComparison.Setup(
                optimizers: optimizers.kinds, iterations: training.iterations, batchSize: training.batchSize,
                seed: random.seed, trainingImages: trainingImages)
            let result = try MNISTComparison.run(setup)
            if json {
                let fields = setup.optimizers.map {
                    "\"\($0.bookName)\": [" + result.losses[$0]!.map { "\($0)" }.joined(separator: ", ") + "]"
                }
                print("{" + fields.joined(separator: ", ") + "}")
            } else {
                for i in stride(from: 0, to: setup.iterations, by: 100) {
                    print(
                        "iteration \(i): "
                            + setup.optimizers.map { "\($0.bookName) \(String(format: "%.4f", result.losses[$0]![i]))" }
                            .joined(separator: ", "))
                }
                print(
                    "final loss (mean of the last \(MNISTComparison.finalWindow)): \(MNISTComparison.finalLossSummary(result))"
                        + String(format: " (%.1f s)", result.seconds))
            }
            try figure.show(MNISTComparison.figure(result, name: "mnist"))
        }
    }
}

extension MNISTComparison: MiniBatchDefaults {
    public static var iterations: Int { bookSetup.iterations }
    public static var batchSize: Int { bookSetup.batchSize }
    public static var fewestIterations: Int { LossSmoothing.windowLength }
}
