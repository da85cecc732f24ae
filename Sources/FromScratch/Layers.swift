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
    private var mask: [Bool] = []
    public init() {}

    public func forward(_ x: Matrix) -> Matrix {
        mask = x.storage.map { $0 <= 0 }
        return x.map { $0 > 0 ? $0 : 0 }
    }

    public func backward(_ dout: Matrix) -> Matrix {
        var dx = dout
        for i in 0..<dx.count where mask[i] { dx[flat: i] = 0 }
        return dx
    }
}

/// Sigmoid: backward multiplies by y(1 − y), computed from the output it kept.
public final class SigmoidLayer: Layer {
    private var out = Matrix.zeros(0, 0)
    public init() {}

    public func forward(_ x: Matrix) -> Matrix {
        out = Activation.sigmoid(x)
        return out
    }

    public func backward(_ dout: Matrix) -> Matrix {
        Matrix.elementwise(dout, out, "sigmoid backward") { d, y in d * (1 - y) * y }
    }
}

/// Affine (全连接): x·W + b. Backward gives dx = dout·Wᵀ and keeps dW = xᵀ·dout, db = Σ dout.
public final class AffineLayer: Layer {
    public var w: Matrix
    public var b: Matrix
    public private(set) var dW: Matrix
    public private(set) var db: Matrix
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
        return matmul(x, w) + b
    }

    public func backward(_ dout: Matrix) -> Matrix {
        dW = matmul(x.transposed, dout)
        db = dout.sum(axis: 0)
        return matmul(dout, w.transposed)
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

    /// The mean cross-entropy of the batch for class-index labels.
    public func forward(_ x: Matrix, labels: [Int]) -> Double {
        self.labels = labels
        y = softmax(x)
        return crossEntropyError(y, labels: labels, delta: delta)
    }

    public func backward(_ dout: Double = 1) -> Matrix {
        var dx = y
        for (row, label) in labels.enumerated() { dx[row, label] -= 1 }
        return dx * (dout / Double(labels.count))
    }
}
