import BookChecks
import Figures

/// Chapter 6, optimizers (参数的更新): DLfS 6.1 with seed 004 §3.
public enum OptimizersBook: BookChapter {
    public static let title = "Chapter 6 — optimizers (DLfS 6.1; seed 004 §3)"
    public static let textFile = "06-optimizers.md"
    public static let figureTopic = "optimizers"

    public static var examples: [String: () -> Finding] { [:] }

    public static func figures() -> [Figure] { [] }
}
