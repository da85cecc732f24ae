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

    /// Softmax at temperature T turns scores f into probabilities whose log-ratios are the score
    /// gaps divided by T, so any T keeps the ratio of two gaps. The print's log-ratios, over every
    /// value its three-decimal rounding allows, against the printed scores' (1.2 − 0.5) / (0.5 + 0.3):
    /// if that ratio lies outside the print's range, no temperature (and no base of the exponential,
    /// which is the same thing) maps the printed scores onto the print.
    static func noTemperatureFits() -> Ours {
        let printed = [0.244, 0.665, 0.091], half = 0.0005
        // Smallest and largest (p2/p1 gap) / (p1/p3 gap) over the rounding box, at its corners.
        var ratios: [Double] = []
        for a in [-half, half] { for b in [-half, half] { for c in [-half, half] {
            let (p1, p2, p3) = (printed[0] + a, printed[1] + b, printed[2] + c)
            ratios.append(log(p2 / p1) / log(p1 / p3))
        } } }
        let scores = threeClassScores.storage
        let scoreRatio = (scores[1] - scores[0]) / (scores[0] - scores[2])
        let low = ratios.min()!, high = ratios.max()!
        return .claim(holds: !(low...high).contains(scoreRatio), detail: String(
            format: "the print's gap ratio ln(p2/p1)/ln(p1/p3) lies in [%.3f, %.3f]; the printed scores' is %.3f",
            low, high, scoreRatio))
    }

    static func threeClass() -> Finding {
        let ours = softmax(threeClassScores).storage
        let spacedByOne = softmax(Matrix(row: [0.5, 1.5, -0.5])).storage
        return Finding(
            .values(ours),
            erratum: Erratum(
                reproducedBy: "no score vector found (every one-decimal vector, temperatures, bases 2 and 10); the evidence "
                    + "that no scaling of the printed scores gives the print",
                reproduction: noTemperatureFits(),
                why: "e^0.5, e^1.2, e^-0.3 = 1.649, 3.320, 0.741 sum to 5.710 and give "
                    + String(format: "[%.3f, %.3f, %.3f]", ours[0], ours[1], ours[2])
                    + ", which is what the notes' method computes. The printed ratios 0.665/0.244 and 0.244/0.091 "
                    + "are both about e, as for scores spaced 1 apart: softmax([0.5, 1.5, -0.5]) = "
                    + String(format: "[%.4f, %.4f, %.4f]", spacedByOne[0], spacedByOne[1], spacedByOne[2])
                    + ", close to but not the print. The printed numbers were not computed from the printed scores; "
                    + "their conclusion (the second class is the most likely) holds for both."))
    }
}
