import BookChecks
import Figures
import FromScratch

/// Seed 003 §三 损失函数 says the loss tells 该性能有多好 ("how good the performance is"). A loss is
/// the opposite: it measures how *bad* the network is (DLfS 4.2's 性能的恶劣程度), larger for a worse
/// answer, which is why learning makes it smaller.
enum LossDirectionExample: WorkedExample {
    static let rows: [String: () -> Finding] = ["notes-003-loss-badness": finding]

    static func finding() -> Finding {
        let y = Matrix(row: LossExampleData.y), wrong = Matrix(row: LossExampleData.yWrong)
        let t = oneHot(LossExampleData.correctLabel, classes: 10)
        let mse = (meanSquaredError(y, t), meanSquaredError(wrong, t))
        let cee = (crossEntropyError(y, oneHot: t), crossEntropyError(wrong, oneHot: t))
        let worseIsLarger = mse.0 < mse.1 && cee.0 < cee.1
        return Finding(
            .claim(
                holds: !worseIsLarger,
                detail: "right answer (0.6 at the label) against wrong answer (0.6 at class 7): mean squared error "
                    + "\(shortest(mse.0)) < \(shortest(mse.1)), cross-entropy \(shortest(cee.0)) < \(shortest(cee.1)): "
                    + "the worse answer has the larger loss"),
            erratum: Erratum(
                reproducedBy: "reading it as how bad (DLfS 4.2: 恶劣程度)",
                reproduction: .claim(
                    holds: worseIsLarger, detail: "both losses grow as the answer gets worse, on the book's two outputs"
                ),
                why:
                    "A loss is small for a good network and large for a bad one; learning lowers it. 'How good' "
                    + "inverts the scale (and 差异不坏 garbles 'how far apart'): the book says the loss expresses how "
                    + "badly the network fits the training data."))
    }
}
