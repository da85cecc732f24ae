import BookChecks
import Foundation
import FromScratch

/// Seed 004 §3.3.2: AdaGrad's accumulator r only grows (缺陷: r会不断累积), RMSProp's decays.
///
/// Both optimizers see the same gradients: g = 1 for 100 updates, then g = 0 for 100 more (a
/// parameter that stops receiving gradient). By hand: AdaGrad's h is the sum of g², so t after
/// t updates of g = 1, for ever growing, and it never shrinks again. RMSProp's h ← ρh + (1 − ρ)g²
/// is 1 − ρᵗ after t updates of g = 1 (it approaches g², never passes it) and then falls as ρᵗ.
public enum Accumulators {
    public static let onSteps = 100
    public static let offSteps = 100
    public static let learningRate = 0.01

    /// The gradient at update t (1-based).
    public static func gradient(at t: Int) -> Double { t <= onSteps ? 1 : 0 }

    /// h after each update for AdaGrad and RMSprop, and the step each would take per unit of
    /// gradient, lr/(√h + 1e-7): the effective learning rate.
    public struct Trace: Sendable {
        public var adagrad: [Double] = []
        public var rmsprop: [Double] = []
    }

    public static func trace(steps: Int = onSteps + offSteps, decayRate: Double = 0.99) -> Trace {
        var adagrad = AdaGrad(learningRate: learningRate)
        var rmsprop = RMSprop(learningRate: learningRate, decayRate: decayRate)
        var p1: NamedMatrices = ["w": Matrix(row: [0])], p2 = p1
        var trace = Trace()
        for t in 1...steps {
            let g: NamedMatrices = ["w": Matrix(row: [gradient(at: t)])]
            adagrad.update(&p1, gradients: g)
            rmsprop.update(&p2, gradients: g)
            trace.adagrad.append(adagrad.accumulator["w"]![flat: 0])
            trace.rmsprop.append(rmsprop.accumulator["w"]![flat: 0])
        }
        return trace
    }

    /// lr/(√h + 1e-7), the step per unit of gradient an accumulator h allows.
    public static func effectiveRate(_ h: Double) -> Double { learningRate / (h.squareRoot() + optimizerEpsilon) }

    static func adagradValues() -> Finding {
        let t = trace()
        return .values([t.adagrad[onSteps - 1], t.adagrad[onSteps + offSteps - 1]])
    }

    static func rmspropValues() -> Finding {
        let t = trace()
        return .values([t.rmsprop[onSteps - 1], t.rmsprop[onSteps + offSteps - 1]])
    }

    /// The notes write "由于ρ<0 所以r就会减小"; the decay needs 0 < ρ < 1.
    static func rhoSign() -> Finding {
        // With ρ < 0 and no gradient, r ← ρ·r flips sign: √r is nan at the next update.
        var r = 1.0
        let negative = -0.5
        r *= negative
        let rootAfterOneStep = r.squareRoot()
        let positive = trace(decayRate: 0.99).rmsprop
        let decays = zip(positive[onSteps...], positive[(onSteps + 1)...]).allSatisfy { $1 < $0 && $1 > 0 }
        // "Since ρ < 0, r shrinks": with ρ < 0 and no gradient, does r shrink and stay usable?
        return Finding(
            .claim(holds: r > 0 && r < 1 && rootAfterOneStep.isFinite,
                   detail: "with rho = \(negative) and g = 0, r = 1 becomes \(r): sqrt(r) = \(shortest(rootAfterOneStep))"),
            erratum: Erratum(
                reproducedBy: "0 < rho < 1 (the book's decay_rate 0.99)",
                reproduction: .claim(holds: decays, detail: "r shrinks at every update without gradient and stays positive"),
                why: "r = rho*r + (1-rho)*g*g shrinks when g = 0 only if 0 < rho < 1; with rho < 0 it changes sign at every step "
                    + "and its square root in the update is not a number. The notes mean rho < 1 (RMSProp's rho is typically 0.9-0.99)."))
    }

    static let rows: [String: () -> Finding] = [
        "adagrad-accumulator": adagradValues,
        "rmsprop-accumulator": rmspropValues,
        "rmsprop-decay-rate": rhoSign,
    ]
}
