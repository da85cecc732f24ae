import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// DLfS 6.4 (`ch06/overfit_weight_decay.py`, `ch06/overfit_dropout.py`; figs 6-20, 6-21, 6-23)
/// and seed 004 §5: a network made to overfit (过拟合) and three cures.
///
/// The recipe for overfitting is the book's: a large network (six hidden layers of 100 ReLU
/// units, He initial weights, seven weight layers) and a tiny training set (the first 300
/// MNIST training images), SGD with lr 0.01 on batches of 100. After each epoch (3 updates) the
/// accuracy on the 300 training images and on all 10000 test images is measured.
///
/// - plain: λ = 0, 201 epochs (`overfit_weight_decay.py` with `weight_decay_lambda = 0`);
/// - weight decay λ = 0.1 (the same script);
/// - dropout 0.2 (`overfit_dropout.py`: the book's `Trainer`, 301 epochs, masks drawn from the
///   same stream as the batches);
/// - data augmentation (seed 004 §5.2): the plain run, each batch shifted and rotated afresh.
/// Each run starts from `numpy.random.seed(seed)`; the four are independent and train in parallel.
public struct OverfittingRun: Sendable, RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [Overfit.self]
    /// A training run on MNIST: minutes, so a slow example.
    public static let isSlow = true

    public static func figures() -> [Figure] {
        chapterFigures()
    }

    public struct Setup: Hashable, Sendable {
        public var trainingImages = 300
        public var hiddenSizes = [100, 100, 100, 100, 100, 100]
        public var epochs = 201
        public var batchSize = 100
        public var learningRate = 0.01
        public var penalty = Penalty.none
        public var dropoutRatio: Double?
        public var augmentation: DigitAugmentation?
        public var stop = EpochSchedule.Stop.afterLastMeasurement
        public var seed: UInt32 = 0

        public init() {}

        /// The four runs of the chapter.
        public static let plain = Setup()
        public static let weightDecay: Setup = {
            var setup = Setup()
            setup.penalty = .l2(0.1)
            return setup
        }()
        public static let dropout: Setup = {
            var setup = Setup()
            setup.dropoutRatio = 0.2
            setup.epochs = 301
            setup.stop = .trainerIterations
            return setup
        }()
        public static let augmented: Setup = {
            var setup = Setup()
            setup.augmentation = DigitAugmentation()
            return setup
        }()

        public var schedule: EpochSchedule { EpochSchedule(epochs: epochs, batchSize: batchSize, stop: stop) }

        /// "penalty ..., dropout ..." for titles.
        public var cure: String {
            var parts: [String] = []
            if penalty.isActive {
                parts.append(
                    penalty == .l2(penalty.lambda) ? "weight decay lambda = \(shortest(penalty.lambda))" : "\(penalty)")
            }
            if let dropoutRatio { parts.append("dropout \(shortest(dropoutRatio))") }
            if let augmentation {
                parts.append(
                    "augmented: shift <= \(augmentation.maxShift) px, rotation <= \(general(augmentation.maxDegrees)) deg"
                )
            }
            return parts.isEmpty ? "no regularisation" : parts.joined(separator: ", ")
        }
    }

    public let setup: Setup
    public let curves: EpochCurves
    public let seconds: Double
    /// Whether any weight ended NaN or infinite: the run diverged (a penalty or rate too large),
    /// and its accuracies, which argmax still computes, are those of a broken net.
    public var weightsOverflowed = false

    /// Epochs averaged for the end of a run: the last 20, so that single epochs' noise does not decide.
    public static let finalWindow = 20

    public var finalTrainAccuracy: Double { Self.tailMean(curves.trainAccuracy) }
    public var finalTestAccuracy: Double { Self.tailMean(curves.testAccuracy) }
    /// Train minus test accuracy at the end: how much the net learned that does not generalise.
    public var gap: Double { finalTrainAccuracy - finalTestAccuracy }
    /// The first epoch at which every training image is classified correctly, if any.
    public var firstPerfectEpoch: Int? { curves.trainAccuracy.firstIndex(of: 1) }

    static func tailMean(_ values: [Double]) -> Double {
        let tail = values.suffix(finalWindow)
        return tail.reduce(0, +) / Double(max(tail.count, 1))
    }

    /// Runs `setups` (in parallel), each on MNIST from `MNIST_DIR` or the cache, once per process.
    public static func run(_ setups: [Setup], showProgress: Bool = true) throws -> [OverfittingRun] {
        let mnist = try MNISTData.shared()
        let missing = setups.filter { cache.stored($0) == nil }
        let sizes = Set(missing.map(\.trainingImages)).sorted().map(String.init)
        let bar =
            showProgress && !missing.isEmpty
            ? SharedProgressBar(
                "overfitting: \(missing.count) runs on \(sizes.joined(separator: "/")) images",
                total: missing.reduce(0) { $0 + $1.epochs }) : nil
        let fresh = parallelMap(missing.count) { k in
            run(missing[k], mnist: mnist) { bar?.advance() }
        }
        for run in fresh { cache.store(run, for: run.setup) }
        return setups.map { cache.stored($0)! }
    }

    public static func run(_ setup: Setup, showProgress: Bool = true) throws -> OverfittingRun {
        try run([setup], showProgress: showProgress)[0]
    }

    private static let cache = RunCache<Setup, OverfittingRun>()

    static func run(_ setup: Setup, mnist: MNIST, epochDone: @escaping () -> Void) -> OverfittingRun {
        let count = min(setup.trainingImages, mnist.trainImages.rows)
        var random = RandomState(seed: setup.seed)
        let net = MultiLayerNet(
            inputSize: MNIST.pixelsPerImage, hiddenSizes: setup.hiddenSizes, outputSize: MNIST.classCount,
            penalty: setup.penalty, dropoutRatio: setup.dropoutRatio, random: &random)
        var optimizer = SGD(learningRate: setup.learningRate)
        let started = Date()
        let augment = setup.augmentation.map { augmentation in
            { (x: Matrix, random: inout RandomState) in augmentation.augmented(x, random: &random) }
        }
        let curves = trainInEpochs(
            net, optimizer: &optimizer, schedule: setup.schedule,
            trainImages: mnist.trainImages.rows(0..<count), trainLabels: Array(mnist.trainLabels[0..<count]),
            testImages: mnist.testImages, testLabels: mnist.testLabels,
            random: &random, augment: augment
        ) { _, _ in epochDone() }
        var result = OverfittingRun(setup: setup, curves: curves, seconds: Date().timeIntervalSince(started))
        result.weightsOverflowed = net.params.values.contains { $0.storage.contains { !$0.isFinite } }
        return result
    }

    // MARK: - The book's readings of figs 6-20, 6-21, 6-23

    /// The four runs of the chapter, trained together the first time any row asks.
    static func chapterRuns() throws -> (
        plain: OverfittingRun, decay: OverfittingRun, dropout: OverfittingRun, augmented: OverfittingRun
    ) {
        let runs = try run([.plain, .weightDecay, .dropout, .augmented])
        return (runs[0], runs[1], runs[2], runs[3])
    }

    static func finding(
        _ claim: ((plain: OverfittingRun, decay: OverfittingRun, dropout: OverfittingRun, augmented: OverfittingRun)) ->
            Finding
    ) -> Finding {
        .catching { claim(try chapterRuns()) }
    }

    func summary() -> String {
        String(
            format: "train %.3f, test %.3f (means of the last %d epochs)", finalTrainAccuracy, finalTestAccuracy,
            Self.finalWindow)
    }

    /// Fig 6-20: training accuracy reaches 100% after about 100 epochs; test accuracy stays far below.
    static func trainReachesOne(_ plain: OverfittingRun) -> Finding {
        let first = plain.firstPerfectEpoch
        let from100 = plain.curves.trainAccuracy.dropFirst(100)
        let nearlyAll = from100.filter { $0 >= 0.99 }.count
        return Finding(
            .claim(
                holds: first != nil && first! <= 150 && nearlyAll * 10 >= from100.count * 9,
                detail: "training accuracy first 1.0 at epoch \(first.map(String.init) ?? "never"); >= 0.99 at "
                    + "\(nearlyAll) of the \(from100.count) epochs from 100 on"))
    }

    static func testFarBelow(_ plain: OverfittingRun) -> Finding {
        Finding(
            .claim(holds: plain.gap >= 0.15, detail: plain.summary() + String(format: ": a gap of %.3f", plain.gap)))
    }

    /// How much a cure narrows the gap, seed by seed: the plain and the cured run of one seed draw the
    /// same weights and batches, so their difference is paired. Measured over seeds 0–9 with
    /// `regularization overfit --seed s` (and `--weight-decay 0.1`, `--dropout 0.2`) on 2026-11-30,
    /// from the gaps as printed (three decimals).
    struct NarrowingSpread {
        let mean: Double, standardDeviation: Double, smallest: Double, largest: Double
        /// A narrowing counts when it exceeds twice its seed-to-seed spread: less could be one
        /// seed's luck.
        var threshold: Double { 2 * standardDeviation }
    }

    static let weightDecayNarrowing = NarrowingSpread(
        mean: 0.0687, standardDeviation: 0.0179, smallest: 0.044, largest: 0.110)
    static let dropoutNarrowing = NarrowingSpread(
        mean: 0.1305, standardDeviation: 0.0189, smallest: 0.102, largest: 0.166)

    /// Figs 6-21 and 6-23: a cure narrows the gap, and the training accuracy no longer reaches 100%.
    static func gapNarrows(_ cured: OverfittingRun, than plain: OverfittingRun, spread: NarrowingSpread) -> Finding {
        let narrowing = plain.gap - cured.gap
        return Finding(
            .claim(
                holds: narrowing > spread.threshold,
                detail: String(
                    format:
                        "gap %.3f against %.3f without (%@): narrower by %.3f, more than %.3f (twice the spread of the "
                        + "narrowing over seeds 0-9, which ranged %.3f to %.3f)",
                    cured.gap, plain.gap, cured.summary(), narrowing, spread.threshold, spread.smallest, spread.largest)
            ))
    }

    static func trainBelowOne(_ cured: OverfittingRun) -> Finding {
        let best = cured.curves.trainAccuracy.max() ?? 0
        return Finding(
            .claim(
                holds: best < 1,
                detail: String(
                    format: "highest training accuracy %.4f in %d epochs", best, cured.curves.trainAccuracy.count)))
    }

    /// Seed 004 §5.2: more (augmented) data reduces overfitting: a higher test accuracy and a smaller gap.
    static func augmentationHelps(_ augmented: OverfittingRun, than plain: OverfittingRun) -> Finding {
        Finding(
            .claim(
                holds: augmented.finalTestAccuracy > plain.finalTestAccuracy + 0.02 && augmented.gap < plain.gap,
                detail: String(
                    format: "test %.3f against %.3f without; gap %.3f against %.3f",
                    augmented.finalTestAccuracy, plain.finalTestAccuracy, augmented.gap, plain.gap)))
    }

    public static let rows: [String: () -> Finding] = [
        "overfit-train-reaches-1": { finding { trainReachesOne($0.plain) } },
        "overfit-test-far-below": { finding { testFarBelow($0.plain) } },
        "weight-decay-gap": { finding { gapNarrows($0.decay, than: $0.plain, spread: weightDecayNarrowing) } },
        "weight-decay-train-below-1": { finding { trainBelowOne($0.decay) } },
        "dropout-gap": { finding { gapNarrows($0.dropout, than: $0.plain, spread: dropoutNarrowing) } },
        "dropout-train-below-1": { finding { trainBelowOne($0.dropout) } },
        "augment-overfit": { finding { augmentationHelps($0.augmented, than: $0.plain) } },
    ]

    // MARK: - Figs 6-20, 6-21, 6-23

    /// Train and test accuracy per epoch, as the book draws them.
    public func figure(name: String) -> Figure {
        var figure = Figure(
            name: name,
            caption: "Train and test accuracy per epoch, \(setup.hiddenSizes.count + 1)-layer ReLU net on "
                + "\(setup.trainingImages) training images, \(setup.cure), seed \(setup.seed) (DLfS 6.4)")
        figure.gnuplot("set title \"Overfitting, \(setup.cure)\"")
        addPanel(to: &figure, block: "acc", epochs: curves.trainAccuracy.count)
        return figure
    }

    /// DLfS fig 6-23: a run without dropout beside one with it, as the book's two panels, over the
    /// longer run's epochs.
    static func dropoutFigure(name: String, without: OverfittingRun, with: OverfittingRun) -> Figure {
        var figure = Figure(
            name: name,
            caption: "Train and test accuracy per epoch without dropout and with dropout \(with.setup.cure), "
                + "\(with.setup.hiddenSizes.count + 1)-layer ReLU net on \(with.setup.trainingImages) training images, "
                + "seed \(with.setup.seed) (DLfS fig 6-23)",
            width: 1000, height: 560)
        // Each panel spans its own run (without dropout the book's run is shorter), so that no
        // panel shows an empty stretch after its curves stop.
        figure.gnuplot("set multiplot layout 1,2")
        for (index, (run, title)) in [
            (without, "\(panelLetter(0)) Without dropout"), (with, "\(panelLetter(1)) With \(with.setup.cure)"),
        ].enumerated() {
            figure.gnuplot("set title \"\(title)\"")
            run.addPanel(to: &figure, block: "acc\(index)", epochs: run.curves.trainAccuracy.count)
        }
        figure.gnuplot("unset multiplot")
        return figure
    }

    /// Adds this run's curves as data block `block`, and the commands that plot them over `epochs`.
    func addPanel(to figure: inout Figure, block: String, epochs: Int) {
        figure.data(
            block,
            rows: curves.trainAccuracy.indices.map {
                [Double($0), curves.trainAccuracy[$0], curves.testAccuracy[$0]]
            })
        figure.commands += [
            // The run's outcome inside the plot where the curves leave room: above the key, or, when
            // the curves stay low, near the top.
            "set label 1 \""
                + String(
                    format: "last %d epochs:\\ntrain %.3f, test %.3f", Self.finalWindow, finalTrainAccuracy,
                    finalTestAccuracy)
                + "\" at graph 0.97, graph \(finalTestAccuracy > 0.6 ? "0.36" : "0.85") right",
            "set xlabel \"epoch\"", "set ylabel \"accuracy\"",
            "set xrange [0:\(max(epochs - 1, 1))]", "set yrange [0:1.02]",
            "set grid ytics",
            "set key bottom right",
            "plot $\(block) using 1:2 with lines \(Palette.trainLine) linewidth 2 title \"train (300 images)\", \\",
            "     $\(block) using 1:3 with lines \(Palette.testLine) linewidth 2 title \"test (10000 images)\"",
        ]
    }

    static func chapterFigures() -> [Figure] {
        guard let runs = try? chapterRuns() else { return [] }
        return [
            runs.plain.figure(name: "overfit"), runs.decay.figure(name: "overfit-weight-decay"),
            dropoutFigure(name: "overfit-dropout", without: runs.plain, with: runs.dropout),
            runs.augmented.figure(name: "overfit-augmented"),
        ]
    }
}

