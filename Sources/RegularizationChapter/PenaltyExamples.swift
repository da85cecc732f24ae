import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// Seed 004 §5.3: "常用的正则化方法包括L1正则化、L2正则化和弹性网络等" — L1, L2 and the elastic net.
///
/// The notes name the three penalties and stop there, so the worked examples are done by hand:
/// the value and gradient of each penalty on one small weight matrix, and what each does to a
/// single weight. The second question has a closed answer. Minimising ½(w − a)² + penalty(w)
/// (a quadratic loss whose unpenalised minimum is a, as for one weight of a linear model with
/// whitened inputs) gives
///
/// - L2, ½λw²: w* = a/(1 + λ) — every weight shrinks by the same factor and none becomes 0;
/// - L1, λ|w|: w* = sign(a)·max(|a| − λ, 0), soft thresholding — every weight moves λ towards
///   0, and those within λ of it land on exactly 0 (sparse weights);
/// - elastic net, λ(r|w| + (1 − r)½w²): soft thresholding by λr, then division by 1 + λ(1 − r).
///
/// These closed forms are checked against a golden-section minimisation of the penalty as the
/// core computes it, which knows nothing of them.
public enum PenaltyExamples: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [Penalties.self]

    /// The hand example: W = [[1, −2], [0, 3]], λ = 0.1 (the size of the book's weight-decay
    /// λ in its overfitting experiment), elastic net with r = 0.5.
    public static let weights = Matrix([[1, -2], [0, 3]])
    public static let lambda = 0.1
    public static let l1Ratio = 0.5

    /// The shrinkage example uses λ = 1 so that the effects are large enough to see by eye.
    public static let shrinkageLambda = 1.0
    /// Unpenalised weights a for the shrinkage rows: two outside L1's dead zone |a| ≤ 1, two inside.
    public static let unpenalised: [Double] = [-2.5, -0.8, 0.3, 1.5]

    /// The three penalties of the notes with one strength λ, in the order the chapter shows them.
    public static func penalties(lambda: Double, l1Ratio: Double) -> [Penalty] {
        [.l2(lambda), .l1(lambda), .elasticNet(lambda, l1Ratio: l1Ratio)]
    }

    // MARK: - One weight under a penalty

    /// sign(a)·max(|a| − t, 0): moves a towards 0 by t and stops at 0.
    public static func softThreshold(_ a: Double, _ t: Double) -> Double {
        a > t ? a - t : a < -t ? a + t : 0
    }

    /// The minimiser of ½(w − a)² + penalty(w), by the closed forms worked out by hand.
    public static func minimiser(_ penalty: Penalty, at a: Double) -> Double {
        switch penalty {
        case .none: return a
        case let .l2(lambda): return a / (1 + lambda)
        case let .l1(lambda): return softThreshold(a, lambda)
        case let .elasticNet(lambda, ratio): return softThreshold(a, lambda * ratio) / (1 + lambda * (1 - ratio))
        }
    }

    /// ½(w − a)² plus the penalty of the 1×1 matrix [w], as the core computes it.
    static func objective(_ penalty: Penalty, at a: Double) -> (Double) -> Double {
        { w in 0.5 * (w - a) * (w - a) + penalty.value(Matrix(row: [w])) }
    }

    /// The same minimiser found numerically: golden-section search on the objective's values alone.
    ///
    /// The objective is convex, so the search cannot be trapped; every penalty here pulls towards 0,
    /// so the minimum lies between 0 and a and the bracket [min(a, 0) − 1, max(a, 0) + 1] holds it.
    /// Near a smooth minimum the objective is flat to rounding over about √ε·scale, so the result is
    /// good to some 1e-8 (at L1's kink, much better).
    public static func numericalMinimiser(_ penalty: Penalty, at a: Double) -> Double {
        goldenSectionMinimum(objective(penalty, at: a), from: min(a, 0) - 1, to: max(a, 0) + 1)
    }

    static func goldenSectionMinimum(
        _ f: (Double) -> Double, from low: Double, to high: Double,
        tolerance: Double = 1e-12
    ) -> Double {
        let shrink = (5.0.squareRoot() - 1) / 2
        var (lo, hi) = (low, high)
        var (c, d) = (hi - shrink * (hi - lo), lo + shrink * (hi - lo))
        var (fc, fd) = (f(c), f(d))
        // Each step keeps 0.618 of the bracket: some 65 steps from a width of 8 to 1e-12; the cap only
        // guards against a tolerance below the doubles' spacing.
        for _ in 0..<300 {
            guard hi - lo > tolerance else { break }
            if fc <= fd {
                (hi, d, fd) = (d, c, fc)
                c = hi - shrink * (hi - lo)
                fc = f(c)
            } else {
                (lo, c, fc) = (c, d, fd)
                d = lo + shrink * (hi - lo)
                fd = f(d)
            }
        }
        return (lo + hi) / 2
    }

    /// a = −3, −2.99, …, 3: the values of the unpenalised weight the figure and the claims scan.
    public static func scan(halfWidth: Double = 3, points: Int = 601) -> [Double] {
        (0..<points).map { -halfWidth + 2 * halfWidth * Double($0) / Double(points - 1) }
    }

    // MARK: - Rows

    static func valueRow(_ penalty: Penalty) -> () -> Finding { { .value(penalty.value(weights)) } }
    static func gradientRow(_ penalty: Penalty) -> () -> Finding { { .values(penalty.gradient(weights).storage) } }

    /// The elastic net's two ends are the other two penalties, to the bit, on the hand example.
    static func elasticLimits() -> Finding {
        let pairs: [(Penalty, Penalty)] = [
            (.elasticNet(lambda, l1Ratio: 1), .l1(lambda)), (.elasticNet(lambda, l1Ratio: 0), .l2(lambda)),
        ]
        let same = pairs.allSatisfy { elastic, plain in
            elastic.value(weights) == plain.value(weights) && elastic.gradient(weights) == plain.gradient(weights)
        }
        let at1 = Penalty.elasticNet(lambda, l1Ratio: 1).value(weights),
            at0 = Penalty.elasticNet(lambda, l1Ratio: 0).value(weights)
        return Finding(
            .claim(
                holds: same,
                detail: "on W, r = 1 gives \(shortest(at1)) and L1's gradient, r = 0 gives \(shortest(at0)) "
                    + "and L2's gradient: values and gradients equal to the bit"))
    }

    /// Seed 002's λ/(2n)·Σ_{j≥1} θ_j² is the L2 penalty with λ/n in place of λ, on θ without θ0.
    /// By hand for θ = (0.5, 1, −2), λ = 1, n = 4: (1/8)·(1 + 4) = 0.625.
    static func notesLogisticPenalty() -> Finding {
        let theta = [0.5, 1, -2.0], notesLambda = 1.0, examples = 4.0
        return .value(Penalty.l2(notesLambda / examples).value(Matrix(row: Array(theta.dropFirst()))))
    }

    /// The minimisers of ½(w − a)² + penalty(w) for the four a, found numerically.
    static func minimiserRow(_ penalty: Penalty) -> () -> Finding {
        { .values(unpenalised.map { numericalMinimiser(penalty, at: $0) }) }
    }

    static var shrinkagePenalties: [Penalty] { [.none] + penalties(lambda: shrinkageLambda, l1Ratio: l1Ratio) }

    /// The largest gap between closed form and numerical minimiser over the scan, per penalty.
    static func closedFormGaps() -> [Double] {
        shrinkagePenalties.map { penalty in
            scan().map { abs(minimiser(penalty, at: $0) - numericalMinimiser(penalty, at: $0)) }.max()!
        }
    }

    static func closedForms() -> Finding {
        let gaps = closedFormGaps()
        let names = ["none", "L2", "L1", "elastic"]
        let listed = zip(names, gaps).map { "\($0) \(String(format: "%.1e", $1))" }.joined(separator: ", ")
        return Finding(
            .claim(
                holds: gaps.allSatisfy { $0 < 1e-7 },
                detail:
                    "lambda 1, r 0.5, \(scan().count) values of a in [-3, 3]: largest |closed form - golden section| \(listed)"
            ))
    }

    /// How many of the scanned a end at exactly 0 by the closed form, and how many below 1e-6 by
    /// golden section (whose resolution at a smooth minimum is some 1e-8, so 1e-6 separates its
    /// zeros from the smallest nonzero w*, 0.005); with the largest |w*| among those.
    static func zeroCounts(_ penalty: Penalty) -> (exact: Int, numerical: Int, largest: Double) {
        let a = scan()
        let numerical = a.map { abs(numericalMinimiser(penalty, at: $0)) }.filter { $0 < 1e-6 }
        return (a.filter { minimiser(penalty, at: $0) == 0 }.count, numerical.count, numerical.max() ?? 0)
    }

    static func sparsity() -> Finding {
        let counts = shrinkagePenalties.map(zeroCounts)
        let agree = counts.allSatisfy { $0.exact == $0.numerical }
        // By hand: only a = 0 for no penalty and L2; |a| ≤ 1 (201 points) for L1, |a| ≤ 0.5 (101) for r = 0.5.
        let holds = agree && counts.map(\.exact) == [1, 1, 201, 101]
        let smallest = scan().filter { $0 != 0 }.map { abs(minimiser(.l2(shrinkageLambda), at: $0)) }.min()!
        return Finding(
            .claim(
                holds: holds,
                detail: "lambda 1, a = -3, -2.99, ..., 3 (\(scan().count) values): w* = 0 for "
                    + "\(counts[1].exact) a under L2 (a = 0 only; elsewhere |w*| = |a|/2 >= \(significant(smallest))), "
                    + "\(counts[2].exact) under L1 (|a| <= 1), \(counts[3].exact) under the elastic net r = 0.5 (|a| <= 0.5); golden section "
                    + "finds |w*| < 1e-6 at the same a (under L1 at most \(String(format: "%.0e", counts[2].largest)))")
        )
    }

    public static let rows: [String: () -> Finding] = [
        "penalty-l2-value": valueRow(.l2(lambda)),
        "penalty-l2-gradient": gradientRow(.l2(lambda)),
        "penalty-l1-value": valueRow(.l1(lambda)),
        "penalty-l1-gradient": gradientRow(.l1(lambda)),
        "penalty-elastic-value": valueRow(.elasticNet(lambda, l1Ratio: l1Ratio)),
        "penalty-elastic-gradient": gradientRow(.elasticNet(lambda, l1Ratio: l1Ratio)),
        "penalty-elastic-limits": elasticLimits,
        "penalty-notes-logistic": notesLogisticPenalty,
        "penalty-minimiser-l2": minimiserRow(.l2(shrinkageLambda)),
        "penalty-minimiser-l1": minimiserRow(.l1(shrinkageLambda)),
        "penalty-minimiser-elastic": minimiserRow(.elasticNet(shrinkageLambda, l1Ratio: l1Ratio)),
        "penalty-closed-forms": closedForms,
        "penalty-sparsity": sparsity,
    ]

    // MARK: - Figure

    /// A round tick step (1, 2 or 5 times a power of ten) giving some five to ten ticks over `span`.
    static func tickStep(_ span: Double) -> Double {
        let power = pow(10, (log10(span / 6)).rounded(.down))
        return [1, 2, 5, 10].map { $0 * power }.first { span / $0 <= 10 }!
    }

    public static func figures() -> [Figure] { [shrinkage()] }

    /// w* against a for no penalty, L2, L1 and the elastic net, beside the penalties' shapes.
    ///
    /// a runs over ±3λ (±3 for λ = 0), so that L1's dead zone |a| ≤ λ takes the same share of
    /// the panel whatever λ the reader picks; the circles are golden-section minima, to show the
    /// curves are not just the formulas drawn.
    public static func shrinkage(lambda: Double = shrinkageLambda, l1Ratio: Double = l1Ratio) -> Figure {
        var figure = Figure(
            name: "penalty-shrinkage",
            caption: "Minimiser of (w-a)^2/2 + penalty(w): L2 shrinks, L1 thresholds, elastic net both (seed 004 5.3)",
            width: 900, height: 900)
        let half = lambda > 0 ? 3 * lambda : 3
        let a = scan(halfWidth: half)
        let kinds = [Penalty.none] + penalties(lambda: lambda, l1Ratio: l1Ratio)
        figure.data("shrink", rows: a.map { x in [x] + kinds.map { minimiser($0, at: x) } })
        let markers = scan(halfWidth: half, points: 13)
        figure.data("numeric", rows: markers.map { x in [x] + kinds.dropFirst().map { numericalMinimiser($0, at: x) } })
        figure.data("shape", rows: a.map { w in [w] + kinds.dropFirst().map { $0.value(Matrix(row: [w])) } })
        let threshold = lambda * l1Ratio, l = shortest(lambda), r = shortest(l1Ratio)
        let ticks = tickStep(2 * half)
        figure.gnuplot(
            "set multiplot layout 2,1 title \"One weight under each penalty, λ = \(l), elastic-net L1 ratio r = \(r)\" font \",15\"",
            "set xrange [\(-half):\(half)]",
            "set xtics \(ticks)",
            // The key top left, clear of the shaded band; the band's note bottom right, where no curve runs.
            "set key at graph 0.01, graph 0.99 left top reverse Left font \",13\"",
            "set title \"\(panelLetter(0)) Minimiser w* of (w - a)^2/2 + penalty(w)\"",
            "set xlabel \"a (the weight without penalty)\"", "set ylabel \"w* (the penalised weight)\"",
            "set yrange [\(-half):\(half)]",
            "set object 1 rectangle from \(-lambda), graph 0 to \(lambda), graph 1 fillcolor rgb \"#ff7f0e\" fillstyle transparent solid 0.12 noborder behind",
            "set label 1 \"shaded: |a| ≤ λ,\\nwhere L1 gives w* = 0\" at graph 0.97, graph 0.12 right font \",13\" textcolor rgb \"#b35900\"",
            "plot $shrink using 1:2 with lines linestyle 9 dashtype 2 title \"none: w* = a\", \\",
            "     $shrink using 1:3 with lines linestyle 1 title \"L2: a/(1 + λ)\", \\",
            "     $shrink using 1:4 with lines linestyle 4 \(Palette.dash(1)) title \"L1: soft threshold\", \\",
            "     $shrink using 1:5 with lines linestyle 3 \(Palette.dash(2)) title \"elastic: both\", \\",
            "     $numeric using 1:2 with points pointtype 6 pointsize 1.1 linecolor rgb \"#1f77b4\" notitle, \\",
            "     $numeric using 1:3 with points pointtype 6 pointsize 1.1 linecolor rgb \"#ff7f0e\" notitle, \\",
            "     $numeric using 1:4 with points pointtype 6 pointsize 1.1 linecolor rgb \"#2ca02c\" notitle, \\",
            "     NaN with points pointtype 6 pointsize 1.1 linecolor rgb \"#555555\" title \"golden-section search (circles)\"",
            "unset object 1", "unset label 1",
            "set title \"\(panelLetter(1)) The penalties (λ = \(l), r = \(r))\"",
            "set xlabel \"w\"", "set ylabel \"penalty(w)\"",
            "set yrange [0:*]", "set offsets 0, 0, graph 0.08, 0",
            "set key at graph 0.5, graph 0.97 center top noreverse Right font \",13\"",
            "set label 2 \"elastic: slope λr = \(shortest(threshold)) at 0,\\ncurvature λ(1 − r) = \(shortest(lambda * (1 - l1Ratio)))\" "
                + "at graph 0.5, graph 0.56 center font \",13\" textcolor rgb \"#2ca02c\"",
            "plot $shape using 1:2 with lines linestyle 1 title \"L2: λw²/2\", \\",
            "     $shape using 1:3 with lines linestyle 4 \(Palette.dash(1)) title \"L1: λ|w|\", \\",
            "     $shape using 1:4 with lines linestyle 3 \(Palette.dash(2)) title \"elastic: λ(r|w| + (1 − r)w²/2)\"",
            "unset label 2",
            "unset multiplot")
        return figure
    }
}

