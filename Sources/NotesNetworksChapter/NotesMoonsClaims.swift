import BookChecks
import Datasets
import Figures
import Foundation
import FromScratch

/// What seeds 001 and 004 say around the moons network, checked on the notes' 200 points and on
/// 1000 fresh ones drawn the same way (seed 1): the straight-line baseline against the network,
/// the loss the formula defines against the one the code prints, and more hidden units.
enum NotesMoonsClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-001-linear-baseline": linearBaseline, "notes-001-loss-formula-penalty": lossFormulaPenalty,
    ]

    /// 1000 points of make_moons(noise=0.20) after seed 1: data none of the models was fitted on.
    static let unseen: (x: Matrix, y: [Int]) = {
        var random = RandomState(seed: 1)
        return makeMoons(samples: 1000, noise: MoonsData.noise, random: &random)
    }()

    /// "由于原先数据本就不是线性可分的,因此效果并不好" and "这看起来比逻辑回归的效果好多了": the
    /// logistic-regression line against the 3-unit network, on the notes' points and unseen ones.
    static func linearBaseline() -> Finding {
        let data = MoonsData.moons()
        let line = LogisticRegression.fit(x: data.x, y: data.y)
        let net = MoonsExamples.constantRun.model
        let lineAccuracy = [line.accuracy(x: data.x, y: data.y), line.accuracy(x: unseen.x, y: unseen.y)]
        let netAccuracy = [
            MoonsNetwork.accuracy(net, x: data.x, y: data.y), MoonsNetwork.accuracy(net, x: unseen.x, y: unseen.y),
        ]
        return Finding(
            .claim(
                holds: zip(lineAccuracy, netAccuracy).allSatisfy { $0 < $1 } && lineAccuracy[0] < 1,
                detail: "right on the notes' 200 points: logistic regression \(percent(lineAccuracy[0])), the 3-unit "
                    + "network \(percent(netAccuracy[0])); on 1000 unseen points \(percent(lineAccuracy[1])) against "
                    + "\(percent(netAccuracy[1]))"))
    }

    /// The formula L = −1/N Σ y·log ŷ against what `calculate_loss` prints as "Loss after iteration 0":
    /// the code adds λ/2·(ΣW1² + ΣW2²) before dividing by N.
    static func lossFormulaPenalty() -> Finding {
        let data = MoonsData.moons()
        let training = MoonsExamples.constant
        var first = training
        first.passes = 1
        let model = MoonsNetwork.train(first, x: data.x, y: data.y, recordAfter: { _ in false }).model
        let formula = MoonsNetwork.loss(model, x: data.x, y: data.y, lambda: 0)
        let printed = MoonsNetwork.loss(model, x: data.x, y: data.y, lambda: training.lambda)
        let notesPrint = 0.432387
        return Finding(
            .claim(
                holds: abs(formula - notesPrint) <= 0.5e-6,
                detail: "after pass 0 the formula's L is \(String(format: "%.6f", formula)); the notes print "
                    + "\(shortest(notesPrint))"),
            erratum: Erratum(
                reproducedBy: "adding calculate_loss's penalty λ/(2N)·(ΣW1² + ΣW2²), λ = 0.01",
                reproduction: .claim(
                    holds: abs(printed - notesPrint) <= 0.5e-6,
                    detail: "L plus the penalty is \(String(format: "%.6f", printed)), the print to its 6 decimals"),
                why:
                    "The formula defines the data loss; the listing's calculate_loss adds the L2 penalty (reg_lambda) "
                    + "that the backward pass's dW1 and dW2 also carry, and prints the sum as the loss. The formula is "
                    + "the loss without regularisation; what the notes print and minimise is the regularised one."))
    }
}
