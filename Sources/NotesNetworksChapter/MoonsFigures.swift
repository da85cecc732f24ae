import Figures
import Foundation
import FromScratch

/// Decision regions over the moons, as seed 001's `plot_decision_boundary` draws them: the
/// predicted class on a grid reaching 0.5 beyond the data, with the 200 points on top.
public enum MoonsFigures {
    /// A darker pink and a pale blue: they print as two greys (luminance 0.56 against 0.84), and
    /// both leave the points readable on them.
    static let regionColors = ["#f5b7ae", "#e3eef9"]
    static let pointColors = ["#d62728", "#1f77b4"]
    /// Label 0 a filled circle, label 1 a filled triangle: red and blue print as one grey.
    static let pointTypes = [7, 9]

    /// The grid: `np.arange(min - .5, max + .5, h)` along each axis, as the notes' meshgrid (they
    /// take h = 0.01; 0.02 and 0.04 keep the scripts small and look the same).
    struct Grid {
        let xs: [Double], ys: [Double], step: Double

        init(covering x: Matrix, step: Double) {
            let first = (0..<x.rows).map { x[$0, 0] }, second = (0..<x.rows).map { x[$0, 1] }
            xs = arange(first.min()! - 0.5, first.max()! + 0.5, step)
            ys = arange(second.min()! - 0.5, second.max()! + 0.5, step)
            self.step = step
        }

        /// Every grid point, row by row (y outer, x inner), as `np.c_[xx.ravel(), yy.ravel()]`.
        var points: Matrix {
            Matrix(rows: xs.count * ys.count, cols: 2, storage: ys.flatMap { y in xs.flatMap { [$0, y] } })
        }
    }

    /// The predicted class on the grid as rectangles: each run of equal classes along a grid row
    /// is one row (x from, x to, y, class), which keeps the scripts small.
    static func regions(_ classify: (Matrix) -> [Int], grid: Grid) -> [[Double]] {
        let classes = classify(grid.points)
        let width = grid.xs.count, half = grid.step / 2
        var runs: [[Double]] = []
        for (row, y) in grid.ys.enumerated() {
            var start = 0
            for column in 1...width
            where column == width || classes[row * width + column] != classes[row * width + start] {
                runs.append([
                    grid.xs[start] - half, grid.xs[column - 1] + half, y, Double(classes[row * width + start]),
                ])
                start = column
            }
        }
        return runs
    }

    /// The plot commands for one panel: regions as filled rectangles, then the points of each class.
    static func panel(
        _ figure: inout Figure, suffix: String, classify: (Matrix) -> [Int],
        data: (x: Matrix, y: [Int]), step: Double, pointSize: Double = 0.9,
        extra: [String] = [], key: Bool = true
    ) -> String {
        let grid = Grid(covering: data.x, step: step)
        let regions = figure.data("regions\(suffix)", rows: regions(classify, grid: grid))
        // Each rectangle reaches a full step above its row, and the next row (drawn later) paints over
        // that: no seams between rows of one colour, where abutting antialiased edges would leave one.
        var plots = [
            "\(regions) using (($1 + $2) / 2):($3 + \(step / 2)):(($2 - $1) / 2):(\(step)):4 with boxxyerror "
                + "fillstyle solid 1.0 noborder linecolor palette notitle"
        ]
        if key {
            plots += (0...1).map {
                "keyentry with boxes fillstyle solid 1.0 noborder fillcolor rgb \"\(regionColors[$0])\" title \"predicted \($0)\""
            }
        }
        for label in 0...1 {
            let rows = (0..<data.x.rows).filter { data.y[$0] == label }.map { [data.x[$0, 0], data.x[$0, 1]] }
            let block = figure.data("moon\(label)\(suffix)", rows: rows)
            plots.append(
                "\(block) using 1:2 with points pointtype \(pointTypes[label]) pointsize \(pointSize) linecolor rgb \"\(pointColors[label])\" "
                    + (key ? "title \"label \(label)\"" : "notitle"))
        }
        plots += extra
        let xs = grid.xs, ys = grid.ys
        figure.gnuplot(
            "set xrange [\(xs.first! - step / 2):\(xs.last! + step / 2)]",
            "set yrange [\(ys.first! - step / 2):\(ys.last! + step / 2)]")
        return "plot " + plots.joined(separator: ", \\\n     ")
    }

