import BookChecks
import FromScratch

/// Seed 004 §3.2, gradient clipping (梯度裁剪): "如果梯度的绝对值大于这个阈值,就将梯度进行缩放,
/// 使其绝对数等于阈值". The notes give no numbers; these two examples are small enough to do by hand.
public enum ClippingExamples {
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

    static let rows: [String: () -> Finding] = [
        "clip-by-value": byValue,
        "clip-by-norm": byGlobalNorm,
    ]
}
