import BookChecks
import Figures
import Foundation
import FromScratch

/// What seed 000 §4.1–4.2 says about why a loss and not accuracy, and about the two ways to
/// differentiate, each checked by a computation.
enum NotesDifferentiationClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-000-accuracy-flat": accuracyFlat, "notes-000-numerical-in-practice": numericalInPractice,
        "notes-000-analytic-exact": analyticExact,
    ]

    /// "以识别精度为指标,则参数的导数在绝大部分地方都会变为0": on the book's simpleNet (DLfS 4.4.2),
    /// accuracy's numerical gradient with respect to W is 0 at every weight, the loss's is not.
    static func accuracyFlat() -> Finding {
        let label = SimpleNet.t.argmax()
        let accuracy: (Matrix) -> Double = { SimpleNet.predict($0).argmax() == label ? 1 : 0 }
        var w = SimpleNet.w
        let ofAccuracy = numericalGradient(accuracy, at: &w)
        let ofLoss = SimpleNet.weightGradient()
        let smallest = ofLoss.storage.map(abs).min()!
        return Finding(
            .claim(
                holds: ofAccuracy.storage.allSatisfy { $0 == 0 } && smallest > 0,
                detail: "on simpleNet's W (accuracy \(shortest(accuracy(w)))), the numerical gradient of accuracy is 0 "
                    + "at all 6 weights; the loss's is non-zero at all 6 (smallest |∂L/∂w| = \(significant(smallest)))")
        )
    }

    /// "梯度下降法主要用的是数值微分求导": the book's own chapter 4 script trains with backpropagation
    /// (`grad = network.gradient(x_batch, t_batch)`, the numerical line commented out), because a
    /// numerical gradient costs two loss evaluations per parameter.
    static func numericalInPractice() -> Finding {
        var random = RandomState(seed: 0)
        let net = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, activation: .sigmoid, random: &random)
        let parameters = net.params.values.map(\.count).reduce(0, +)
        var evaluations = 0
        var scratch = [Double](repeating: 0, count: parameters)
        _ = numericalGradient(
            count: parameters, read: { scratch[$0] }, write: { scratch[$0] = $1 },
            f: {
                evaluations += 1
                return 0
            })
        let backpropPasses = 2
        let detail =
            "the book's 784-50-10 net has \(parameters) parameters: one numerical gradient is \(evaluations) loss "
            + "evaluations, each a forward pass over the batch; backpropagation is one forward and one backward pass"
        return Finding(
            .claim(holds: evaluations <= backpropPasses, detail: detail),
            erratum: Erratum(
                reproducedBy: "reading it of DLfS 4.4–4.5, where gradients are first computed numerically",
                reproduction: .claim(
                    holds: evaluations == 2 * parameters,
                    detail: "numerical_gradient nudges each of the \(parameters) parameters both ways: "
                        + "\(evaluations) evaluations a step"),
                why:
                    "Chapter 4 introduces the gradient numerically because it is simple, then says it is slow; the "
                    + "book's own ch04/train_neuralnet.py calls network.gradient (backpropagation, the numerical line "
                    + "commented out), and chapter 5 exists to replace it. In practice gradients are computed "
                    + "analytically by backpropagation; numerical differentiation is kept to check them (DLfS 5.7.3)."))
    }

    /// "解析性求导…没有误差": the derivative 0.02x + 0.1 of DLfS 4.3.2's function, evaluated in
    /// doubles, is exact up to the rounding of its two operations; the central difference is not.
    static func analyticExact() -> Finding {
        let points: [(x: Double, exact: Double)] = [(5, 0.2), (10, 0.3)]
        let analytic = points.map { BookFunctions.function1Derivative($0.x) }
        let numerical = points.map { numericalDerivative(BookFunctions.function1, at: $0.x) }
        let analyticError = zip(analytic, points).map { abs($0 - $1.exact) / $1.exact.ulp }
        let numericalError = zip(numerical, points).map { abs($0 - $1.exact) }
        return Finding(
            .claim(
                holds: analyticError.allSatisfy { $0 <= 1 } && numericalError.allSatisfy { $0 > 1e-13 },
                detail: "0.02x + 0.1 gives \(shortest(analytic[0])) at x = 5 and \(shortest(analytic[1])) at x = 10 "
                    + "(the double nearest 0.3 is 1 ulp away: rounding, not method); the central difference is off by "
                    + "\(significant(numericalError[0])) and \(significant(numericalError[1]))"))
    }
}
