import ArgumentParser
import BookChecks
import ChapterCommandLine
import FromScratch

/// 均方误差 (mean squared error), seed 000 §4.1.2 and DLfS 4.2.1: 0.5 * sum((y - t)^2).
enum MeanSquaredErrorExample: RunnableExample {
    static let rows: [String: () -> Finding] = ["mse-correct": correct, "mse-wrong": wrong]
    static let commands: [any ParsableCommand.Type] = [MSE.self]

    static func loss(y: [Double], label: Int) -> Double {
        meanSquaredError(Matrix(row: y), oneHot(label, classes: y.count))
    }

    /// The right answer scores low...
    static func correct() -> Finding {
        .value(loss(y: LossExampleData.y, label: LossExampleData.correctLabel))
    }

    /// ...and the wrong answer scores high.
    static func wrong() -> Finding {
        .value(loss(y: LossExampleData.yWrong, label: LossExampleData.correctLabel))
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
