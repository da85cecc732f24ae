/// Numerical differentiation (DLfS 4.3, seed 000 §4.2, seed 003 §三 梯度).

/// The book's step, 1e-4: small enough for a good slope, large enough to avoid cancellation.
public let defaultDifferenceStep = 1e-4

/// How a derivative is estimated from two function values.
public enum DifferenceScheme: String, CaseIterable, Sendable {
    /// (f(x+h) - f(x-h)) / 2h — 中心差分, the book's `numerical_diff`. Error O(h^2).
    case central
    /// (f(x+h) - f(x)) / h — 前向差分, seed 000's `numerical_diff0`. Error O(h).
    case forward
}

/// The derivative of `f` at `x` by finite differences (数值微分).
public func numericalDerivative(
    _ f: (Double) -> Double, at x: Double,
    h: Double = defaultDifferenceStep,
    scheme: DifferenceScheme = .central
) -> Double {
    switch scheme {
    case .central: return (f(x + h) - f(x - h)) / (2 * h)
    case .forward: return (f(x + h) - f(x)) / h
    }
}

/// The gradient of `f` at `x` (梯度), one element at a time, as the book's `numerical_gradient`.
///
/// Each element is nudged by ±h in place, `f` is evaluated, and the element is restored, so `f`
/// sees exactly the arrays NumPy's version sees. Works for any shape (seed 003's nditer version).
public func numericalGradient(
    _ f: (Matrix) -> Double, at x: inout Matrix,
    h: Double = defaultDifferenceStep
) -> Matrix {
    var grad = Matrix.zeros(like: x)
    grad.storage = numericalGradient(
        count: x.count, h: h, read: { x[flat: $0] }, write: { x[flat: $0] = $1 },
        f: { f(x) })
    return grad
}

/// The same loop over values that live elsewhere (a layer's weights, say): `read` and `write`
/// reach element i, and `f` evaluates the function with whatever the elements hold now.
/// Nudging in place this way avoids copying a large weight matrix for every element.
public func numericalGradient(
    count: Int, h: Double = defaultDifferenceStep, read: (Int) -> Double,
    write: (Int, Double) -> Void, f: () -> Double
) -> [Double] {
    var grad = [Double](repeating: 0, count: count)
    for i in 0..<count {
        let saved = read(i)
        write(i, saved + h)
        let above = f()
        write(i, saved - h)
        let below = f()
        grad[i] = (above - below) / (2 * h)
        write(i, saved)
    }
    return grad
}

/// `numericalGradient` for callers that do not need `x` back.
public func numericalGradient(
    _ f: (Matrix) -> Double, at x: Matrix,
    h: Double = defaultDifferenceStep
) -> Matrix {
    var point = x
    return numericalGradient(f, at: &point, h: h)
}
