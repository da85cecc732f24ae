import Foundation

/// Activation functions (激活函数) of DLfS 3.2 and seed 004 §1.3, with their derivatives.
///
/// The derivatives are what backpropagation (chapter 5) multiplies by; each is written in terms
/// of what the forward pass already has (the output y for sigmoid and tanh), as the book does.
public enum Activation: String, CaseIterable, Sendable {
    /// 阶跃函数: 1 for x > 0, else 0 (`np.array(x > 0, dtype=int)`).
    case step
    /// 1 / (1 + e^-x): smooth, in (0, 1), not centred on 0.
    case sigmoid
    /// max(0, x): cheap and does not saturate for x > 0.
    case relu
    /// (e^x - e^-x) / (e^x + e^-x): in (-1, 1) and centred on 0.
    case tanh
    /// max(a·x, x) with a small slope a for x < 0, so negative inputs still pass a gradient.
    case leakyRelu = "leaky-relu"

    /// The slope of leaky ReLU for negative inputs.
    public static let leakySlope = 0.01

    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .step: return x > 0 ? 1 : 0
        case .sigmoid: return 1 / (1 + exp(-x))
        case .relu: return max(0, x)
        case .tanh: return Foundation.tanh(x)
        case .leakyRelu: return x > 0 ? x : Self.leakySlope * x
        }
    }

    public func callAsFunction(_ x: Matrix) -> Matrix { x.map { self($0) } }

    /// dy/dx at x. At the kinks (x = 0) the derivative of the right-hand side is used for none:
    /// ReLU and step take 0 there, leaky ReLU its small slope, as the book's layers do.
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .step: return 0
        case .sigmoid:
            let y = self(x)
            return y * (1 - y)
        case .relu: return x > 0 ? 1 : 0
        case .tanh:
            let y = self(x)
            return 1 - y * y
        case .leakyRelu: return x > 0 ? 1 : Self.leakySlope
        }
    }

    public func derivative(_ x: Matrix) -> Matrix { x.map { derivative($0) } }
}
