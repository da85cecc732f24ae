import BookChecks
import Foundation
import FromScratch

/// The book's `Nesterov` class cites Bengio et al., "Advances in optimizing recurrent networks"
/// (arXiv:1212.0901), whose eq. 7 writes Nesterov's momentum for the look-ahead point Θ = x + μv:
/// Θ ← Θ + μ²·v − (1 + μ)·lr·∇f(Θ), then v ← μv − lr·∇f(Θ). The class as its repository has it
/// now updates v first and so multiplies the *new* velocity by μ².
public enum NesterovForm {
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

    static func path(_ form: Nesterov.Form, steps: Int) -> OptimizerPath {
        var optimizer = Nesterov(learningRate: learningRate, momentum: momentum, form: form)
        return descend(&optimizer, from: OptimizerPaths.start, steps: steps, gradient: OptimizerPaths.gradient)
    }

    /// Largest coordinate difference between two paths.
    static func gap(_ a: [(x: Double, y: Double)], _ b: [(x: Double, y: Double)]) -> Double {
        zip(a, b).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max()!
    }

    /// The first step under a constant gradient g = 1 from 0.
    static func firstStep(_ form: Nesterov.Form) -> Double {
        var optimizer = Nesterov(learningRate: learningRate, momentum: momentum, form: form)
        var params: NamedMatrices = ["w": Matrix(row: [0])]
        optimizer.update(&params, gradients: ["w": Matrix(row: [1])])
        return params["w"]![flat: 0]
    }

    static func finding() -> Finding {
        let steps = OptimizerPaths.steps
        let reference = sutskeverLookAhead(steps: steps)
        let book = gap(path(.book, steps: steps).points, reference)
        let paper = gap(path(.paper, steps: steps).points, reference)
        return Finding(
            .claim(holds: book < 1e-12, detail: "first step with g = 1, lr 0.1, mu 0.9: \(shortest(firstStep(.book))) "
                   + "(eq. 7: \(shortest(firstStep(.paper)))); on x^2/20 + y^2 the path leaves Sutskever's look-ahead "
                   + "points by up to \(String(format: "%.2f", book))"),
            erratum: Erratum(
                reproducedBy: "the update order of the repository's first version (x before v), which is eq. 7",
                reproduction: .claim(holds: paper < 1e-12,
                                     detail: "equals Sutskever's look-ahead points to within \(String(format: "%.1e", paper))"),
                why: "Updating v first makes the step x + mu^2*v_new - (1+mu)*lr*g = x + mu^3*v_old - (1+mu+mu^2)*lr*g. "
                    + "Under a constant gradient it reaches the same speed -lr*g/(1-mu), so it still trains, but it is not the "
                    + "method it cites; the chapter's Nesterov runs use the book's class as it is."))
    }

    static let rows: [String: () -> Finding] = ["nesterov-form": finding]
}
