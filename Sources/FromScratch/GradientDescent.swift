/// Gradient descent (梯度下降法): the book's `gradient_descent` (DLfS 4.4.1, seed 000 §4.3), and
/// the same loop with any optimizer (DLfS 6.1, `optimizer_compare_naive.py`). Chapters 4 and 6
/// both walk a function of a few variables with it.

/// The points a descent visits.
public struct DescentPath: Sendable {
    /// `points[0]` is the start, `points[k]` the position after k steps; the last is the end point.
    public var points: [Matrix]
    public var end: Matrix { points[points.count - 1] }

    public init(points: [Matrix]) { self.points = points }
}

/// Runs `steps` updates of `optimizer` on the one parameter x, from `start`, with the gradient
/// `gradient(x)`: the loop of the book's `optimizer_compare_naive.py`, and with plain SGD its
/// `gradient_descent`.
public func descend<O: Optimizer>(
    _ optimizer: inout O, from start: Matrix, steps: Int,
    gradient: (Matrix) -> Matrix
) -> DescentPath {
    precondition(steps >= 0, "descend: steps must be >= 0, got \(steps)")
    var params: NamedMatrices = ["x": start]
    var points = [start]
    points.reserveCapacity(steps + 1)
    for _ in 0..<steps {
        let grads: NamedMatrices = ["x": gradient(params["x"]!)]
        optimizer.update(&params, gradients: grads)
        points.append(params["x"]!)
    }
    return DescentPath(points: points)
}

/// The book's `gradient_descent`: `steps` updates x ← x − lr·∇f(x), the gradient taken
/// numerically. It is `descend` with SGD.
public func gradientDescent(
    _ f: (Matrix) -> Double, from start: Matrix,
    learningRate lr: Double, steps: Int
) -> DescentPath {
    var sgd = SGD(learningRate: lr)
    return descend(&sgd, from: start, steps: steps) { numericalGradient(f, at: $0) }
}
