import ArgumentParser
import BookChecks
import ChapterCommandLine
import FromScratch

/// 均方误差 (mean squared error), seed 000 §4.1.2 and DLfS 4.2.1: 0.5 * sum((y - t)^2).
enum MeanSquaredErrorExample: RunnableExample {
    /// The right answer scores low, the wrong answer high.
    static let rows = LossExampleData.rows("mse") { loss(y: $0, label: $1) }
    static let commands: [any ParsableCommand.Type] = [MSE.self]

    static func loss(y: [Double], label: Int) -> Double {
        meanSquaredError(Matrix(row: y), oneHot(label, classes: y.count))
    }
}

extension MeanSquaredErrorExample {
    /// `losses mse`: the loss of an output and label of the reader's choice.
    struct MSE: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mse", abstract: "均方误差: 0.5 * sum((y - t)^2) (seed 000 §4.1.2).")
        @OptionGroup var prediction: LossExampleData.Prediction

        func run() {
            print(MeanSquaredErrorExample.loss(y: prediction.y.values, label: prediction.label))
        }
    }
}
