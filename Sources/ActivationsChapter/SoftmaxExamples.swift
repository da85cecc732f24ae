import BookChecks
import Foundation
import FromScratch

/// sigmoid and softmax values of DLfS 3.2.4 and 3.5, and the three-class example of seed 004 §2.1.
enum OutputLayerExamples {
    /// DLfS 3.2.4: sigmoid of a NumPy array, element by element.
    static func sigmoidValues() -> Finding { .values(Activation.sigmoid(Matrix(row: [-1, 1, 2])).storage) }

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
        for a in [-half, half] { for b in [-half, half] { for c in [-half, half] {
            let (p1, p2, p3) = (printed[0] + a, printed[1] + b, printed[2] + c)
            ratios.append(log(p2 / p1) / log(p1 / p3))
        } } }
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

    static func threeClass() -> Finding {
        let ours = softmax(threeClassScores).storage
        let spacedByOne = softmax(Matrix(row: [0.5, 1.5, -0.5])).storage
        let ratios = gapRatios()
        return Finding(
            .values(ours),
            erratum: Erratum(
                reproducedBy: "softmax of scores spaced 1 apart ([0.5, 1.5, -0.5]), the first two cut after three "
                    + "decimals, the third 1 minus them",
                reproduction: .values(spacedByOneCut()),
                why: "e^0.5, e^1.2, e^-0.3 = 1.649, 3.320, 0.741 sum to 5.710 and give "
                    + String(format: "[%.3f, %.3f, %.3f]", ours[0], ours[1], ours[2])
                    + ", which is what the notes' method computes. The print's gap ratio ln(p2/p1)/ln(p1/p3) lies in "
                    + String(format: "[%.3f, %.3f] (about 1: both gaps 1); the printed scores' is %.3f", ratios.low, ratios.high, ratios.scores)
                    + ", so no temperature or base of the exponential maps them onto the print. Scores spaced 1 apart give "
                    + String(format: "[%.5f, %.5f, %.5f]", spacedByOne[0], spacedByOne[1], spacedByOne[2])
                    + ": cut to 0.244 and 0.665, with 0.091 making the sum 1. A search of every score vector on a 0.1 grid "
                    + "in [-3, 3]^3 (bases e, 2, 10; rounded, cut or rounded up, with or without a remainder) finds only "
                    + "vectors spaced 1 apart, and only this way. Their conclusion (the second class is the most likely) "
                    + "holds for both."))
    }
}

/// Seed 004 §1.3 lists among the sigmoid's traits 不是中心对称的 ("not centrally symmetric"). It is:
/// σ(x) + σ(−x) = 1, so its graph is symmetric about the point (0, 0.5). What the notes mean is
/// that it is not centred on 0 (its outputs are all positive), unlike tanh, which is odd.
enum SigmoidSymmetryExample {
    static let grid = stride(from: -10.0, through: 10.0, by: 0.01).map { $0 }

    static func finding() -> Finding {
        let x = Matrix(row: grid)
        let s = Activation.sigmoid(x).storage, mirrored = Activation.sigmoid(-1 * x).storage
        // Point symmetry about (0, 0.5): σ(−x) − 0.5 = −(σ(x) − 0.5), up to rounding.
        let largest = zip(s, mirrored).map { abs($0 + $1 - 1) }.max()!
        let tanhOdd = grid.map { abs(tanh($0) + tanh(-$0)) }.max()!
        let mean = s.reduce(0, +) / Double(s.count)
        return Finding(
            .claim(holds: largest > 1e-12, detail: String(
                format: "σ(x) + σ(-x) = 1 to %.1e at %d points in [-10, 10]: the graph is symmetric about (0, 0.5)",
                largest, grid.count)),
            erratum: Erratum(
                reproducedBy: "reading it as 'not centred on 0' (不以0为中心)",
                reproduction: .claim(holds: s.allSatisfy { $0 > 0 } && abs(mean - 0.5) < 1e-12 && tanhOdd == 0, detail: String(
                    format: "every output is positive, their mean over the symmetric grid %.12f, where tanh(x) + tanh(-x) = 0 "
                        + "exactly", mean)),
                why: "A function is centrally symmetric (中心对称) when its graph is symmetric about a point; the sigmoid's "
                    + "is, about (0, 0.5), because 1/(1 + e^-x) + 1/(1 + e^x) = 1. The property the notes contrast with tanh "
                    + "(是中心对称的, and symmetric about the origin) is being centred on 0: sigmoid outputs are all positive, "
                    + "so the next layer's inputs are too."))
    }
}

/// Seed 003 §一 comments `np.argmax(axis=1)` 这个是找出矩阵中每一列最大的一个值 ("finds the largest
/// value of each column"). `argmax` returns positions, not values, and `axis=1` gives one per row:
/// the book's `np.argmax(y, axis=1)` is one predicted class per image.
enum ArgmaxAxisExample {
    static let x = Matrix([[1, 5, 2], [7, 0, 3]])

    static func finding() -> Finding {
        let perRow = x.argmaxPerRow()
        let columnMaxima = (0..<x.cols).map { c in (0..<x.rows).map { x[$0, c] }.max()! }
        let rowPositions = (0..<x.rows).map { r in x.row(r).firstIndex(of: x.row(r).max()!)! }
        return Finding(
            .claim(holds: perRow.map(Double.init) == columnMaxima, detail:
                "np.argmax([[1, 5, 2], [7, 0, 3]], axis=1) = \(perRow), the largest value of each column is "
                + "\(columnMaxima.map { Int($0) })"),
            erratum: Erratum(
                reproducedBy: "the position of the largest value in each row",
                reproduction: .claim(holds: perRow == rowPositions, detail: "row 0's largest, 5, sits at 1; row 1's, 7, at 0: \(rowPositions)"),
                why: "argmax returns where the largest value is, not the value (that is max); axis=1 runs along each row, "
                    + "giving one result per row. The book relies on both: np.argmax(y, axis=1) is the predicted digit of "
                    + "each image of a batch (DLfS 3.6.3)."))
    }
}
