import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import FromScratch
import MNISTTraining

/// DLfS 5.7.4's run: the two-layer net with ReLU layers and backpropagation, trained on MNIST with
/// the book's schedule from seed 0. It takes minutes, so it is a slow example.
public enum MNISTReLUTraining: RunnableExample, TrainingChapterDefaults {
    public static let activation = Activation.relu
    public static let chapterLabel = "DLfS 5.7.4 (ReLU)"

    public static let setup = MNISTTrainingRun.Setup(activation: .relu)

    public static let rows: [String: () -> Finding] = ["mnist-relu-net": { MNISTTrainingRun.bookFinding(setup) }]
    public static let isSlow = true
    public static let commands: [any ParsableCommand.Type] = [TrainMNISTCommand<Self>.self]

    public static func figures() -> [Figure] {
        guard let run = try? MNISTTrainingRun.run(setup) else { return [] }
        return [LearningCurves.lossFigure(run, name: "mnist-relu-loss"),
                LearningCurves.accuracyFigure(run, name: "mnist-relu-accuracy")]
    }
}
