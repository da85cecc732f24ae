import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// Mini-batch cross-entropy (seed 003 §三 交叉熵误差): the book's function accepts one-hot rows or
/// class indices; it turns one-hot rows into indices first, so both must give the same value.
enum MiniBatchCrossEntropyExample: RunnableExample {
    static let rows: [String: () -> Finding] = [
        "batch-cee-label-forms": equality, "batch-cee-comment": CrossEntropyLabelExample.comment,
    ]
    static let commands: [any ParsableCommand.Type] = [Batch.self]

    /// A batch of three outputs: the book's y, the wrong-answer y, and a uniform guess.
    static let batch = Matrix([LossExampleData.y, LossExampleData.yWrong, Array(repeating: 0.1, count: 10)])
    static let labels = [2, 2, 9]

    static func bothForms() -> (oneHot: Double, indices: Double) {
        let t = Matrix(labels.map { oneHot($0, classes: 10).storage })
        return (crossEntropyError(batch: batch, oneHot: t), crossEntropyError(batch, labels: labels))
    }

    static func equality() -> Finding {
        let (a, b) = bothForms()
        return Finding(.claim(holds: a == b, detail: "one-hot \(a), indices \(b)"))
    }
}

/// Seed 003 §三 交叉熵误差 says its mini-batch function 主要是计算出每一行中概率最大的值, and comments
/// the return line 仅仅计算最大概率的值 ("only the largest probability"). `y[np.arange(batch_size), t]`
/// picks each row's output at the correct label t instead; the two agree only when the network is
/// right.
enum CrossEntropyLabelExample {
    /// −Σ log(max of each row + δ) / N: what the comment says the function computes.
    static func ofRowMaxima(_ y: Matrix) -> Double {
        -Matrix(row: (0..<y.rows).map { log(y.row($0).max()! + crossEntropyDelta) }).sum() / Double(y.rows)
    }

    static func comment() -> Finding {
        let batch = MiniBatchCrossEntropyExample.batch
        let labels = MiniBatchCrossEntropyExample.labels
        let function = crossEntropyError(batch, labels: labels)
        let maxima = ofRowMaxima(batch)
        // The wrong-answer row alone: its maximum 0.6 sits at index 7, the label is 2.
        let wrongRow = Matrix(row: LossExampleData.yWrong)
        let wrong = crossEntropyError(wrongRow, labels: [LossExampleData.correctLabel])
        let atLabel = -log(LossExampleData.yWrong[LossExampleData.correctLabel] + crossEntropyDelta)
        // The right-answer row (0.6 at the label): there the label's output is the maximum.
        let rightRow = Matrix(row: LossExampleData.y)
        let right = crossEntropyError(rightRow, labels: [LossExampleData.correctLabel])
        return Finding(
            .claim(
                holds: function == maxima,
                detail: String(
                    format: "the function gives %@ for the batch [book's y, wrong-answer y, uniform], the row maxima "
                        + "would give %@; for the wrong-answer y alone %@, not -log(0.6) = %@",
                    shortest(function), shortest(maxima), shortest(wrong), shortest(ofRowMaxima(wrongRow)))),
            erratum: Erratum(
                reproducedBy: "the output at the correct label t",
                reproduction: .claim(
                    holds: wrong == atLabel && right == ofRowMaxima(rightRow),
                    detail: String(
                        format:
                            "wrong-answer y: -log(y[2] + 1e-7) = %@, the function's value to the bit; right-answer y "
                            + "(0.6 at the label): the function and the row maximum agree, %@", shortest(atLabel),
                        shortest(right))),
                why:
                    "y[np.arange(batch_size), t] indexes row i at column t[i], the correct label: cross-entropy scores "
                    + "the probability given to the right answer, whatever the network thought most likely. The comment "
                    + "holds only for a batch the network gets right (seed 000's example, 0.6 at the label); "
                    + "t = t.argmax(axis=1) above it only turns one-hot labels into indices."))
    }
}

extension MiniBatchCrossEntropyExample {
    /// `losses batch`: the two label forms side by side.
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mini-batch cross-entropy with one-hot and with index labels (seed 003 §三).")

        func run() {
            let (a, b) = MiniBatchCrossEntropyExample.bothForms()
            print(
                "batch of \(MiniBatchCrossEntropyExample.labels.count), labels \(MiniBatchCrossEntropyExample.labels)")
            print("one-hot labels: \(a)")
            print("index labels:   \(b)")
            print(a == b ? "equal" : "different")
        }
    }
}
