import BookChecks
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// The figures of DLfS 6.1 and seed 004 §3.3: optimizer paths over contours (figs 6-3 to 6-8),
/// the notes' momentum example, AdaGrad's and RMSProp's accumulators, and the MNIST loss
/// curves (fig 6-9).
public enum OptimizerFigures {
    /// Closed curves f = level of a quadratic a·x² + b·y²: x = √(level/a)·cos t, y = √(level/b)·sin t.
    static func ellipses(levels: [Double], a: Double, b: Double) -> (rows: [[Double]], perCurve: Int) {
        let angles = arange(0, 2 * Double.pi + 0.02, 2 * Double.pi / 180)
        var rows: [[Double]] = []
        for level in levels {
            let (rx, ry) = ((level / a).squareRoot(), (level / b).squareRoot())
            rows += angles.map { [rx * cos($0), ry * sin($0)] }
        }
        return (rows, angles.count)
    }

    static func format(_ x: Double) -> String { String(format: "%.3g", x) }

    // MARK: - DLfS fig 6-8

    /// Contour levels of x²/20 + y² drawn behind the paths (the start lies at f = 6.45).
    public static let comparisonLevels = [0.5, 1, 2, 3, 4, 5, 6, 7.0]

    /// Every optimizer's 30 updates on x²/20 + y² from (−7, 2), one panel each (DLfS fig 6-8).
    ///
    /// The book draws the point before each of its 30 updates (its loop records, then updates),
    /// so its panels stop one update short; these show all 30 updates. The y axis is
    /// narrowed from the book's [−10, 10] to [−3, 3] so that the zigzags can be seen.
    public static func comparison(paths: [(entry: OptimizerPaths.Entry, path: OptimizerPath)]) -> Figure {
        // Two panels a row, as the book's subplot grid; a single path gets the whole width.
        let columns = paths.count == 1 ? 1 : 2, rows = (paths.count + columns - 1) / columns
        var figure = Figure(name: "optimizer-paths",
                            caption: "Optimizer paths on f(x, y) = x^2/20 + y^2 from (-7, 2) (DLfS 6.1, fig 6-8)",
                            width: columns == 1 ? 760 : 1100, height: 390 * rows + 110)
        let contours = ellipses(levels: comparisonLevels, a: 1.0 / 20, b: 1)
        figure.data("contours", rows: contours.rows, blockRows: contours.perCurve)
        figure.data("minimum", rows: [[0, 0]])
        let start = paths.first.map { $0.path.points[0] } ?? OptimizerPaths.start
        let steps = paths.first?.path.steps ?? OptimizerPaths.steps
        figure.gnuplot(
            "set multiplot layout \(rows),\(columns) title \"\(steps) updates from (\(String(format: "%g", start.x)), \(String(format: "%g", start.y))) "
                + "on f(x, y) = x^2/20 + y^2\\n(grey: contours f = 0.5, 1, 2, ..., 7; +: the minimum)\" font \",15\"",
            "set xrange [-10:10]", "set yrange [-3:3]",
            "set xlabel \"x\"", "set ylabel \"y\"",
            "set xtics 2", "set ytics 1",
            "set key off")
        for (index, (entry, path)) in paths.enumerated() {
            let block = "path\(index)"
            figure.data(block, rows: path.points.map { [$0.x, $0.y] })
            let end = path.end
            figure.gnuplot(
                "set title \"\(entry.kind.bookName), lr \(shortest(entry.learningRate)): f = \(format(OptimizerPaths.f(end.x, end.y))) at the end\"",
                "plot $contours using 1:2 with lines linestyle 9, \\",
                "     $\(block) using 1:2 with linespoints linecolor rgb \"#d62728\" linewidth 1.5 pointtype 7 pointsize 0.7, \\",
                "     $minimum using 1:2 with points pointtype 1 pointsize 1.8 linewidth 1.5 linecolor rgb \"black\"")
        }
        figure.gnuplot("unset multiplot")
        return figure
    }

    // MARK: - Seed 004 §3.3.1

