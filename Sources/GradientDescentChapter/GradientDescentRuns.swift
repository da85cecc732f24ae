import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// 梯度下降法 on f(x0, x1) = x0² + x1² from (-3, 4), 100 steps, numerical gradients
/// (seed 000 §4.3, DLfS 4.4.1).
///
/// The end points are not where the mathematics alone would put them. Each step multiplies x by
/// (1 − 2·lr), but the numerical gradient stops working at both ends of the scale: when |x| is
/// below about h·2⁻⁵³ ≈ 1e-20, x ± h rounds to ±h and the gradient becomes exactly 0 (lr 0.2
/// stalls at ~1e-21 instead of reaching 0.6¹⁰⁰·3 ≈ 2e-22); when |x| is above h·2⁵³ ≈ 1e12, x ± h
/// rounds to x and again the gradient is 0 (lr 10 stalls at ~1e13 instead of growing by 19× per
/// step forever).
public enum GradientDescentRuns: RunnableExample {
    public static let rows: [String: () -> Finding] = [
        "gd-notes-lr0.2": { endPoint(0.2) }, "gd-notes-lr1": notesLearningRateOne,
        "gd-notes-lr0.01": { endPoint(0.01) },
        "gd-book-lr0.1": { endPoint(0.1) }, "gd-book-lr10": { endPoint(10) }, "gd-book-lr1e-10": { endPoint(1e-10) },
    ]
    public static let commands: [any ParsableCommand.Type] = [RunCommand.self]

    /// The six paths in one figure, and every run's distance to the minimum in another.
    public static func figures() -> [Figure] {
        let paths = runs.map { ($0.learningRate, path(learningRate: $0.learningRate)) }
        return [PathFigure.figure(runs: paths), PathFigure.distanceFigure(runs: paths)]
    }

    public static let start = Matrix(row: [-3.0, 4.0])
    public static let steps = 100

    /// One of the book's runs.
    public struct Run: Sendable {
        public let learningRate: Double
    }

    /// Every learning rate the notes and the book try, each a panel of the path figure.
    public static let runs = [0.2, 1, 0.01, 0.1, 10, 1e-10].map(Run.init)

    /// The rate as the figure names and titles write it: 10, 0.2, 1e-10. Whole numbers only as
    /// integers where an integer can hold them (`--lr 1e19` is written 1e+19, not trapped).
    public static func label(_ lr: Double) -> String {
        if lr == 1e-10 { return "1e-10" }
        if lr == lr.rounded(), abs(lr) < 1e15 { return String(Int(lr)) }
        return "\(lr)"
    }

    public static func path(learningRate lr: Double, from start: Matrix = start, steps: Int = steps) -> DescentPath {
        gradientDescent(BookFunctions.function2, from: start, learningRate: lr, steps: steps)
    }

    static func endPoint(_ lr: Double) -> Finding { .values(path(learningRate: lr).end.storage) }

    /// The rates that give the notes' "lr = 1" print: every lr = k/1000 up to 2 (a typo or a
    /// misremembered rate), each run as printed, matched at NumPy's 8 printed digits.
    static var notesRateSearch: Search {
        let printed = try! PrintedValue("[-6.11110793e-10  8.14814391e-10]", kind: .numpy)
        let rates = (1...2000).map { Double($0) / 1000 }
        let matches = rates.filter { printed.agrees(with: path(learningRate: $0).end.storage) }
        return Search(
            space: "the rates 0.001, 0.002, ... 2.000 over the notes' 100 steps", candidates: rates.count,
            matches: matches.count)
    }

    /// seed 000 §4.3.3 says lr = 1 and prints the end point of lr = 0.1.
    static func notesLearningRateOne() -> Finding {
        Finding(
            .values(path(learningRate: 1).end.storage),
            erratum: Erratum(
                reproducedBy: "lr = 0.1 (DLfS 4.4.1's value)",
                reproduction: .values(path(learningRate: 0.1).end.storage),
                why: "With lr = 1 each step maps x to x − 2x = −x, so the run jumps between (−3, 4) and (3, −4) and "
                    + "ends, after an even number of steps, at (−3, 4). The printed end point is the book's lr = 0.1 "
                    + "result to every digit: the notes ran lr = 0.1 and wrote 1 (the point the notes make, that too "
                    + "large a rate fails, is true of lr = 1, which never converges).",
                search: notesRateSearch))
    }
}

