import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// DLfS 6.5 (`ch06/hyperparameter_optimization.py`, fig 6-24) and seed 004 §6.2: random search
/// (随机搜索法) of the learning rate and the weight decay on a validation split (验证数据).
///
/// The book's script: the first 500 training images, shuffled (`shuffle_dataset`); the first
/// 20% (100 images) become the validation set, the other 400 the training set. Each of 100
/// trials draws a weight decay 10^U(−8, −4) and a learning rate 10^U(−6, −2) — log-uniform,
/// because what matters is the order of magnitude — and trains the seven-layer ReLU net of
/// the overfitting experiment for 50 epochs with the book's `Trainer` (batches of 100, SGD).
/// The trials are ranked by their last validation accuracy.
///
/// The test set is never looked at: tuning on it would fit the hyperparameters to it.
/// All random draws are made first, trial after trial from `numpy.random.seed(seed)` as the
/// script makes them; the trials then train in parallel.
public struct HyperparameterSearch: Sendable, MNISTExperiment {
    public static let commands: [any ParsableCommand.Type] = [Search.self]
    public static let bookSetup = Setup()
    public func figuresOfRun() -> [Figure] { [bestTrialsFigure(), mapFigure()] }

    public struct Setup: Hashable, Sendable {
        public var trials = 100
        public var epochs = 50
        public var images = 500
        public var validationRate = 0.2
        public var hiddenSizes = [100, 100, 100, 100, 100, 100]
        public var batchSize = 100
        /// log10 ranges of the draws.
        public var learningRateExponents = -6.0 ... -2.0
        public var weightDecayExponents = -8.0 ... -4.0
        public var seed: UInt32 = 0

        public init() {}

        /// `int(500 * 0.2)`.
        public var validationCount: Int { Int(Double(images) * validationRate) }
        var schedule: EpochSchedule { EpochSchedule(epochs: epochs, batchSize: batchSize, stop: .trainerIterations) }
    }

    public struct Trial: Sendable {
        public let number: Int
        public let learningRate: Double
        public let weightDecay: Double
        public let curves: EpochCurves
        /// The script's score: the last validation accuracy measured.
        public var validationAccuracy: Double { curves.testAccuracy.last ?? 0 }
        public var label: String { String(format: "lr %.3g, weight decay %.3g", learningRate, weightDecay) }
    }

    public let setup: Setup
    /// Best first (by last validation accuracy; ties keep the trials' order, as Python's sort).
    public let ranked: [Trial]
    public let seconds: Double

    public static func run(_ setup: Setup, showProgress: Bool = true) throws -> HyperparameterSearch {
        try cache.value(for: setup) {
            let mnist = try MNISTData.shared()
            return run(
                setup, images: mnist.trainImages.rows(0..<setup.images),
                labels: Array(mnist.trainLabels[0..<setup.images]),
                showProgress: showProgress)
        }
    }

    private static let cache = RunCache<Setup, HyperparameterSearch>()

    public static func run(_ setup: Setup, images: some InputRows, labels: [Int], showProgress: Bool = false)
        -> HyperparameterSearch
    {
        var random = RandomState(seed: setup.seed)
        // shuffle_dataset, then the split.
        let order = random.permutation(images.rows)
        let shuffled = images.selecting(rows: order), shuffledLabels = order.map { labels[$0] }
        let v = setup.validationCount
        let validation = (x: shuffled.selecting(rows: Array(0..<v)), t: Array(shuffledLabels[0..<v]))
        let training = (x: shuffled.selecting(rows: Array(v..<images.rows)), t: Array(shuffledLabels[v...]))
        // Each trial's draws, in the script's order: weight decay, learning rate, weights, batches.
        var plans: [(weightDecay: Double, learningRate: Double, net: MultiLayerNet, batches: RandomState)] = []
        for _ in 0..<setup.trials {
            let weightDecay = pow(
                10,
                random.uniform(
                    low: setup.weightDecayExponents.lowerBound, high: setup.weightDecayExponents.upperBound, count: 1)[
                        0])
            let learningRate = pow(
                10,
                random.uniform(
                    low: setup.learningRateExponents.lowerBound, high: setup.learningRateExponents.upperBound, count: 1)[
                        0])
            let net = MultiLayerNet(
                inputSize: MNIST.pixelsPerImage, hiddenSizes: setup.hiddenSizes, outputSize: MNIST.classCount,
                weightDecayLambda: weightDecay, random: &random)
            plans.append((weightDecay, learningRate, net, random))
            setup.schedule.skipBatches(trainSize: training.x.rows, random: &random)
        }
        let bar =
            showProgress
            ? SharedProgressBar("random search: \(setup.trials) trials of \(setup.epochs) epochs", total: setup.trials)
            : nil
        let started = Date()
        let trials = parallelMap(handingOver: Array((consume plans).enumerated())) { k, plan -> Trial in
            var optimizer = SGD(learningRate: plan.learningRate)
            var stream = plan.batches
            let curves = trainInEpochs(
                plan.net, optimizer: &optimizer, schedule: setup.schedule,
                trainImages: training.x, trainLabels: training.t, testImages: validation.x, testLabels: validation.t,
                random: &stream)
            bar?.advance()
            return Trial(number: k + 1, learningRate: plan.learningRate, weightDecay: plan.weightDecay, curves: curves)
        }
        let ranked = trials.sorted { ($0.validationAccuracy, -$0.number) > ($1.validationAccuracy, -$1.number) }
        return HyperparameterSearch(setup: setup, ranked: ranked, seconds: Date().timeIntervalSince(started))
    }