extension OverfittingRun {
    /// `regularization overfit`: the overfitting run with any cure.
    struct Overfit: ParsableCommand {
        enum PenaltyKind: String, ExpressibleByArgument, CaseIterable { case l2, l1, elastic }

        static let configuration = CommandConfiguration(
            commandName: "overfit",
            abstract: "Overfit a 7-layer net on 300 MNIST images, optionally with a cure (DLfS 6.4; seed 004 5).",
            discussion:
                "Without flags: the book's plain run (201 epochs). --weight-decay 0.1 is overfit_weight_decay.py, "
                + "--dropout 0.2 overfit_dropout.py (301 epochs); --augment shifts and rotates every batch. "
                + "Prints train and test accuracy every 10 epochs; progress on stderr.")
        @Option(help: "lambda of the weight penalty (0: none).") var weightDecay = 0.0
        @Option(help: "The penalty's kind: l2 (the book's weight decay, the default), l1 or elastic.")
        var penalty: PenaltyKind?
        @Option(help: "The elastic net's share of L1, in [0, 1] (default 0.5; with --penalty elastic only).")
        var l1Ratio: Double?
        @Option(help: "Dropout ratio in [0, 1) (off when not given).") var dropout: Double?
        @Flag(help: "Shift (up to 2 px) and rotate (up to 10 degrees) every training batch.") var augment = false
        @Option(help: "Epochs (default 201; 301 with --dropout, as overfit_dropout.py).") var epochs: Int?
        @Option(help: "Training images (the first n).") var trainingImages = 300
        @OptionGroup var rate: LearningRateOption<OverfittingRun>
        @OptionGroup var random: SeedOption
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            guard weightDecay.isFinite, weightDecay >= 0 else {
                throw ValidationError("--weight-decay must be a number >= 0, got \(weightDecay)")
            }
            if let l1Ratio {
                guard l1Ratio.isFinite, (0...1).contains(l1Ratio) else {
                    throw ValidationError("--l1-ratio must lie in [0, 1], got \(l1Ratio)")
                }
                guard penalty == .elastic else {
                    throw ValidationError("--l1-ratio applies only with --penalty elastic (it would be ignored)")
                }
            }
            if penalty != nil, weightDecay == 0 {
                throw ValidationError(
                    "--penalty needs --weight-decay above 0: with --weight-decay 0 no penalty is applied")
            }
            if let dropout, !(dropout >= 0 && dropout < 1) {
                throw ValidationError("--dropout must lie in [0, 1), got \(dropout)")
            }
            if let epochs { try FlagCheck.within(epochs, 1...10_000, "--epochs") }
            try FlagCheck.within(trainingImages, 1...60_000, "--training-images")
        }

