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

    /// max(x, 0) as a select rather than a branch: half the entries are negative in no
    /// predictable pattern, so a branch would be mispredicted half the time.
    public func forward(_ x: consuming Matrix) -> Matrix {
        x.storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = p[i] > 0 ? p[i] : 0 }
        }
        out = x
        return x
    }

    public func backward(_ dout: consuming Matrix) -> Matrix {
        precondition(dout.count == out.count, "ReLU backward: gradient of shape \(dout.shapeDescription) for output \(out.shapeDescription)")
        let n = dout.count
        dout.storage.withUnsafeMutableBufferPointer { d in
            out.storage.withUnsafeBufferPointer { y in
                // Eight at a time with an explicit mask: written as a plain loop, the compiler
                // cannot rule out that the two buffers overlap and falls back to a branch per entry.
                let (dp, yp) = (d.baseAddress!, y.baseAddress!)
                var i = 0
                while i + 8 <= n {
                    let kept = UnsafeRawPointer(yp + i).loadUnaligned(as: SIMD8<Double>.self) .> 0
                    let g = UnsafeRawPointer(dp + i).loadUnaligned(as: SIMD8<Double>.self)
                    UnsafeMutableRawPointer(dp + i).storeBytes(of: g.replacing(with: 0, where: .!kept), as: SIMD8<Double>.self)
                    i += 8
                }
                while i < n {
                    dp[i] = yp[i] > 0 ? dp[i] : 0
                    i += 1
                }
            }
        }
        return dout
    }
}

/// Sigmoid: backward multiplies by y(1 − y), computed from the output it kept.
public final class SigmoidLayer: Layer {
    private var out = Matrix.zeros(0, 0)
    public init() {}

    public func forward(_ x: consuming Matrix) -> Matrix {
        x.storage.withUnsafeMutableBufferPointer { p in
            func apply(_ range: Range<Int>) { for i in range { p[i] = 1 / (1 + exp(-p[i])) } }
            // exp is the costly part of a sigmoid step (about 5 ns an entry): a mini-batch's worth
            // is shared with the second core when one is lent.
            if p.count >= 4096 {
                SecondCore.inHalves({ apply(0..<(p.count / 2)) }, { apply((p.count / 2)..<p.count) })
            } else {
                apply(p.indices)
            }
        }
        out = x
        return x
    }

    /// dout · (1 − y) · y, the book's order of operations.
    public func backward(_ dout: consuming Matrix) -> Matrix {
        precondition(dout.count == out.count, "Sigmoid backward: gradient of shape \(dout.shapeDescription) for output \(out.shapeDescription)")
        let n = dout.count
        dout.storage.withUnsafeMutableBufferPointer { d in
            out.storage.withUnsafeBufferPointer { y in
                let (dp, yp) = (d.baseAddress!, y.baseAddress!)
                for i in 0..<n { dp[i] = dp[i] * (1 - yp[i]) * yp[i] }
            }
        }
        return dout
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

    public func forward(_ x: consuming Matrix) -> Matrix {
        self.x = x
        return matmul(self.x, w, transposingA: false, transposingB: false, addingRows: b)
    }

    public func backward(_ dout: consuming Matrix) -> Matrix {
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
