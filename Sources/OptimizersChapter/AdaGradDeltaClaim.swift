import BookChecks
import FromScratch

/// Seed 004 §3.3.2: 根号r旁边加了一个小常数,避免除零 ("a small constant beside √r avoids dividing by
/// zero"). AdaGrad's first update divides by √r with r = g²: where a gradient starts at exactly 0,
/// r = 0, and the step is 0/0 without the constant.
enum AdaGradDeltaClaim: WorkedExample {
    static let rows: [String: () -> Finding] = ["notes-004-adagrad-delta": finding]

    /// One AdaGrad step, w − ε/(√r + δ)·g with r = g², for each of a gradient's entries.
    static func step(_ w: [Double], gradient g: [Double], lr: Double = 0.1, delta: Double) -> [Double] {
        zip(w, g).map { w, g in w - lr / ((g * g).squareRoot() + delta) * g }
    }

    static func finding() -> Finding {
        let w = [1.0, 1.0], g = [0.5, 0.0]
        let with = step(w, gradient: g, delta: 1e-7), without = step(w, gradient: g, delta: 0)
        return Finding(
            .claim(
                holds: with.allSatisfy(\.isFinite) && without.contains { $0.isNaN },
                detail:
                    "a first step with the gradient (0.5, 0): with δ = 1e-7 the weights become (\(with[0]), \(with[1])); "
                    + "without it the unmoved one is 0/0 = \(without[1])"))
    }
}
