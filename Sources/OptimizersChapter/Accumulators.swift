import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// Seed 004 §3.3.2: AdaGrad's accumulator r only grows (缺陷: r会不断累积), RMSprop's decays.
///
/// Both optimizers see the same gradients: g = 1 for 100 updates, then g = 0 for 100 more (a
/// parameter that stops receiving gradient). By hand: AdaGrad's h is the sum of g², so t after
/// t updates of g = 1, for ever growing, and it never shrinks again. RMSprop's h ← ρh + (1 − ρ)g²
/// is 1 − ρᵗ after t updates of g = 1 (it approaches g², never passes it) and then falls as ρᵗ.
public enum Accumulators: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [AccumulatorsExample.self]
    public static func figures() -> [Figure] { [figure()] }

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
            .claim(
                holds: r > 0 && r < 1 && rootAfterOneStep.isFinite,
                detail: "with rho = \(negative) and g = 0, r = 1 becomes \(r): sqrt(r) = \(shortest(rootAfterOneStep))"),
            erratum: Erratum(
                reproducedBy: "0 < rho < 1 (the book's decay_rate 0.99)",
                reproduction: .claim(
                    holds: decays, detail: "r shrinks at every update without gradient and stays positive"),
                why:
                    "r = rho*r + (1-rho)*g*g shrinks when g = 0 only if 0 < rho < 1; with rho < 0 it changes sign at every step "
                    + "and its square root in the update is not a number. The notes mean rho < 1 (RMSprop's rho is typically 0.9-0.99)."
            ))
    }

    public static let rows: [String: () -> Finding] = [
        "adagrad-accumulator": adagradValues,
        "rmsprop-accumulator": rmspropValues,
        "rmsprop-decay-rate": rhoSign,
        "adam-bias-correction": AdamBiasCorrection.finding,
    ]
}

/// Seed 004 on Adam's bias correction: 最开始启动的时候 梯度很小,更新很慢,所以要修正偏差 ("at the start
/// the gradient [estimate] is small and updates are slow, so the bias is corrected"). With the
/// book's β1 = 0.9, β2 = 0.999 the uncorrected updates are not slow but too fast: m starts at
/// 0.1·g, yet √v starts smaller still, at √0.001·|g| ≈ 0.032·|g|, so m/√v is 3.16 times the
/// corrected step. The correction shrinks the early steps (Kingma & Ba 2015, §3).
enum AdamBiasCorrection {
    static let updates = 2000

    /// The book's `Adam` (lr 0.001) on one parameter with a constant gradient 1: each update's step,
    /// and the step it would take without the correction (lr in place of lr_t).
    static func steps() -> (corrected: [Double], uncorrected: [Double]) {
        var adam = Adam()
        var parameters: NamedMatrices = ["x": Matrix(row: [0])]
        var corrected: [Double] = [], uncorrected: [Double] = []
        for t in 1...updates {
            let before = parameters["x"]![0, 0]
            adam.update(&parameters, gradients: ["x": Matrix(row: [1])])
            let step = before - parameters["x"]![0, 0]
            corrected.append(step)
            uncorrected.append(step * adam.learningRate / adam.correctedLearningRate(at: t))
        }
        return (corrected, uncorrected)
    }

    static func finding() -> Finding {
        let (corrected, uncorrected) = steps()
        let ratios = zip(uncorrected, corrected).map { $0 / $1 }
        let largest = ratios.indices.max { ratios[$0] < ratios[$1] }!
        let firstRatio = 0.1 / 0.001.squareRoot()
        return Finding(
            .claim(
                holds: uncorrected[0] < corrected[0],
                detail: String(
                    format: "with a constant gradient the first update steps %.3e without the correction, %.3e with it",
                    uncorrected[0], corrected[0])),
            erratum: Erratum(
                reproducedBy: "the bias of both moments (m starts at 0.1 g, √v at 0.032 |g|)",
                reproduction: .claim(
                    holds: ratios.allSatisfy { $0 >= 1 } && abs(ratios[0] - firstRatio) < 1e-6 * firstRatio,
                    detail: String(
                        format: "the correction shrinks each of the first %d steps: uncorrected/corrected "
                            + "is %.4f at t = 1 (0.1/√0.001 = %.4f), largest %.4f at t = %d, %.4f at t = %d",
                        updates, ratios[0], firstRatio, ratios[largest], largest + 1,
                        ratios.last!, updates)),
                why: "m and v both start at 0, so both are biased low, m by the factor 1 - β1^t and v by 1 - β2^t. The "
                    + "step divides m by √v, and with β2 closer to 1 than β1, √v is the smaller early on: the uncorrected "
                    + "step is too large, not too slow. The notes' picture holds for the momentum term m alone."))
    }
}

