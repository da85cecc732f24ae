import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// 梯度 of x0² + x1² by `numerical_gradient` (seed 000 §4.2.2, DLfS 4.4, seed 003 §三 梯度).
enum GradientExample: RunnableExample {
    static let rows: [String: () -> Finding] = [
        "gradient-3-4": { at([3, 4]) }, "gradient-0-2": { at([0, 2]) }, "gradient-3-0": { at([3, 0]) },
        "gradient-n-dimensional": nDimensional, "function-2-indexing": function2Indexing,
    ]
    static let commands: [any ParsableCommand.Type] = [Gradient.self, Surface.self, Field.self]
    static func figures() -> [Figure] { [SquareSurface.figure(), GradientField.figure()] }

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
        return Finding(
            .claim(
                holds: error <= bound,
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

/// The surface of f(x0, x1) = x0² + x1² (DLfS fig 4-8).
public enum SquareSurface {
    public static func figure() -> Figure {
        var figure = Figure(name: "surface", caption: "f(x0, x1) = x0^2 + x1^2 as a surface (DLfS fig 4-8)")
        let axis = arange(-3, 3.25, 0.25)
        figure.surface("grid", xs: axis, ys: axis) { x0, x1 in x0 * x0 + x1 * x1 }
        figure.gnuplot(
            "set title \"f(x_0, x_1) = x_0^2 + x_1^2\"",
            "set xlabel \"x_0\" offset 0,-1",
            "set ylabel \"x_1\" offset 0,-1",
            "set zlabel \"f\" rotate by 0",
            "set xrange [-3:3]",
            "set yrange [-3:3]",
            "set zrange [0:18]",
            // From 3: a z tick "0" would sit on the x0 tick "-3" at the same corner.
            "set ztics 3,3,18",
            "set view 60, 35",
            Figure.surfacePlot("grid"))
        return figure
    }
}

/// The field of −∇f for f = x0² + x1² on [-2, 2]²: every arrow points to the minimum, longer
/// farther away (DLfS fig 4-9). The gradients are numerical, point by point. Arrows are scaled
/// so that the longest, at the corners (|∇f| = 4√2 ≈ 5.7), stays shorter than the diagonal
/// between neighbours.
public enum GradientField {
    public static func figure(spacing: Double = 0.25, arrowScale: Double = 0.04) -> Figure {
        var figure = Figure(
            name: "gradient-field",
            caption: "The negative gradient of x0^2 + x1^2 on [-2, 2]^2 (DLfS fig 4-9)",
            width: 760, height: 720)
        let axis = arange(-2, 2.25, spacing)
        var arrows: [[Double]] = []
        for x0 in axis {
            for x1 in axis {
                let g = numericalGradient(BookFunctions.function2, at: Matrix(row: [x0, x1]))
                arrows.append([x0, x1, -arrowScale * g[flat: 0], -arrowScale * g[flat: 1]])
            }
        }
        figure.data("field", rows: arrows)
        figure.gnuplot(
            "set title \"−∇f for f(x_0, x_1) = x_0^2 + x_1^2 (arrows scaled by \(arrowScale))\"",
            "set xlabel \"x_0\"",
            "set ylabel \"x_1\"",
            "set xrange [-2.5:2.5]",
            "set yrange [-2.5:2.5]",
            "set size ratio -1",
            "set key below",
            "set style arrow 1 head filled size screen 0.012,20 linecolor rgb \"#555555\" linewidth 1.2",
            "plot $field using 1:2:3:4 with vectors arrowstyle 1 title \"−∇f (numerical)\", \\",
            "     '+' using (0):(0) with points pointtype 7 pointsize 1.5 linecolor rgb \"#d62728\" title \"minimum (0, 0)\""
        )
        return figure
    }
}

extension GradientExample {
    /// `derivatives gradient`: the numerical gradient at a point of any length.
    struct Gradient: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "numerical_gradient of x0^2 + x1^2 + ... at a point of any length (DLfS 4.4, seed 003).")
        @Option(help: "The point, comma-separated.") var at = NumberList([3, 4])

        func run() {
            let grad = numericalGradient(BookFunctions.sumOfSquares, at: Matrix(row: at.values))
            print("gradient: \(grad.storage)")
            print("analytic: \(at.values.map { 2 * $0 })")
        }
    }
}

extension GradientExample {
    /// `derivatives surface`: fig 4-8, drawn where the reader says.
    struct Surface: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The surface of x0^2 + x1^2 (DLfS fig 4-8).")
        @OptionGroup var figure: ExampleFigureOptions
        func run() throws { try figure.show(SquareSurface.figure()) }
    }
}

extension GradientExample {
    /// `derivatives field`: fig 4-9 with another arrow spacing.
    struct Field: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The field of -grad f on [-2, 2]^2 (DLfS fig 4-9).")
        @Option(help: "Distance between arrows.") var spacing = 0.25
        @OptionGroup var figure: ExampleFigureOptions
        func validate() throws {
            try FlagCheck.between(spacing, 0.01...4.25, "--spacing", why: "at most 425 arrows a side over [-2, 2.25)")
        }
        func run() throws { try figure.show(GradientField.figure(spacing: spacing)) }
    }
}
