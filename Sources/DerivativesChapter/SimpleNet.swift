import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// DLfS 4.4.2's simpleNet: one 2 x 3 weight matrix, softmax, cross-entropy, and the gradient of
/// the loss with respect to the weights taken numerically.
///
/// The book's W came from an unseeded `np.random.randn(2, 3)` and is printed rounded to 8
/// decimals, so the printed W fixes the loss only to about ±9e-9: the loss is checked as the
/// interval of values the rounded W allows. Both the loss and dW printed in the book are those
/// of a cross-entropy *without* the δ = 1e-7 the book's `cross_entropy_error` adds.
public enum SimpleNet: RunnableExample {
    public static let rows: [String: () -> Finding] = [
        "simplenet-scores": scores, "simplenet-argmax": answer, "simplenet-loss": lossFinding,
        "simplenet-dw": gradientFinding, "simplenet-scores-first-printings": firstPrintingsScores,
    ]
    public static let commands: [any ParsableCommand.Type] = [SimpleNetCommand.self]

    public static let w = Matrix([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
    public static let x = Matrix(row: [0.6, 0.9])
    public static let t = Matrix(row: [0, 0, 1])
    /// Half a unit of the 8th decimal: how far the true W may lie from the printed one.
    static let weightRounding = 0.5e-8

    public static func predict(_ w: Matrix) -> Matrix { matmul(x, w) }

    /// `net.loss(x, t)`: softmax, then the book's mini-batch cross-entropy with one-hot t.
    public static func loss(_ w: Matrix, delta: Double = crossEntropyDelta) -> Double {
        crossEntropyError(batch: softmax(predict(w)), oneHot: t, delta: delta)
    }

    /// `numerical_gradient(f, net.W)`.
    public static func weightGradient(delta: Double = crossEntropyDelta) -> Matrix {
        numericalGradient({ loss($0, delta: delta) }, at: w)
    }

    /// Every loss a W that prints as the book's W can give: loss ± Σ|∂L/∂W|·5e-9 (first order;
    /// the second-order term is below 1e-16).
    static func lossInterval(delta: Double) -> ClosedRange<Double> {
        let center = loss(w, delta: delta)
        let reach = weightGradient(delta: delta).storage.map(abs).reduce(0, +) * weightRounding
        return (center - reach)...(center + reach)
    }

    static func describe(_ range: ClosedRange<Double>) -> String {
        String(
            format: "%.17f ± %.1e", (range.lowerBound + range.upperBound) / 2, (range.upperBound - range.lowerBound) / 2
        )
    }

    static func scores() -> Finding { .values(predict(w).storage) }
    static func answer() -> Finding { .value(Double(predict(w).argmax())) }

    static func lossFinding() -> Finding {
        let withDelta = lossInterval(delta: crossEntropyDelta), without = lossInterval(delta: 0)
        return Finding(
            .interval(withDelta, described: describe(withDelta)),
            erratum: Erratum(
                reproducedBy: "cross-entropy without δ, -log(y[2])",
                reproduction: .interval(without, described: describe(without)),
                why: "With the δ = 1e-7 of the book's cross_entropy_error the loss is smaller by δ/y[2] ≈ 2.5e-7, "
                    + "outside what the rounding of the printed W allows; without δ the printed loss lies inside. "
                    + "The book's run used a cross-entropy without δ (the printed W is rounded, so only this "
                    + "interval, not the last digits, can be reproduced)."))
    }

    /// The first seven printings printed scores that x·W with the printed W does not give; the
    /// publisher's errata table (page 111) corrects them to x·W, which the later printings show.
    static func firstPrintingsScores() -> Finding {
        let corrected = try! PrintedValue("[ 1.05414809 0.63071653 1.1328074]", kind: .numpy)
        let ours = predict(w).storage
        return Finding(
            .values(ours),
            erratum: Erratum(
                reproducedBy: "the errata table's correction, [ 1.05414809 0.63071653 1.1328074], against x·W",
                reproduction: .claim(
                    holds: corrected.agrees(with: ours),
                    detail: "x·W with the printed W gives the corrected scores to every printed digit"),
                why:
                    "The first printings printed the scores of another W (plausibly an earlier random draw, since "
                    + "np.random.randn(2, 3) is unseeded) beside the W they print; the correction makes scores and W "
                    + "belong together. No computation from the printed W gives the old scores."))
    }

    static func gradientFinding() -> Finding {
        Finding(
            .values(weightGradient().storage),
            erratum: Erratum(
                reproducedBy: "cross-entropy without δ",
                reproduction: .values(weightGradient(delta: 0).storage),
                why: "δ shifts every entry of dW by about 1e-7 relative, which shows in the 7th-8th printed digits; "
                    + "without δ the gradient is x·(softmax − t), and it matches every printed digit."))
    }
}

extension SimpleNet {
    /// `derivatives simple-net`: the book's net with another δ.
    struct SimpleNetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simple-net",
            abstract: "DLfS 4.4.2's simpleNet: scores, loss and numerical dW for the printed W.")
        @Option(help: "The δ inside the cross-entropy's log (the book's code: 1e-7; its printed output: 0).")
        var delta = crossEntropyDelta

        func validate() throws {
            guard delta >= 0, delta.isFinite else { throw ValidationError("--delta must be >= 0, got \(delta)") }
        }

        func run() {
            let p = SimpleNet.predict(SimpleNet.w)
            print("scores p = x.W: \(p.storage)")
            print("argmax:       \(p.argmax())")
            print("loss:         \(SimpleNet.loss(SimpleNet.w, delta: delta))")
            let dW = SimpleNet.weightGradient(delta: delta)
            print("dW:           \(dW.row(0))")
            print("              \(dW.row(1))")
        }
    }
}
