import BookChecks
import Figures
import Foundation
import FromScratch

/// Seed 004 §1.3 on tanh and leaky ReLU, each statement checked on a grid of inputs.
enum TanhAndLeakyClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-004-tanh-formula": formula, "notes-004-tanh-range": range, "notes-004-tanh-odd": odd,
        "notes-004-leaky-relu-max": leakyAsMax,
    ]

    /// x = −10, −9.99, … 10.
    static let grid = (-1000...1000).map { 0.01 * Double($0) }

    /// (e^x − e^−x)/(e^x + e^−x), as the note writes tanh, against the library's tanh.
    static func formula() -> Finding {
        let gap = grid.map { abs((exp($0) - exp(-$0)) / (exp($0) + exp(-$0)) - tanh($0)) }.max()!
        return Finding(
            .claim(
                holds: gap <= 4 * Double.ulpOfOne,
                detail: "the note's quotient and tanh agree within 4 ulp of 1 at 2001 points in [-10, 10]"))
    }

    /// "让数值变到-1和+1之间": −1 < tanh(x) < 1.
    static func range() -> Finding {
        let inner = (-300...300).map { 0.05 * Double($0) }.map(tanh)
        return Finding(
            .claim(
                holds: inner.allSatisfy { -1 < $0 && $0 < 1 },
                detail:
                    "601 inputs in [-15, 15]: smallest \(shortest(inner.min()!)), largest \(shortest(inner.max()!)); "
                    + "in doubles tanh rounds to ±1 from about |x| = 19.1 (tanh(20) = \(shortest(tanh(20))))"))
    }

    /// "是中心对称的": tanh(−x) = −tanh(x), symmetric about the origin.
    static func odd() -> Finding {
        Finding(
            .claim(
                holds: grid.allSatisfy { tanh(-$0) == -tanh($0) },
                detail: "tanh(-x) = -tanh(x) exactly at 2001 points in [-10, 10]"))
    }

    /// "$max(ax,x)$": leaky ReLU is x for x > 0 and a·x below; max(ax, x) is that only for a ≤ 1.
    static func leakyAsMax() -> Finding {
        let a = Activation.leakySlope
        let agrees = grid.allSatisfy { Swift.max(a * $0, $0) == Activation.leakyRelu($0) }
        let aboveOne = grid.filter { $0 != 0 }.allSatisfy { Swift.max(2 * $0, $0) != ($0 > 0 ? $0 : 2 * $0) }
        return Finding(
            .claim(
                holds: agrees && aboveOne,
                detail: "with the slope a = \(shortest(a)), max(ax, x) is leaky ReLU at all 2001 points in [-10, 10]; "
                    + "for a > 1 (a = 2) it is not, at any x ≠ 0: the formula holds for a ≤ 1, which the note leaves unsaid"
            ))
    }
}
