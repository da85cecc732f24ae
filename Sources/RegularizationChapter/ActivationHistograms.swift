import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// DLfS 6.2.2–6.2.3 (`ch06/weight_init_activation_histogram.py`) and seed 004 §4.1: how the
/// scale of the initial weights (权重初始值) shapes the activations (激活值) of deep layers.
///
/// The book pushes 1000 random inputs through 5 layers of 100 units, with no bias and no
/// training: x ← f(x·W), W = scale·randn(100, 100), and draws each layer's activations as a
/// histogram. The book seeds nothing; we call `numpy.random.seed(0)` first (RandomState(seed: 0))
/// and draw in its order — the inputs, then each layer's weights — so every activation here is
/// NumPy's up to BLAS's summation order.
///
/// The book reads its figures in words; the rows turn each reading into a stated criterion
/// (the constants of `Criteria`) and report the measured numbers beside it.
public enum ActivationHistograms: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [Histograms.self]

    /// One run of the experiment: which activation, which weights, how big.
    public struct Setup: Sendable, Equatable {
        public var activation: Activation
        public var weightInit: MultiLayerNet.WeightInit
        public var layers = 5
        public var units = 100
        public var inputs = 1000
        public var seed: UInt32 = 0

        public init(
            _ activation: Activation, _ weightInit: MultiLayerNet.WeightInit, layers: Int = 5, units: Int = 100,
            inputs: Int = 1000, seed: UInt32 = 0
        ) {
            self.activation = activation
            self.weightInit = weightInit
            self.layers = layers
            self.units = units
            self.inputs = inputs
            self.seed = seed
        }

        /// The figure's file stem: `histograms-sigmoid-std-1`, `histograms-relu-he`.
        public var figureName: String {
            let initial: String
            switch weightInit {
            // %g writes 1e+06; a file stem keeps letters, digits, '-', '_' and '.'.
            case let .std(std): initial = "std-" + general(std).replacingOccurrences(of: "+", with: "")
            case .xavier: initial = "xavier"
            case .he: initial = "he"
            }
            return "histograms-\(activation.rawValue)-\(initial)"
        }

        /// The book draws activations on [0, 1]; tanh's lie in (−1, 1), so it gets that range.
        public var bookRange: ClosedRange<Double> { activation == .tanh ? -1...1 : 0...1 }
    }

    /// The six runs of the book's figures 6-10, 6-11, 6-13 (sigmoid) and 6-14 (ReLU).
    public static let bookSetups: [Setup] = [
        Setup(.sigmoid, .std(1)), Setup(.sigmoid, .std(0.01)), Setup(.sigmoid, .xavier),
        Setup(.relu, .std(0.01)), Setup(.relu, .xavier), Setup(.relu, .he),
    ]

    /// One layer's weights, its inputs times weights (a) and its activations (z = f(a)).
    public struct Layer: Sendable {
        public var weights: Matrix
        public var preActivations: Matrix
        public var activations: Matrix
    }

    /// The book's loop: `x = randn(inputs, units)`, then per layer `w = randn(units, units) *
    /// scale`, `a = np.dot(x, w)`, `z = f(a)`, and z is the next layer's x.
    public static func run(_ setup: Setup) -> [Layer] {
        precondition(
            setup.layers > 0 && setup.units > 0 && setup.inputs > 0, "ActivationHistograms.run: empty setup \(setup)")
        var random = RandomState(seed: setup.seed)
        var x = random.randn(setup.inputs, setup.units)
        let scale = setup.weightInit.scale(inputs: setup.units)
        var layers: [Layer] = []
        for _ in 0..<setup.layers {
            let w = random.randn(setup.units, setup.units) * scale
            let a = matmul(x, w)
            let z = setup.activation(a)
            layers.append(Layer(weights: w, preActivations: a, activations: z))
            x = z
        }
        return layers
    }

    // MARK: - What a layer's activations look like

    /// The numbers the book's histograms are read by, for one layer.
    public struct LayerStatistics: Sendable {
        public var mean: Double
        public var std: Double
        /// Share with |z| < 0.1.
        public var nearZero: Double
        /// Share with 0.9 < |z| < 1.1: near 1 (for tanh, near ±1 too).
        public var nearOne: Double
        /// Share exactly 0 (ReLU's negative inputs).
        public var exactlyZero: Double
        /// Share with |z| > 1, which the book's histogram on [0, 1] leaves out.
        public var aboveOne: Double
        /// Mean of f′(a): the factor backpropagation multiplies by on average at this layer.
        public var meanSlope: Double
        /// Share whose slope f′(a) is below a tenth of f's peak slope (saturated units, 饱和).
        public var saturated: Double
        public var smallest: Double
        public var largest: Double
        /// The mean over units of each unit's std across the inputs: how much a unit's output
        /// still depends on the input.
        public var withinUnitStd: Double
        /// The std of the units' means: how much the units differ from each other, whatever the input.
        public var betweenUnitStd: Double
    }

    /// f's largest slope: at 0 for sigmoid (0.25) and tanh (1), just right of 0 for ReLU (1).
    public static func peakSlope(_ f: Activation) -> Double { max(f.derivative(0), f.derivative(.ulpOfOne)) }

    /// A unit counts as saturated when its slope is below this fraction of the peak slope.
    public static let saturationFraction = 0.1

    /// The statistics of one layer. Mean and std add in NumPy's pairwise order, as `np.mean`
    /// and `np.std` do.
    public static func statistics(_ layer: Layer, activation: Activation) -> LayerStatistics {
        let z = layer.activations.storage
        let n = Double(z.count)
        let (mean, std) = meanAndStd(z)
        func share(_ test: (Double) -> Bool) -> Double { Double(z.lazy.filter(test).count) / n }
        let slopes = layer.preActivations.storage.map { activation.derivative($0) }
        let floor = saturationFraction * peakSlope(activation)
        let columns = columnMeansAndStds(layer.activations)
        return LayerStatistics(
            mean: mean, std: std,
            nearZero: share { abs($0) < 0.1 }, nearOne: share { abs($0) > 0.9 && abs($0) < 1.1 },
            exactlyZero: share { $0 == 0 }, aboveOne: share { abs($0) > 1 },
            meanSlope: pairwiseSum(slopes[...]) / n,
            saturated: Double(slopes.lazy.filter { $0 < floor }.count) / n,
            smallest: z.min() ?? .nan, largest: z.max() ?? .nan,
            withinUnitStd: columns.stds.reduce(0, +) / Double(columns.stds.count),
            betweenUnitStd: meanAndStd(columns.means).std)
    }

    /// Each unit's (column's) mean and std over the inputs (rows), in two passes over the rows.
    static func columnMeansAndStds(_ m: Matrix) -> (means: [Double], stds: [Double]) {
        var means = [Double](repeating: 0, count: m.cols), squares = means
        for r in 0..<m.rows {
            for c in 0..<m.cols { means[c] += m.storage[r * m.cols + c] }
        }
        for c in 0..<m.cols { means[c] /= Double(m.rows) }
        for r in 0..<m.rows {
            for c in 0..<m.cols {
                let d = m.storage[r * m.cols + c] - means[c]
                squares[c] += d * d
            }
        }
        return (means, squares.map { ($0 / Double(m.rows)).squareRoot() })
    }

    /// `np.mean` and `np.std` of a list (pairwise sums, population std).
    static func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double) {
        let n = Double(values.count)
        let mean = pairwiseSum(values[...]) / n
        return (mean, (pairwiseSum(values.map { ($0 - mean) * ($0 - mean) }[...]) / n).squareRoot())
    }

    public static func statistics(_ setup: Setup) -> [LayerStatistics] {
        run(setup).map { statistics($0, activation: setup.activation) }
    }

    /// `np.histogram(values, bins, range=(lower, upper))`: equal bins between edges
    /// `np.linspace(lower, upper, bins + 1)`, each bin [left, right) except the last, which
    /// also holds `upper`; values outside the range are left out, as is NaN (counted in `below`
    /// and `above`, NaN with the latter).
    public struct Histogram: Sendable, Equatable {
        public let range: ClosedRange<Double>
        public let edges: [Double]
        public let counts: [Int]
        public let below: Int
        public let above: Int

        public init(_ values: [Double], bins: Int, range: ClosedRange<Double>) {
            precondition(bins > 0 && range.lowerBound < range.upperBound, "Histogram: \(bins) bins on \(range)")
            self.range = range
            edges = linspace(range.lowerBound, range.upperBound, bins + 1)
            var counts = [Int](repeating: 0, count: bins)
            var below = 0, above = 0
            let width = range.upperBound - range.lowerBound
            for x in values {
                if x < range.lowerBound { below += 1; continue }
                if x > range.upperBound || x.isNaN { above += 1; continue }
                // NumPy's index, then its correction by the edges themselves (within an ulp).
                var i = Int((x - range.lowerBound) / width * Double(bins))
                if i == bins { i -= 1 }
                if x < edges[i] {
                    i -= 1
                } else if i != bins - 1, x >= edges[i + 1] {
                    i += 1
                }
                counts[i] += 1
            }
            self.counts = counts
            self.below = below
            self.above = above
        }

        public var binWidth: Double { edges[1] - edges[0] }
        public var centers: [Double] { zip(edges, edges.dropFirst()).map { ($0 + $1) / 2 } }
    }

    /// The book's histogram of one layer: 30 bins on [0, 1] (on [−1, 1] for tanh).
    public static func histogram(_ layer: Layer, bins: Int = 30, range: ClosedRange<Double>) -> Histogram {
        Histogram(layer.activations.storage, bins: bins, range: range)
    }

    // MARK: - The book's readings, as criteria

    /// The book's readings of its figures as tests on a run's layer statistics, with the
    /// thresholds they use. The thresholds were set from the physics of each case, not fitted to
    /// one seed: seeds 0–4 (the book's script in NumPy) all meet them.
    public enum Criteria {
        /// Sigmoid, std 1 (偏向0和1): over 60% of every layer within 0.1 of 0 or 1, at least a quarter at each end.
        public static let endsShare = 0.6
        public static let eachEndShare = 0.25
        public static func pilesAtEnds(_ stats: [LayerStatistics]) -> Bool {
            stats.allSatisfy { $0.nearZero + $0.nearOne > endsShare && min($0.nearZero, $0.nearOne) >= eachEndShare }
        }

        /// Sigmoid, std 1 (梯度消失): the mean slope z(1 − z) of every layer below 30% of its peak 0.25.
        public static let vanishingSlope = 0.3 * 0.25
        public static func slopesVanish(_ stats: [LayerStatistics]) -> Bool {
            stats.allSatisfy { $0.meanSlope < vanishingSlope }
        }

        /// Sigmoid, std 0.01 (集中在0.5附近): every activation of every layer within 0.5 ± 0.15, std below 0.03.
        public static let centreBand = 0.35...0.65
        public static let concentratedStd = 0.03
        public static func concentrated(_ stats: [LayerStatistics]) -> Bool {
            stats.allSatisfy {
                centreBand.contains($0.smallest) && centreBand.contains($0.largest) && $0.std < concentratedStd
            }
        }

        /// Sigmoid, Xavier (有广度): std above 0.1 in every layer, under 5% within 0.1 of 0 or 1.
        public static let spreadStd = 0.1
        public static let spreadEndsShare = 0.05
        public static func spreadOut(_ stats: [LayerStatistics]) -> Bool {
            stats.allSatisfy { $0.std > spreadStd && $0.nearZero + $0.nearOne < spreadEndsShare }
        }

        /// Sigmoid, Xavier (歪斜): in the last layer a unit's std across inputs is below a tenth of
        /// the std between units — the histogram is made of one spike per unit.
        public static let spikeRatio = 0.1
        public static func spiky(_ stats: [LayerStatistics]) -> Bool {
            stats.last.map { $0.withinUnitStd < spikeRatio * $0.betweenUnitStd } ?? false
        }
        /// The opposite, for tanh: in every layer the units follow the input more than they differ.
        public static func followsInputs(_ stats: [LayerStatistics]) -> Bool {
            stats.allSatisfy { $0.withinUnitStd > $0.betweenUnitStd }
        }

        /// Seed 004's "suits" (适合): std above 0.1 and few saturated units in every layer —
        /// under 5%, or 10% for tanh, whose first layer sees N(0, 1) inputs and saturates 7% of them.
        public static let sigmoidSaturatedShare = 0.05
        public static let tanhSaturatedShare = 0.1
        public static func unsaturated(_ stats: [LayerStatistics], below share: Double) -> Bool {
            stats.allSatisfy { $0.std > spreadStd && $0.saturated < share }
        }

        /// ReLU, std 0.01 (非常小): mean below 0.05 in every layer, each below a fifth of the layer before's.
        public static let tinyMean = 0.05
        public static let tinyShrink = 0.2
        public static func tiny(_ stats: [LayerStatistics]) -> Bool {
            let means = stats.map(\.mean)
            return means.allSatisfy { $0 < tinyMean }
                && zip(means, means.dropFirst()).allSatisfy { $1 < tinyShrink * $0 }
        }

        /// ReLU, Xavier (偏向变大): std falls at every layer, and the last is under half the first.
        public static let narrowedRatio = 0.5
        public static func narrows(_ stats: [LayerStatistics]) -> Bool {
            let stds = stats.map(\.std)
            return zip(stds, stds.dropFirst()).allSatisfy { $1 < $0 } && stds.last! < narrowedRatio * stds.first!
        }

        /// ReLU, He (广度相同): every layer's std within a factor 1.3 of the first layer's.
        public static let sameSpreadFactor = 1.3
        public static func keepsSpread(_ stats: [LayerStatistics]) -> Bool {
            stats.allSatisfy { $0.std < sameSpreadFactor * stats[0].std && $0.std * sameSpreadFactor > stats[0].std }
        }

        /// Weight variances: a scale squared may differ from 1/N or 2/N by at most 2 ulps, and the
        /// drawn weights' variance by 3 standard errors, σ²·√(2/(n − 1)).
        public static let formulaUlps = 2.0
        public static let standardErrors = 3.0
    }

    /// Numbers in texts and names: %g, so 1 and 0.01, not 1.0.
    static func fixed(_ x: Double) -> String { String(format: "%.3f", x) }
    static func compact(_ x: Double) -> String { String(format: "%.2g", x) }
    static func list(_ values: [Double], _ format: (Double) -> String) -> String {
        values.map(format).joined(separator: ", ")
    }

    /// DLfS 6.2.2, fig 6-10: with std 1 the sigmoid's inputs are large, so its outputs sit at 0 and 1.
    static func sigmoidStd1Ends() -> Finding {
        let stats = statistics(Setup(.sigmoid, .std(1)))
        let ends = stats.map { $0.nearZero + $0.nearOne }
        let lowestEnd = stats.map { min($0.nearZero, $0.nearOne) }.min()!
        return Finding(
            .claim(
                holds: Criteria.pilesAtEnds(stats),
                detail: "within 0.1 of 0 or 1, layers 1-\(stats.count): \(list(ends, percent)); "
                    + "the smaller end never below \(percent(lowestEnd)) (criterion: over \(percent(Criteria.endsShare)) in every layer, "
                    + "at least \(percent(Criteria.eachEndShare)) at each end)"))
    }

    /// DLfS 6.2.2: sigmoid's slope z(1 − z) is nearly 0 at both ends, so backpropagation shrinks.
    static func sigmoidStd1Vanishing() -> Finding {
        let stats = statistics(Setup(.sigmoid, .std(1)))
        let xavier = statistics(Setup(.sigmoid, .xavier)).map(\.meanSlope)
        return Finding(
            .claim(
                holds: Criteria.slopesVanish(stats),
                detail: "mean slope z(1-z) per layer: \(list(stats.map(\.meanSlope), fixed)), below "
                    + "\(general(Criteria.vanishingSlope)) = 30% of its peak 0.25 (Xavier: \(fixed(xavier.min()!))-\(fixed(xavier.max()!)))"
            ))
    }

    /// DLfS 6.2.2, fig 6-11: with std 0.01 every unit says about 0.5 (表现力受限).
    static func sigmoidStd001Concentrated() -> Finding {
        let stats = statistics(Setup(.sigmoid, .std(0.01)))
        let low = stats.map(\.smallest).min()!, high = stats.map(\.largest).max()!
        return Finding(
            .claim(
                holds: Criteria.concentrated(stats),
                detail: "all activations in [\(fixed(low)), \(fixed(high))]; std per layer "
                    + "\(list(stats.map(\.std), fixed)) (criterion: all in [\(general(Criteria.centreBand.lowerBound)), "
                    + "\(general(Criteria.centreBand.upperBound))], std < \(general(Criteria.concentratedStd)))"))
    }

    /// DLfS 6.2.2, fig 6-13: Xavier's std √(1/n) keeps the sigmoid's activations spread out.
    static func sigmoidXavierSpread() -> Finding {
        let stats = statistics(Setup(.sigmoid, .xavier))
        let ends = stats.map { $0.nearZero + $0.nearOne }
        return Finding(
            .claim(
                holds: Criteria.spreadOut(stats),
                detail: "std per layer \(list(stats.map(\.std), fixed)) "
                    + "(criterion > \(general(Criteria.spreadStd))); within 0.1 of 0 or 1: \(list(ends, percent)) (criterion < \(percent(Criteria.spreadEndsShare)))"
            ))
    }

    /// DLfS 6.2.2, fig 6-13 and its footnote: the later layers' histograms turn crooked (歪斜),
    /// and tanh would mend that. Sigmoid's outputs average 0.5, so each unit's input carries a
    /// constant 0.5·Σw of its own, while the part that depends on the input shrinks by the slope
    /// (≈ 0.23) at every layer: the later histograms are 100 narrow spikes, one per unit. tanh's
    /// outputs average 0 and its slope at 0 is 1, so its units keep following the input.
    static func sigmoidXavierCrooked() -> Finding {
        let sigmoid = statistics(Setup(.sigmoid, .xavier)), tanh = statistics(tanhSetup)
        let last = sigmoid.last!
        return Finding(
            .claim(
                holds: Criteria.spiky(sigmoid) && Criteria.followsInputs(tanh),
                detail: "sigmoid: each unit's std across "
                    + "the inputs, layers 1-\(sigmoid.count): \(list(sigmoid.map(\.withinUnitStd), compact)), against \(fixed(last.betweenUnitStd)) "
                    + "between units in layer \(sigmoid.count) (criterion: under \(general(Criteria.spikeRatio)) x); tanh: "
                    + "\(list(tanh.map(\.withinUnitStd), compact)) across inputs, at most \(fixed(tanh.map(\.betweenUnitStd).max()!)) between units"
            ))
    }

    /// Seed 004 §4.1: Xavier suits tanh and sigmoid — neither saturates nor collapses.
    static func xavierSuitsSigmoidAndTanh() -> Finding {
        let sigmoid = statistics(Setup(.sigmoid, .xavier)), tanh = statistics(tanhSetup)
        let sigmoidStd1 = statistics(Setup(.sigmoid, .std(1)))
        let holds =
            Criteria.unsaturated(sigmoid, below: Criteria.sigmoidSaturatedShare)
            && Criteria.unsaturated(tanh, below: Criteria.tanhSaturatedShare)
        return Finding(
            .claim(
                holds: holds,
                detail: "saturated (slope under 10% of its peak) per layer: sigmoid "
                    + "\(list(sigmoid.map(\.saturated), percent)), tanh \(list(tanh.map(\.saturated), percent)) (criterion < "
                    + "\(percent(Criteria.sigmoidSaturatedShare)), tanh < \(percent(Criteria.tanhSaturatedShare)); sigmoid with std 1: "
                    + "\(percent(sigmoidStd1.map(\.saturated).min()!)) or more); std > \(general(Criteria.spreadStd)) in every layer, "
                    + "though tanh's shrinks from \(fixed(tanh.first!.std)) to \(fixed(tanh.last!.std))"))
    }

    /// DLfS 6.2.3, fig 6-14: with std 0.01, ReLU's activations are tiny and shrink at every layer.
    static func reluStd001Tiny() -> Finding {
        let stats = statistics(Setup(.relu, .std(0.01)))
        return Finding(
            .claim(
                holds: Criteria.tiny(stats),
                detail: "mean per layer \(list(stats.map(\.mean), compact)) "
                    + "(criterion: below \(general(Criteria.tinyMean)), each under \(general(Criteria.tinyShrink)) x the layer before)"
            ))
    }

    /// DLfS 6.2.3, fig 6-14 and seed 004 §4.1: under Xavier, ReLU halves the variance at every layer.
    static func reluXavierNarrows() -> Finding {
        let stats = statistics(Setup(.relu, .xavier))
        let stds = stats.map(\.std)
        return Finding(
            .claim(
                holds: Criteria.narrows(stats),
                detail: "std per layer \(list(stds, fixed)): layer \(stds.count) = "
                    + "\(String(format: "%.2f", stds.last! / stds.first!)) x layer 1 (criterion: falls at every layer, ends below "
                    + "\(general(Criteria.narrowedRatio)) x; halving the variance per layer would give 0.25 x)"))
    }

    /// DLfS 6.2.3, fig 6-14: He's std √(2/n) makes up for the half that ReLU zeroes.
    static func reluHeSameSpread() -> Finding {
        let stats = statistics(Setup(.relu, .he))
        let ratios = stats.map { $0.std / stats[0].std }
        return Finding(
            .claim(
                holds: Criteria.keepsSpread(stats),
                detail: "std per layer \(list(stats.map(\.std), fixed)), "
                    + "\(String(format: "%.2f", ratios.min()!))-\(String(format: "%.2f", ratios.max()!)) x layer 1's "
                    + "(criterion: within a factor \(general(Criteria.sameSpreadFactor)))"))
    }

    /// Layer sizes at which the scale formula is checked: the book's 100, MNIST's 784, and a few others.
    static let formulaSizes = [1, 2, 3, 10, 50, 100, 784, 1000]

    /// Seed 004 §4.1: Xavier draws from N(0, 1/N), He from N(0, 2/N): our scale squared is that
    /// variance (to rounding), and the weights the experiment drew have it (to sampling error).
    static func weightVariance(_ weightInit: MultiLayerNet.WeightInit, numerator: Double, activation: Activation)
        -> Finding
    {
        let worstUlps = formulaSizes.map { n -> Double in
            let s = weightInit.scale(inputs: n), v = numerator / Double(n)
            return abs(s * s - v) / v.ulp
        }.max()!
        let setup = Setup(activation, weightInit)
        let weights = run(setup).flatMap(\.weights.storage)
        let count = Double(weights.count)
        let std = meanAndStd(weights).std
        let variance = std * std
        let expected = numerator / Double(setup.units)
        let relative = variance / expected
        let allowed = Criteria.standardErrors * (2 / (count - 1)).squareRoot()
        let holds = worstUlps <= Criteria.formulaUlps && abs(relative - 1) <= allowed
        return Finding(
            .claim(
                holds: holds,
                detail: "scale^2 = \(general(numerator))/N to \(general(worstUlps)) ulp for N = "
                    + "\(formulaSizes.map(String.init).joined(separator: ", ")); the \(weights.count) weights drawn for N = \(setup.units) have "
                    + "variance \(String(format: "%.4f", relative)) x \(general(numerator))/N (criterion: within \(general(Criteria.standardErrors)) "
                    + "standard errors, +-\(String(format: "%.3f", allowed)))"))
    }

    public static let rows: [String: () -> Finding] = [
        "init-sigmoid-std-1": sigmoidStd1Ends,
        "init-sigmoid-std-1-vanishing": sigmoidStd1Vanishing,
        "init-sigmoid-std-0.01": sigmoidStd001Concentrated,
        "init-sigmoid-xavier": sigmoidXavierSpread,
        "init-sigmoid-xavier-crooked": sigmoidXavierCrooked,
        "init-relu-std-0.01": reluStd001Tiny,
        "init-relu-xavier": reluXavierNarrows,
        "init-relu-he": reluHeSameSpread,
        "init-xavier-variance": { weightVariance(.xavier, numerator: 1, activation: .sigmoid) },
        "init-he-variance": { weightVariance(.he, numerator: 2, activation: .relu) },
        "init-xavier-sigmoid-tanh": xavierSuitsSigmoidAndTanh,
    ]

    /// tanh with Xavier's weights: the book's footnote to fig 6-13 (a bell instead of a crooked histogram).
    public static let tanhSetup = Setup(.tanh, .xavier)

    /// One figure per run of the book, a row of five histograms as figs 6-10 to 6-14, and tanh's.
    public static func figures() -> [Figure] {
        (bookSetups + [tanhSetup]).map { ActivationHistogramFigures.histograms($0) }
    }
}

