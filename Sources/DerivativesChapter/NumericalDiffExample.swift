import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// 数值微分 of f(x) = 0.01x² + 0.1x at x = 5 and 10 (seed 000 §4.2.1, DLfS 4.3.2).
///
/// The notes print the central-difference code and h = 1e-4, but their outputs,
/// 0.20000099999917254 and 0.3000009999976072, are what the forward difference gives: its error
/// is h·f''/2 = 1e-4 · 0.01 = 1e-6, exactly the surplus in the printed values. The book's own
/// outputs come from the central difference.
enum NumericalDiffExample: RunnableExample {
    static let rows: [String: () -> Finding] = [
        "diff-notes-x5": { notes(at: 5) }, "diff-notes-x10": { notes(at: 10) },
        "diff-book-x5": { book(at: 5) }, "diff-book-x10": { book(at: 10) },
    ]
    static let commands: [any ParsableCommand.Type] = [Diff.self]
    static func figures() -> [Figure] { [TangentLines.figure(), TangentLines.secantFigure()] }

    static func derivative(at x: Double, h: Double = defaultDifferenceStep, scheme: DifferenceScheme = .central)
        -> Double
    {
        numericalDerivative(BookFunctions.function1, at: x, h: h, scheme: scheme)
    }

    /// The book's output: central difference.
    static func book(at x: Double) -> Finding { .value(derivative(at: x)) }

    /// The search for what gives both of the notes' prints: each difference scheme with each step
    /// h = 1e-1 … 1e-8, matched against 0.20000099999917254 at x = 5 and 0.3000009999976072 at x = 10.
    static var notesSearch: Search {
        let prints: [(x: Double, printed: Double)] = [(5, 0.20000099999917254), (10, 0.3000009999976072)]
        let steps = (1...8).map { Double("1e-\($0)")! }
        let candidates = DifferenceScheme.allCases.flatMap { scheme in steps.map { (scheme, $0) } }
        let matches = candidates.filter { scheme, h in
            prints.allSatisfy { derivative(at: $0.x, h: h, scheme: scheme) == $0.printed }
        }
        return Search(
            space: "the central and forward differences with h = 1e-1 to 1e-8, both prints at once",
            candidates: candidates.count, matches: matches.count)
    }

    /// The notes' output: printed code central, printed numbers forward.
    static func notes(at x: Double) -> Finding {
        Finding(
            .values([derivative(at: x)]),
            erratum: Erratum(
                reproducedBy: "the forward difference (f(x+h) - f(x))/h, seed 000's numerical_diff0",
                reproduction: .values([derivative(at: x, scheme: .forward)]),
                why: "The notes print the central difference but ran their forward difference numerical_diff0: "
                    + "the printed values exceed the true slope \(general(BookFunctions.function1Derivative(x))) by about "
                    + "h*f''/2 = 1e-6, the forward difference's error; the central difference is exact for a "
                    + "quadratic up to rounding.",
                search: notesSearch))
    }
}

/// 切线: f(x) = 0.01x² + 0.1x on [0, 20) with its tangents at x = 5 and x = 10, the slopes taken
/// numerically (seed 000 图3, DLfS fig 4-7).
public enum TangentLines {
    /// The tangent at x0: slope·(x − x0) + f(x0), as seed 000's `function_qiexian`.
    static func tangent(at x0: Double, h: Double) -> (Double) -> Double {
        let slope = numericalDerivative(BookFunctions.function1, at: x0, h: h)
        return { x in slope * (x - x0) + BookFunctions.function1(x0) }
    }

    public static func figure(at points: [Double] = [5, 10], h: Double = defaultDifferenceStep) -> Figure {
        var figure = Figure(
            name: "tangent-lines",
            caption: "f(x) = 0.01x^2 + 0.1x with its numerical tangents (seed 000 fig. 3, DLfS fig 4-7)")
        let xs = arange(0, 20, 0.1)
        let lines = points.map { tangent(at: $0, h: h) }
        figure.data("curves", rows: xs.map { x in [x, BookFunctions.function1(x)] + lines.map { $0(x) } })
        figure.data("touch", rows: points.map { [$0, BookFunctions.function1($0)] })
        figure.gnuplot(
            "set title \"f(x) = 0.01x² + 0.1x and its tangents (numerical slope, h = \(h))\"",
            "set xlabel \"x\"",
            "set ylabel \"f(x)\"",
            "set xrange [0:20]",
            "set yrange [-1:6.5]",
            "set key top left")
        // f in black and its tangents in blue, as in the secant figure printed beside this one.
        var plots = ["$curves using 1:2 with lines linecolor rgb \"black\" linewidth 2 title \"f(x)\""]
        for (i, x0) in points.enumerated() {
            let slope = numericalDerivative(BookFunctions.function1, at: x0, h: h)
            plots.append(
                "$curves using 1:\(i + 3) with lines linestyle 1 \(Palette.dash(i + 1)) title sprintf(\"tangent at x = %g (slope %.4f)\", \(x0), \(slope))"
            )
        }
        plots.append("$touch using 1:2 with points pointtype 7 pointsize 1.4 linecolor rgb \"black\" notitle")
        figure.gnuplot("plot " + plots.joined(separator: ", \\\n     "))
        return figure
    }