/// The paths of gradient-descent runs over the contour circles of x0² + x1² (seed 000 图5/图6,
/// DLfS fig 4-10), and all runs' distance to the minimum per step.
public enum PathFigure {
    /// The six rates as one figure of 2×3 panels, each path in gradient descent's colour (SGD's
    /// in chapter 6).
    public static func figure(runs: [(lr: Double, path: DescentPath)]) -> Figure {
        // From the largest rate to the smallest: diverging, flipping, converging, barely moving.
        let byRate = runs.sorted { $0.lr > $1.lr }
        var grid = PathPanels(panels: byRate.map { panel(learningRate: $0.lr, path: $0.path) }, columns: 3)
        (grid.xName, grid.yName) = ("x_0", "x_1")
        (grid.panelWidth, grid.panelHeight) = (286, 420)
        let start = runs[0].path.points[0], steps = runs[0].path.points.count - 1
        return grid.figure(
            name: "path-lr",
            caption: "Gradient descent on x0^2 + x1^2 from (-3, 4), 100 steps, at six learning rates "
                + "(seed 000 fig. 5-6, DLfS fig 4-10)",
            title: "Gradient descent on x_0^2 + x_1^2, \(steps) steps from \(pointText(start))\\n"
                + "{/=13 grey: contours f = 3, 6, 9, 12, or circles through a diverging run's points;  □: the start}")
    }

    /// One run alone (`gradient-descent run --figure`).
    public static func figure(learningRate lr: Double, path: DescentPath, name: String) -> Figure {
        var grid = PathPanels(panels: [panel(learningRate: lr, path: path)], columns: 1)
        (grid.xName, grid.yName) = ("x_0", "x_1")
        (grid.panelWidth, grid.panelHeight) = (560, 680)
        return grid.figure(
            name: name, caption: "Gradient descent on x0^2 + x1^2 with lr = \(lr) (seed 000 fig. 5-6, DLfS fig 4-10)",
            title: "Gradient descent, \(path.points.count - 1) steps from \(pointText(path.points[0]))")
    }

    /// A step of 1, 2 or 5 times a power of ten giving two tics on each side of 0 up to `extent`.
    static func tidyStep(_ extent: Double) -> Double {
        let power = pow(10, floor(log10(extent / 2)))
        return [1, 2, 5, 10].map { $0 * power }.first { $0 >= extent / 2 }!
    }

    static func pointText(_ x: Matrix) -> String { "(\(general(x[flat: 0])), \(general(x[flat: 1])))" }

