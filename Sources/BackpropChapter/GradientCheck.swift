import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Foundation
import FromScratch

/// 梯度确认 (gradient check, DLfS 5.7.3): backpropagation against the numerical gradient on a
/// 784-50-10 net and the first three training images; the book prints the mean absolute
/// difference per parameter.
///
/// The book's weights are unseeded, so only the magnitudes can be reproduced. b2 stays about a
/// hundred times further off than the others. The central difference has an error of
/// h²·f'''/6, and the third derivative of the loss is largest for b2, which feeds softmax
/// directly, with nothing in between (W1's effect passes through weights of 0.01 and is tiny).
/// That error shrinks as h², which `differences(h:)` lets the tests show.
public enum GradientCheck: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [GradientCheckCommand.self]

    /// The mean |backprop − numerical| per parameter, for a net drawn with `seed`.
    public static func differences(
        seed: UInt32 = 0, h: Double = defaultDifferenceStep,
        lossDelta: Double = crossEntropyDelta,
        of parameters: [String] = TwoLayerNet.parameterNames
    ) throws -> [String: Double] {
        let data = try MNIST.loadSplit(.train, from: try MNISTLocation.ensureFiles(explicit: nil))
        let x = data.images.matrix(rows: 0..<3)
        let labels = Array(data.labels[0..<3])
        var random = RandomState(seed: seed)
        let net = TwoLayerNet(
            inputSize: 784, hiddenSize: 50, outputSize: 10, activation: .relu, lossDelta: lossDelta,
            random: &random)
        let numerical = net.numericalGradients(x, labels: labels, h: h, of: parameters)
        let backprop = net.gradients(x, labels: labels)
        var result: [String: Double] = [:]
        for parameter in parameters {
            let diff = (backprop[parameter]! - numerical[parameter]!).storage.map(abs)
            result[parameter] = diff.reduce(0, +) / Double(diff.count)
        }
        return result
    }

    /// Each difference as 22 product kernels gave it: the 11 OpenBLAS kernel sets that an AMD EPYC
    /// (AVX-512) runs (Haswell, SkylakeX, Cooperlake, Zen, Sandybridge, Nehalem, Prescott, Core2,
    /// Penryn, Atom and Barcelona; `OPENBLAS_CORETYPE=… backprop gradient-check --delta 0`, OpenBLAS
    /// 0.3.21), each with the first layer's image products dense (dgemm, 2026-11-30) and skipping
    /// the images' zeros (`CSparse`, 2026-12-05), MNIST pixels in float32 as the book loads them.
    /// Without δ the differences are rounding noise and only their first two to four digits are
    /// shared; with δ, four digits are.
    static let measuredWithoutDelta: [String: KernelSpread] = [
        "W1": KernelSpread(low: 2.558303203451671e-13, high: 2.575380979677168e-13, kernels: 22),
        "b1": KernelSpread(low: 8.636291681796138e-13, high: 8.636293720096222e-13, kernels: 22),
        "W2": KernelSpread(low: 8.876697866339045e-13, high: 8.876701268565463e-13, kernels: 22),
        "b2": KernelSpread(low: 1.2079227756922606e-10, high: 1.2079227756922606e-10, kernels: 22),
    ]

    private static let withDelta = Cached(lossDelta: crossEntropyDelta)
    private static let withoutDelta = Cached(lossDelta: 0)

    /// The book's weights were random and unseeded, so the check is the order of magnitude. With
    /// the δ of the book's code the differences are ~1e-9..1e-7: backprop's (y − t)/N ignores δ
    /// while the numerical gradient sees it. The book's magnitudes come from a loss without δ.
    static func finding(_ parameter: String) -> Finding {
        .catching {
            Finding(
                .magnitude(try withDelta.get()[parameter]!, why: "seed 0, with δ"),
                erratum: Erratum(
                    reproducedBy: "the same check with a cross-entropy without δ",
                    reproduction: .magnitude(
                        try withoutDelta.get()[parameter]!, spread: measuredWithoutDelta[parameter],
                        why: "seed 0, without δ"),
                    why: "Backpropagation's gradient (y - t)/N is that of -log y, while the numerical gradient "
                        + "differentiates the code's -log(y + 1e-7): the two differ by about δ/y ≈ 1e-6 of the "
                        + "gradient. The book printed its differences from a loss without δ (as in DLfS 4.4.2's "
                        + "simpleNet); without δ the magnitudes are the book's."))
        }
    }

    public static var rows: [String: () -> Finding] {
        Dictionary(
            uniqueKeysWithValues: TwoLayerNet.parameterNames.map { parameter in
                ("gradient-check-\(parameter.lowercased())", { finding(parameter) })
            })
    }

    private final class Cached: @unchecked Sendable {
        private let lossDelta: Double
        private var value: [String: Double]?
        private let lock = NSLock()
        init(lossDelta: Double) { self.lossDelta = lossDelta }
        func get() throws -> [String: Double] {
            try lock.withLock {
                if let value { return value }
                let computed = try differences(lossDelta: lossDelta)
                value = computed
                return computed
            }
        }
    }
}

/// `backprop gradient-check`: DLfS 5.7.3 with its parameters as flags.
struct GradientCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradient-check",
        abstract: "Backprop against the numerical gradient on 3 training images (DLfS 5.7.3).")
    @OptionGroup var random: SeedOption
    @Option(help: "The numerical gradient's step h.") var h = defaultDifferenceStep
    @Option(help: "The δ inside the cross-entropy's log (the book's code: 1e-7; its printed output: 0).")
    var delta = crossEntropyDelta

    func validate() throws {
        try FlagCheck.positive(h, "--h")
        guard delta >= 0, delta.isFinite else { throw ValidationError("--delta must be >= 0, got \(delta)") }
    }

    func run() throws {
        let differences = try GradientCheck.differences(seed: random.seed, h: h, lossDelta: delta)
        for parameter in TwoLayerNet.parameterNames {
            print("\(parameter):\(differences[parameter]!)")
        }
    }
}
