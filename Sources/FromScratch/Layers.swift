import Foundation

/// The layers of DLfS 5.5-5.6: each computes its output forward and, backward, turns the
/// derivative of the loss with respect to its output into the one with respect to its input.
/// They are classes because a network keeps them and they remember their forward inputs.
public protocol Layer: AnyObject {
    func forward(_ x: Matrix) -> Matrix
    func backward(_ dout: Matrix) -> Matrix
}

/// ReLU: passes positive inputs, blocks the rest, and blocks the same entries on the way back.
public final class ReLULayer: Layer {
    /// The forward output: an entry is blocked backward exactly where it is 0 here.
    private var out = Matrix.zeros(0, 0)
    public init() {}

    public func forward(_ x: Matrix) -> Matrix {
        var y = x
        y.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices where !(p[i] > 0) { p[i] = 0 }
        }
        out = y
        return y
    }

    public func backward(_ dout: Matrix) -> Matrix {
        precondition(dout.count == out.count, "ReLU backward: gradient of shape \(dout.shapeDescription) for output \(out.shapeDescription)")
        var dx = dout
        dx.storage.withUnsafeMutableBufferPointer { d in
            out.storage.withUnsafeBufferPointer { y in
                for i in d.indices where !(y[i] > 0) { d[i] = 0 }
            }
        }
        return dx
    }
}

/// Sigmoid: backward multiplies by y(1 − y), computed from the output it kept.
public final class SigmoidLayer: Layer {
    private var out = Matrix.zeros(0, 0)
    public init() {}

    public func forward(_ x: Matrix) -> Matrix {
        var y = x
        y.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = 1 / (1 + exp(-p[i])) }
        }
        out = y
        return y
    }

    /// dout · (1 − y) · y, the book's order of operations.
    public func backward(_ dout: Matrix) -> Matrix {
        precondition(dout.count == out.count, "Sigmoid backward: gradient of shape \(dout.shapeDescription) for output \(out.shapeDescription)")
        var dx = dout
        dx.storage.withUnsafeMutableBufferPointer { d in
            out.storage.withUnsafeBufferPointer { y in
                for i in d.indices { d[i] = d[i] * (1 - y[i]) * y[i] }
            }
        }
        return dx
    }
}

/// Affine (全连接): x·W + b. Backward gives dx = dout·Wᵀ and keeps dW = xᵀ·dout, db = Σ dout.
public final class AffineLayer: Layer {
    public var w: Matrix
    public var b: Matrix
    public private(set) var dW: Matrix
    public private(set) var db: Matrix
    /// The first layer of a network has no one to pass dx to; it can skip that product.
    public var computesInputGradient = true
    private var x = Matrix.zeros(0, 0)

    public init(weights: Matrix, bias: Matrix) {
        precondition(bias.rows == 1 && bias.cols == weights.cols,
                     "AffineLayer: bias of shape \(bias.shapeDescription) for weights \(weights.shapeDescription)")
        w = weights
        b = bias
        dW = Matrix.zeros(like: weights)
        db = Matrix.zeros(like: bias)
    }

    public func forward(_ x: Matrix) -> Matrix {
        self.x = x
        return matmul(x, w, transposingA: false, transposingB: false, addingRows: b)
    }

    public func backward(_ dout: Matrix) -> Matrix {
        dW = matmul(x, dout, transposingA: true, transposingB: false)
        db = dout.sum(axis: 0)
        return computesInputGradient ? matmul(dout, w, transposingA: false, transposingB: true) : Matrix.zeros(0, 0)
    }

    /// w −= lr·dW and b −= lr·db, in place (plain SGD, the book's update).
    public func descend(learningRate lr: Double) {
        w.subtractScaled(dW, by: lr)
        b.subtractScaled(db, by: lr)
    }
}

/// Softmax and cross-entropy as one layer, because together their backward pass is simply
/// (y − t) / batch size (DLfS 5.6.3).
public final class SoftmaxWithLossLayer {
    private var y = Matrix.zeros(0, 0)
    private var labels: [Int] = []
    /// The δ inside the log. The backward pass ignores it, as the book's does.
    public let delta: Double

    public init(delta: Double = crossEntropyDelta) { self.delta = delta }

    /// The mean cross-entropy of the batch for class-index labels: softmax (max-shifted) and
    /// −log(y[label] + δ) in one pass per row.
    public func forward(_ x: Matrix, labels: [Int]) -> Double {
        precondition(labels.count == x.rows, "SoftmaxWithLoss: \(labels.count) labels for \(x.rows) rows")
        self.labels = labels
        y = x
        let cols = x.cols
        var picked = [Double](repeating: 0, count: x.rows)
        y.storage.withUnsafeMutableBufferPointer { p in
            for r in 0..<x.rows {
                let row = UnsafeMutableBufferPointer(rebasing: p[(r * cols)..<((r + 1) * cols)])
                let top = row.max()!
                var total = 0.0
                for c in 0..<cols {
                    row[c] = exp(row[c] - top)
                    total += row[c]
                }
                for c in 0..<cols { row[c] /= total }
                precondition(labels[r] >= 0 && labels[r] < cols, "SoftmaxWithLoss: label \(labels[r]) out of range")
                picked[r] = log(row[labels[r]] + delta)
            }
        }
        return -Matrix(row: picked).sum() / Double(x.rows)
    }

    /// (y − t)/N, built in one pass over y.
    public func backward(_ dout: Double = 1) -> Matrix {
        var dx = y
        let scale = dout / Double(labels.count)
        let cols = dx.cols
        dx.storage.withUnsafeMutableBufferPointer { d in
            for (row, label) in labels.enumerated() { d[row * cols + label] -= 1 }
            for i in d.indices { d[i] *= scale }
        }
        return dx
    }
}
