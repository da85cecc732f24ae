import Foundation

/// The layers of DLfS 5.5-5.6: each computes its output forward and, backward, turns the
/// derivative of the loss with respect to its output into the one with respect to its input.
/// They are classes because a network keeps them and they remember their forward inputs.
///
/// The arguments are `consuming`: a network hands each layer the previous layer's fresh output,
/// so an elementwise layer can overwrite it in place instead of copying it.
public protocol Layer: AnyObject {
    func forward(_ x: consuming Matrix) -> Matrix
    func backward(_ dout: consuming Matrix) -> Matrix
}

/// ReLU: passes positive inputs, blocks the rest, and blocks the same entries on the way back.
public final class ReLULayer: Layer {
    /// The forward output: an entry is blocked backward exactly where it is 0 here.
    private var out = Matrix.zeros(0, 0)
    public init() {}

    /// The book's `out = x.copy(); out[x <= 0] = 0`, in place.
    public func forward(_ x: consuming Matrix) -> Matrix {
        x.zeroUnlessPositive()
        out = x
        return x
    }

    /// The book's `dout[self.mask] = 0`.
    public func backward(_ dout: consuming Matrix) -> Matrix {
        checkGradient(dout, against: out, of: "ReLU")
        dout.zeroWhereNotPositive(in: out)
        return dout
    }
}

/// Sigmoid: backward multiplies by y(1 − y), computed from the output it kept.
public final class SigmoidLayer: Layer {
    private var out = Matrix.zeros(0, 0)
    public init() {}

    /// The book's `out = 1 / (1 + np.exp(-x))`, in place.
    public func forward(_ x: consuming Matrix) -> Matrix {
        x.mapInPlace { 1 / (1 + exp(-$0)) }
        out = x
        return x
    }

    /// The book's `dx = dout * (1.0 - self.out) * self.out`, in that order.
    public func backward(_ dout: consuming Matrix) -> Matrix {
        checkGradient(dout, against: out, of: "Sigmoid")
        dout.combineInPlace(with: out) { d, y in d * (1 - y) * y }
        return dout
    }
}

/// A backward pass needs a gradient of the shape its forward pass gave.
private func checkGradient(_ dout: Matrix, against out: Matrix, of layer: String) {
    precondition(
        dout.count == out.count,
        "\(layer) backward: gradient of shape \(dout.shapeDescription) for output \(out.shapeDescription)")
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
        precondition(
            bias.rows == 1 && bias.cols == weights.cols,
            "AffineLayer: bias of shape \(bias.shapeDescription) for weights \(weights.shapeDescription)")
        w = weights
        b = bias
        dW = Matrix.zeros(like: weights)
        db = Matrix.zeros(like: bias)
    }

    public func forward(_ x: consuming Matrix) -> Matrix {
        self.x = x
        return matmul(self.x, w, transposingA: false, transposingB: false, addingRows: b)
    }

    public func backward(_ dout: consuming Matrix) -> Matrix {
        dW = matmul(x, dout, transposingA: true, transposingB: false)
        db = dout.sum(axis: 0)
        return computesInputGradient ? matmul(dout, w, transposingA: false, transposingB: true) : Matrix.zeros(0, 0)
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

    /// The book's `self.y = softmax(x); self.loss = cross_entropy_error(self.y, self.t)`: the
    /// mean cross-entropy of the batch for class-index labels.
    public func forward(_ x: Matrix, labels: [Int]) -> Double {
        precondition(labels.count == x.rows, "SoftmaxWithLoss: \(labels.count) labels for \(x.rows) rows")
        self.labels = labels
        y = x
        y.softmaxEachRow()
        return crossEntropyError(y, labels: labels, delta: delta)
    }

    /// The book's `dx = y.copy(); dx[np.arange(batch_size), t] -= 1; dx = dx / batch_size`, with
    /// the division done as a product by dout / N, as this layer has always done it.
    public func backward(_ dout: Double = 1) -> Matrix {
        var dx = y
        for (row, label) in labels.enumerated() { dx[row, label] -= 1 }
        dx *= dout / Double(labels.count)
        return dx
    }
}
