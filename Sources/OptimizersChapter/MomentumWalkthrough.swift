import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// Seed 004 §3.3.1's worked example of momentum (动量法): f(x, y) = x² + 2y² from (1, 1), learning
/// rate 0.1, momentum coefficient μ = 0.9, in the notes' form v ← μ·v + g, w ← w − lr·v.
///
/// The notes stop at the recipe; the chapter text lists the first six steps, worked out by hand
/// in exact decimal arithmetic (every quantity is a finite decimal: the inputs are, and each
/// step only multiplies by 0.9, 0.1, 2 or 4 and adds), and the rows check the run against them.
public enum MomentumWalkthrough: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [MomentumExample.self]
    public static func figures() -> [Figure] { [figure()] }

    public static let start = (x: 1.0, y: 1.0)
    public static let learningRate = 0.1
    public static let momentum = 0.9
    /// Steps listed in the chapter text.
    public static let tabulatedSteps = 6

    /// ∇f = (2x, 4y).
    public static func gradient(_ x: Double, _ y: Double) -> (Double, Double) { (2 * x, 4 * y) }

    public static func f(_ x: Double, _ y: Double) -> Double { x * x + 2 * y * y }

    /// One step's state: the point and the velocity after it.
    public struct Step: Sendable {
        public let x, y, vx, vy: Double
    }

    /// The notes' recipe for `steps` steps (μ = 0 is plain gradient descent, as the notes say).
    public static func run(
        steps: Int, learningRate: Double = learningRate, momentum: Double = momentum,
        from start: (x: Double, y: Double) = start
    ) -> [Step] {
        var optimizer = Momentum(learningRate: learningRate, momentum: momentum, form: .notes)
        var params: NamedMatrices = ["x": Matrix(row: [start.x]), "y": Matrix(row: [start.y])]
        var result: [Step] = []
        for _ in 0..<steps {
            let (gx, gy) = gradient(params["x"]![flat: 0], params["y"]![flat: 0])
            optimizer.update(&params, gradients: ["x": Matrix(row: [gx]), "y": Matrix(row: [gy])])
            result.append(
                Step(
                    x: params["x"]![flat: 0], y: params["y"]![flat: 0],
                    vx: optimizer.velocity["x"]![flat: 0], vy: optimizer.velocity["y"]![flat: 0]))
        }
        return result
    }

    /// The path through the same steps (start included), for figures.
    public static func path(steps: Int, learningRate: Double = learningRate, momentum: Double = momentum)
        -> OptimizerPath
    {
        OptimizerPath(
            points: [start] + run(steps: steps, learningRate: learningRate, momentum: momentum).map { ($0.x, $0.y) })
    }

    /// The book's form (v ← μv − lr·g, x ← x + v) follows the same path: its v is −lr times the notes'.
    static func formsAgree() -> Finding {
        let steps = 100
        let notes = run(steps: steps)
        var book = Momentum(learningRate: learningRate, momentum: momentum, form: .book)
        let bookPath = descend(&book, from: start, steps: steps, gradient: gradient)
        let gap = zip(notes, bookPath.points.dropFirst()).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max()!
        return Finding(
            .claim(
                holds: gap < 1e-15,
                detail: "largest difference over \(steps) steps \(String(format: "%.1e", gap)) (rounding only)"))
    }

    /// The notes' general formula, w = w − v(t), has no learning rate; their example uses one.
    static func notesFormula() -> Finding {
        func firstStep(learningRate: Double) -> (Double, Double) {
            let step = run(steps: 1, learningRate: learningRate)[0]
            return (step.x, step.y)
        }
        let literal = firstStep(learningRate: 1)
        let example = firstStep(learningRate: learningRate)
        let exampleHolds = example == (1 - 0.1 * 2, 1 - 0.1 * 4)
        // Does the formula as printed take the example's first step?
        return Finding(
            .claim(
                holds: literal == (0.8, 0.6),
                detail: "w = w - v(t) takes the first step from (1, 1) to "
                    + "(\(shortest(literal.0)), \(shortest(literal.1))); the example's is (0.8, 0.6)"),
            erratum: Erratum(
                reproducedBy: "w = w - lr*v(t) with the example's lr 0.1",
                reproduction: .claim(
                    holds: exampleHolds, detail: "first step to (\(shortest(example.0)), \(shortest(example.1)))"),
                why:
                    "The notes define v(t) = u*v(t-1) + g, a sum of raw gradients, and then write the update as w = w - v(t), "
                    + "which would step by whole gradients (learning rate 1). Their own worked example updates x = x - 0.1*v_x(t), "
                    + "and the book's form puts the learning rate inside v instead (v = u*v - lr*g, w = w + v). The formula lost its epsilon."
            ))
    }

    public static var rows: [String: () -> Finding] {
        var rows: [String: () -> Finding] = [
            "momentum-forms-agree": formsAgree,
            "momentum-notes-formula": notesFormula,
        ]
        for k in 1...tabulatedSteps {
            rows["momentum-step-\(k)"] = {
                let s = run(steps: k)[k - 1]
                return .values([s.x, s.y, s.vx, s.vy])
            }
        }
        return rows
    }
}

