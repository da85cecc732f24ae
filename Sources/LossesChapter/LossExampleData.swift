import ArgumentParser
import BookChecks
import ChapterCommandLine
import FromScratch

/// The network output and labels the book uses for its loss examples (seed 000 §4.1.2, DLfS 4.2).
public enum LossExampleData {
    /// A softmax output whose largest probability, 0.6, sits at index 2.
    public static let y: [Double] = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    /// The correct label of `y` (one-hot at 2, 正确解标签).
    public static let correctLabel = 2
    /// DLfS 4.2.1 moves the 0.6 to index 7, so the network now answers wrongly.
    public static let yWrong: [Double] = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]

    /// A loss's two rows, `<loss>-correct` and `<loss>-wrong`: the book applies each loss to both outputs.
    static func rows(_ loss: String, _ function: @escaping ([Double], Int) -> Double) -> [String: () -> Finding] {
        [
            "\(loss)-correct": { .value(function(y, correctLabel)) },
            "\(loss)-wrong": { .value(function(yWrong, correctLabel)) },
        ]
    }
}

extension LossExampleData {
    /// The output and label flags of `losses mse` and `losses cross-entropy`.
    /// Output and label options shared by the two single-example losses.
    struct Prediction: ParsableArguments {
        @Option(help: "The network's output y, comma-separated (the book's softmax output by default).")
        var y = NumberList(LossExampleData.y)

        @Option(help: "The correct class index (one-hot t).")
        var label = LossExampleData.correctLabel

        func validate() throws {
            guard label >= 0, label < y.values.count else {
                throw ValidationError("--label must be a class index from 0 to \(y.values.count - 1), got \(label)")
            }
        }
    }
}
