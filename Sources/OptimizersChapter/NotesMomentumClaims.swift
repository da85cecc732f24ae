import BookChecks
import Figures
import Foundation
import FromScratch

/// Seed 004 §3.3 on what plain gradient descent and momentum do: where each stops on a function
/// with two minima, and what the momentum coefficient u (the book's μ, `momentum`) does at 0, 1
/// and in between. Every run uses the notes' form v ← u·v + g, x ← x − ε·v (`Momentum.Form.notes`).
enum NotesMomentumClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-004-sgd-local-minimum": sgdLocalMinimum, "notes-004-momentum-escapes": momentumEscapes,
        "notes-004-momentum-zero": zeroIsSGD, "notes-004-momentum-one": oneNeverStops,
        "notes-004-momentum-friction": belowOneStops,
    ]

    // MARK: - Two minima

    /// f(x) = x⁴ − 3x² + x: a local minimum at x ≈ 1.131 (f ≈ −1.07) and the global one at
    /// x ≈ −1.301 (f ≈ −3.51), a bump at x ≈ 0.169 between them.
    static func twoMinima(_ x: Double) -> Double { x * x * x * x - 3 * x * x + x }
    static func twoMinimaSlope(_ x: Double) -> Double { 4 * x * x * x - 6 * x + 1 }

    /// Where `optimizer` ends after 1000 steps from x = 2.
    static func end<O: Optimizer>(_ optimizer: O) -> Double {
        var optimizer = optimizer
        let path = descend(&optimizer, from: Matrix(row: [2]), steps: 1000) {
            Matrix(row: [twoMinimaSlope($0[flat: 0])])
        }
        return path.end[flat: 0]
    }

    static func describe(_ x: Double) -> String {
        String(format: "x = %.4f (f = %.4f)", x, twoMinima(x))
    }

    /// "可能会陷入局部最优解": gradient descent from x = 2 follows the slope into the nearer, local
    /// minimum and stays there.
    static func sgdLocalMinimum() -> Finding {
        let sgd = end(SGD(learningRate: 0.01))
        return Finding(
            .claim(
                holds: sgd > 0 && twoMinima(sgd) > twoMinima(-1.3),
                detail: "on f(x) = x⁴ - 3x² + x from x = 2, 1000 steps of lr 0.01 end at \(describe(sgd)), the local "
                    + "minimum; the global one is at \(describe(end(Momentum(learningRate: 0.01, momentum: 0.9, form: .notes))))"
            ))
    }

    /// "避免到达局部最小点,鞍点停下来": with u = 0.9 the velocity carries the point over the bump
    /// into the global minimum. It can, not must: smaller u stops where SGD stops.
    static func momentumEscapes() -> Finding {
        let ends = [0.9, 0.8, 0.5].map { (u: $0, x: end(Momentum(learningRate: 0.01, momentum: $0, form: .notes))) }
        return Finding(
            .claim(
                holds: ends[0].x < 0,
                detail: "the same start and steps: "
                    + ends.map { "u = \(shortest($0.u)) ends at \(describe($0.x))" }.joined(separator: "; ")
                    + ": momentum can carry a point past a local minimum, it does not guarantee to"))
    }

    // MARK: - The coefficient u

    /// "如果设置为0 则退化为标准小批量梯度下降算法": u = 0 visits exactly SGD's points on the book's
    /// x²/20 + y² from (−7, 2).
    static func zeroIsSGD() -> Finding {
        var momentum = Momentum(learningRate: 0.1, momentum: 0, form: .notes), sgd = SGD(learningRate: 0.1)
        let a = descend(&momentum, from: OptimizerPaths.start, steps: 30, gradient: OptimizerPaths.gradient)
        let b = descend(&sgd, from: OptimizerPaths.start, steps: 30, gradient: OptimizerPaths.gradient)
        let same = zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
        return Finding(
            .claim(
                holds: same,
                detail: "on x²/20 + y² from (-7, 2), lr 0.1: all 31 points of u = 0 equal SGD's to the bit (end "
                    + "\(OptimizerPaths.describe(a.end)))"))
    }

    /// The positions of a point pushed by g = 1 for 10 steps, then left on flat ground (g = 0) for
    /// 100 steps, with ε = 0.1 and coefficient u.
    static func coast(u: Double) -> [Double] {
        var optimizer = Momentum(learningRate: 0.1, momentum: u, form: .notes)
        var step = 0
        let path = descend(&optimizer, from: Matrix(row: [0]), steps: 110) { _ in
            defer { step += 1 }
            return Matrix(row: [step < 10 ? 1 : 0])
        }
        return path.points.map { $0[flat: 0] }
    }

    /// How far the point moves in the last of its flat steps.
    static func lastStep(_ positions: [Double]) -> Double { abs(positions[110] - positions[109]) }

    /// "如果设置为1 ,即使g到了平坦区域依然停不下来".
    static func oneNeverStops() -> Finding {
        let positions = coast(u: 1)
        return Finding(
            .claim(
                holds: lastStep(positions) == abs(positions[11] - positions[10]) && lastStep(positions) > 0,
                detail: "pushed by g = 1 for 10 steps (ε = 0.1), then 100 steps with g = 0: u = 1 moves "
                    + "\(shortest(lastStep(positions))) in every flat step, the 100th too, and has covered "
                    + "\(shortest(abs(positions[110] - positions[10]))) on flat ground"))
    }

    /// "而如果u小于1的话…v…就会不断减小…就好像摩擦系数一样": the flat steps shrink by u each time.
    static func belowOneStops() -> Finding {
        let u = 0.9
        let positions = coast(u: u)
        let flat = abs(positions[110] - positions[10])
        let pushed = (1 - pow(u, 10)) / (1 - u)  // v after the push: 1 + u + … + u⁹
        let limit = 0.1 * pushed * u / (1 - u)  // ε·v·(u + u² + …): the coast of endless flat steps
        return Finding(
            .claim(
                holds: lastStep(positions) < 1e-4 && flat <= limit,
                detail:
                    "the same push with u = 0.9: the 100th flat step is \(significant(lastStep(positions))) and the "
                    + "whole coast \(significant(flat)), within the \(significant(limit)) that endless flat steps would "
                    + "add up to (ε·v·u/(1 - u))"))
    }
}
