import BookChecks
import Foundation
import FromScratch

/// The book's `Nesterov` class cites Bengio et al., "Advances in optimizing recurrent networks"
/// (arXiv:1212.0901), whose eq. 7 writes Nesterov's momentum for the look-ahead point Θ = x + μv:
/// Θ ← Θ + μ²·v − (1 + μ)·lr·∇f(Θ), then v ← μv − lr·∇f(Θ). The class at the pinned commit does
/// exactly that; its path must be Sutskever's NAG seen at the look-ahead points.
public enum NesterovForm: WorkedExample {
    static let learningRate = 0.1
    static let momentum = 0.9

    /// Sutskever's NAG: v ← μv − lr·∇f(x + μv), x ← x + v; returns the look-ahead points x + μv.
    static func sutskeverLookAhead(steps: Int) -> [(x: Double, y: Double)] {
        var (x, y) = OptimizerPaths.start
        var (vx, vy) = (0.0, 0.0)
        var points = [(x + momentum * vx, y + momentum * vy)]
        for _ in 0..<steps {
            let (gx, gy) = OptimizerPaths.gradient(x + momentum * vx, y + momentum * vy)
            vx = momentum * vx - learningRate * gx
            vy = momentum * vy - learningRate * gy
            x += vx
            y += vy
            points.append((x + momentum * vx, y + momentum * vy))
        }
        return points
    }

    /// Largest coordinate difference between two paths.
    static func gap(_ a: [(x: Double, y: Double)], _ b: [(x: Double, y: Double)]) -> Double {
        zip(a, b).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max()!
    }

    static func finding() -> Finding {
        let steps = OptimizerPaths.steps
        var optimizer = Nesterov(learningRate: learningRate, momentum: momentum)
        let book = descend(&optimizer, from: OptimizerPaths.start, steps: steps, gradient: OptimizerPaths.gradient)
        let gap = gap(book.points, sutskeverLookAhead(steps: steps))
        // Rounding alone separates the two recurrences: they are the same algebra in other orders.
        return Finding(
            .claim(
                holds: gap < 1e-12,
                detail: "on x^2/20 + y^2, lr 0.1, mu 0.9, the class's \(steps) steps are Sutskever's "
                    + "look-ahead points x + mu*v to within \(String(format: "%.1e", gap)) (bound 1e-12)"))
    }

    public static let rows: [String: () -> Finding] = ["nesterov-form": finding]
}
