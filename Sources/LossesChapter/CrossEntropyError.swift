import BookChecks
import FromScratch

/// 交叉熵误差 (cross-entropy error), seed 000 §4.1.2 and DLfS 4.2.2: -sum(t * log(y + 1e-7)).
enum CrossEntropyExample {
    static func loss(y: [Double], label: Int, delta: Double = crossEntropyDelta) -> Double {
        crossEntropyError(Matrix(row: y), oneHot: oneHot(label, classes: y.count), delta: delta)
    }

    static func correct() -> Finding {
        .value(loss(y: LossExampleData.y, label: LossExampleData.correctLabel))
    }

    static func wrong() -> Finding {
        .value(loss(y: LossExampleData.yWrong, label: LossExampleData.correctLabel))
    }
}

/// Mini-batch cross-entropy (seed 003 §三 交叉熵误差): the book's function accepts one-hot rows or
/// class indices; it turns one-hot rows into indices first, so both must give the same value.
enum MiniBatchCrossEntropyExample {
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
