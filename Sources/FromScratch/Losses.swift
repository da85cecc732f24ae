import Foundation

/// Loss functions of DLfS 4.2 (seed 000 §4.1.2, seed 003 §三).

/// Mean squared error, `0.5 * np.sum((y - t)**2)`.
public func meanSquaredError(_ y: Matrix, _ t: Matrix) -> Double {
    0.5 * (y - t).map { $0 * $0 }.sum()
}

/// The small constant the book adds inside the logarithm so that `log(0)` never occurs.
public let crossEntropyDelta = 1e-7

/// Cross-entropy of one-hot targets, `-np.sum(t * np.log(y + delta))` (seed 000's form).
public func crossEntropyError(_ y: Matrix, oneHot t: Matrix, delta: Double = crossEntropyDelta) -> Double {
    -(t * (y + delta).map(log)).sum()
}

/// Mini-batch cross-entropy with class-index labels, as in seed 003 and DLfS 4.2.4:
/// each row contributes `-log(y[i, t[i]] + delta)`, and the total is divided by the batch size.
public func crossEntropyError(_ y: Matrix, labels: [Int], delta: Double = crossEntropyDelta) -> Double {
    precondition(
        labels.count == y.rows,
        "crossEntropyError: \(labels.count) labels for a batch of \(y.rows) rows")
    let picked = labels.enumerated().map { (i, label) -> Double in
        precondition(
            label >= 0 && label < y.cols,
            "crossEntropyError: label \(label) out of range for \(y.cols) classes")
        return log(y[i, label] + delta)
    }
    return -Matrix(row: picked).sum() / Double(y.rows)
}

/// Mini-batch cross-entropy of one-hot labels, the book's way: the one-hot rows are turned
/// into indices with argmax and the index version is used, so both label forms agree.
public func crossEntropyError(batch y: Matrix, oneHot t: Matrix, delta: Double = crossEntropyDelta) -> Double {
    precondition(
        y.rows == t.rows && y.cols == t.cols,
        "crossEntropyError: y has shape \(y.shapeDescription) but t has \(t.shapeDescription)")
    return crossEntropyError(y, labels: t.argmaxPerRow(), delta: delta)
}

/// Softmax of each row, `exp(x - max) / sum(exp(x - max))` (DLfS 3.5.2): the one softmax of
/// the project, used by the examples and by the SoftmaxWithLoss layer alike.
///
/// Subtracting the row's maximum changes nothing mathematically but keeps `exp` from
/// overflowing; with `subtractingMax: false` (the naive formula) inputs near 1000 give nan.
/// Each row's sum runs left to right; NumPy's `np.sum` adds the same way up to 7 entries and
/// pairwise from 8, so a 10-class row may differ from NumPy's in the last bit (DLfS 3.6 uses only
/// its argmax; the training runs' losses match the book's scripts at their stated tolerance).
public func softmax(_ x: Matrix, subtractingMax: Bool = true) -> Matrix {
    var out = x
    out.softmaxEachRow(subtractingMax: subtractingMax)
    return out
}

/// A one-hot row of `classes` entries with a 1 at `index`.
public func oneHot(_ index: Int, classes: Int) -> Matrix {
    precondition(index >= 0 && index < classes, "oneHot: index \(index) out of range for \(classes) classes")
    var t = Matrix(rows: 1, cols: classes)
    t[0, index] = 1
    return t
}
