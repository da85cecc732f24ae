import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// Seed 004 §6: grid search (网格搜索法) against random search (随机搜索法), and why DLfS 6.5
/// prefers random sampling (citing Bergstra & Bengio 2012): when only some hyperparameters
/// matter, a grid spends its budget repeating the same few values of the one that does.
///
/// The objective is a toy score to maximise, f(x, y) = g(x) + h(y): g is a bump in the
/// important x, h a ripple in the unimportant y worth at most 0.05. Both searches get the same
/// budget of 9 trials in [0, 1]²: the grid at the centres of a 3×3 tiling ((i + ½)/3, the best
/// a 3-value grid can do), random search `numpy.random.seed(0); numpy.random.rand(9, 2)`.
public enum SearchCoverage: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [Coverage.self]

    public static let trials = 9
    public static let seed: UInt32 = 0

    /// Where the important parameter is best, and how narrow its good region is.
    public static let peak = 0.7
    public static let width = 0.1
    /// How much the unimportant parameter can add at most.
    public static let ripple = 0.05

    /// The score's dependence on the important parameter: a Gaussian bump of height 1 at `peak`.
    public static func g(_ x: Double) -> Double { exp(-(x - peak) * (x - peak) / (2 * width * width)) }
    /// The unimportant parameter's share: 0 at the ends, `ripple` in the middle.
    public static func h(_ y: Double) -> Double { ripple * sin(Double.pi * y) }

    public struct Trial: Equatable, Sendable {
        public var x: Double, y: Double
        public var score: Double { SearchCoverage.g(x) + SearchCoverage.h(y) }
    }

    /// n × n trials at the cell centres (i + ½)/n, x varying slowest; n² must be `trials`.
    public static func grid(trials: Int = trials) -> [Trial] {
        let n = valuesPerAxis(trials)
        let values = (0..<n).map { (Double($0) + 0.5) / Double(n) }
        return values.flatMap { x in values.map { y in Trial(x: x, y: y) } }
    }

    /// `numpy.random.seed(seed); numpy.random.rand(trials, 2)`: one (x, y) per row.
    public static func random(trials: Int = trials, seed: UInt32 = seed) -> [Trial] {
        var state = RandomState(seed: seed)
        let draws = state.rand(trials, 2)
        return (0..<trials).map { Trial(x: draws[$0, 0], y: draws[$0, 1]) }
    }

    /// √trials, or nil if trials is not a perfect square.
    public static func perfectSquareRoot(_ trials: Int) -> Int? {
        guard trials >= 1 else { return nil }
        let n = Int(Double(trials).squareRoot().rounded())
        return n * n == trials ? n : nil
    }

    static func valuesPerAxis(_ trials: Int) -> Int {
        guard let n = perfectSquareRoot(trials) else {
            preconditionFailure("a square grid needs a perfect square, got \(trials) trials")
        }
        return n
    }

    public static func distinctX(_ trials: [Trial]) -> Int { Set(trials.map(\.x)).count }

    /// The trial with the highest score (the first, on a tie).
    public static func best(_ trials: [Trial]) -> Trial {
        trials.dropFirst().reduce(trials[0]) { $1.score > $0.score ? $1 : $0 }
    }

    // MARK: - Expected distance to the best value

    /// The mean distance from a best x uniform in [0, 1] to the nearest of n grid values at
    /// cell centres: within each cell of width 1/n the distance runs from 0 to 1/(2n), so 1/(4n).
    public static func expectedGapOfGrid(valuesPerAxis n: Int) -> Double { 1 / (4 * Double(n)) }

    /// The same for m uniform random values, by hand: for a best x at distance u ≤ ½ from the
    /// nearer end, P(nearest > d) = (1 − 2d)^m up to d = u and (1 − u − d)^m up to 1 − u; the
    /// integral over d is (1 + (1 − 2u)^(m+1))/(2(m + 1)), and its mean over u is
    /// (m + 3)/(2(m + 1)(m + 2)).
    public static func expectedGapOfRandom(trials m: Int) -> Double {
        let m = Double(m)
        return (m + 3) / (2 * (m + 1) * (m + 2))
    }

    /// The grid's expected gap by quadrature over the best x, from the definition (no formula).
    static func gridGapByQuadrature(valuesPerAxis n: Int, steps: Int = 120_000) -> Double {
        let values = (0..<n).map { (Double($0) + 0.5) / Double(n) }
        return (0..<steps).reduce(0.0) { sum, i in
            let best = (Double(i) + 0.5) / Double(steps)
            return sum + values.map { abs($0 - best) }.min()!
        } / Double(steps)
    }

    /// The random gap by quadrature of E = ∫∫ P(nearest > d) dd dx over the best x and d, with
    /// P = (1 − |[x − d, x + d] ∩ [0, 1]|)^m: the probability that all m points miss the window.
    static func randomGapByQuadrature(trials m: Int, steps: Int = 1500) -> Double {
        var total = 0.0
        for i in 0..<steps {
            let best = (Double(i) + 0.5) / Double(steps)
            for j in 0..<steps {
                let d = (Double(j) + 0.5) / Double(steps)
                let covered = min(best + d, 1) - max(best - d, 0)
                total += pow(1 - covered, Double(m))
            }
        }
        return total / Double(steps * steps)
    }

    // MARK: - Rows

    static func distinctValues() -> Finding {
        .values([Double(distinctX(grid())), Double(distinctX(random()))])
    }

    static func randomX() -> Finding { .values(random().map(\.x)) }

    static func bestScores() -> Finding { .values([g(best(grid()).x), g(best(random()).x)]) }

    static func expectedGaps() -> Finding {
        .values([gridGapByQuadrature(valuesPerAxis: valuesPerAxis(trials)), randomGapByQuadrature(trials: trials)])
    }

    /// k hyperparameters, 3 values each, of which only x matters: 3^k trials.
    static let dimensions = 1...4

    static func highDimensional() -> Finding {
        let n = 3
        let gridGap = gridGapByQuadrature(valuesPerAxis: n)
        let randomGaps = dimensions.map { randomGapByQuadrature(trials: Int(pow(Double(n), Double($0)))) }
        let wins = zip(dimensions, randomGaps).filter { $0.0 >= 2 }.allSatisfy { $0.1 < gridGap }
        let listed = zip(dimensions, randomGaps).map {
            "\(String(format: "%.4f", $1)) (k = \($0), \(Int(pow(3.0, Double($0)))) trials)"
        }
        return Finding(
            .claim(
                holds: wins && randomGaps[0] > gridGap,
                detail:
                    "k parameters, 3^k trials, only x matters: the grid tries 3 values of x for every k, random search 3^k; "
                    + "expected distance to the best x: grid \(String(format: "%.4f", gridGap)) for every k, random "
                    + listed.joined(separator: ", ") + ": random wins from k = 2 (for k = 1 the grid is better)"))
    }

    public static let rows: [String: () -> Finding] = [
        "search-coverage-distinct": distinctValues,
        "search-coverage-random-x": randomX,
        "search-coverage-best": bestScores,
        "search-coverage-expected-gap": expectedGaps,
        "search-coverage-high-dim": highDimensional,
    ]

    // MARK: - Figure

    public static func figures() -> [Figure] { [coverage()] }

    /// Both searches side by side, as Bergstra & Bengio's fig. 1: each panel shows the trials in
    /// the (x, y) square, g(x) above it and h(y) beside it on the same scale, and dashed lines
    /// carrying each trial down to the x axis and up to g, so one sees which values of x were tried.
    public static func coverage(trials: Int = trials, seed: UInt32 = seed) -> Figure {
        var figure = Figure(
            name: "search-coverage",
            caption:
                "Grid search vs random search, \(trials) trials each, on f(x, y) = g(x) + h(y), g a bump at x = \(shortest(peak)), "
                + "h ≤ \(shortest(ripple)); random trials of seed \(seed) (seed 004 6; DLfS 6.5)",
            width: 1100, height: 760)
        let samples = (0...200).map { Double($0) / 200 }
        figure.data("gcurve", rows: samples.map { [$0, g($0)] })
        figure.data("hcurve", rows: samples.map { [h($0), $0] })
        let panels: [(name: String, title: String, trials: [Trial])] = [
            ("gridtrials", "Grid search", grid(trials: trials)),
            ("randomtrials", "Random search", random(trials: trials, seed: seed)),
        ]
        figure.gnuplot(
            "set multiplot title \"\(trials) trials each on f(x, y) = g(x) + h(y): x matters, y hardly\\n"
                + "{/=14 dashed: each trial down to the x axis (▲) and up to g;  ring: the best;  dotted: the best x}\" font \",16\"",
            "set key off",
            "set style arrow 1 nohead dashtype 2 linecolor rgb \"#9a9a9a\" linewidth 1",
            "set style arrow 2 nohead dashtype 3 linecolor rgb \"#2ca02c\" linewidth 1.5")
        for (column, panel) in panels.enumerated() {
            let left = 0.1 + 0.49 * Double(column), right = left + 0.29
            let top = best(panel.trials)
            figure.data(panel.name, rows: panel.trials.map { [$0.x, $0.y, g($0.x), h($0.y)] })
            figure.data(panel.name + "best", rows: [[top.x, top.y, g(top.x)]])
            let block = "$" + panel.name, bestBlock = "$" + panel.name + "best"
            let margins = { (l: Double, r: Double, b: Double, t: Double) in
                "set lmargin at screen \(l); set rmargin at screen \(r); set bmargin at screen \(b); set tmargin at screen \(t)"
            }
            let heading =
                "\(panel.title): \(distinctX(panel.trials)) distinct values of x\\n"
                + "best trial: g = " + String(format: "%.3f", g(top.x)) + " at x = " + String(format: "%.3f", top.x)
            figure.gnuplot(
                // g(x) above the square.
                margins(left, right, 0.665, 0.84),
                "set label 1 \"\(heading)\" at screen \(left + 0.2), screen 0.885 center font \",14\"",
                "set xrange [0:1]", "set yrange [0:1.15]",
                "set format x \"\"", "unset xlabel",
                "set ytics 0.5", "set ylabel \"g(x)\"",
                "set arrow 10 from \(peak), 0 to \(peak), 1.15 as 2",
                "plot $gcurve using 1:2 with lines linestyle 2 \(Palette.dash(0)), \\",
                "     \(block) using 1:3:(0):(-$3) with vectors arrowstyle 1, \\",
                "     \(block) using 1:3 with points pointtype 7 pointsize 1.3 linecolor rgb \"#1f77b4\", \\",
                "     \(bestBlock) using 1:3 with points pointtype 6 pointsize 2.6 linewidth 2 linecolor rgb \"black\"",
                "unset label 1",
                // The trials in the square, with their projections onto the x axis.
                margins(left, right, 0.1, 0.63),
                "set yrange [0:1]", "set ytics 0.2", "set xtics 0.2",
                "set format x \"%g\"",
                "set xlabel \"x (important hyperparameter)\"", "set ylabel \"y (unimportant hyperparameter)\"",
                "set arrow 10 from \(peak), 0 to \(peak), 1 as 2",
                "set label 2 \"best x\" at \(peak + 0.01), 0.97 left textcolor rgb \"#2ca02c\"",
                "plot \(block) using 1:2:(0):(-$2) with vectors arrowstyle 1, \\",
                "     \(block) using 1:(0) with points pointtype 9 pointsize 1.8 linecolor rgb \"#1f77b4\", \\",
                "     \(block) using 1:2 with points pointtype 7 pointsize 1.6 linecolor rgb \"#1f77b4\", \\",
                "     \(bestBlock) using 1:2 with points pointtype 6 pointsize 2.6 linewidth 2 linecolor rgb \"black\"",
                "unset label 2", "unset arrow 10",
                // h(y) beside it, on g's scale, so that its smallness shows; its ticks start at 0.5, clear of the 1 beside them.
                margins(right + 0.015, right + 0.115, 0.1, 0.63),
                "set xrange [0:1.15]", "set xtics 0.5, 0.5, 1", "set format y \"\"",
                "set xlabel \"h(y)\"", "unset ylabel",
                "plot $hcurve using 1:2 with lines linestyle 2 \(Palette.dash(0)), \\",
                "     \(block) using 4:2:(-$4):(0) with vectors arrowstyle 1, \\",
                "     \(block) using 4:2 with points pointtype 7 pointsize 1.1 linecolor rgb \"#1f77b4\"",
                "set format y \"%g\"")
        }
        figure.gnuplot("unset multiplot")
        return figure
    }
}

