import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// DLfS 6.3.2 and seed 004 §4.2: what the batch-norm layer computes, forward and backward.
///
/// A two-unit batch small enough to do by hand: x = [[1, 2], [3, 6]]. Column means (2, 4),
/// variances (1, 4); with the book's ε = 1e-6 the normalised batch is ±1/√(1 + 1e-6) in the
/// first column and ±2/√(4 + 1e-6) in the second.
public enum BatchNormExamples: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [BatchNorm.self]

    public static let handBatch = Matrix([[1, 2], [3, 6]])

    static func normalised() -> Finding {
        .values(BatchNormLayer(units: 2).forward(handBatch, training: true).storage)
    }

    /// After one training batch the running averages are 0.1·(batch statistics), since they start at 0.
    static func runningAverages() -> Finding {
        let layer = BatchNormLayer(units: 2)
        _ = layer.forward(handBatch, training: true)
        return .values(layer.runningMean.storage + layer.runningVariance.storage)
    }

    /// Inference uses the running statistics: after 100 training batches drawn from one
    /// distribution (mean 5, std 3 per unit) they have converged, so one example is normalised
    /// the same whatever batch it comes in.
    static func inferenceUsesRunningStatistics() -> Finding {
        var random = RandomState(seed: 0)
        let layer = BatchNormLayer(units: 3)
        for _ in 0..<100 { _ = layer.forward(random.normal(loc: 5, scale: 3, rows: 100, cols: 3), training: true) }
        let mean = layer.runningMean.storage, variance = layer.runningVariance.storage
        let one = Matrix([[5, 8, 2]])
        let alone = layer.forward(one, training: false)
        let inBatch = layer.forward(Matrix([[5, 8, 2], [100, -100, 0]]), training: false).rows(0..<1)
        let holds =
            alone == inBatch && mean.allSatisfy { abs($0 - 5) < 0.5 } && variance.allSatisfy { abs($0 - 9) < 1.5 }
        return Finding(
            .claim(
                holds: holds,
                detail: "after 100 batches running mean "
                    + mean.map { String(format: "%.2f", $0) }.joined(separator: ", ") + ", variance "
                    + variance.map { String(format: "%.2f", $0) }.joined(separator: ", ")
                    + " (true 5 and 9); one example gives the same output alone or in a batch: "
                    + alone.storage.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
    }

    /// Seed 004 says the layer divides by the mini-batch variance. It divides by the standard
    /// deviation √(σ² + ε): only that gives the unit variance the normalisation is for.
    static func notesDivideByVariance() -> Finding {
        // The hand batch's second column has variance 4.
        let column = [2.0, 6.0]
        let mean = column.reduce(0, +) / 2
        let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2
        let byVariance = column.map { ($0 - mean) / variance }
        let spread = byVariance.map { $0 * $0 }.reduce(0, +) / 2
        let layerOutput = BatchNormLayer(units: 2).forward(handBatch, training: true)
        let second = [layerOutput[0, 1], layerOutput[1, 1]]
        let layerSpread = second.map { $0 * $0 }.reduce(0, +) / 2
        return Finding(
            // The normalisation is for unit variance: does dividing by the variance give it?
            .claim(
                holds: abs(spread - 1) < 1e-6,
                detail: "dividing the column [2, 6] (variance 4) by its variance gives "
                    + "[\(shortest(byVariance[0])), \(shortest(byVariance[1]))] with variance \(shortest(spread))"),
            erratum: Erratum(
                reproducedBy: "dividing by the standard deviation sqrt(var + eps), as the book's layer does",
                reproduction: .claim(
                    holds: abs(layerSpread - 1) < 1e-6,
                    detail: String(format: "variance %.7f, 1 up to eps", layerSpread)),
                why:
                    "x_hat = (x - mu) / sqrt(sigma^2 + eps) (DLfS eq. 6.7). Dividing by sigma^2 would leave units with "
                    + "small variance blown up and units with large variance squashed (variance 1/sigma^2), the opposite of "
                    + "the aim; 'variance' in the notes must be read as its square root."))
    }

    // MARK: - Gradient check (DLfS `ch06/batch_norm_gradient_check.py`)

    /// The book's check: a 784-100-100-10 net with batch norm, backpropagation against the
    /// numerical gradient. The book uses a batch of one image; with one image every batch-norm
    /// input equals its batch mean, so every normalised value is 0/√ε = 0 and the gradients of
    /// everything before the last batch norm vanish on both sides — the check passes without
    /// testing them. A batch of `images` > 1 tests every parameter.
    public struct GradientCheck: Sendable {
        /// Mean |backprop − numerical| per parameter, the book's `np.average(np.abs(...))`.
        public let meanDifference: [String: Double]
        /// The parameters whose two gradients are both exactly zero.
        public let vanishing: [String]
        /// The largest |backprop gradient| of each parameter.
        public let largestGradient: [String: Double]

        /// The parameters whose gradient is zero up to rounding: the biases just before a batch
        /// norm, whose mean subtraction cancels any constant shift, for every batch.
        public var cancelled: [String] {
            largestGradient.filter { $0.value < 1e-12 }.map(\.key).sorted()
        }
    }

    public static func gradientCheck(
        images: Int, hiddenSizes: [Int] = [100, 100], h: Double = defaultDifferenceStep,
        seed: UInt32 = 0
    ) throws -> GradientCheck {
        let mnist = try MNISTData.shared()
        var random = RandomState(seed: seed)
        // δ = 0 in the loss: backpropagation differentiates the loss without it (chapter 5's erratum).
        let net = MultiLayerNet(
            inputSize: MNIST.pixelsPerImage, hiddenSizes: hiddenSizes, outputSize: MNIST.classCount,
            batchNorm: true, lossDelta: 0, random: &random)
        let x = mnist.trainImages.matrix(rows: 0..<images), t = Array(mnist.trainLabels[0..<images])
        let backprop = net.gradients(x, labels: t)
        let numerical = net.numericalGradients(x, labels: t, h: h)
        var differences: [String: Double] = [:], vanishing: [String] = [], largest: [String: Double] = [:]
        for name in net.parameterNames {
            let a = backprop[name]!.storage, b = numerical[name]!.storage
            differences[name] = zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Double(a.count)
            largest[name] = a.map(abs).max() ?? 0
            if a.allSatisfy({ $0 == 0 }) && b.allSatisfy({ $0 == 0 }) { vanishing.append(name) }
        }
        return GradientCheck(meanDifference: differences, vanishing: vanishing, largestGradient: largest)
    }

    /// Three images: large enough to test every parameter that a batch can test (all but the
    /// biases that batch norm cancels), small enough for ~90000 numerical derivatives.
    static let checkImages = 3
    static let checkCache = RunCache<[Double], GradientCheck>()

    static func cachedCheck(images: Int, h: Double) throws -> GradientCheck {
        try checkCache.value(for: [Double(images), h]) { try gradientCheck(images: images, h: h) }
    }

    /// Backpropagation agrees with the numerical gradient for every parameter; what difference
    /// remains is the central difference's h² error: it falls 100-fold when h falls 10-fold.
    static func gradientsAgree() -> Finding {
        .catching {
            let check = try cachedCheck(images: checkImages, h: defaultDifferenceStep)
            let finer = try cachedCheck(images: checkImages, h: defaultDifferenceStep / 10)
            let worst = check.meanDifference.max { $0.value < $1.value }!
            let drop = worst.value / finer.meanDifference[worst.key]!
            let cancelled = check.cancelled
            let largestCancelled = cancelled.map { check.largestGradient[$0]! }.max() ?? 0
            let holds = worst.value < 1e-6 && check.vanishing.isEmpty && drop > 50 && cancelled == ["b1", "b2"]
            return Finding(
                .claim(
                    holds: holds,
                    detail: "batch of \(checkImages) images, h = 1e-4: largest mean difference "
                        + String(
                            format: "%.1e (%@), %.0fx smaller with h = 1e-5 (the h^2 error); ", worst.value, worst.key,
                            drop)
                        + "\(10 - cancelled.count) of 10 parameters tested: \(cancelled.joined(separator: " and ")) feed "
                        + "batch norm, which cancels any bias, so their gradient is 0 for every batch (here "
                        + (largestCancelled < 1e-12 ? "below 1e-12, rounding)" : "not!)")))
        }
    }

    /// The book's script checks a batch of one image, which tests almost nothing (see `GradientCheck`).
    static func singleImageIsVacuous() -> Finding {
        .catching {
            let single = try cachedCheck(images: 1, h: defaultDifferenceStep)
            let tested = single.meanDifference.keys.filter { !single.vanishing.contains($0) }.sorted()
            let disagreeing = tested.filter { single.meanDifference[$0]! > 1e-6 }
            let three = try cachedCheck(images: checkImages, h: defaultDifferenceStep)
            let worst = three.meanDifference.values.max()!
            // A check of the net's gradients must test them: every parameter, and every one agreeing.
            return Finding(
                .claim(
                    holds: single.vanishing.isEmpty && disagreeing.isEmpty,
                    detail:
                        "with one image both gradients are exactly 0 for \(single.vanishing.count) of 10 parameters; "
                        + "only \(tested.joined(separator: " and ")) are tested, and "
                        + disagreeing.map { "\($0) disagrees by " + String(format: "%.3f", single.meanDifference[$0]!) }
                        .joined(separator: ", ")),
                erratum: Erratum(
                    reproducedBy: "a batch of \(checkImages) images",
                    reproduction: .claim(
                        holds: three.vanishing.isEmpty && three.cancelled == ["b1", "b2"] && worst < 1e-6,
                        detail: String(
                            format: "%d of 10 parameters tested (all but b1 and b2, which batch norm cancels for any "
                                + "batch), largest mean difference %.1e", 10 - three.cancelled.count, worst)),
                    why:
                        "Batch norm subtracts the batch mean: with one image every normalised value is 0, the layer outputs beta, "
                        + "and nothing before it reaches the loss. The ReLU after it then sits at its kink (beta2 = 0): backprop takes "
                        + "the slope there as 0, the central difference averages 0 and 1. A gradient check of batch norm needs a batch."
                ))
        }
    }

    public static let rows: [String: () -> Finding] = [
        "batchnorm-normalised": normalised,
        "batchnorm-running-averages": runningAverages,
        "batchnorm-inference": inferenceUsesRunningStatistics,
        "batchnorm-notes-variance": notesDivideByVariance,
        "batchnorm-gradient-check": gradientsAgree,
        "batchnorm-one-image": singleImageIsVacuous,
    ]
}

extension BatchNormExamples {
    /// `regularization batchnorm`: the layer on a batch given on the command line.
    struct BatchNorm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batchnorm",
            abstract: "Batch normalisation of a small batch, forward and backward (DLfS 6.3.2).",
            discussion: "Prints the batch statistics, the normalised batch, gamma*x_hat + beta and, for dout = 1 "
                + "everywhere (or --dout), dx, dgamma and dbeta. --gradient-check N runs the book's gradient check "
                + "on N MNIST images.")
        @Option(help: "The batch: rows separated by ';', numbers by ','.") var batch = "1,2;3,6"
        @Option(help: "The upstream gradient, same layout as --batch (default: all ones).") var dout: String?
        @Option(help: "gamma, one number per column (default: all 1).") var gamma: NumberList?
        @Option(help: "beta, one number per column (default: all 0).") var beta: NumberList?
        @Option(help: "Run the gradient check of a 784-100-100-10 net on this many MNIST images instead.")
        var gradientCheck: Int?
        @Option(help: "The gradient check's step h of the central difference.") var step = defaultDifferenceStep

        func validate() throws {
            _ = try Self.parse(batch, "--batch")
            try FlagCheck.positive(step, "--step")
            if let gradientCheck, !(1...100).contains(gradientCheck) {
                throw ValidationError("--gradient-check must be between 1 and 100 images, got \(gradientCheck)")
            }
        }

        static func parse(_ text: String, _ flag: String) throws -> Matrix {
            let rows = text.split(separator: ";").map {
                $0.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            }
            guard !rows.isEmpty, let width = rows.first?.count, width > 0,
                rows.allSatisfy({ $0.count == width && $0.allSatisfy { $0?.isFinite ?? false } })
            else {
                throw ValidationError("\(flag) needs rows of equally many numbers, like 1,2;3,6 — got \(text)")
            }
            return Matrix(rows.map { $0.map { $0! } })
        }

        func run() throws {
            if let gradientCheck {
                let check = try BatchNormExamples.gradientCheck(images: gradientCheck, h: step)
                for (name, difference) in check.meanDifference.sorted(by: { $0.key < $1.key }) {
                    let note =
                        check.vanishing.contains(name)
                        ? "  (both gradients are exactly 0)"
                        : check.cancelled.contains(name)
                            ? String(
                                format: "  (gradient 0 up to rounding: largest %.1e)", check.largestGradient[name]!)
                            : ""
                    print("\(name): \(difference)\(note)")
                }
                return
            }
            let x = try Self.parse(batch, "--batch")
            // The lengths are checked before the layer is built: the layer's own check is a precondition.
            for (flag, list) in [("--gamma", gamma), ("--beta", beta)] {
                if let list, list.values.count != x.cols {
                    throw ValidationError(
                        "\(flag) needs \(x.cols) numbers, one per column of --batch, got \(list.values.count)")
                }
            }
            let layer = BatchNormLayer(
                gamma: gamma.map { Matrix(row: $0.values) } ?? Matrix(rows: 1, cols: x.cols, repeating: 1),
                beta: beta.map { Matrix(row: $0.values) } ?? Matrix.zeros(1, x.cols))
            let out = layer.forward(x, training: true)
            let upstream =
                try dout.map { try Self.parse($0, "--dout") } ?? Matrix(rows: x.rows, cols: x.cols, repeating: 1)
            guard upstream.shape == x.shape else {
                throw ValidationError("--dout has shape \(upstream.shapeDescription), the batch \(x.shapeDescription)")
            }
            let dx = layer.backward(upstream)
            let mean = x.sum(axis: 0) / Double(x.rows)
            print("batch mean      \(mean.storage)")
            print("batch variance  \(((x - mean) * (x - mean)).sum(axis: 0).storage.map { $0 / Double(x.rows) })")
            print("gamma*x_hat+beta \(out.storage)")
            print("running mean    \(layer.runningMean.storage)  (momentum 0.9, from 0)")
            print("running var     \(layer.runningVariance.storage)")
            print("dx              \(dx.storage)")
            print("dgamma          \(layer.dgamma.storage)")
            print("dbeta           \(layer.dbeta.storage)")
        }
    }
}