    /// The notes' momentum example on x² + 2y² from (1, 1), lr 0.1, μ 0.9, against plain
    /// gradient descent (μ = 0) with the same learning rate; the tabulated steps are numbered.
    public static func momentumWalkthrough(steps: Int = 30) -> Figure {
        var figure = Figure(name: "momentum-walkthrough",
                            caption: "Momentum on f(x, y) = x^2 + 2y^2 from (1, 1), lr 0.1, mu 0.9 (seed 004 3.3.1)",
                            width: 860, height: 860)
        let levels = [0.1, 0.25, 0.5, 1, 2, 3.0]
        let contours = ellipses(levels: levels, a: 1, b: 2)
        figure.data("contours", rows: contours.rows, blockRows: contours.perCurve)
        let momentum = MomentumWalkthrough.path(steps: steps)
        let plain = MomentumWalkthrough.path(steps: steps, momentum: 0)
        figure.data("momentum", rows: momentum.points.map { [$0.x, $0.y] })
        figure.data("plain", rows: plain.points.map { [$0.x, $0.y] })
        figure.data("numbered", rows: momentum.points.enumerated().prefix(MomentumWalkthrough.tabulatedSteps + 1).dropFirst()
            .map { [$0.element.x, $0.element.y, Double($0.offset)] })
        figure.gnuplot(
            "set title \"Momentum (mu 0.9) and gradient descent (mu 0), lr 0.1, \(steps) steps from (1, 1)\\n"
                + "on f = x^2 + 2y^2:  v <- mu*v + grad f,  w <- w - lr*v\"",
            "set xlabel \"x\"", "set ylabel \"y\"",
            "set xrange [-1.3:1.3]", "set yrange [-1.3:1.3]",
            "set size ratio -1",
            "set key top left",
            "plot $contours using 1:2 with lines linestyle 9 title \"f = 0.1, 0.25, 0.5, 1, 2, 3\", \\",
            "     $plain using 1:2 with linespoints linestyle 1 dashtype 2 pointtype 6 pointsize 0.8 title \"mu = 0 (gradient descent)\", \\",
            "     $momentum using 1:2 with linespoints linecolor rgb \"#d62728\" linewidth 1.5 pointtype 7 pointsize 0.8 title \"mu = 0.9 (momentum)\", \\",
            "     $numbered using 1:2:(sprintf(\"%d\", $3)) with labels offset char 1.2,0.6 font \",13\" notitle")
        return figure
    }

    // MARK: - Seed 004 §3.3.2

    /// AdaGrad's accumulator against RMSProp's, with the step each allows per unit of gradient.
    public static func accumulators(_ trace: Accumulators.Trace = Accumulators.trace()) -> Figure {
        var figure = Figure(name: "accumulators",
                            caption: "AdaGrad's h grows, RMSProp's decays: g = 1 for 100 updates, then g = 0 (seed 004 3.3.2)",
                            width: 960, height: 900)
        let rows = trace.adagrad.indices.map { i in
            [Double(i + 1), trace.adagrad[i], trace.rmsprop[i],
             Accumulators.effectiveRate(trace.adagrad[i]), Accumulators.effectiveRate(trace.rmsprop[i])]
        }
        figure.data("h", rows: rows)
        let switchOff = Double(Accumulators.onSteps) + 0.5
        figure.gnuplot(
            "set multiplot layout 2,1 title \"Gradient g = 1 for updates 1-\(Accumulators.onSteps), then g = 0\" font \",15\"",
            "set xrange [0:\(Accumulators.onSteps + Accumulators.offSteps)]",
            "set xlabel \"update t\"",
            "set logscale y",
            "set format y \"10^{%L}\"",
            "set arrow 1 from \(switchOff), graph 0 to \(switchOff), graph 1 nohead dashtype 2 linecolor rgb \"#555555\"",
            "set key bottom right",
            "set title \"Accumulated squared gradient h\"",
            "set ylabel \"h\"",
            "set yrange [0.005:500]",
            "plot $h using 1:2 with lines linestyle 2 title \"AdaGrad: h <- h + g^2 (only grows)\", \\",
            "     $h using 1:3 with lines linestyle 1 title \"RMSProp: h <- 0.99h + 0.01g^2 (forgets)\"",
            "set title \"Step per unit of gradient, lr/(sqrt(h) + 1e-7), lr = \(shortest(Accumulators.learningRate))\"",
            "set ylabel \"effective learning rate\"",
            "set yrange [0.0005:0.2]",
            "set key top right",
            "plot $h using 1:4 with lines linestyle 2 title \"AdaGrad\", \\",
            "     $h using 1:5 with lines linestyle 1 title \"RMSProp\"",
            "unset multiplot")
        return figure
    }

    // MARK: - DLfS fig 6-9

    /// The smoothed mini-batch loss of each optimizer on MNIST (DLfS fig 6-9).
    public static func mnistLosses(_ run: MNISTComparison, name: String = "mnist-optimizers") -> Figure {
        let setup = run.setup
        return LearningCurves.smoothedLosses(
            name: name,
            caption: "MNIST, \(setup.architecture) ReLU, He initial weights: loss per optimizer (DLfS 6.1.8, fig 6-9)",
            title: "MNIST, \(setup.architecture) ReLU net, He init, batch \(setup.batchSize), seed \(setup.seed)",
            series: setup.optimizers.map { ("\($0.bookName) (lr \(shortest($0.defaultLearningRate)))", run.losses[$0]!) })
    }
}
