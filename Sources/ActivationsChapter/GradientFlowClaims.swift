import BookChecks
import Figures
import Foundation
import FromScratch

/// Seed 004 §3.2 on vanishing gradients: the sigmoid *and tanh* 导数很小 ("have small derivatives"),
/// while ReLU's gradient 永远不会消失 ("never vanishes") for positive inputs. Checked on the slopes
/// and on a 10-layer chain of 100 units: how much of a gradient reaches the first layer.
enum GradientFlowClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-004-tanh-derivative": tanhSlope, "notes-004-relu-no-vanishing": reluVanishing,
        "notes-004-exploding": exploding, "notes-004-leaky-dead-units": leakyDeadUnits,
    ]

    /// RMS of the gradient reaching the chain's input over the RMS of the gradient at its top: 10
    /// layers of 100 units, 1000 inputs N(0, 1), weights N(0, scale²), all drawn after seed 0.
    /// Products in a fixed order (`referenceMatmul`), so that the ratio is the same on every machine.
    static func surviving(_ f: Activation, weightScale: (Int) -> Double) -> Double {
        var random = RandomState(seed: 0)
        let units = 100, layers = 10
        var h = random.randn(1000, units)
        var weights: [Matrix] = [], inputs: [Matrix] = []
        for _ in 0..<layers {
            let w = random.randn(units, units) * weightScale(units)
            let a = referenceMatmul(h, w)
            weights.append(w)
            inputs.append(a)
            h = f(a)
        }
        let top = random.randn(1000, units)
        var gradient = top
        for layer in stride(from: layers - 1, through: 0, by: -1) {
            gradient = referenceMatmul(gradient * f.derivative(inputs[layer]), weights[layer].transposed)
        }
        func rms(_ m: Matrix) -> Double {
            (m.storage.map { $0 * $0 }.reduce(0, +) / Double(m.storage.count)).squareRoot()
        }
        return rms(gradient) / rms(top)
    }

    static let xavier: (Int) -> Double = { 1 / Double($0).squareRoot() }
    static let he: (Int) -> Double = { (2 / Double($0)).squareRoot() }

    static func peakSlope(_ f: Activation) -> Double {
        (-1000...1000).map { f.derivative(0.01 * Double($0)) }.max()!
    }

    /// "对于Sigmoid函数,tanh函数,由于导数很小": true of the sigmoid (slope at most 1/4), not of tanh,
    /// whose slope is 1 at 0, as ReLU's is for every positive input.
    static func tanhSlope() -> Finding {
        let sigmoid = surviving(.sigmoid, weightScale: xavier), tanh = surviving(.tanh, weightScale: xavier)
        let small: (Activation, Double) -> Bool = { f, kept in peakSlope(f) < 1 && kept < 0.1 }
        return Finding(
            .claim(
                holds: small(.sigmoid, sigmoid) && small(.tanh, tanh),
                detail: String(
                    format:
                        "largest slope on [-10, 10]: sigmoid %.2f, tanh %.2f; of a gradient, a 10-layer chain (Xavier "
                        + "weights) passes back %.1e with sigmoid, %.2f with tanh", peakSlope(.sigmoid),
                    peakSlope(.tanh),
                    sigmoid, tanh)),
            erratum: Erratum(
                reproducedBy: "reading it of the sigmoid alone",
                reproduction: .claim(
                    holds: small(.sigmoid, sigmoid) && !small(.tanh, tanh),
                    detail: "the sigmoid's slope, at most 0.25, shrinks the gradient at every layer; tanh's reaches 1"),
                why:
                    "σ'(x) = σ(1 − σ) ≤ 1/4, so every sigmoid layer divides the gradient by 4 at best. tanh'(x) = 1 − tanh² "
                    + "is 1 at 0: tanh saturates (its slope is small) only for large |x|, like the sigmoid, but near 0 it "
                    + "passes gradients on as ReLU does. Both saturate; only the sigmoid's slope is small everywhere."))
    }

    /// "Relu函数,对于大于0的时候,梯度永远不会消失": ReLU's slope is 1 for every positive input, but a
    /// ReLU network's gradient still vanishes when its weights are small (DLfS 6.2.3's std 0.01).
    static func reluVanishing() -> Finding {
        let withHe = surviving(.relu, weightScale: he)
        let small = surviving(.relu, weightScale: { _ in 0.01 })
        return Finding(
            .claim(
                holds: small > 1e-3 && withHe > 1e-3,
                detail: String(
                    format:
                        "a 10-layer ReLU chain passes back %.2f of a gradient with He weights, %.1e with weights of "
                        + "std 0.01", withHe, small)),
            erratum: Erratum(
                reproducedBy: "reading it of ReLU's slope alone",
                reproduction: .claim(
                    holds: (1...1000).allSatisfy { Activation.relu.derivative(0.01 * Double($0)) == 1 },
                    detail: "ReLU's slope is exactly 1 for every positive input: the function itself never saturates"),
                why:
                    "The slope of ReLU is 1 for x > 0, so ReLU does not shrink gradients the way the sigmoid does. But "
                    + "each layer also multiplies the gradient by its weights: with std 0.01 every layer shrinks it "
                    + "about tenfold, and ten layers leave almost nothing (DLfS 6.2.3 and row init-relu-std-0.01: "
                    + "such a net does not learn). He's initial weights are what keep the gradient's size."))
    }

    /// "也是由链式法则导致的,某一点的梯度特别大": the chain rule multiplies by every layer's weights,
    /// so weights too large make the gradient grow layer by layer as small ones make it shrink.
    static func exploding() -> Finding {
        let withHe = surviving(.relu, weightScale: he), large = surviving(.relu, weightScale: { _ in 1 })
        return Finding(
            .claim(
                holds: large > 1e3 && withHe < 10,
                detail: String(
                    format:
                        "a 10-layer ReLU chain of 100 units passes back %.1e times a gradient with weights of std 1, "
                        + "%.2f with He weights: each layer multiplies it by about √(100/2) ≈ 7", large, withHe)))
    }

    /// "Leaky ReLU函数在输入小于0时返回一个非零值,可以解决ReLU函数的问题": a unit whose input stays
    /// below 0 passes no gradient back through ReLU (its weights never change again: a dead unit),
    /// and a share a of it through leaky ReLU.
    static func leakyDeadUnits() -> Finding {
        let below = (1...1000).map { -0.01 * Double($0) }
        let relu = below.map { Activation.relu.derivative($0) },
            leaky = below.map { Activation.leakyRelu.derivative($0) }
        return Finding(
            .claim(
                holds: relu.allSatisfy { $0 == 0 } && leaky.allSatisfy { $0 > 0 },
                detail: "for 1000 inputs in [-10, 0) ReLU's slope is 0 at every one (no gradient reaches the unit's "
                    + "weights), leaky ReLU's is \(shortest(Activation.leakySlope)) at every one"))
    }
}
