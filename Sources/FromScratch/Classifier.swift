/// A network that gives each row of its input a score per class; the highest score is its
/// prediction. The book's networks all measure accuracy the same way, written once here.
public protocol Classifier {
    /// The scores of every row of `x` (before softmax: the argmax is the same).
    func predict(_ x: Matrix) -> Matrix

    /// `predict` for rows `range` of `x` only. The default copies those rows out; a network may
    /// read them in place instead, which must give the same scores, bit for bit.
    func scores(rows range: Range<Int>, of x: some InputRows) -> Matrix
}

extension Classifier {
    public func scores(rows range: Range<Int>, of x: some InputRows) -> Matrix {
        predict(x.matrix(rows: range))
    }

    /// How many of rows `range` of `x` are predicted as their label (`labels` are all of x's).
    public func correctPredictions(rows range: Range<Int>, of x: some InputRows, labels: [Int]) -> Int {
        zip(scores(rows: range, of: x).argmaxPerRow(), labels[range]).filter { $0 == $1 }.count
    }

    /// The book's `accuracy(x, t)`: the share of rows whose predicted class is the label,
    /// `batchSize` rows at a time (the result does not depend on the batch size).
    public func accuracy(_ x: some InputRows, labels: [Int], batchSize: Int = 10_000) -> Double {
        precondition(x.rows == labels.count, "accuracy: \(x.rows) rows but \(labels.count) labels")
        var correct = 0
        for start in stride(from: 0, to: x.rows, by: batchSize) {
            correct += correctPredictions(rows: start..<min(start + batchSize, x.rows), of: x, labels: labels)
        }
        return Double(correct) / Double(max(x.rows, 1))
    }
}