extension MomentumWalkthrough {
    /// The notes' momentum example on x² + 2y² from (1, 1), lr 0.1, μ 0.9, against plain
    /// gradient descent (μ = 0) with the same learning rate; the tabulated steps are numbered.
    /// Drawn from the run's own lr and μ: the reader's flags, or the notes' 0.1 and 0.9.
    public static func figure(steps: Int = 30, learningRate lr: Double = learningRate, momentum mu: Double = momentum)
        -> Figure
    {
        var figure = Figure(
            name: "momentum-walkthrough",
            caption:
                "Momentum on f(x, y) = x² + 2y² from (1, 1), lr \(shortest(lr)), μ \(shortest(mu)) (seed 004 §3.3.1)",
            width: 860, height: 860)
        let levels = [0.1, 0.25, 0.5, 1, 2, 3.0]
        figure.contours("contours", levels: levels, a: 1, b: 2)
        let momentum = MomentumWalkthrough.path(steps: steps, learningRate: lr, momentum: mu)
        let plain = MomentumWalkthrough.path(steps: steps, learningRate: lr, momentum: 0)
        figure.data("momentum", rows: momentum.points.map { [$0.x, $0.y] })
        figure.data("plain", rows: plain.points.map { [$0.x, $0.y] })
        // The steps the notes tabulate, then every fifth, each number set beside its point on the
        // side away from the minimum: the path circles the minimum, so the outside of a turn is
        // where no segment of it runs.
        let numbered = momentum.points.enumerated().filter { step, _ in
            // Up to step 20: later turns are tight, and their numbers would sit on the path.
            step > 0 && (step <= MomentumWalkthrough.tabulatedSteps || (step % 5 == 0 && step <= 20))
        }
        let apart = 0.075
        figure.data(
            "numbered",
            rows: numbered.map { step, point in
                let length = max((point.x * point.x + point.y * point.y).squareRoot(), 1e-9)
                return [point.x + apart * point.x / length, point.y + apart * point.y / length, Double(step)]
            })
        figure.gnuplot(
            // lr and the start are in the script's header and the chapter text.
            "set title \"Momentum (μ \(shortest(mu))) and gradient descent (μ 0) on f = x² + 2y²\"",
            "set xlabel \"x\"", "set ylabel \"y\"",
            "set xrange [-1.3:1.3]", "set yrange [-1.3:1.3]",
            "set size ratio -1",
            "set key top left opaque width 2",
            "set style textbox opaque noborder margins 0.5,0.5",
            "plot $contours using 1:2 with lines linestyle 9 title \"f = 0.1, 0.25, 0.5, 1, 2, 3\", \\",
            "     $plain using 1:2 with linespoints linestyle 1 pointtype 6 pointsize 0.8 title \"μ = 0 (gradient descent)\", \\",
            "     $momentum using 1:2 with linespoints \(Palette.line(Palette.color(.momentum))) \(Palette.dash(1)) linewidth 1.5 pointtype 7 pointsize 0.8 title \"μ = \(shortest(mu)) (momentum)\", \\",
            "     $numbered using 1:2:(sprintf(\"%d\", $3)) with labels boxed font \",13\" notitle")
        return figure
    }
}

extension MomentumWalkthrough {
    /// Seed 004 §3.3.1's worked example.
    struct MomentumExample: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "momentum",
            abstract: "Seed 004's momentum example: f = x^2 + 2y^2 from (1, 1), v <- mu*v + grad, w <- w - lr*v.",
            discussion: "Prints x, y and the velocity after every step. --momentum 0 is plain gradient descent.")
        @Option(help: "Number of steps.") var steps = MomentumWalkthrough.tabulatedSteps
        @Option(parsing: .unconditional, help: "The learning rate (学习率).") var lr = MomentumWalkthrough.learningRate
        @Option(help: "The momentum coefficient mu (动量系数), in [0, 1].") var momentum = MomentumWalkthrough.momentum
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            try FlagCheck.positive(lr, "--lr")
            guard momentum.isFinite, momentum >= 0, momentum <= 1 else {
                throw ValidationError("--momentum must lie in [0, 1], got \(momentum)")
            }
            try FlagCheck.nonNegative(steps, "--steps", max: 100_000)
        }

        func run() throws {
            print("step\tx\ty\tv_x\tv_y\tf")
            for (k, s) in MomentumWalkthrough.run(steps: steps, learningRate: lr, momentum: momentum).enumerated() {
                print("\(k + 1)\t\(s.x)\t\(s.y)\t\(s.vx)\t\(s.vy)\t\(MomentumWalkthrough.f(s.x, s.y))")
            }
            try figure.show(MomentumWalkthrough.figure(steps: max(steps, 1), learningRate: lr, momentum: momentum))
        }
    }
}
