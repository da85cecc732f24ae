import BookChecks
import Figures

/// Chapter 4, losses (损失函数): DLfS 4.2 with seeds 000, 003 and 004.
public enum LossesBook: BookChapter {
    public static let title = "Chapter 4 — loss functions (DLfS 4.2; seeds 000, 003, 004)"
    public static let textFile = "04-losses.md"
    public static let figureTopic = "losses"
    public static let tool = "losses"

    public static var examples: [String: () -> Finding] {
        [
            "mse-correct": MeanSquaredErrorExample.correct,
            "cee-correct": CrossEntropyExample.correct,
            "mse-wrong": MeanSquaredErrorExample.wrong,
            "cee-wrong": CrossEntropyExample.wrong,
            "batch-cee-label-forms": MiniBatchCrossEntropyExample.equality,
            "batch-cee-comment": CrossEntropyLabelExample.comment,
            "entropy-one-hot": InformationExample.entropyOfCertainty,
            "kl-far": InformationExample.klFar,
            "kl-near": InformationExample.klNear,
            "cross-entropy-one-hot": InformationExample.crossEntropyOfGuess,
            "cross-entropy-decomposition": InformationExample.decomposition,
        ]
    }

    public static func figures() -> [Figure] { [CrossEntropyCurve.figure()] }
}