extension ActivationHistograms {
    /// DLfS 6.2.2–6.2.3: the histogram experiment with any activation, weights and size.
    struct Histograms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "histograms",
            abstract:
                "Activations of a deep net for a chosen initial weight scale, as weight_init_activation_histogram.py (DLfS 6.2.2-6.2.3).",
            discussion:
                "Random inputs go through layers of x <- f(x.W) with W = scale*randn; per layer the tool prints mean, std, "
                + "the shares near 0, near 1, exactly 0 and beyond 1, and the mean slope f'(a). The book's runs: "
                + "--activation sigmoid with --weight-init 1, 0.01 or xavier; --activation relu with 0.01, xavier or he."
        )
        /// The activations the experiment is run with: the book's two and its footnote's tanh.
        enum Choice: String, ExpressibleByArgument, CaseIterable {
            case sigmoid, relu, tanh
            var activation: Activation { Activation(rawValue: rawValue)! }
        }

        @Option(help: "The activation.") var activation = Choice.sigmoid
        @Option(
            help: "The initial weights: a standard deviation (1, 0.01), xavier (std sqrt(1/n)) or he (std sqrt(2/n)).")
        var weightInit = "1"
        @Option(help: "Number of layers.") var layers = 5
        @Option(help: "Units per layer (and features per input).") var units = 100
        @Option(help: "Number of random inputs.") var inputs = 1000
        @OptionGroup var random: SeedOption
        @Option(help: "Histogram bins.") var bins = 30
        @Option(
            help:
                "Histogram range lo,hi (default 0,1 as the book's; -1,1 for tanh). A negative lo needs =: --range=-1.5,1.5."
        )
        var range: NumberList?
        @OptionGroup var figure: ExampleFigureOptions

        /// The book's `weight_init_std` argument, read as `MultiLayerNet` reads it.
        var initialWeights: MultiLayerNet.WeightInit? { MultiLayerNet.WeightInit(weightInit) }

        func validate() throws {
            guard initialWeights != nil else {
                throw ValidationError("--weight-init must be a positive number, xavier or he, got '\(weightInit)'")
            }
            try FlagCheck.within(layers, 1...100, "--layers")
            try FlagCheck.within(units, 1...2000, "--units")
            try FlagCheck.within(inputs, 1...100_000, "--inputs")
            guard inputs * units <= 10_000_000 else {
                throw ValidationError(
                    "--inputs x --units must be at most 10000000 activations per layer, got \(inputs * units)")
            }
            try FlagCheck.within(bins, 1...1000, "--bins")
            if let range {
                guard range.values.count == 2, range.values[0] < range.values[1] else {
                    throw ValidationError("--range needs two numbers lo,hi with lo < hi, got \(range)")
                }
            }
        }

        func run() throws {
            let weights = initialWeights!
            let setup = ActivationHistograms.Setup(
                activation.activation, weights, layers: layers, units: units, inputs: inputs, seed: random.seed)
            let histogramRange = range.map { $0.values[0]...$0.values[1] } ?? setup.bookRange
            let layers = ActivationHistograms.run(setup)
            print(
                "\(activation.rawValue), \(ActivationHistogramFigures.weightsText(setup)), "
                    + "\(inputs) inputs x \(units) units, \(layers.count) layers, seed \(random.seed)")
            print("layer\tmean\tstd\t|z|<0.1\t|z|~1\tz=0\t|z|>1\tmean f'(a)")
            for (k, layer) in layers.enumerated() {
                let s = ActivationHistograms.statistics(layer, activation: activation.activation)
                let shares = [s.nearZero, s.nearOne, s.exactlyZero, s.aboveOne].map(percent)
                print(
                    ([String(k + 1), String(format: "%.4g", s.mean), String(format: "%.4g", s.std)] + shares
                        + [String(format: "%.4g", s.meanSlope)]).joined(separator: "\t"))
            }
            try figure.show(
                ActivationHistogramFigures.histograms(setup, layers: layers, bins: bins, range: histogramRange))
        }
    }
}
