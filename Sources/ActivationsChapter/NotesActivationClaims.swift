import BookChecks
import Figures
import Foundation
import FromScratch

/// What seed 003 §二 says about activation functions, each statement checked by a computation:
/// a threshold, a range, non-linearity, why non-linearity matters, and the cost of the derivative.
enum NotesActivationClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-003-activation-threshold": threshold, "notes-003-sigmoid-range": sigmoidRange,
        "notes-003-activations-nonlinear": nonlinear, "notes-003-linear-collapse": linearCollapse,
        "notes-003-sigmoid-derivative-division": derivativeDivision, "notes-003-relu-sparsity": reluSparsity,
    ]

    /// "Relu会使一部分神经元的输出为0,这样就造成了网络的稀疏性": the share of ReLU outputs that are
    /// exactly 0 in a 5-layer chain of 100 units with He weights, on 1000 inputs N(0, 1) (seed 0).
    /// The sentence's "缓解了过拟合" names no measure and is not checked here.
    static func reluSparsity() -> Finding {
        var random = RandomState(seed: 0)
        var h = random.randn(1000, 100)
        var zeros: [Double] = []
        for _ in 0..<5 {
            h = Activation.relu(referenceMatmul(h, random.randn(100, 100) * (2.0 / 100).squareRoot()))
            zeros.append(Double(h.storage.filter { $0 == 0 }.count) / Double(h.count))
        }
        return Finding(
            .claim(
                holds: zeros.allSatisfy { $0 > 0.3 },
                detail: "share of outputs exactly 0 in each of 5 ReLU layers (100 units, He weights, 1000 inputs): "
                    + zeros.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
    }

    /// x = −30, −29.95, … −0.05: inputs below the threshold 0.
    static let belowZero = (1...600).map { -0.05 * Double($0) }

    /// "当输入的值达到了某个值,才会被传递到下一个神经元": only an input past a threshold passes on.
    /// True of the step function and ReLU (threshold 0), not of the sigmoid the note presents first.
    static func threshold() -> Finding {
        let blocked: (Activation) -> Bool = { f in belowZero.allSatisfy { f($0) == 0 } }
        let sigmoidLeaks = belowZero.allSatisfy { Activation.sigmoid($0) > 0 }
        return Finding(
            .claim(
                holds: blocked(.step) && blocked(.relu) && blocked(.sigmoid),
                detail: "below 0 (600 inputs in [-30, 0)) step and ReLU give exactly 0; the sigmoid gives a positive "
                    + "output for every one (sigmoid(-5) = \(shortest(Activation.sigmoid(-5))))"),
            erratum: Erratum(
                reproducedBy: "reading it of the step function and ReLU only",
                reproduction: .claim(
                    holds: blocked(.step) && blocked(.relu) && sigmoidLeaks,
                    detail: "step and ReLU block every input below 0; the sigmoid blocks none"),
                why:
                    "The sentence describes the step function (and ReLU, whose threshold is 0). The sigmoid, listed just "
                    + "after it, passes every input on, scaled into (0, 1): a smooth, not an all-or-nothing, activation "
                    + "(DLfS 3.2.5 contrasts exactly this)."))
    }

    /// "sigmoid函数的取值范围是在0-1中": 0 < σ(x) < 1.
    static func sigmoidRange() -> Finding {
        let grid = (-600...600).map { 0.05 * Double($0) }
        let values = grid.map { Activation.sigmoid($0) }
        return Finding(
            .claim(
                holds: values.allSatisfy { $0 > 0 && $0 < 1 },
                detail: "601 inputs in [-30, 30]: smallest output \(shortest(values.min()!)), largest "
                    + "\(shortest(values.max()!)) (in doubles σ(x) rounds to 1 from about x = 37: σ(37) = "
                    + "\(shortest(Activation.sigmoid(37))))"))
    }

    /// "前面提到的三个激励函数都为非线性函数": a linear f has f(1) + f(−1) = f(0).
    static func nonlinear() -> Finding {
        let functions: [Activation] = [.sigmoid, .step, .relu]
        let gaps = functions.map { f in (f, f(1) + f(-1), f(0)) }
        return Finding(
            .claim(
                holds: gaps.allSatisfy { $0.1 != $0.2 },
                detail: gaps.map { "\($0.0.rawValue): f(1) + f(-1) = \(shortest($0.1)), f(0) = \(shortest($0.2))" }
                    .joined(separator: "; ")))
    }

    /// "如果是线性函数的话,那就等于没有中间层了": affine layers with the identity activation are one
    /// affine layer, W = W1·W2·W3 and b = (b1·W2 + b2)·W3 + b3 (DLfS 3.2.6's h(x) = cx, three times).
    static func linearCollapse() -> Finding {
        var random = RandomState(seed: 0)
        let sizes = [4, 5, 6, 3]
        let weights = (0..<3).map { random.randn(sizes[$0], sizes[$0 + 1]) }
        let biases = (0..<3).map { random.randn(1, sizes[$0 + 1]) }
        let x = random.randn(10, 4)
        var deep = x
        for layer in 0..<3 { deep = matmul(deep, weights[layer]) + biases[layer] }
        let w = matmul(matmul(weights[0], weights[1]), weights[2])
        let b = matmul(matmul(biases[0], weights[1]) + biases[1], weights[2]) + biases[2]
        let shallow = matmul(x, w) + b
        let scale = deep.storage.map(abs).max()!
        let gap = zip(deep.storage, shallow.storage).map { abs($0 - $1) }.max()!
        return Finding(
            .claim(
                holds: gap <= 1e-13 * scale,
                detail:
                    "a 4-5-6-3 net of identity activations (weights randn, seed 0) and its one-layer collapse agree "
                    + "on 10 inputs to rounding (within 1e-13 of the outputs' scale)"))
    }

    /// "求导涉及除法": the sigmoid's derivative is y(1 − y) of its own output y, with no division;
    /// the quotient rule's form e^−x / (1 + e^−x)² is the same function written with one.
    static func derivativeDivision() -> Finding {
        let grid = (-16...16).map { 0.5 * Double($0) }
        let h = defaultDifferenceStep
        let central = grid.map { (Activation.sigmoid($0 + h) - Activation.sigmoid($0 - h)) / (2 * h) }
        let product = grid.map { Activation.sigmoid.derivative($0) }
        let quotient = grid.map { exp(-$0) / ((1 + exp(-$0)) * (1 + exp(-$0))) }
        let productError = zip(product, central).map { abs($0 - $1) }.max()!
        let forms = zip(product, quotient).map { abs($0 - $1) }.max()!
        return Finding(
            .claim(
                holds: productError > 1e-8,
                detail:
                    "σ'(x) = y(1 - y) with y = σ(x), as the book's Sigmoid.backward computes dout * (1.0 - out) * out: "
                    + "no division, and it agrees with the central difference within 1e-8 at 33 points in [-8, 8]"),
            erratum: Erratum(
                reproducedBy: "the quotient rule's form e^-x / (1 + e^-x)^2",
                reproduction: .claim(
                    holds: forms < 1e-15,
                    detail: "the same function: it and y(1 - y) agree within 1e-15 at the same points"),
                why:
                    "Differentiated by the quotient rule, σ' is a fraction, which is plausibly what the note means. "
                    + "Backpropagation never evaluates that fraction: the forward pass has y = σ(x) already, and "
                    + "y(1 - y) is two operations (DLfS 5.5.2). The exponential in the forward pass is the sigmoid's "
                    + "real cost against ReLU."))
    }
}
