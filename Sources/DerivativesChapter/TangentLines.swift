import Figures
import FromScratch

/// 切线: f(x) = 0.01x² + 0.1x on [0, 20) with its tangents at x = 5 and x = 10, the slopes taken
/// numerically (seed 000 图3, DLfS fig 4-7).
public enum TangentLines {
    /// The tangent at x0: slope·(x − x0) + f(x0), as seed 000's `function_qiexian`.
    static func tangent(at x0: Double, h: Double) -> (Double) -> Double {
        let slope = numericalDerivative(BookFunctions.function1, at: x0, h: h)
        return { x in slope * (x - x0) + BookFunctions.function1(x0) }
    }

    public static func figure(at points: [Double] = [5, 10], h: Double = defaultDifferenceStep) -> Figure {
        var figure = Figure(name: "tangent-lines",
                            caption: "f(x) = 0.01x^2 + 0.1x with its numerical tangents (seed 000 fig. 3, DLfS fig 4-7)")
        let xs = arange(0, 20, 0.1)
        let lines = points.map { tangent(at: $0, h: h) }
        figure.data("curves", rows: xs.map { x in [x, BookFunctions.function1(x)] + lines.map { $0(x) } })
        figure.data("touch", rows: points.map { [$0, BookFunctions.function1($0)] })
        figure.gnuplot(
            "set title \"f(x) = 0.01x^2 + 0.1x and its tangents (numerical slope, h = \(h))\"",
            "set xlabel \"x\"",
            "set ylabel \"f(x)\"",
            "set xrange [0:20]",
            "set yrange [-1:6.5]",
            "set key top left")
        var plots = ["$curves using 1:2 with lines linestyle 1 title \"f(x)\""]
        for (i, x0) in points.enumerated() {
            let slope = numericalDerivative(BookFunctions.function1, at: x0, h: h)
            plots.append("$curves using 1:\(i + 3) with lines linestyle \(i + 2) dashtype 2 title sprintf(\"tangent at x = %g (slope %.4f)\", \(x0), \(slope))")
        }
        plots.append("$touch using 1:2 with points pointtype 7 pointsize 1.4 linecolor rgb \"black\" notitle")
        figure.gnuplot("plot " + plots.joined(separator: ", \\\n     "))
        return figure
    }
}
