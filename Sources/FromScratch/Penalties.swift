import Foundation

/// A penalty on the weights added to the loss (正则化, seed 004 §5.3; DLfS 6.4.2): large weights
/// cost something, so the network prefers small ones and fits the training set less slavishly.
///
/// Biases are not penalised, as in the book. Each case gives the penalty of one weight matrix
/// and its gradient, which backpropagation adds to the loss's gradient dW.
public enum Penalty: Hashable, Sendable, CustomStringConvertible {
    /// No penalty.
    case none
    /// L2, the book's weight decay (权值衰减): ½·λ·ΣW², gradient λ·W. Shrinks every weight in
    /// proportion to its size.
    case l2(Double)
    /// L1: λ·Σ|W|, gradient λ·sign(W) (0 at 0, as `np.sign`). Pulls every weight towards 0 by the
    /// same amount, so small weights reach 0: sparse weights.
    case l1(Double)
    /// Elastic net (弹性网络): λ·(r·Σ|W| + (1 − r)·½·ΣW²), scikit-learn's form with l1_ratio r —
    /// L1's sparsity with L2's grouping of correlated weights. r = 1 is L1, r = 0 is L2.
    case elasticNet(Double, l1Ratio: Double)

    /// The overall strength λ.
    public var lambda: Double {
        switch self {
        case .none: return 0
        case let .l2(lambda), let .l1(lambda), let .elasticNet(lambda, _): return lambda
        }
    }

    /// Whether the loss and gradients change at all (λ = 0 adds nothing, as the book's code).
    public var isActive: Bool { lambda != 0 }

    /// Checks λ ≥ 0 and 0 ≤ r ≤ 1; the message names the offending value.
    public var problem: String? {
        if !(lambda >= 0 && lambda.isFinite) {
            return "the penalty's lambda must be a finite number >= 0, got \(lambda)"
        }
        if case let .elasticNet(_, ratio) = self, !(ratio >= 0 && ratio <= 1) {
            return "the elastic net's l1 ratio must lie in [0, 1], got \(ratio)"
        }
        return nil
    }

    /// The penalty of one weight matrix. L2 is `0.5 * λ * np.sum(W**2)`, the book's expression
    /// in the book's order, so that the loss matches NumPy's to the last bit.
    public func value(_ w: Matrix) -> Double {
        switch self {
        case .none: return 0
        case let .l2(lambda): return 0.5 * lambda * w.map { $0 * $0 }.sum()
        case let .l1(lambda): return lambda * w.map(abs).sum()
        case let .elasticNet(lambda, ratio):
            return lambda * (ratio * w.map(abs).sum() + (1 - ratio) * 0.5 * w.map { $0 * $0 }.sum())
        }
    }

    /// ∂penalty/∂W, element by element.
    public func gradient(_ w: Matrix) -> Matrix {
        switch self {
        case .none: return Matrix.zeros(like: w)
        case let .l2(lambda): return lambda * w
        case let .l1(lambda): return w.map { lambda * Self.sign($0) }
        case let .elasticNet(lambda, ratio): return w.map { lambda * (ratio * Self.sign($0) + (1 - ratio) * $0) }
        }
    }

    /// dW + ∂penalty/∂W: the gradient a penalised network hands to its optimizer. For L2 this
    /// is the book's `dW + λ·W`.
    public func adding(to dW: Matrix, weights w: Matrix) -> Matrix {
        guard isActive else { return dW }
        precondition(
            dW.shape == w.shape,
            "Penalty: gradient of shape \(dW.shapeDescription) for weights \(w.shapeDescription)")
        // One pass over both, element by element as NumPy's dW + λ*W computes it.
        switch self {
        case .none: return dW
        case let .l2(lambda): return dW.addingScaled(w, by: lambda)
        case let .l1(lambda): return dW.combined(with: w) { d, w in d + lambda * Self.sign(w) }
        case let .elasticNet(lambda, ratio):
            return dW.combined(with: w) { d, w in d + lambda * (ratio * Self.sign(w) + (1 - ratio) * w) }
        }
    }

    /// `np.sign`: −1, 0 or 1 (0 for ±0; NaN stays NaN).
    static func sign(_ x: Double) -> Double { x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x }

    public var description: String {
        switch self {
        case .none: return "no penalty"
        case let .l2(lambda): return "L2 (weight decay), lambda \(lambda)"
        case let .l1(lambda): return "L1, lambda \(lambda)"
        case let .elasticNet(lambda, ratio): return "elastic net, lambda \(lambda), l1 ratio \(ratio)"
        }
    }
}