    /// Seed 001's first picture: `make_moons(200, noise=0.20)` from seed 0, as `plt.scatter` shows
    /// it, before any model.
    public static func data(_ data: (x: Matrix, y: [Int]), name: String = "moons-data") -> Figure {
        var figure = Figure(
            name: name, caption: "The moons data set: make_moons(200, noise=0.20) from seed 0 (seed 001)", width: 900,
            height: 560)
        commonSettings(&figure)
        for label in 0...1 {
            let rows = data.y.indices.filter { data.y[$0] == label }.map { [data.x[$0, 0], data.x[$0, 1]] }
            figure.data("class\(label)", rows: rows)
        }
        figure.gnuplot(
            "set title \"The moons: two interleaved half-circles\" noenhanced",
            "set key below horizontal maxrows 1", "set bmargin 6",
            "plot $class0 using 1:2 with points pointtype \(pointTypes[0]) pointsize 0.9 linecolor rgb \"\(pointColors[0])\" title \"label 0\", \\",
            "     $class1 using 1:2 with points pointtype \(pointTypes[1]) pointsize 0.9 linecolor rgb \"\(pointColors[1])\" title \"label 1\""
        )
        return figure
    }

    static func commonSettings(_ figure: inout Figure) {
        figure.gnuplot(
            "set palette defined (0 \"\(regionColors[0])\", 1 \"\(regionColors[1])\")",
            "set cbrange [0:1]",
            "unset colorbox",
            "set size ratio -1",
            // Whole-number ticks: at half steps the labels of a moons panel nearly touch.
            "set xtics 1", "set mxtics 2",
            "set xlabel \"x_0\"\(axisFont(figure))",
            "set ylabel \"x_1\"\(axisFont(figure))",
            "set grid front")
    }

    /// The axis labels' font where the default would print their subscripts below 7 pt.
    static func axisFont(_ figure: Figure) -> String {
        let size = PrintRule.smallestFontSize(width: figure.width, withScripts: true)
        return size > PrintRule.fontSize(width: figure.width) ? " font \",\(size)\"" : ""
    }

    /// One model's decision regions (seed 001's "Decision Boundary for hidden layer size 3").
    public static func boundary(
        _ model: MoonsModel, data: (x: Matrix, y: [Int]), title: String,
        name: String, step: Double = 0.02
    ) -> Figure {
        var figure = Figure(name: name, caption: "\(title) (seed 001)", width: 740, height: 600)
        commonSettings(&figure)
        let accuracy = MoonsNetwork.accuracy(model, x: data.x, y: data.y)
        figure.gnuplot(
            "set title \"\(title)\\ntraining accuracy \(percent(accuracy))\"",
            "set key below horizontal maxcols 3 samplen 1.5", "set bmargin 8")
        figure.gnuplot(
            panel(&figure, suffix: "", classify: { MoonsNetwork.predict(model, $0) }, data: data, step: step))
        return figure
    }

