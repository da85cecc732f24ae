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
