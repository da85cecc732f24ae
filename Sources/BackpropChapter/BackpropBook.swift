import BookChecks
import Figures

/// Chapter 5, backpropagation (误差反向传播法): DLfS 5.
public enum BackpropBook: BookChapter {
    public static let title = "Chapter 5 — backpropagation (DLfS 5)"
    public static let textFile = "05-backprop.md"
    public static let figureTopic = "backprop"

    public static var examples: [String: () -> Finding] { [:] }

    public static func figures() -> [Figure] { [] }
}