extension PenaltyExamples {
    /// Seed 004 §5.3: the three penalties on a weight matrix of the reader's choice.
    struct Penalties: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "penalties",
            abstract:
                "L2 (weight decay), L1 and elastic-net penalties: value, gradient, and what each does to a weight (seed 004 5.3).",
            discussion:
                "For each penalty: its value on the weights, its gradient, and w* = argmin (w - a)^2/2 + penalty(w) for each "
                + "weight a (one proximal step: L2 shrinks, L1 soft-thresholds). The chapter's figure is drawn with --lambda 1."
        )
        @Option(help: "The penalty strength lambda (>= 0).") var lambda = PenaltyExamples.lambda
        @Option(help: "The elastic net's l1 ratio r, in [0, 1] (r = 1 is L1, r = 0 is L2).") var l1Ratio =
            PenaltyExamples.l1Ratio
        @Option(help: "The weights, comma-separated (read as one row; the penalties act element by element).")
        var weights = NumberList(PenaltyExamples.weights.storage)
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            // The figure squares weights up to 3λ: beyond 1e6 nothing is learnt and doubles start to overflow.
            guard lambda >= 0, lambda <= 1e6 else {
                throw ValidationError("--lambda must be a finite number between 0 and 1e6, got \(lambda)")
            }
            guard l1Ratio >= 0, l1Ratio <= 1 else {
                throw ValidationError("--l1-ratio must lie in [0, 1], got \(l1Ratio)")
            }
        }

        func run() throws {
            let w = Matrix(row: weights.values)
            print("weights \(w.storage), lambda \(shortest(lambda))")
            for penalty in PenaltyExamples.penalties(lambda: lambda, l1Ratio: l1Ratio) {
                print("\(penalty):")
                print("  value    \(penalty.value(w))")
                print("  gradient \(penalty.gradient(w).storage)")
                print("  w*       \(w.storage.map { PenaltyExamples.minimiser(penalty, at: $0) })")
            }
            try figure.show(PenaltyExamples.shrinkage(lambda: lambda, l1Ratio: l1Ratio))
        }
    }
}
