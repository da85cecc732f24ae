import BookChecks
import Foundation
import FromScratch

/// 数值微分 of f(x) = 0.01x² + 0.1x at x = 5 and 10 (seed 000 §4.2.1, DLfS 4.3.2).
///
/// The notes print the central-difference code and h = 1e-4, but their outputs,
/// 0.20000099999917254 and 0.3000009999976072, are what the forward difference gives: its error
/// is h·f''/2 = 1e-4 · 0.01 = 1e-6, exactly the surplus in the printed values. The book's own
/// outputs come from the central difference.
enum NumericalDiffExample {
    static func derivative(at x: Double, h: Double = defaultDifferenceStep, scheme: DifferenceScheme = .central) -> Double {
        numericalDerivative(BookFunctions.function1, at: x, h: h, scheme: scheme)
    }

    /// The book's output: central difference.
    static func book(at x: Double) -> Finding { .value(derivative(at: x)) }

    /// The notes' output: printed code central, printed numbers forward.
    static func notes(at x: Double) -> Finding {
        Finding(
            .values([derivative(at: x)]),
            erratum: Erratum(
                reproducedBy: "the forward difference (f(x+h) - f(x))/h, seed 000's numerical_diff0",
                reproduction: .values([derivative(at: x, scheme: .forward)]),
                why: "The notes print the central difference but ran their forward difference numerical_diff0: "
                    + "the printed values exceed the true slope \(String(format: "%g", BookFunctions.function1Derivative(x))) by about "
                    + "h*f''/2 = 1e-6, the forward difference's error; the central difference is exact for a "
                    + "quadratic up to rounding."))
    }
}

/// 偏导数 of x0² + x1² at (3, 4), one variable at a time (DLfS 4.3.3).
enum PartialDerivativesExample {
    /// The book fixes the other variable as `4.0**2.0` and `3.0**2.0`.
    static func withRespectToX0() -> Finding {
        .value(numericalDerivative({ x0 in x0 * x0 + 4.0 * 4.0 }, at: 3.0))
    }

    static func withRespectToX1() -> Finding {
        .value(numericalDerivative({ x1 in 3.0 * 3.0 + x1 * x1 }, at: 4.0))
    }
}
