import BookChecks
import Figures

/// Chapter 4, derivatives and gradients (导数与梯度): DLfS 4.3-4.4.2 with seeds 000 and 003.
public enum DerivativesBook: BookChapter {
    public static let title = "Chapter 4 — derivatives and gradients (DLfS 4.3-4.4; seeds 000, 003)"
    public static let textFile = "04-derivatives.md"
    public static let figureTopic = "derivatives"
    public static let tool = "derivatives"

    public static var examples: [String: () -> Finding] {
        [
            "diff-notes-x5": { NumericalDiffExample.notes(at: 5) },
            "diff-notes-x10": { NumericalDiffExample.notes(at: 10) },
            "diff-book-x5": { NumericalDiffExample.book(at: 5) },
            "diff-book-x10": { NumericalDiffExample.book(at: 10) },
            "partial-x0": PartialDerivativesExample.withRespectToX0,
            "partial-x1": PartialDerivativesExample.withRespectToX1,
            "gradient-3-4": { GradientExample.at([3, 4]) },
            "gradient-0-2": { GradientExample.at([0, 2]) },
            "gradient-3-0": { GradientExample.at([3, 0]) },
            "gradient-n-dimensional": GradientExample.nDimensional,
            "gradient-direction": GradientDirectionExample.finding,
            "function-2-indexing": GradientExample.function2Indexing,
            "simplenet-scores": SimpleNet.scores,
            "simplenet-argmax": SimpleNet.answer,
            "simplenet-loss": SimpleNet.lossFinding,
            "simplenet-dw": SimpleNet.gradientFinding,
        ]
    }

    public static func figures() -> [Figure] {
        [TangentLines.figure(), SquareSurface.figure(), GradientField.figure()]
    }
}
