import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import FromScratch
import MNISTTraining

/// DLfS 4.5's run: the two-layer net with a sigmoid hidden layer, trained on MNIST with the book's
/// schedule from seed 0. It takes minutes, so it is a slow example.
public enum MNISTSigmoidTraining: RunnableExample, TrainingChapterDefaults {
    public static let activation = Activation.sigmoid
    public static let chapterLabel = "DLfS 4.5 (sigmoid)"

    public static let setup = MNISTTrainingRun.Setup(activation: .sigmoid)

    public static let rows: [String: () -> Finding] = ["mnist-sigmoid-net": { MNISTTrainingRun.bookFinding(setup) }]
    public static let isSlow = true
    public static let commands: [any ParsableCommand.Type] = [TrainMNISTCommand<Self>.self]

    public static func figures() -> [Figure] {
        guard let mnist = try? MNISTTrainingRun.run(setup) else { return [] }
        return [LearningCurves.lossFigure(mnist, name: "mnist-sigmoid-loss"),
                LearningCurves.accuracyFigure(mnist, name: "mnist-sigmoid-accuracy")]
    }
}
