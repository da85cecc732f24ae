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

    /// One path figure per rate, and every run's distance to the minimum in one more.
    public static func figures() -> [Figure] {
        let paths = runs.map { ($0, path(learningRate: $0.learningRate)) }
        return paths.map { PathFigure.figure(learningRate: $0.0.learningRate, path: $0.1, name: $0.0.figureName) }
            + [PathFigure.distanceFigure(runs: paths.map { ($0.0.learningRate, $0.1) })]
    }

    public static let start = Matrix(row: [-3.0, 4.0])
    public static let steps = 100

    /// One of the book's runs.
    public struct Run: Sendable {
        public let learningRate: Double
        /// The figure's file stem.
        public var figureName: String { "path-lr-\(GradientDescentRuns.label(learningRate))" }
    }

    /// Every learning rate the notes and the book try, each with a figure.
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
                    + "large a rate fails, is true of lr = 1, which never converges)."))
    }
}

/// The path of a gradient-descent run over the contour circles of x0² + x1² (seed 000 图5/图6,
/// DLfS fig 4-10), and all runs' distance to the minimum per step.
public enum PathFigure {
    /// A run drawn in the notes' window, x0 in [-3.5, 3.5] and x1 in [-4.5, 4.5], over the
    /// contours f = 3, 6, ..., 15. A diverging run is drawn in a window that holds its first
    /// steps, over circles through the points it visits.
    public static func figure(learningRate lr: Double, path: DescentPath, name: String) -> Figure {
        var figure = Figure(
            name: name,
            caption: "Gradient descent on x0^2 + x1^2 with lr = \(lr) (seed 000 fig. 5-6, DLfS fig 4-10)",
            width: 760, height: 820)
        let norms = path.points.map { ($0[flat: 0] * $0[flat: 0] + $0[flat: 1] * $0[flat: 1]).squareRoot() }
        let diverges = norms.last! > 2 * norms.first!
        let shown = diverges ? Array(path.points.prefix(3)) : path.points
        let radii = diverges ? Array(norms.prefix(3)) : (1...5).map { (3.0 * Double($0)).squareRoot() }
        let extent = diverges ? 1.15 * radii.max()! : 1.0
        // The start is the run's own (--start), so the frame and the labels follow it.
        let start = path.points.first!
        let startText = "(\(general(start[flat: 0])), \(general(start[flat: 1])))"
        let (xmax, ymax) =
            diverges ? (extent, extent) : (max(3.5, abs(start[flat: 0]) + 0.5), max(4.5, abs(start[flat: 1]) + 0.5))

        figure.contours("contours", radii: radii.map { ($0, $0) })
        figure.data("path", rows: shown.map { [$0[flat: 0], $0[flat: 1]] })
        figure.data("ends", rows: [path.points.first!, path.end].map { [$0[flat: 0], $0[flat: 1]] })

        let contourTitle = diverges ? "circles through the first points" : "contours f = 3, 6, 9, 12, 15"
        let pathTitle =
            diverges
            ? "first \(shown.count - 1) steps (then off the page)" : "x after each of \(path.points.count - 1) steps"
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
            "     $ends using 1:2 every ::0::0 with points pointtype 4 pointsize 2.2 linewidth 2 linecolor rgb \"black\" title \"start \(startText)\""
        )
        return figure
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
            // lr 1 and lr 1e-10 both stay at |x| = 5: the later one is dashed so both show.
            let dash = run.lr < 1e-3 ? " dashtype 2" : ""
            plots.append(
                "$\(block) using 1:2 with lines linestyle \(i + 1)\(dash) title \"lr = \(GradientDescentRuns.label(run.lr))\""
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
            "set label 3 \"lr = 1 (flips between (−3, 4) and (3, −4)) and\\nlr = 1e-10 (barely moves) both stay at |x| = 5\" "
                + "at 12,1e3 font \",12\"",
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
