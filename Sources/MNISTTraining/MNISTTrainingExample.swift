import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import FromScratch

/// A chapter's MNIST training run as a worked example: DLfS 4.5 trains the two-layer net with a
/// sigmoid hidden layer, DLfS 5.7.4 with ReLU and backpropagation, both with the book's schedule
/// from seed 0. A chapter names its activation, its row and its figures; the run, the row, the
/// learning curves and `train-mnist` follow. It takes minutes, so it is a slow example.
public protocol MNISTTrainingExample: RunnableExample, TrainingChapterDefaults {
    /// The row of the chapter text the run answers.
    static var rowID: String { get }
    /// The stem of its two figures, e.g. `mnist-sigmoid` for `mnist-sigmoid-loss` and `-accuracy`.
    static var figureStem: String { get }
}

extension MNISTTrainingExample {
    public static var setup: MNISTTrainingRun.Setup { MNISTTrainingRun.Setup(activation: activation) }
    public static var rows: [String: () -> Finding] { [rowID: { MNISTTrainingRun.bookFinding(setup) }] }
    public static var isSlow: Bool { true }
    public static var iterations: Int { setup.iterations }
    public static var batchSize: Int { setup.batchSize }
    public static var fewestIterations: Int { 0 }
    public static var learningRate: Double { setup.learningRate }
    public static var commands: [any ParsableCommand.Type] { [TrainMNISTCommand<Self>.self] }

    public static func figures() throws -> [Figure] {
        guard let run = try unlessMNISTIsAbsent({ try MNISTTrainingRun.run(setup) }) else { return [] }
        return [
            LearningCurves.lossFigure(run, name: "\(figureStem)-loss"),
            LearningCurves.accuracyFigure(run, name: "\(figureStem)-accuracy"),
        ]
    }
}
