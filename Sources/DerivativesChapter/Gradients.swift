import BookChecks
import Foundation
import FromScratch

/// 梯度 of x0² + x1² by `numerical_gradient` (seed 000 §4.2.2, DLfS 4.4, seed 003 §三 梯度).
enum GradientExample {
    static func gradient(at point: [Double]) -> Matrix {
        numericalGradient(BookFunctions.function2, at: Matrix(row: point))
    }

    static func at(_ point: [Double]) -> Finding { .values(gradient(at: point).storage) }

    /// seed 003's nditer version walks an array of any shape. On a 3 x 4 matrix the numerical
    /// gradient of Σx² must equal the analytic 2x up to rounding: the central difference is exact
    /// for a quadratic, so the only error is the rounding of f's values, at most a few ulp of f
    /// divided by 2h.
    static func overMatrix() -> (maxError: Double, bound: Double) {
        let x = Matrix([[-2.0, -1.5, -0.5, 0.0], [0.25, 1.0, 1.75, 2.0], [3.0, -3.0, 0.5, -0.25]])
        let numerical = numericalGradient(BookFunctions.sumOfSquares, at: x)
        let analytic = 2.0 * x
        let maxError = (numerical - analytic).storage.map(abs).max()!
        let f = BookFunctions.sumOfSquares(x)
        let bound = 4 * f.ulp / (2 * defaultDifferenceStep)
        return (maxError, bound)
    }

    static func nDimensional() -> Finding {
        let (error, bound) = overMatrix()
        return Finding(.claim(holds: error <= bound,
                              detail: String(format: "3x4 matrix: max error %.1e <= rounding bound %.1e", error, bound)))
    }

    /// seed 000 §4.2.2 prints `function_2` as `x[1]**2 + x[2]**2`: NumPy indexes from 0, so on the
    /// 2-vector (3, 4) that is an IndexError. The printed [6. 8.] comes from the call printed below
    /// it, which passes `function_3` (np.sum(x**2)).
    static func function2AsPrinted(_ x: Matrix) throws -> Double {
        for index in [1, 2] where index >= x.count {
            throw NumPyIndexError(index: index, size: x.count)
        }
        return x[flat: 1] * x[flat: 1] + x[flat: 2] * x[flat: 2]
    }

    static func function2Indexing() -> Finding {
        var x = Matrix(row: [3.0, 4.0])
        let asPrinted: Ours
        do {
            _ = try function2AsPrinted(x)
            asPrinted = .values(numericalGradient({ (try? function2AsPrinted($0)) ?? .nan }, at: &x).storage)
        } catch {
            asPrinted = .error("\(error)")
        }
        return Finding(
            asPrinted,
            erratum: Erratum(
                reproducedBy: "function_3, np.sum(x**2), which the printed call passes",
                reproduction: .values(numericalGradient(BookFunctions.sumOfSquares, at: x).storage),
                why: "function_2 as printed indexes x[1] and x[2], as if arrays counted from 1; the function "
                    + "meant is x[0]**2 + x[1]**2 (as section 4.3.2 of the notes writes it). The output "
                    + "[6. 8.] was computed with function_3 and is what the corrected function_2 gives too."))
    }
}

/// NumPy's error for an index past the end.
struct NumPyIndexError: Error, CustomStringConvertible {
    let index: Int, size: Int
    var description: String { "IndexError: index \(index) is out of bounds for axis 0 with size \(size)" }
}

/// Seed 003 §三 梯度: 梯度值指示的方向是各个点处的函数值减小最多的方向 ("the gradient points where the
/// function decreases most"). The directional derivative ∇f·u is largest for u = ∇f/|∇f|, so the
/// gradient points where f *increases* most; −∇f is the steepest descent (as seed 000 §4.3 says).
enum GradientDirectionExample {
    static let point = [3.0, 4.0]
    static let stepLength = 0.01

    /// f after a step of 0.01 along `direction` (normalised), minus f at (3, 4).
    static func change(along direction: [Double]) -> Double {
        let norm = (direction[0] * direction[0] + direction[1] * direction[1]).squareRoot()
        let moved = [point[0] + stepLength * direction[0] / norm, point[1] + stepLength * direction[1] / norm]
        return BookFunctions.function2(Matrix(row: moved)) - BookFunctions.function2(Matrix(row: point))
    }

    /// The angle (degrees, 0 to 359) whose unit step lowers f most.
    static func steepestDescentAngle() -> Int {
        (0..<360).min { change(along: direction($0)) < change(along: direction($1)) }!
    }

    static func direction(_ degrees: Int) -> [Double] {
        let radians = Double(degrees) * .pi / 180
        return [cos(radians), sin(radians)]
    }

    /// The angle of a vector in whole degrees, 0 to 359.
    static func angle(_ v: [Double]) -> Int {
        let degrees = (atan2(v[1], v[0]) * 180 / .pi).rounded()
        return (Int(degrees) + 360) % 360
    }

    static func finding() -> Finding {
        let g = GradientExample.gradient(at: point).storage
        let along = change(along: g), against = change(along: g.map { -$0 })
        let steepest = steepestDescentAngle()
        return Finding(
            .claim(holds: along < 0, detail: String(
                format: "at (3, 4) the gradient is (%.0f, %.0f); a step of 0.01 along it changes f by %+.4f, "
                    + "against it by %+.4f", g[0], g[1], along, against)),
            erratum: Erratum(
                reproducedBy: "the negative gradient",
                reproduction: .claim(holds: steepest == angle(g.map { -$0 }), detail: String(
                    format: "of 360 unit steps 1 degree apart, the one lowering f most points at %d degrees, the angle of "
                        + "-grad f = (-6, -8)", steepest)),
                why: "The change of f along a unit direction u is grad f · u, largest for u along the gradient and most "
                    + "negative against it: the gradient points uphill, the negative gradient is the steepest descent "
                    + "(seed 000 §4.3: 负梯度也就成了在改点下降最快的方向). Gradient descent steps along -grad f for this "
                    + "reason, and DLfS fig 4-9 draws -grad f (ch04/gradient_2d.py quivers -grad)."))
    }
}
