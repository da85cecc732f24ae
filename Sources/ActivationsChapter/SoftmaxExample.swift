import ArgumentParser
import BookChecks
import ChapterCommandLine
import Foundation
import FromScratch

/// softmax, the output layer of classification (DLfS 3.5), and the three-class example of seed 004 §2.1.
enum SoftmaxExample: RunnableExample {
    static let rows: [String: () -> Finding] = [
        "softmax-values": softmaxValues, "softmax-sum": softmaxSum, "softmax-naive-overflow": naiveOverflow,
        "softmax-stable": stableSoftmax, "softmax-three-class": threeClass,
    ]
    static let commands: [any ParsableCommand.Type] = [Softmax.self]

    static let bookScores = Matrix(row: [0.3, 2.9, 4.0])

    /// DLfS 3.5.1: softmax turns scores into probabilities...
    static func softmaxValues() -> Finding { .values(softmax(bookScores).storage) }

    /// ...that sum to 1 (the book prints `np.sum(y)` as 1.0).
    static func softmaxSum() -> Finding {
        let total = softmax(bookScores).sum()
        return Finding(.claim(holds: total == 1.0, detail: "np.sum(y) = \(total)"))
    }

    static let overflowScores = Matrix(row: [1010, 1000, 990])

    /// DLfS 3.5.2: exp(1010) overflows to inf, and inf/inf is nan...
    static func naiveOverflow() -> Finding { .values(softmax(overflowScores, subtractingMax: false).storage) }

    /// ...while subtracting the maximum first gives the right answer (seed 003 softmax改进).
    static func stableSoftmax() -> Finding { .values(softmax(overflowScores).storage) }

    /// seed 004 §2.1 applies softmax to the scores [0.5, 1.2, -0.3] and prints [0.244, 0.665, 0.091].
    static let threeClassScores = Matrix(row: [0.5, 1.2, -0.3])

    /// The gap ratio ln(p2/p1)/ln(p1/p3) over every value the print's three-decimal rounding
    /// allows, against the printed scores' (1.2 − 0.5) / (0.5 + 0.3): softmax at any temperature
    /// (or in any base) keeps that ratio, so if it lies outside the print's range no scaling of the
    /// printed scores gives the print.
    static func gapRatios() -> (low: Double, high: Double, scores: Double) {
        let printed = [0.244, 0.665, 0.091], half = 0.0005
        var ratios: [Double] = []
        for a in [-half, half] {
            for b in [-half, half] {
                for c in [-half, half] {
                    let (p1, p2, p3) = (printed[0] + a, printed[1] + b, printed[2] + c)
                    ratios.append(log(p2 / p1) / log(p1 / p3))
                }
            }
        }
        let scores = threeClassScores.storage
        return (ratios.min()!, ratios.max()!, (scores[1] - scores[0]) / (scores[0] - scores[2]))
    }

    /// What the print is: softmax of scores spaced 1 apart (the notes' 0.5 kept: [0.5, 1.5, −0.5]),
    /// the first two probabilities cut after three decimals and the third written as what is left
    /// of 1. Rounding would give [0.245, 0.665, 0.090]; cutting all three [0.244, 0.665, 0.090],
    /// which sums to 0.999.
    static func spacedByOneCut() -> [Double] {
        let p = softmax(Matrix(row: [0.5, 1.5, -0.5])).storage
        let cut = p.prefix(2).map { ($0 * 1000).rounded(.towardZero) / 1000 }
        return cut + [1 - cut[0] - cut[1]]
    }

    /// Score vectors [0, a, b] (softmax ignores a common shift) with a and b on a 0.001 grid near
    /// spacing 1, a ∈ [0.9, 1.1], b ∈ [−1.1, −0.9], whose softmax rounds to the print: the other
    /// explanations that plain rounding allows.
    static func roundingMatches() -> (candidates: Int, matches: Int, example: [Double]?) {
        let printed = [0.244, 0.665, 0.091]
        var matches = 0, candidates = 0
        var example: [Double]?
        for i in 0...200 {
            for j in 0...200 {
                let scores = [0, 0.9 + Double(i) / 1000, -1.1 + Double(j) / 1000]
                candidates += 1
                let p = softmax(Matrix(row: scores)).storage
                guard zip(p, printed).allSatisfy({ abs(($0 * 1000).rounded() / 1000 - $1) < 1e-9 }) else { continue }
                matches += 1
                if example == nil { example = scores }
            }
        }
        return (candidates, matches, example)
    }

    static func threeClass() -> Finding {
        let ours = softmax(threeClassScores).storage
        let spacedByOne = softmax(Matrix(row: [0.5, 1.5, -0.5])).storage
        let ratios = gapRatios()
        let rounding = roundingMatches()
        return Finding(
            .values(ours),
            erratum: Erratum(
                reproducedBy: "softmax of scores spaced 1 apart ([0.5, 1.5, -0.5]), the first two cut after three "
                    + "decimals, the third 1 minus them",
                reproduction: .values(spacedByOneCut()),
                why: "e^0.5, e^1.2, e^-0.3 = 1.649, 3.320, 0.741 sum to 5.710 and give "
                    + String(format: "[%.3f, %.3f, %.3f]", ours[0], ours[1], ours[2])
                    + ", which is what the notes' method computes. The print's gap ratio ln(p2/p1)/ln(p1/p3) lies in "
                    + String(
                        format: "[%.3f, %.3f] (about 1: both gaps 1); the printed scores' is %.3f", ratios.low,
                        ratios.high, ratios.scores)
                    + ", so no temperature or base of the exponential maps them onto the print. Scores spaced 1 apart give "
                    + String(format: "[%.5f, %.5f, %.5f]", spacedByOne[0], spacedByOne[1], spacedByOne[2])
                    + ": cut to 0.244 and 0.665, with 0.091 making the sum 1. A search of every score vector on a 0.1 grid "
                    + "in [-3, 3]^3 (bases e, 2, 10; rounded, cut or rounded up, with or without a remainder) finds only "
                    + "vectors spaced 1 apart, and only this way. But a finer grid finds many: "
                    + "\(rounding.matches) of the \(rounding.candidates) score vectors [0, a, b] with a, b on a 0.001 grid in "
                    + "[0.9, 1.1] x [-1.1, -0.9] give the print by plain rounding (the first: "
                    + (rounding.example.map {
                        "[" + $0.map { String(format: "%.3f", $0) }.joined(separator: ", ") + "]"
                    } ?? "none")
                    + "), so the reproduction is one of many and the explanation only plausible. Their conclusion "
                    + "(the second class is the most likely) holds for all of them."))
    }
}

extension SoftmaxExample {
    /// `activations softmax`: the example with scores of the reader's choice.
    struct Softmax: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "softmax of scores, with and without subtracting the maximum (DLfS 3.5).")
        @Option(help: "The scores, comma-separated.") var scores = NumberList([0.3, 2.9, 4.0])

        func run() {
            let a = Matrix(row: scores.values)
            print("softmax:          \(softmax(a).storage)  (sum \(softmax(a).sum()))")
            ResultOutput.showingOverflow { print("without max shift: \(softmax(a, subtractingMax: false).storage)") }
        }
    }
}
