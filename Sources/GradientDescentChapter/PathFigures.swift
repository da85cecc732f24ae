import Figures
import Foundation
import FromScratch

/// The path of a gradient-descent run over the contour circles of x0² + x1² (seed 000 图5/图6,
/// DLfS fig 4-10), and all runs' distance to the minimum per step.
public enum PathFigure {
    /// A run drawn in the notes' window, x0 in [-3.5, 3.5] and x1 in [-4.5, 4.5], over the
    /// contours f = 3, 6, ..., 15. A diverging run is drawn in a window that holds its first
    /// steps, over circles through the points it visits.
    public static func figure(learningRate lr: Double, path: DescentPath, name: String) -> Figure {
        var figure = Figure(name: name,
                            caption: "Gradient descent on x0^2 + x1^2 with lr = \(lr) (seed 000 fig. 5-6, DLfS fig 4-10)",
                            width: 760, height: 820)
        let norms = path.points.map { ($0[flat: 0] * $0[flat: 0] + $0[flat: 1] * $0[flat: 1]).squareRoot() }
        let diverges = norms.last! > 2 * norms.first!
        let shown = diverges ? Array(path.points.prefix(3)) : path.points
        let radii = diverges ? Array(norms.prefix(3)) : (1...5).map { (3.0 * Double($0)).squareRoot() }
        let extent = diverges ? 1.15 * radii.max()! : 1.0
        // The start is the run's own (--start), so the frame and the labels follow it.
        let start = path.points.first!
        let startText = "(\(String(format: "%g", start[flat: 0])), \(String(format: "%g", start[flat: 1])))"
        let (xmax, ymax) = diverges ? (extent, extent) : (max(3.5, abs(start[flat: 0]) + 0.5), max(4.5, abs(start[flat: 1]) + 0.5))

        let angles = arange(0, 2 * Double.pi + 0.02, 2 * Double.pi / 180)
        var circles: [[Double]] = []
        for r in radii { circles += angles.map { [r * cos($0), r * sin($0)] } }
        figure.data("contours", rows: circles, blockRows: angles.count)
        figure.data("path", rows: shown.map { [$0[flat: 0], $0[flat: 1]] })
        figure.data("ends", rows: [path.points.first!, path.end].map { [$0[flat: 0], $0[flat: 1]] })

        let contourTitle = diverges ? "circles through the first points" : "contours f = 3, 6, 9, 12, 15"
        let pathTitle = diverges ? "first \(shown.count - 1) steps (then off the page)" : "x after each of \(path.points.count - 1) steps"
        let end = path.end
        figure.gnuplot(
            "set title \"Gradient descent, lr = \(GradientDescentRuns.label(lr)), \(path.points.count - 1) steps from \(startText)\\nends at (\(String(format: "%.9g", end[flat: 0])), \(String(format: "%.9g", end[flat: 1])))\"",
            "set xlabel \"x_0\"",
            "set ylabel \"x_1\"",
            "set xrange [\(-xmax):\(xmax)]",
            "set yrange [\(-ymax):\(ymax)]",
            "set size ratio -1",
            "set key below",
            "set xzeroaxis linetype 0 linecolor rgb \"#1f77b4\" linewidth 1",
            "set yzeroaxis linetype 0 linecolor rgb \"#1f77b4\" linewidth 1",
            "plot $contours using 1:2 with lines linestyle 9 title \"\(contourTitle)\", \\",
            "     $path using 1:2 with linespoints linecolor rgb \"#d62728\" linewidth 1 pointtype 7 pointsize 0.9 title \"\(pathTitle)\", \\",
            "     $ends using 1:2 every ::0::0 with points pointtype 4 pointsize 2.2 linewidth 2 linecolor rgb \"black\" title \"start \(startText)\"")
        return figure
    }

    /// |x| after every step for all runs, on a log scale: convergence, stalling and divergence at once.
    public static func distanceFigure(runs: [(lr: Double, path: DescentPath)]) -> Figure {
        var figure = Figure(name: "distance-per-step",
                            caption: "Distance from the minimum per step for every learning rate (seed 000 §4.3.3, DLfS 4.4.1)",
                            width: 960, height: 640)
        var plots: [String] = []
        for (i, run) in runs.enumerated() {
            let block = "run\(i)"
            figure.data(block, rows: run.path.points.enumerated().map { step, x in
                [Double(step), (x[flat: 0] * x[flat: 0] + x[flat: 1] * x[flat: 1]).squareRoot()]
            })
            // lr 1 and lr 1e-10 both stay at |x| = 5: the later one is dashed so both show.
            let dash = run.lr < 1e-3 ? " dashtype 2" : ""
            plots.append("$\(block) using 1:2 with lines linestyle \(i + 1)\(dash) title \"lr = \(GradientDescentRuns.label(run.lr))\"")
        }
        figure.gnuplot(
            "set title \"Distance |x| from the minimum after each step (start (-3, 4), |x| = 5)\"",
            "set xlabel \"step\"",
            "set ylabel \"|x|\"",
            "set logscale y",
            "set format y \"10^{%L}\"",
            "set xrange [0:100]",
            "set yrange [1e-22:1e15]",
            "set ytics 1e-20,1e5,1e15",
            "set mytics 1",
            "set label 1 \"x + h == x: gradient 0, run frozen\" at 25,3e11 font \",12\"",
            "set label 2 \"x +/- h == +/-h: gradient 0\" at 52,3e-21 font \",12\"",
            "set key outside right center",
            "plot " + plots.joined(separator: ", \\\n     "))
        return figure
    }
}