    /// The notes' subplot grid: one panel per hidden-layer size.
    public static func hiddenSizes(_ models: [MoonsModel], data: (x: Matrix, y: [Int]), step: Double = 0.04) -> Figure {
        var figure = Figure(
            name: "moons-hidden-sizes",
            caption:
                "Decision regions for hidden layer sizes \(models.map { "\($0.hidden)" }.joined(separator: ", ")) (seed 001)",
            width: 1100, height: 1020)
        commonSettings(&figure)
        // Margins and spacing by hand: the default layout leaves a third of each row empty
        // around panels whose shape the moons fix (equal axes).
        figure.gnuplot(
            "set multiplot layout 3,3 title \"Decision regions by hidden layer size\" font \",16\" "
                + "margins screen 0.085,0.985,0.075,0.91 spacing screen 0.092,0.115",
            "set key off",
            // Every panel names its axes, so that all panels keep one size.
            "set xlabel \"x_0\" offset 0,0.5\(axisFont(figure))", "set ylabel \"x_1\" offset 1,0\(axisFont(figure))")
        for (index, model) in models.enumerated() {
            let accuracy = MoonsNetwork.accuracy(model, x: data.x, y: data.y)
            // The notes title each panel "Hidden Layer size H"; with the letter and the accuracy,
            // shorter, so that one line fits the right column.
            figure.gnuplot(
                "set title \"\(panelLetter(index)) size \(model.hidden): \(percent(accuracy)) right\"")
            figure.gnuplot(
                panel(
                    &figure, suffix: "\(index)", classify: { MoonsNetwork.predict(model, $0) }, data: data,
                    step: step, pointSize: 0.8, key: false))
        }
        // The grid's free cell holds the legend (a plot of key entries alone trips an assertion of
        // gnuplot 5.4, hence the points below the frame).
        figure.gnuplot(
            "unset title", "unset border", "unset tics", "unset grid", "unset xlabel", "unset ylabel",
            "set key center center box opaque",
            "set xrange [0:1]", "set yrange [0:1]",
            "plot '+' using 1:(-1) with points notitle, "
                + (0...1).map {
                    "keyentry with boxes fillstyle solid 1.0 noborder fillcolor rgb \"\(regionColors[$0])\" title \"predicted \($0)\""
                }
                .joined(separator: ", ")
                + ", "
                + (0...1).map {
                    "keyentry with points pointtype \(pointTypes[$0]) linecolor rgb \"\(pointColors[$0])\" title \"label \($0)\""
                }
                .joined(separator: ", "),
            "unset multiplot")
        return figure
    }

    /// Seed 002's two pictures in one (欠拟合 on its left, 过拟合 on its right): accuracy on the
    /// training points and on unseen ones against the number of hidden units. Too few units fit
    /// neither (high bias); many fit the training points better than the unseen (high variance).
    public static func fitByHiddenSize(hidden: [Int], train: [Double], unseen: [Double]) -> Figure {
        var figure = Figure(
            name: "moons-fit-by-size",
            caption: "Underfitting and overfitting: training and unseen accuracy by hidden layer size (seed 002)",
            width: 900, height: 560)
        figure.data("accuracy", rows: hidden.indices.map { [Double(hidden[$0]), 100 * train[$0], 100 * unseen[$0]] })
        let gap = hidden.indices.map { 100 * (train[$0] - unseen[$0]) }
        figure.gnuplot(
            "set title \"Too simple, then too complex: the moons network by hidden layer size\"",
            "set xlabel \"hidden units H\"", "set ylabel \"accuracy (%)\"",
            "set logscale x", "set xrange [0.8:65]",
            "set xtics (\"1\" 1, \"2\" 2, \"3\" 3, \"4\" 4, \"5\" 5, \"10\" 10, \"20\" 20, \"50\" 50)",
            "set yrange [84:101]",
            "set key bottom right",
            "set label 1 \"underfitting: both low\" at 1.15,85.2 left",
            "set label 2 \"overfitting: the gap grows\\nto \(String(format: "%.1f", gap.max()!)) points\" at 50,97 right",
            "plot $accuracy using 1:2 with linespoints \(Palette.trainLine) linewidth 2 pointtype 7 pointsize 1.2 "
                + "title \"the notes' 200 training points\", \\",
            "     $accuracy using 1:3 with linespoints \(Palette.testLine) linewidth 2 pointtype 5 pointsize 1.1 "
                + "title \"1000 unseen points\"")
        return figure
    }

