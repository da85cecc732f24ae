import BookChecks
import Figures
import Foundation
import FromScratch

/// The book's first printings (第3刷まで) of DLfS 4.2.1–4.2.2 printed other values for the wrong
/// answer, which the publisher's errata table (正誤表, pages 89 and 91) corrects to the values the
/// later printings show: `0.72250000000000003` → `0.59750000000000003` and `2.3025850919940458` →
/// `2.3025840929945458`. The first comes from another y; the second matches no computation found.
enum FirstPrintingsExample: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "mse-first-printings": meanSquared, "cee-first-printings": crossEntropy,
    ]

    /// The first printings' y: the wrong answer with 0.5 also at index 8 (its entries sum to 1.5).
    static let firstPrintingsY: [Double] = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.5, 0.0]

    static func meanSquared() -> Finding {
        let ours = MeanSquaredErrorExample.loss(y: LossExampleData.yWrong, label: LossExampleData.correctLabel)
        return Finding(
            .values([ours]),
            erratum: Erratum(
                reproducedBy: "the same code on y with 0.5 also at index 8",
                reproduction: .values([
                    MeanSquaredErrorExample.loss(y: firstPrintingsY, label: LossExampleData.correctLabel)
                ]),
                why:
                    "The publisher's errata table (page 89, printings 1-3) corrects the print to 0.59750000000000003, the "
                    + "code's value; the first printings computed it from a y with an extra 0.5 at index 8, whose entries "
                    + "sum to 1.5 and so are no softmax output."))
    }

    static func crossEntropy() -> Finding {
        let ours = CrossEntropyExample.loss(y: LossExampleData.yWrong, label: LossExampleData.correctLabel)
        let sameForFirstY = CrossEntropyExample.loss(y: firstPrintingsY, label: LossExampleData.correctLabel)
        let withoutDelta = -log(0.1)
        return Finding(
            .values([ours]),
            erratum: Erratum(
                reproducedBy:
                    "the publisher's correction (page 91, printings 1-3), 2.3025840929945458, against the code",
                reproduction: .claim(
                    holds: ours == 2.3025840929945458 && sameForFirstY == ours,
                    detail: "the code gives the corrected value for the later y and for the first printings' y alike; "
                        + "without δ, -log(0.1) = \(shortest(withoutDelta)); the print is neither"),
                why:
                    "Unlike the mean squared error, the cross-entropy looks only at the label's 0.1, which the first "
                    + "printings' y shares, so no change of y explains this print: it differs from the code's value in "
                    + "the 6th and 11th digits, plausibly a slip in copying the number, which the errata table corrects."
            ))
    }
}