extension SearchCoverage {
    /// Seed 004 §6: grid search against random search on the toy score.
    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search-coverage",
            abstract:
                "Grid search vs random search with the same budget, when only one of two hyperparameters matters (seed 004 6; DLfS 6.5).",
            discussion:
                "The score is f(x, y) = g(x) + h(y), g a bump at x = 0.7 (width 0.1), h(y) = 0.05 sin(pi y). The grid puts "
                + "sqrt(trials) values on each axis at cell centres; random search draws numpy.random.seed(seed); numpy.random.rand(trials, 2)."
        )
        @Option(help: "Trials per search; a perfect square (the grid is sqrt(trials) x sqrt(trials)).") var trials =
            SearchCoverage.trials
        @Option(help: "numpy.random.seed for the random search.") var seed: UInt32 = SearchCoverage.seed
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            try FlagCheck.within(trials, 1...10_000, "--trials")
            guard SearchCoverage.perfectSquareRoot(trials) != nil else {
                throw ValidationError(
                    "--trials must be a perfect square (4, 9, 16, ...) so the grid is square, got \(trials)")
            }
        }

        func run() throws {
            let searches = [
                ("grid", SearchCoverage.grid(trials: trials)),
                ("random", SearchCoverage.random(trials: trials, seed: seed)),
            ]
            for (name, found) in searches {
                print("\(name) search: \(trials) trials, \(SearchCoverage.distinctX(found)) distinct values of x")
                print("  x\ty\tg(x)\tf(x, y)")
                for trial in found {
                    print(
                        "  "
                            + [trial.x, trial.y, SearchCoverage.g(trial.x), trial.score].map {
                                String(format: "%.6f", $0)
                            }.joined(separator: "\t"))
                }
                let top = SearchCoverage.best(found)
                print(
                    String(
                        format: "  best: x = %.6f, y = %.6f, g = %.6f, f = %.6f", top.x, top.y, SearchCoverage.g(top.x),
                        top.score))
            }
            let n = SearchCoverage.perfectSquareRoot(trials)!
            print(
                String(
                    format:
                        "expected distance from a uniform best x to the nearest value tried: grid 1/(4n) = %.6f, random %.6f",
                    SearchCoverage.expectedGapOfGrid(valuesPerAxis: n),
                    SearchCoverage.expectedGapOfRandom(trials: trials)))
            try figure.show(SearchCoverage.coverage(trials: trials, seed: seed))
        }
    }
}