    /// DLfS fig 4-5: the true tangent at x against the secants that finite differences measure,
    /// with a step h made large enough to see. The forward difference (f(x + h) − f(x))/h is the
    /// slope of a secant that leans away from the tangent by h·f''/2; the central difference
    /// (f(x + h) − f(x − h))/2h is, for a quadratic such as this f, exactly the tangent's slope,
    /// which is why the book uses it.
    public static func secantFigure(at x0: Double = 5, h: Double = 3) -> Figure {
        let f = BookFunctions.function1
        let exact = BookFunctions.function1Derivative(x0)
        let forward = (f(x0 + h) - f(x0)) / h
        let central = (f(x0 + h) - f(x0 - h)) / (2 * h)
        var figure = Figure(
            name: "tangent-and-secants",
            caption: "The true tangent against the forward and central differences' secants (DLfS fig 4-5)")
        let xs = arange(0, 10.05, 0.05)
        figure.data(
            "lines",
            rows: xs.map { x in
                [x, f(x), exact * (x - x0) + f(x0), f(x0) + forward * (x - x0), f(x0 - h) + central * (x - (x0 - h))]
            })
        figure.data("points", rows: [x0 - h, x0, x0 + h].map { [$0, f($0)] })
        figure.gnuplot(
            "set title \"Slopes at x = \(general(x0)) with an exaggerated step h = \(general(h))\"",
            "set xlabel \"x\"", "set ylabel \"f(x) = 0.01x² + 0.1x\"",
            "set xrange [0:10]", "set yrange [0:2.2]",
            "set key top left",
            "plot $lines using 1:2 with lines linecolor rgb \"black\" linewidth 2 title \"f(x)\", \\",
            "     $lines using 1:3 with lines linestyle 1 \(Palette.dash(4)) title sprintf(\"true tangent, slope f′(x) = %g\", \(exact)), \\",
            "     $lines using 1:4 with lines linestyle 2 title sprintf(\"forward difference, slope %.4g\", \(forward)), \\",
            "     $lines using 1:5 with lines linestyle 3 dashtype 2 title sprintf(\"central difference, slope %.4g (parallel)\", \(central)), \\",
            "     $points using 1:2 with points pointtype 7 pointsize 1.4 linecolor rgb \"black\" title \"x − h, x, x + h\""
        )
        return figure
    }
}

extension NumericalDiffExample {
    /// `derivatives diff`: other points, steps and schemes.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "f'(x) of f(x) = 0.01x^2 + 0.1x by finite differences (seed 000 §4.2.1, DLfS 4.3.2).",
            discussion: "Try --scheme forward to see the notes' printed numbers, or a tiny --h to see rounding win.")
        @Option(parsing: .upToNextOption, help: "Where to differentiate (several values allowed).") var x: [Double] = [
            5, 10,
        ]
        @Option(help: "The step h.") var h = defaultDifferenceStep
        @Option(help: "central (the book's) or forward (seed 000's numerical_diff0).") var scheme = DifferenceScheme
            .central
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            try FlagCheck.positive(h, "--h")
            for value in x { try FlagCheck.finite(value, "--x") }
        }

        func run() throws {
            for point in x {
                let estimate = numericalDerivative(BookFunctions.function1, at: point, h: h, scheme: scheme)
                let exact = BookFunctions.function1Derivative(point)
                print(
                    "x = \(point): \(scheme.rawValue) difference \(estimate)  (exact \(exact), error \(estimate - exact))"
                )
            }
            try figure.show(TangentLines.figure(at: x, h: h))
        }
    }
}
