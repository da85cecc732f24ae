import BookChecks
import Figures
import Foundation
import FromScratch

/// What seeds 003 §三 and 000 §4.2.2 say around the gradient, checked: a batch's shape (written
/// 100784), what learning looks for (written 最小的权重参数, "the smallest weights"), and a comment
/// that names the wrong evaluation.
enum NotesGradientClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-003-batch-shape": batchShape, "notes-003-learning-aim": learningAim,
        "notes-000-comment-fxh2": secondEvaluationComment,
    ]

    /// Seed 000's numerical_gradient comments both evaluations `#f(x+h)的计算`; the second computes
    /// f(x − h) (lines 175 and 243 of the note, in two listings). At (3, 4), coordinate 0:
    static func secondEvaluationComment() -> Finding {
        let h = defaultDifferenceStep
        var x = Matrix(row: [3.0, 4.0])
        let tmp = x[flat: 0]
        x[flat: 0] = tmp + h
        let fxh1 = BookFunctions.function2(x)
        x[flat: 0] = tmp - h
        let fxh2 = BookFunctions.function2(x)  // the line the second comment sits on
        let minus = BookFunctions.function2(Matrix(row: [3.0 - h, 4.0]))
        return Finding(
            .claim(
                holds: fxh2 == fxh1,
                detail: "at (3, 4), coordinate 0, the commented line gives fxh2 = \(shortest(fxh2)); f(x+h) is "
                    + "\(shortest(fxh1))"),
            erratum: Erratum(
                reproducedBy: "f(x-h), what x[idx]=tmp_val-h sets up",
                reproduction: .claim(
                    holds: fxh2 == minus, detail: "f(2.9999, 4) = \(shortest(minus)), fxh2 to the bit"),
                why:
                    "The second comment repeats the first: the line below it sets x[idx] = tmp_val - h, so fxh2 is "
                    + "f(x-h) (the book's code comments it # f(x-h)), and the central difference is (fxh1 - fxh2)/2h."))
    }

    /// "100张图片就是100784": a batch of 100 images of 28·28 = 784 pixels is a 100 × 784 array.
    static func batchShape() -> Finding {
        let batch = Matrix(rows: 100, cols: 28 * 28)
        let printed = 100_784
        return Finding(
            .claim(
                holds: batch.storage.count == printed || batch.cols * 1000 + batch.rows == printed,
                detail: "100 images of 28*28 = \(batch.cols) pixels are a \(batch.rows) x \(batch.cols) array of "
                    + "\(batch.storage.count) numbers; 100784 is neither"),
            erratum: Erratum(
                reproducedBy: "100×784 with its × lost",
                reproduction: .claim(
                    holds: "\(batch.rows)" + "\(batch.cols)" == "\(printed)",
                    detail: "\"\(batch.rows)\" followed by \"\(batch.cols)\" reads 100784"),
                why:
                    "The shape (100, 784) written 100×784 (or 100*784, as the note writes 28*28 a section earlier) lost "
                    + "its sign: plausibly in copying the page, which dropped other symbols too."))
    }

    /// "学习的目的就是通过损失函数,找到最小的权重参数": the weights that make the loss smallest, not the
    /// smallest weights. On simpleNet's input and label, gradient descent from W = 0 lowers the loss
    /// while the weights grow.
    static func learningAim() -> Finding {
        var w = Matrix.zeros(2, 3)
        let start = SimpleNet.loss(w)
        var checkpoints: [(step: Int, loss: Double, norm: Double)] = []
        for step in 1...100 {
            // The gradient of softmax + cross-entropy for one input: xᵀ(y − t).
            let y = softmax(SimpleNet.predict(w))
            w = w - 0.5 * matmul(SimpleNet.x.transposed, y - SimpleNet.t)
            if step == 10 || step == 100 {
                checkpoints.append((step, SimpleNet.loss(w), w.storage.map { $0 * $0 }.reduce(0, +).squareRoot()))
            }
        }
        let fallsAsWeightsGrow =
            checkpoints[1].loss < checkpoints[0].loss && checkpoints[0].loss < start
            && checkpoints[1].norm > checkpoints[0].norm
        return Finding(
            .claim(
                holds: !fallsAsWeightsGrow,
                detail: String(
                    format:
                        "simpleNet's x and label: the smallest weights, W = 0, give the loss %.4f; gradient descent "
                        + "(lr 0.5) lowers it to %.4f after 10 steps (|W| = %.2f) and %.4f after 100 (|W| = %.2f)",
                    start, checkpoints[0].loss, checkpoints[0].norm, checkpoints[1].loss, checkpoints[1].norm)),
            erratum: Erratum(
                reproducedBy: "reading it as the weights that make the loss smallest (DLfS 4.2)",
                reproduction: .claim(
                    holds: fallsAsWeightsGrow,
                    detail:
                        "the loss falls at every checkpoint while |W| grows: the search is for small loss, not small W"),
                why:
                    "The note drops 使损失函数的值达到最小 from the book's sentence: learning looks for the weights at which "
                    + "the loss is smallest. Small weights are a separate wish, which weight decay (DLfS 6.4.2) adds to "
                    + "the loss on purpose."))
    }
}
