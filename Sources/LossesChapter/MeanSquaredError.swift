import BookChecks
import FromScratch

/// 均方误差 (mean squared error), seed 000 §4.1.2 and DLfS 4.2.1: 0.5 * sum((y - t)^2).
enum MeanSquaredErrorExample {
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
