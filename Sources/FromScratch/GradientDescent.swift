/// Gradient descent with numerical gradients (梯度下降法, DLfS 4.4.1, seed 000 §4.3).

/// The points a gradient-descent run visits.
public struct DescentPath: Sendable {
    /// `points[0]` is the start, `points[k]` the position after k steps; the last is the end point.
    public var points: [Matrix]
    public var end: Matrix { points[points.count - 1] }
}

/// Runs `steps` updates x ← x − lr·∇f(x), with the gradient taken numerically as the book does.
public func gradientDescent(
    _ f: (Matrix) -> Double, from start: Matrix,
    learningRate lr: Double, steps: Int
) -> DescentPath {
    precondition(steps >= 0, "gradientDescent: steps must be >= 0, got \(steps)")
    var x = start
    var points = [x]
    points.reserveCapacity(steps + 1)
    for _ in 0..<steps {
        let grad = numericalGradient(f, at: &x)
        x -= lr * grad
        points.append(x)
    }
    return DescentPath(points: points)
}