    /// How many of the best trials the book lists and reads the region from.
    public static let bestCount = 5

    public var best: ArraySlice<Trial> { ranked.prefix(Self.bestCount) }

    func bestList() -> String {
        best.map { String(format: "%.2f at lr %.2g, wd %.2g", $0.validationAccuracy, $0.learningRate, $0.weightDecay) }
            .joined(separator: "; ")
    }

    // MARK: - The book's reading (DLfS 6.5.3)

    /// "Learning goes well with a learning rate between 0.001 and 0.01": every one of the five best has one.
    var learningRateRegion: Finding {
        let inside = best.filter { (0.001...0.01).contains($0.learningRate) }
        let learners = ranked.filter { $0.validationAccuracy >= 0.5 }
        let smallest = learners.map(\.learningRate).min() ?? .nan
        return Finding(
            .claim(
                holds: inside.count == best.count,
                detail: "\(inside.count) of the best \(best.count) have 0.001 <= lr <= 0.01 (\(bestList())); "
                    + String(format: "no trial with lr below %.2g reaches 0.5", smallest)))
    }

    /// "… and a weight decay between 1e-8 and 1e-6". Over 200 updates a decay of at most 1e-4
    /// hardly moves the weights, so the best trials' decays fall anywhere in the range searched.
    var weightDecayRegion: Finding {
        let inside = best.filter { (1e-8...1e-6).contains($0.weightDecay) }
        // Among the trials that learn (lr within the good region), does the decay matter?
        let good = ranked.filter { (0.001...0.01).contains($0.learningRate) }
        let low = good.filter { $0.weightDecay <= 1e-6 }, high = good.filter { $0.weightDecay > 1e-6 }
        func mean(_ trials: [Trial]) -> Double {
            trials.map(\.validationAccuracy).reduce(0, +) / Double(max(trials.count, 1))
        }
        let holds = inside.count == best.count
        let detail =
            "\(inside.count) of the best \(best.count) have 1e-8 <= wd <= 1e-6; among the \(good.count) trials with "
            + String(
                format:
                    "0.001 <= lr <= 0.01, mean validation accuracy %.3f with wd <= 1e-6 (%d trials), %.3f with wd > 1e-6 (%d)",
                mean(low), low.count, mean(high), high.count)
        guard !holds else { return Finding(.claim(holds: holds, detail: detail)) }
        // The evidence for the explanation: how far the decay can move any trial's weights. Each update
        // multiplies them by (1 − lr·λ), so over the run by about 1 − updates·lr·λ.
        let updates = Double(
            EpochSchedule(epochs: setup.epochs, batchSize: setup.batchSize, stop: .trainerIterations)
                .updates(trainSize: setup.images - setup.validationCount))
        let largestShrink = ranked.map { updates * $0.learningRate * $0.weightDecay }.max() ?? .nan
        return Finding(
            .claim(holds: holds, detail: detail),
            erratum: Erratum(
                reproducedBy: "no setting of this search reproduces it; the evidence that the decay cannot matter",
                reproduction: .claim(
                    holds: largestShrink < 1e-3,
                    detail: String(
                        format:
                            "over %.0f updates the decay shrinks any trial's weights by at most %.1e (updates·lr·λ; bound 1e-3)",
                        updates, largestShrink)),
                why:
                    "Over 200 updates with lr <= 0.01 a decay of 1e-4 or less shrinks the weights by at most 0.02% (200*lr*lambda), so the validation "
                    + "accuracy does not depend on it and the best trials' decays scatter over the whole searched range 1e-8..1e-4. "
                    + "Only the learning rate is narrowed by this search; the weight decay would need a longer run or a wider range."
            ))
    }

