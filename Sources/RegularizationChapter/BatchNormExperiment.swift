import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// DLfS 6.3.3 (`ch06/batch_norm_test.py`, fig 6-19; fig 6-18 is one of its panels): the same five-hidden-layer ReLU net
/// trained with and without batch normalisation, for 16 initial weight scales from 1 to 1e-4.
///
/// As in the book: the first 1000 training images, batches of 100 drawn with replacement, SGD
/// with lr 0.01, and the training accuracy measured after iterations 0, 10, 20, … until 20
/// measurements (191 updates). For each scale the book builds the batch-norm net first, then
/// the plain one, and both train on the same batches; the scales follow each other in one
/// random stream. The draws are made in that order here, then the 32 nets train in parallel.
public struct BatchNormExperiment: Sendable, MNISTExperiment {
    public static let commands: [any ParsableCommand.Type] = [BatchNormMNIST.self]
    public static let bookSetup = Setup()
    public func figuresOfRun() -> [Figure] { [oneScaleFigure(), figure()] }

    public struct Setup: Hashable, Sendable {
        public var weightScales: [Double] = Setup.bookScales
        public var hiddenSizes: [Int] = [100, 100, 100, 100, 100]
        public var trainingImages: Int = 1000
        public var epochs: Int = 20
        public var batchSize: Int = 100
        public var learningRate: Double = 0.01
        public var seed: UInt32 = 0

        /// `np.logspace(0, -4, num=16)`: 10^(i·(−4/15)), the last exactly 1e-4.
        public static let bookScales: [Double] = (0..<16).map { i in i == 15 ? 1e-4 : pow(10, Double(i) * (-4.0 / 15)) }

        var schedule: EpochSchedule { EpochSchedule(epochs: epochs, batchSize: batchSize) }
    }

    /// One weight scale's two curves of training accuracy per epoch.
    public struct Pair: Sendable {
        public let scale: Double
        public let withBatchNorm: [Double]
        public let without: [Double]

        /// Mean accuracy over the epochs: the area under the curve, large when learning is fast.
        public var meanWith: Double { withBatchNorm.reduce(0, +) / Double(withBatchNorm.count) }
        public var meanWithout: Double { without.reduce(0, +) / Double(without.count) }
    }

    public let setup: Setup
    public let pairs: [Pair]
    public let seconds: Double

    public static func run(_ setup: Setup, showProgress: Bool = true) throws -> BatchNormExperiment {
        try cache.value(for: setup) {
            let mnist = try MNISTData.shared()
            let count = min(setup.trainingImages, mnist.trainImages.rows)
            return run(
                setup, images: mnist.trainImages.rows(0..<count), labels: Array(mnist.trainLabels[0..<count]),
                showProgress: showProgress)
        }
    }

    private static let cache = RunCache<Setup, BatchNormExperiment>()

    public static func run(_ setup: Setup, images: some InputRows, labels: [Int], showProgress: Bool = false)
        -> BatchNormExperiment
    {
        // The book's draws, scale after scale: the batch-norm net, the plain net, their batches.
        var random = RandomState(seed: setup.seed)
        var jobs: [(net: MultiLayerNet, batches: RandomState)] = []
        for scale in setup.weightScales {
            let nets = [true, false].map { batchNorm in
                MultiLayerNet(
                    inputSize: MNIST.pixelsPerImage, hiddenSizes: setup.hiddenSizes, outputSize: MNIST.classCount,
                    weightInit: .std(scale), batchNorm: batchNorm, random: &random)
            }
            // Both nets train on the batches drawn from here.
            jobs += nets.map { ($0, random) }
            setup.schedule.skipBatches(trainSize: images.rows, random: &random)
        }
        let bar =
            showProgress
            ? SharedProgressBar(
                "batch norm: \(jobs.count) nets (\(setup.weightScales.count) weight scales, with and without)",
                total: jobs.count * setup.epochs) : nil
        let started = Date()
        let curves = parallelMap(handingOver: consume jobs) { job in
            var optimizer = SGD(learningRate: setup.learningRate)
            var stream = job.batches
            return trainInEpochs(
                job.net, optimizer: &optimizer, schedule: setup.schedule,
                trainImages: images, trainLabels: labels, testImages: Matrix.zeros(0, images.cols), testLabels: [],
                random: &stream, progress: { _, _ in bar?.advance() }
            ).trainAccuracy
        }
        let pairs = setup.weightScales.indices.map { i in
            Pair(scale: setup.weightScales[i], withBatchNorm: curves[2 * i], without: curves[2 * i + 1])
        }
        return BatchNormExperiment(setup: setup, pairs: pairs, seconds: Date().timeIntervalSince(started))
    }

