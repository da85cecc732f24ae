import BookChecks
import Figures
import FromScratch
import MNISTTraining

/// Chapter 4, gradient descent (梯度下降法): DLfS 4.4.1 with seed 000 §4.3.
public enum GradientDescentBook: BookChapter {
    public static let title = "Chapter 4 — gradient descent (DLfS 4.4.1; seed 000 §4.3)"
    public static let textFile = "04-gradient-descent.md"
    public static let figureTopic = "gradient-descent"
    public static let tool = "gradient-descent"

    public static var examples: [String: () -> Finding] {
        [
            "gd-notes-lr0.2": { GradientDescentRuns.endPoint(0.2) },
            "gd-notes-lr1": GradientDescentRuns.notesLearningRateOne,
            "gd-notes-lr0.01": { GradientDescentRuns.endPoint(0.01) },
            "gd-book-lr0.1": { GradientDescentRuns.endPoint(0.1) },
            "gd-book-lr10": { GradientDescentRuns.endPoint(10) },
            "gd-book-lr1e-10": { GradientDescentRuns.endPoint(1e-10) },
            "mnist-sigmoid-net": { MNISTTrainingRun.bookFinding(mnistSetup) },
        ]
    }

    /// DLfS 4.5's run: the two-layer net with a sigmoid hidden layer, the book's schedule, seed 0.
    public static let mnistSetup = MNISTTrainingRun.Setup(activation: .sigmoid)

    public static let slowExamples: Set<String> = ["mnist-sigmoid-net"]

    public static func figures() -> [Figure] {
        let runs = GradientDescentRuns.runs.map { ($0, GradientDescentRuns.path(learningRate: $0.learningRate)) }
        return runs.map { PathFigure.figure(learningRate: $0.0.learningRate, path: $0.1, name: $0.0.figureName) }
            + [PathFigure.distanceFigure(runs: runs.map { ($0.0.learningRate, $0.1) })]
    }

    public static func slowFigures() -> [Figure] {
        guard let mnist = try? MNISTTrainingRun.run(mnistSetup) else { return [] }
        return [LearningCurves.lossFigure(mnist, name: "mnist-sigmoid-loss"),
                LearningCurves.accuracyFigure(mnist, name: "mnist-sigmoid-accuracy")]
    }
}