extension Accumulators {
    /// AdaGrad's accumulator against RMSprop's, with the step each allows per unit of gradient.
    public static func figure(_ trace: Accumulators.Trace = Accumulators.trace()) -> Figure {
        var figure = Figure(
            name: "accumulators",
            caption: "AdaGrad's h grows, RMSprop's decays: g = 1 for 100 updates, then g = 0 (seed 004 §3.3.2)",
            width: 900, height: 900)
        let rows = trace.adagrad.indices.map { i in
            [
                Double(i + 1), trace.adagrad[i], trace.rmsprop[i],
                Accumulators.effectiveRate(trace.adagrad[i]), Accumulators.effectiveRate(trace.rmsprop[i]),
            ]
        }
        figure.data("h", rows: rows)
        let switchOff = Double(Accumulators.onSteps) + 0.5
        let adagrad = Palette.line(Palette.color(.adagrad)) + " linewidth 2"
        // Green and purple print as nearly one grey: RMSprop's line is dashed too.
        let rmsprop = Palette.line(Palette.color(.rmsprop)) + " linewidth 2 " + Palette.dash(1)
        figure.gnuplot(
            "set multiplot layout 2,1 title \"Gradient g = 1 for updates 1–\(Accumulators.onSteps), then g = 0\" font \",15\"",
            "set xrange [0:\(Accumulators.onSteps + Accumulators.offSteps)]",
            "set xlabel \"update t\"",
            "set logscale y",
            "set format y \"10^{%L}\"",
            "set arrow 1 from \(switchOff), graph 0 to \(switchOff), graph 1 nohead dashtype 2 linecolor rgb \"#555555\"",
            "set key bottom right",
            "set title \"\(panelLetter(0)) Accumulated squared gradient h\"",
            "set ylabel \"h\"",
            "set yrange [0.005:500]",
            "plot $h using 1:2 with lines \(adagrad) title \"AdaGrad: h ← h + g² (only grows)\", \\",
            "     $h using 1:3 with lines \(rmsprop) title \"RMSprop: h ← 0.99h + 0.01g² (forgets)\"",
            "set title \"\(panelLetter(1)) Step per unit of gradient, lr/(√h + 10^{−7}), lr = \(shortest(Accumulators.learningRate))\"",
            "set ylabel \"effective learning rate\"",
            "set yrange [0.0005:0.2]",
            "set key top right width 1",
            "plot $h using 1:4 with lines \(adagrad) title \"AdaGrad\", \\",
            "     $h using 1:5 with lines \(rmsprop) title \"RMSprop\"",
            "unset multiplot")
        return figure
    }
}

extension Accumulators {
    /// Seed 004 §3.3.2: AdaGrad's and RMSprop's accumulators.
    struct AccumulatorsExample: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accumulators",
            abstract: "AdaGrad's h against RMSprop's: g = 1 for 100 updates, then g = 0 for 100 (seed 004 3.3.2).")
        @Option(help: "RMSprop's decay rate rho (衰减率), in (0, 1).") var decayRate = 0.99
        @Option(help: "Print h every this many updates.") var every = 20
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            guard decayRate.isFinite, decayRate > 0, decayRate < 1 else {
                throw ValidationError("--decay-rate must lie strictly between 0 and 1, got \(decayRate)")
            }
            try FlagCheck.within(every, 1...(Accumulators.onSteps + Accumulators.offSteps), "--every")
        }

        func run() throws {
            let trace = Accumulators.trace(decayRate: decayRate)
            print("update\tg\tAdaGrad h\tRMSprop h")
            for t in stride(from: every, through: trace.adagrad.count, by: every) {
                print(
                    "\(t)\t\(shortest(Accumulators.gradient(at: t)))\t\(trace.adagrad[t - 1])\t\(trace.rmsprop[t - 1])")
            }
            try figure.show(Accumulators.figure(trace))
        }
    }
}