    // MARK: - The book's reading of figs 6-18 and 6-19

    /// "In almost every case learning is faster with batch norm": the batch-norm curve has the
    /// larger area (mean accuracy over the 20 epochs) for at least 13 of the 16 scales.
    var fasterAlmostEverywhere: Finding {
        let faster = pairs.filter { $0.meanWith > $0.meanWithout }
        let slower = pairs.filter { $0.meanWith <= $0.meanWithout }.map { shortScale($0.scale) }
        return Finding(
            .claim(
                holds: faster.count * 16 >= 13 * pairs.count,
                detail:
                    "batch norm learns faster (higher mean accuracy over \(setup.epochs) epochs) at \(faster.count) "
                    + "of \(pairs.count) scales"
                    + (slower.isEmpty ? "" : "; not at W = " + slower.joined(separator: ", "))))
    }

    /// "Without batch norm, learning does not happen at all unless the initial scale is good":
    /// some scales leave the plain net at chance (final accuracy ≤ 0.2) where batch norm learns (≥ 0.5).
    var stuckWithoutIt: Finding {
        let stuck = pairs.filter { $0.without.last! <= 0.2 && $0.withBatchNorm.last! >= 0.5 }
        let good = pairs.filter { $0.without.last! >= 0.8 }.map { shortScale($0.scale) }
        return Finding(
            .claim(
                holds: !stuck.isEmpty,
                detail: "without batch norm the net stays at chance (final accuracy <= 0.2) for \(stuck.count) scales "
                    + "(W = " + stuck.map { shortScale($0.scale) }.joined(separator: ", ")
                    + ") where batch norm reaches >= 0.5; "
                    + "it learns well (>= 0.8) only at W = " + good.joined(separator: ", ")))
    }

    func shortScale(_ w: Double) -> String { String(format: "%.2g", w) }

    static func bookFinding(_ claim: (BatchNormExperiment) -> Finding) -> Finding {
        .catching { claim(try run(Setup())) }
    }

    public static let rows: [String: () -> Finding] = [
        "batchnorm-mnist-faster": { bookFinding(\.fasterAlmostEverywhere) },
        "batchnorm-mnist-stuck-without": { bookFinding(\.stuckWithoutIt) },
    ]

    // MARK: - Fig 6-18

    /// The scale of fig 6-18's single comparison: the book does not name it, so the one of the 16
    /// nearest He's std for the first layer, √(2/784) ≈ 0.05.
    public var oneScaleIndex: Int {
        let he = (2.0 / 784).squareRoot()
        return pairs.indices.min { abs(log(pairs[$0].scale / he)) < abs(log(pairs[$1].scale / he)) } ?? 0
    }

    /// DLfS fig 6-18: one weight scale's run with and without batch norm, a panel of fig 6-19 drawn large.
    public func oneScaleFigure(name: String = "batchnorm-one-scale") -> Figure {
        let pair = pairs[oneScaleIndex]
        var figure = Figure(
            name: name,
            caption: "Training accuracy with and without batch normalisation, initial weights' std "
                + "\(significant(pair.scale)) (DLfS fig 6-18)")
        figure.data(
            "pair", rows: pair.withBatchNorm.indices.map { [Double($0), pair.withBatchNorm[$0], pair.without[$0]] })
        figure.gnuplot(
            "set title \"Batch norm speeds learning up (initial weights' std \(significant(pair.scale)))\"",
            "set xlabel \"epoch\"", "set ylabel \"training accuracy\"",
            "set yrange [0:1]", "set xrange [0:\(max(setup.epochs - 1, 1))]", "set grid ytics",
            // Between the curves, which part early and stay apart.
            "set key at graph 0.97, graph 0.5 right",
            "plot $pair using 1:2 with linespoints linestyle 1 pointtype 7 pointsize 0.8 title \"with batch norm\", \\",
            "     $pair using 1:3 with linespoints linestyle 2 pointtype 5 pointsize 0.8 title \"without\"")
        return figure
    }