    /// A run in the notes' window, x0 in [-3.5, 3.5] and x1 in [-4.5, 4.5], over the contours
    /// f = 3, 6, 9, 12 (f = 15 would leave the window at x0 = ±3.5). A diverging run is drawn in a window that holds its start and first
    /// step, over circles through them, and leaves it at step 2. A note tells what the path
    /// alone does not: where a run ends, that it flips, leaves, or does not move.
    public static func panel(learningRate lr: Double, path: DescentPath) -> PathPanels.Panel {
        let window = (x: 3.5, y: 4.5)
        let points = path.points.map { (x: $0[flat: 0], y: $0[flat: 1]) }
        let norms = points.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }
        let (start, end) = (points[0], points[points.count - 1])
        let moved = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
        // One coordinate a line: as a pair, the end points of the fast runs overran the frame.
        var notes = [
            "after \(points.count - 1) steps:", "x_0 = \(figureValue(end.x))", "x_1 = \(figureValue(end.y))",
        ]
        if norms.count > 2, norms.last! > 2 * norms[0] {
            let r = norms[1]
            let growth = norms[2] / norms[1]
            return PathPanels.Panel(
                title: "lr = \(GradientDescentRuns.label(lr))", points: Array(points.prefix(3)),
                color: Palette.color(OptimizerKind.sgd),
                // The window of the other panels scaled up: the same shape, so the same size on the page.
                contours: norms.prefix(2).map { ($0, $0) }, xRange: -1.05 * r...1.05 * r,
                yRange: -1.05 * r * window.y / window.x...1.05 * r * window.y / window.x,
                notes: ["diverges: step 2 is", "off the panel, |x|", "×\(significant(growth, digits: 2)) a step"],
                ticStep: tidyStep(r))
        }
        if points.count > 2, moved == 0, points[1] != points[0] {
            notes = ["flips between \(pointText(path.points[0]))", "and \(pointText(path.points[1]))"]
        } else if moved > 0, moved < 1e-3 * max(norms[0], 1) {
            notes = ["\(points.count - 1) steps move x", "by \(significant(moved, digits: 2))"]
        }
        let xmax = max(window.x, abs(start.x) + 0.5), ymax = max(window.y, abs(start.y) + 0.5)
        // Tics every 2: at every 1 the labels' minus signs run into each other.
        return PathPanels.Panel(
            title: "lr = \(GradientDescentRuns.label(lr))", points: points, color: Palette.color(OptimizerKind.sgd),
            contours: (1...4).map { r in ((3.0 * Double(r)).squareRoot(), (3.0 * Double(r)).squareRoot()) },
            xRange: -xmax...xmax, yRange: -ymax...ymax, notes: notes, ticStep: 2)
    }

    /// |x| after every step for all runs, on a log scale: convergence, stalling and divergence at once.
    public static func distanceFigure(runs: [(lr: Double, path: DescentPath)]) -> Figure {
        var figure = Figure(
            name: "distance-per-step",
            caption: "Distance from the minimum per step for every learning rate (seed 000 §4.3.3, DLfS 4.4.1)",
            width: 900, height: 640)
        var plots: [String] = []
        // The key lists the rates from the largest down; each keeps its colour.
        let byRate = runs.enumerated().sorted { $0.element.lr > $1.element.lr }
        for (i, run) in byRate {
            let block = "run\(i)"
            figure.data(
                block,
                rows: run.path.points.enumerated().map { step, x in
                    [Double(step), (x[flat: 0] * x[flat: 0] + x[flat: 1] * x[flat: 1]).squareRoot()]
                })
            // Each run its own dash, so that grey print tells them apart (and lr 1 and lr 1e-10,
            // which both stay at |x| = 5, both show).
            plots.append(
                "$\(block) using 1:2 with lines linestyle \(i + 1) \(Palette.dash(i)) title \"lr = \(GradientDescentRuns.label(run.lr))\""
            )
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
            "set label 1 \"|x| ≫ h: x ± h rounds to x, the gradient is 0, the run stops\" at 12,3e11 font \",12\"",
            "set label 2 \"|x| ≪ h: x ± h rounds to ±h, the gradient is 0\" at 12,3e-20 font \",12\"",
            "set label 3 \""
                + Typography.typeset(
                    "lr = 1 (flips between (−3, 4) and (3, −4)) and\\nlr = 1e-10 (barely moves) both stay at |x| = 5",
                    scriptsFrom: PrintRule.smallestFontSize(width: figure.width, withScripts: true)) + "\" "
                + "at 12,1e4 font \",12\"",
            "set key outside right center",
            "plot " + plots.joined(separator: ", \\\n     "))
        return figure
    }
}

extension GradientDescentRuns {
    /// `gradient-descent run`: a run with the reader's rate, start and number of steps.
    struct RunCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "One run: x <- x - lr * grad f(x), with numerical gradients.",
            discussion:
                "The book's runs: --lr 0.1 (converges), --lr 10 (diverges), --lr 1e-10 (barely moves); the notes': --lr 0.2, --lr 0.01."
        )
        @Option(parsing: .unconditional, help: "The learning rate (学习率).") var lr = 0.1
        @Option(help: "Number of steps.") var steps = GradientDescentRuns.steps
        @Option(help: "The start point x0,x1.") var start = NumberList(GradientDescentRuns.start.storage)
        @Flag(help: "Print every point, not only the end point.") var history = false
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            try FlagCheck.positive(lr, "--lr")
            try FlagCheck.nonNegative(steps, "--steps", max: 1_000_000)
            guard start.values.count == 2 else {
                throw ValidationError("--start needs two numbers x0,x1, got \(start)")
            }
        }

        func run() throws {
            let path = GradientDescentRuns.path(learningRate: lr, from: Matrix(row: start.values), steps: steps)
            if history {
                for (step, x) in path.points.enumerated() { print("\(step)\t\(x[flat: 0])\t\(x[flat: 1])") }
            }
            print("end point after \(steps) steps with lr \(lr): [\(path.end[flat: 0]), \(path.end[flat: 1])]")
            try figure.show(PathFigure.figure(learningRate: lr, path: path, name: "path"))
        }
    }
}
