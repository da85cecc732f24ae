import BookChecks
import Foundation
import FromScratch

/// Seed 001 defines the loss as a mean, L = −1/N Σ_n Σ_i y log ŷ, and then gives its gradients as
/// ∂L/∂W2 = a1ᵀδ3, ∂L/∂b2 = δ3, ∂L/∂W1 = xᵀδ2, ∂L/∂b1 = δ2: sums over the N examples without the 1/N,
/// so they are the gradients of N·L, the summed loss (which the listing's ε = 0.01 is tuned to).
enum BackpropScaleExample: WorkedExample {
    static let rows: [String: () -> Finding] = ["notes-001-backprop-scale": finding]

    /// The largest |a − b| over the largest |b|.
    static func relativeGap(_ a: Matrix, _ b: Matrix) -> Double {
        zip(a.storage, b.storage).map { abs($0 - $1) }.max()! / b.storage.map(abs).max()!
    }

    static func finding() -> Finding {
        let (x, y) = MoonsData.moons()
        let model = MoonsModel(hidden: 3, seed: 0)
        let n = Double(x.rows)
        // The formulas as printed: no regularisation term, as the loss above them has none.
        let formulas = MoonsNetwork.gradient(model, x: x, xTransposed: x.transposed, y: y, lambda: 0)
        func meanLoss(_ w1: Matrix, _ w2: Matrix) -> Double {
            MoonsNetwork.loss(MoonsModel(w1: w1, b1: model.b1, w2: w2, b2: model.b2), x: x, y: y, lambda: 0)
        }
        let numericalW2 = numericalGradient({ meanLoss(model.w1, $0) }, at: model.w2)
        let numericalW1 = numericalGradient({ meanLoss($0, model.w2) }, at: model.w1)
        let ofMean = max(relativeGap(formulas.w2, numericalW2), relativeGap(formulas.w1, numericalW1))
        let ofSum = max(relativeGap(formulas.w2, n * numericalW2), relativeGap(formulas.w1, n * numericalW1))
        let ratio = formulas.w2[0, 0] / numericalW2[0, 0]
        return Finding(
            .claim(
                holds: ofMean < 1e-6,
                detail: String(
                    format: "on the 200 moons and build_model(3)'s first weights: a1ᵀδ3 is %.1f times the numerical "
                        + "∂L/∂W2 of the mean loss L (first entry), and so is xᵀδ2 of ∂L/∂W1", ratio)),
            erratum: Erratum(
                reproducedBy: "the numerical gradient of the summed loss N·L",
                reproduction: .claim(
                    holds: ofSum < 1e-6,
                    detail: "the formulas agree with it within 1e-6 of the largest entry, for W2 and W1"),
                why:
                    "The loss the note defines is a mean over the N = 200 examples; the gradients it gives are sums over "
                    + "them, the gradients of N·L. The listing's build_model follows them (its calculate_loss divides by "
                    + "N only when it prints), so its ε = 0.01 on the summed gradient is ε = 2 on the mean one; and "
                    + "∂L/∂b2 = δ3 is a column sum of δ3, not δ3 itself."))
    }
}