    /// The baseline: a logistic regression's two half-planes and the line between them.
    public static func logisticRegression(
        _ fit: LogisticRegression, data: (x: Matrix, y: [Int]),
        name: String = "moons-logistic-regression", step: Double = 0.02
    ) -> Figure {
        var figure = Figure(
            name: name, caption: "Logistic regression on the moons: a straight boundary (seed 001)",
            width: 740, height: 600)
        commonSettings(&figure)
        let grid = Grid(covering: data.x, step: step)
        let ends = [grid.xs.first!, grid.xs.last!].map { [$0, fit.boundary(atX0: $0)] }
        let line = figure.data("boundary", rows: ends)
        let accuracy = fit.accuracy(x: data.x, y: data.y)
        figure.gnuplot(
            "set title \"Logistic Regression\\ntraining accuracy \(percent(accuracy)), λ = \(significant(fit.lambda))\"",
            "set key below horizontal maxcols 3 samplen 1.5", "set bmargin 8")
        figure.gnuplot(
            panel(
                &figure, suffix: "", classify: fit.predict, data: data, step: step,
                extra: ["\(line) using 1:2 with lines linecolor rgb \"black\" linewidth 1.5 title \"h = 0.5\""]))
        return figure
    }

    /// The constant-ε run's loss after every pass of a window, even and odd passes apart: the bursts
    /// past the edge of stability, then the two values of the period-2 orbit (until it forms, the
    /// even and odd curves lie on each other).
    public static func lossPerPass(
        _ run: MoonsRun, window: ClosedRange<Int>, printEvery: Int,
        notesPrints: [(pass: Int, loss: Double)] = [], name: String = "moons-loss-per-pass"
    ) -> Figure {
        var figure = Figure(
            name: name, caption: "Loss after every pass, constant ε = 0.01 (seed 001)",
            width: 1000, height: 720)
        let losses = run.losses.filter { window.contains($0.pass) }
        let even = figure.data("even", rows: losses.filter { $0.pass % 2 == 0 }.map { [Double($0.pass), $0.loss] })
        let odd = figure.data("odd", rows: losses.filter { $0.pass % 2 == 1 }.map { [Double($0.pass), $0.loss] })
        let printed = figure.data(
            "printed", rows: losses.filter { $0.pass % printEvery == 0 }.map { [Double($0.pass), $0.loss] })
        let notes = figure.data("notes", rows: notesPrints.map { [Double($0.pass), $0.loss] })
        let highest = losses.map(\.loss).max() ?? 0
        figure.gnuplot(
            "set title \"Loss after each pass, hidden layer size 3\" noenhanced",
            "set xlabel \"pass i\"",
            "set ylabel \"loss\"",
            "set xrange [\(window.lowerBound):\(window.upperBound)]",
            "set yrange [0.0682:0.0732]",
            // Boxed, at the foot of the canvas with a margin above it, apart from the x label.
            "set key at screen 0.5, 0.015 center bottom box", "set bmargin 10",
            // Right of the bursts, above the settled losses, where the box hides nothing.
            "set label 1 \"\(String(format: "the bursts on the left\\nreach up to %.3f (cut off)", highest))\" "
                + "at graph 0.99, graph 0.93 right font \",13\" front boxed",
            "set style textbox opaque noborder",
            "plot \(odd) using 1:2 with lines linestyle 2 title \"after odd passes\", \\",
            "     \(even) using 1:2 with lines linestyle 1 linewidth 1.5 title \"after even passes (the passes the notes print)\", \\",
            "     \(printed) using 1:2 with points pointtype 7 pointsize 1.4 linecolor rgb \"black\" title \"our printed losses (i = 1000, 2000, 3000)\", \\",
            "     \(notes) using 1:2 with points pointtype 6 pointsize 2.4 linewidth 2 linecolor rgb \"#2ca02c\" title \"the notes' printed losses\""
        )
        return figure
    }

}