        func run() throws {
            var setup = OverfittingRun.Setup()
            if weightDecay > 0 {
                switch penalty ?? .l2 {
                case .l2: setup.penalty = .l2(weightDecay)
                case .l1: setup.penalty = .l1(weightDecay)
                case .elastic: setup.penalty = .elasticNet(weightDecay, l1Ratio: l1Ratio ?? 0.5)
                }
            }
            if let dropout {
                // overfit_dropout.py trains with the book's Trainer.
                setup.dropoutRatio = dropout
                setup.stop = OverfittingRun.Setup.dropout.stop
                setup.epochs = OverfittingRun.Setup.dropout.epochs
            }
            setup.augmentation = augment ? DigitAugmentation() : nil
            if let epochs { setup.epochs = epochs }
            setup.trainingImages = trainingImages
            setup.learningRate = rate.lr
            setup.seed = random.seed
            let result = try OverfittingRun.run(setup)
            guard !result.weightsOverflowed else {
                FileHandle.standardError.write(
                    Data(
                        ("error: the run diverged: its weights became NaN or infinite (weight decay "
                            + "\(significant(weightDecay)), lr \(significant(rate.lr))), so its accuracies mean nothing; "
                            + "try a smaller --weight-decay or --lr\n").utf8))
                throw ExitCode(65)  // EX_DATAERR, as for any NaN result
            }
            print("epoch\ttrain\ttest")
            for epoch in stride(from: 0, to: result.curves.trainAccuracy.count, by: 10) {
                print(
                    String(
                        format: "%d\t%.4f\t%.4f", epoch, result.curves.trainAccuracy[epoch],
                        result.curves.testAccuracy[epoch]))
            }
            print(result.summary() + String(format: ", gap %.3f (%.1f s)", result.gap, result.seconds))
            try figure.show(result.figure(name: "overfit"))
        }
    }
}

extension OverfittingRun: LearningRateDefault {
    public static var learningRate: Double { Setup().learningRate }
}
