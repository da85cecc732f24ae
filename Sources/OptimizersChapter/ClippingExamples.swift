import ArgumentParser
import BookChecks
import ChapterCommandLine
import FromScratch

/// Seed 004 §3.2, gradient clipping (梯度裁剪): "如果梯度的绝对值大于这个阈值,就将梯度进行缩放,
/// 使其绝对数等于阈值". The notes give no numbers; these two examples are small enough to do by hand.
public enum ClippingExamples: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [Clip.self]

    /// By value, threshold 1: g = [3, -0.5, -4] becomes [1, -0.5, -1] (-0.5 is inside the band).
    public static let valueGradient: NamedMatrices = ["g": Matrix(row: [3, -0.5, -4])]
    public static let valueThreshold = 1.0

    /// By global norm, 2.5: W = [[2, -1], [0, 2]] and b = [4] have ‖g‖ = √(4+1+0+4+16) = 5, so
    /// both are halved: [[1, -0.5], [0, 1]] and [2].
    public static let normGradients: NamedMatrices = ["W": Matrix([[2, -1], [0, 2]]), "b": Matrix(row: [4])]
    public static let maxNorm = 2.5

    static func byValue() -> Finding {
        .values(GradientClipping.byValue(valueThreshold).applied(to: valueGradient)["g"]!.storage)
    }

    static func byGlobalNorm() -> Finding {
        let clipped = GradientClipping.byGlobalNorm(maxNorm).applied(to: normGradients)
        return .values(clipped["W"]!.storage + clipped["b"]!.storage)
    }

    public static let rows: [String: () -> Finding] = [
        "clip-by-value": byValue,
        "clip-by-norm": byGlobalNorm,
    ]
}

extension ClippingExamples {
    /// Seed 004 §3.2: gradient clipping.
    struct Clip: ParsableCommand {
        enum Method: String, ExpressibleByArgument, CaseIterable { case value, norm }

        static let configuration = CommandConfiguration(
            commandName: "clip",
            abstract:
                "Clip a gradient by value (each element to [-t, t]) or by norm (scaled to length t) (seed 004 3.2).")
        @Option(help: "The gradient, comma-separated.") var gradient = NumberList([3, -0.5, -4])
        @Option(help: "value or norm.") var by = Method.value
        @Option(help: "The threshold (clip_value).") var threshold = 1.0

        func validate() throws { try FlagCheck.positive(threshold, "--threshold") }

        func run() throws {
            let clipping: GradientClipping = by == .value ? .byValue(threshold) : .byGlobalNorm(threshold)
            let g: NamedMatrices = ["g": Matrix(row: gradient.values)]
            let clipped = clipping.applied(to: g)["g"]!
            print("gradient \(gradient.values), norm \(GradientClipping.globalNorm(g))")
            print("clipped  \(clipped.storage), norm \(GradientClipping.globalNorm(["g": clipped]))")
        }
    }
}