    static func bookFinding(_ claim: (HyperparameterSearch) -> Finding) -> Finding {
        .catching { claim(try run(Setup())) }
    }

    public static let rows: [String: () -> Finding] = [
        "search-learning-rate": { bookFinding(\.learningRateRegion) },
        "search-weight-decay": { bookFinding(\.weightDecayRegion) },
    ]

    // MARK: - Fig 6-24 and a map of the trials

    /// The book's grid of the 20 best trials: validation accuracy (solid) and training accuracy
    /// (dashed) per epoch.
    public func bestTrialsFigure(name: String = "search-best-trials", count: Int = 20) -> Figure {
        let shown = Array(ranked.prefix(count)), columns = 4, rows = (shown.count + columns - 1) / columns
        // The run's set-up is in the script's header and the chapter text, not the title.
        var figure = Figure(
            name: name,
            caption: "The \(shown.count) best of \(setup.trials) random trials (DLfS fig 6-24); seed \(setup.seed), "
                + "\(setup.images - setup.validationCount) training and \(setup.validationCount) validation images, "
                + "\(setup.epochs) epochs, lr = 10^U(\(Int(setup.learningRateExponents.lowerBound)),"
                + "\(Int(setup.learningRateExponents.upperBound))), weight decay = "
                + "10^U(\(Int(setup.weightDecayExponents.lowerBound)),\(Int(setup.weightDecayExponents.upperBound)))",
            width: 1000, height: 182 * rows + 110)
        // The weight decays print as powers of ten, whose exponents must still print at 7 pt.
        let scriptSize = PrintRule.smallestFontSize(width: figure.width, withScripts: true)
        // Fixed margins around the grid and between panels, so that every plot is the same size
        // however many tick labels and axis names its panel carries.
        let (w, h) = (Double(figure.width), Double(figure.height))
        let margins = String(
            format: "margins %.4f,%.4f,%.4f,%.4f spacing %.4f,%.4f", 90 / w, 1 - 20 / w, 80 / h, 1 - 145 / h, 30 / w,
            70 / h)
        figure.gnuplot(
            "set multiplot layout \(rows),\(columns) title \"Random search: the best \(shown.count) of \(setup.trials) trials\\n"
                + "{/=14 validation accuracy (dashed red), training accuracy (solid blue)}\" font \",16\" \(margins)",
            // Ticks every 20 epochs: at every 10 the labels of a narrow panel touch.
            "set yrange [0:1]", "set xrange [0:\(max(setup.epochs - 1, 1))]", "set ytics 0.5", "set xtics 20",
            "set mxtics 2",
            "set grid ytics",
            "set key off")
        for (i, trial) in shown.enumerated() {
            let block = "trial\(i)"
            figure.data(
                block,
                rows: trial.curves.testAccuracy.indices.map {
                    [Double($0), trial.curves.testAccuracy[$0], trial.curves.trainAccuracy[$0]]
                })
            // The title's text at 13; exponents (lr or wd as 10^{n}) from a size that prints, on the
            // upper line, where they rise into free space rather than into the line above.
            let rates = Typography.typeset(
                "lr \(figureValue(trial.learningRate)), wd \(figureValue(trial.weightDecay))",
                scriptsFrom: scriptSize)
            let (bottom, left) = (i >= shown.count - columns, i % columns == 0)
            figure.gnuplot(
                "set title \"{/=13 \(rates)}\\n"
                    + "{/=13 Best-\(i + 1): val \(String(format: "%.2f", trial.validationAccuracy))}\" font \",13\" "
                    + "offset 0,-0.6",
                // Tick labels on the outer panels only, as the axis titles: the plots keep their height.
                bottom ? "set xlabel \"epoch\"" : "unset xlabel", bottom ? "set format x \"%g\"" : "set format x \"\"",
                left ? "set ylabel \"accuracy\"" : "unset ylabel", left ? "set format y \"%g\"" : "set format y \"\"",
                "plot $\(block) using 1:2 with lines \(Palette.testLine) linewidth 2, \\",
                "     $\(block) using 1:3 with lines \(Palette.trainLine) linewidth 1.5")
        }
        figure.gnuplot("unset multiplot")
        return figure
    }

