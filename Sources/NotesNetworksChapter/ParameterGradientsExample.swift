import BookChecks
import Foundation
import FromScratch

/// Seed 002 announces that backpropagation computes "每层参数的梯度" and, once "每一层的梯度" are
/// solved, the parameters can be updated — but its formulas stop at the errors δ^(l), which are
/// gradients with respect to the inputs z^(l), not to the parameters Θ^(l). The step it leaves out:
/// ∂J/∂Θ^(l) = 1/n Σ_i δ^(l+1) (a^(l))ᵀ + λ/n Θ^(l) (bias column unpenalised).
enum ParameterGradientsExample: WorkedExample {
    static let rows: [String: () -> Finding] = ["notes-002-parameter-gradients": finding]

    static func finding() -> Finding {
        let net = SigmoidNetExamples.randomNet
        let (x, y, _) = SigmoidNetExamples.data()
        let deltas = net.gradients(x, y, lambda: SigmoidNetExamples.lambda).deltas
        // δ^(l+1) holds one value per example and unit of layer l + 1; Θ^(l) one per weight.
        let shapes = zip(deltas, net.thetas).map { ($0.shapeDescription, $1.shapeDescription) }
        let deltasAreGradients = zip(deltas, net.thetas).allSatisfy { $0.rows == $1.rows && $0.cols == $1.cols }
        let error = SigmoidNetExamples.gradientCheck(net, x: x, y: y, lambda: SigmoidNetExamples.lambda)
        return Finding(
            .claim(
                holds: deltasAreGradients,
                detail: "the δs it gives are not the parameters' gradients: δ^(2), δ^(3), δ^(4) are "
                    + shapes.map(\.0).joined(separator: ", ") + " (one per example and unit), Θ^(1), Θ^(2), Θ^(3) are "
                    + shapes.map(\.1).joined(separator: ", ")),
            erratum: Erratum(
                reproducedBy: "the step the note leaves out, ∂J/∂Θ^(l) = 1/n Σ δ^(l+1)(a^(l))ᵀ + λ/n Θ^(l)",
                reproduction: .claim(
                    holds: error <= SigmoidNetExamples.gradientCheckBound,
                    detail: String(
                        format: "against the numerical gradient of J(Θ) (2-5-4-2 net, %d moons): max difference %.1e "
                            + "of the largest gradient (bound %.0e)", SigmoidNetExamples.examples, error,
                        SigmoidNetExamples.gradientCheckBound)),
                why:
                    "The note derives δ^(4) and the recursion for δ^(l), then says the parameters can be updated 'after "
                    + "solving each layer's gradient' without the formula that turns errors into gradients: each "
                    + "weight's gradient is the error of the unit it feeds times the activation it multiplies, averaged "
                    + "over the examples, plus the penalty's λ/n Θ. An omission, not a wrong formula."))
    }
}
