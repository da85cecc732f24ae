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

    static func threeClass() -> Finding {
        let ours = softmax(threeClassScores).storage
        let spacedByOne = softmax(Matrix(row: [0.5, 1.5, -0.5])).storage
        return Finding(
            .values(ours),
            erratum: Erratum(
                reproducedBy: "searched: softmax of every one-decimal score vector, temperatures, bases 2 and 10",
                reproduction: nil,
                why: "e^0.5, e^1.2, e^-0.3 = 1.649, 3.320, 0.741 sum to 5.710 and give "
                    + String(format: "[%.3f, %.3f, %.3f]", ours[0], ours[1], ours[2])
                    + ", which is what the notes' method computes. The printed ratios 0.665/0.244 and 0.244/0.091 "
                    + "are both about e, as for scores spaced 1 apart: softmax([0.5, 1.5, -0.5]) = "
                    + String(format: "[%.4f, %.4f, %.4f]", spacedByOne[0], spacedByOne[1], spacedByOne[2])
                    + ", close to but not the print. The printed numbers were not computed from the printed scores; "
                    + "their conclusion (the second class is the most likely) holds for both."))
    }
}