    /// Every trial as a point at (lr, weight decay), coloured by its validation accuracy: where the good region is.
    public func mapFigure(name: String = "search-map") -> Figure {
        var figure = Figure(
            name: name,
            caption: "Validation accuracy of every trial over the learning rate and the weight decay (DLfS 6.5.3); "
                + "\(setup.trials) trials of \(setup.epochs) epochs, seed \(setup.seed)",
            width: 900, height: 656)
        figure.data("trials", rows: ranked.map { [$0.learningRate, $0.weightDecay, $0.validationAccuracy] })
        figure.data("best", rows: best.map { [$0.learningRate, $0.weightDecay] })
        figure.gnuplot(
            "set title \"Random search: every trial's validation accuracy\\n"
                + "{/=13 black rings: the \(best.count) best; the book's good lr (shaded) and weight decay (box)}\"",
            "set logscale xy", "set format x \"10^{%T}\"", "set format y \"10^{%T}\"",
            "set xlabel \"learning rate\"", "set ylabel \"weight decay\"",
            // A little room past 10^{−2}, so that the points at the top of the range stay inside.
            "set xrange [1e-6:2e-2]", "set yrange [1e-8:1e-4]",
            "set cblabel \"validation accuracy\"", "set cbrange [0:1]",
            // Darker for better, in grey print too (luminance 0.85, 0.57, 0.19, 0.03); the poor trials
            // light grey, each point ringed, so that none vanishes into the background.
            "set palette defined (0 \"#eeeeee\", 0.4 \"#a6cee3\", 0.7 \"#3182bd\", 1 \"#08306b\")",
            "set object 1 rectangle from 1e-3,1e-8 to 1e-2,1e-4 fillcolor rgb \"#fee8c8\" fillstyle solid 0.5 noborder behind",
            "set object 2 rectangle from 1e-3,1e-8 to 1e-2,1e-6 fillstyle empty border linecolor rgb \"#d95f0e\" linewidth 2 front",
            "set key off",
            "plot $trials using 1:2:3 with points pointtype 7 pointsize 2 palette, \\",
            "     $trials using 1:2 with points pointtype 6 pointsize 2 linewidth 0.5 linecolor rgb \"#636363\", \\",
            "     $best using 1:2 with points pointtype 6 pointsize 3 linewidth 2 linecolor rgb \"black\"")
        return figure
    }
}

extension HyperparameterSearch {
    /// `regularization search`: the book's random search with any ranges and seed.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract:
                "Random search of the learning rate and weight decay on a validation split, as hyperparameter_optimization.py (DLfS 6.5).",
            discussion: "Prints the best trials, best first, as the book does; progress on stderr.")
        @Option(help: "Number of trials.") var trials = 100
        @Option(help: "Epochs per trial.") var epochs = 50
        @Option(help: "Range of log10(lr), low,high.") var lrExponents = NumberList([-6, -2])
        @Option(help: "Range of log10(weight decay), low,high.") var weightDecayExponents = NumberList([-8, -4])
        @Option(help: "How many of the best trials to print.") var show = 5
        @OptionGroup var random: SeedOption
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            try FlagCheck.within(trials, 1...10_000, "--trials")
            try FlagCheck.within(epochs, 1...1000, "--epochs")
            for (flag, range) in [("--lr-exponents", lrExponents), ("--weight-decay-exponents", weightDecayExponents)] {
                guard range.values.count == 2, range.values[0] < range.values[1],
                    range.values.allSatisfy({ $0.isFinite && $0 <= 1 })
                else {
                    throw ValidationError("\(flag) needs two increasing exponents low,high (at most 1), got \(range)")
                }
            }
            guard show >= 1 else { throw ValidationError("--show must be at least 1, got \(show)") }
        }

        func run() throws {
            var setup = HyperparameterSearch.Setup()
            setup.trials = trials
            setup.epochs = epochs
            setup.learningRateExponents = lrExponents.values[0]...lrExponents.values[1]
            setup.weightDecayExponents = weightDecayExponents.values[0]...weightDecayExponents.values[1]
            setup.seed = random.seed
            let result = try HyperparameterSearch.run(setup)
            print("=========== Hyper-Parameter Optimization Result ===========")
            for (i, trial) in result.ranked.prefix(show).enumerated() {
                print(
                    "Best-\(i + 1)(val acc:\(trial.validationAccuracy)) | lr:\(trial.learningRate), weight decay:\(trial.weightDecay)"
                )
            }
            print(String(format: "(%d trials in %.1f s)", trials, result.seconds))
            try figure.show(result.mapFigure(name: "search"))
        }
    }
}
