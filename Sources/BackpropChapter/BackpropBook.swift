import BookChecks
import Figures
import FromScratch
import MNISTTraining

/// Chapter 5, backpropagation (误差反向传播法): DLfS 5.4-5.7.
public enum BackpropBook: BookChapter {
    public static let title = "Chapter 5 — backpropagation (DLfS 5)"
    public static let textFile = "05-backprop.md"
    public static let figureTopic = "backprop"
    public static let tool = "backprop"

    /// DLfS 5.7.4's run: the two-layer net with ReLU layers, the book's schedule, seed 0.
    public static let mnistSetup = MNISTTrainingRun.Setup(activation: .relu)

    public static var examples: [String: () -> Finding] {
        BuyingApples.rows.merging(GradientCheck.rows) { a, _ in a }
            .merging(["mnist-relu-net": { MNISTTrainingRun.bookFinding(mnistSetup) }]) { a, _ in a }
    }

    public static let slowExamples: Set<String> = ["mnist-relu-net"]

    public static func figures() -> [Figure] { [] }

    public static func slowFigures() -> [Figure] {
        guard let run = try? MNISTTrainingRun.run(mnistSetup) else { return [] }
        return [LearningCurves.lossFigure(run, name: "mnist-relu-loss"),
                LearningCurves.accuracyFigure(run, name: "mnist-relu-accuracy")]
    }
}