    // MARK: - Fig 6-19

    /// Sixteen panels, one per scale, as the book's 4×4 grid: training accuracy per epoch with
    /// batch norm (solid) and without (dashed).
    public func figure(name: String = "batchnorm-weight-scales") -> Figure {
        let columns = 4, rows = (pairs.count + columns - 1) / columns
        var figure = Figure(
            name: name,
            caption: "Training accuracy with and without batch normalisation, per initial weight scale (DLfS fig 6-19)",
            width: 1000, height: 230 * rows + 100)
        // The run's set-up is in the chapter text beside the figure, not the title.
        figure.gnuplot(
            "set multiplot layout \(rows),\(columns) title \"Training accuracy with batch norm (solid blue) and without (dashed red)\\n"
                + "{/=14 W: the initial weights' std}\"",
            "set yrange [0:1]", "set xrange [0:\(max(setup.epochs - 1, 1))]",
            "set ytics 0.5", "set xtics 10", "set mxtics 2", "set grid ytics",
            "set key off")
        for (i, pair) in pairs.enumerated() {
            let block = "scale\(i)"
            figure.data(
                block, rows: pair.withBatchNorm.indices.map { [Double($0), pair.withBatchNorm[$0], pair.without[$0]] })
            let bottom = i >= pairs.count - columns, left = i % columns == 0
            figure.gnuplot(
                "set title \"\(panelLetter(i)) W = \(significant(pair.scale))\"",
                bottom ? "set xlabel \"epoch\"" : "unset xlabel",
                left ? "set ylabel \"accuracy\"" : "unset ylabel",
                "plot $\(block) using 1:2 with lines linestyle 1 linewidth 2, \\",
                "     $\(block) using 1:3 with lines linestyle 2 linewidth 2")
        }
        figure.gnuplot("unset multiplot")
        return figure
    }
}

extension BatchNormExperiment.Setup {
    var architectureDescription: String {
        ([784] + hiddenSizes + [10]).map(String.init).joined(separator: "-") + " ReLU"
    }
}

extension BatchNormExperiment {
    /// `regularization batchnorm-mnist`: fig 6-19 with any scales.
    struct BatchNormMNIST: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batchnorm-mnist",
            abstract:
                "Train with and without batch norm for each initial weight scale, as batch_norm_test.py (DLfS 6.3.3).",
            discussion: "Prints each scale's final training accuracy with and without batch norm; progress on stderr.")
        @Option(help: "Comma-separated initial weight stds (default: the book's 16, 1 down to 1e-4).") var scales:
            NumberList?
        @Option(help: "Training images (the first n).") var trainingImages = 1000
        @Option(help: "Epochs (measurements of the training accuracy).") var epochs = 20
        @OptionGroup var rate: LearningRateOption<BatchNormExperiment>
        @OptionGroup var random: SeedOption
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            if let scales { for scale in scales.values { try FlagCheck.positive(scale, "--scales") } }
            try FlagCheck.within(trainingImages, 100...60_000, "--training-images")
            try FlagCheck.within(epochs, 2...1000, "--epochs")
        }

        func run() throws {
            let setup = BatchNormExperiment.Setup(
                weightScales: scales?.values ?? BatchNormExperiment.Setup.bookScales,
                trainingImages: trainingImages, epochs: epochs, learningRate: rate.lr, seed: random.seed)
            let result = try BatchNormExperiment.run(setup)
            print("W (std)\tfinal accuracy with batch norm\twithout")
            for pair in result.pairs {
                print(String(format: "%.4g\t%.3f\t%.3f", pair.scale, pair.withBatchNorm.last!, pair.without.last!))
            }
            print(String(format: "(%.1f s)", result.seconds))
            try figure.show(result.figure(name: "batchnorm-mnist"))
        }
    }
}

extension BatchNormExperiment: LearningRateDefault {
    public static var learningRate: Double { bookSetup.learningRate }
}
