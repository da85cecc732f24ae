import ArgumentParser
import BookChecks
import FromScratch

/// `derivatives`: the examples of DLfS 4.3-4.4.2, one subcommand each.
public struct DerivativesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "derivatives",
        abstract: "Numerical derivatives and gradients (数值微分, 梯度), DLfS 4.3-4.4.",
        subcommands: [CheckCommand<DerivativesBook>.self, Diff.self, Partial.self, Gradient.self, SimpleNetCommand.self,
                      Surface.self, Field.self],
        defaultSubcommand: CheckCommand<DerivativesBook>.self)

    public init() {}

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "f'(x) of f(x) = 0.01x^2 + 0.1x by finite differences (seed 000 §4.2.1, DLfS 4.3.2).",
            discussion: "Try --scheme forward to see the notes' printed numbers, or a tiny --h to see rounding win.")
        @Option(parsing: .upToNextOption, help: "Where to differentiate (several values allowed).") var x: [Double] = [5, 10]
        @Option(help: "The step h.") var h = defaultDifferenceStep
        @Option(help: "central (the book's) or forward (seed 000's numerical_diff0).") var scheme = DifferenceScheme.central
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            try FlagCheck.positive(h, "--h")
            for value in x { try FlagCheck.finite(value, "--x") }
        }

        func run() throws {
            for point in x {
                let estimate = numericalDerivative(BookFunctions.function1, at: point, h: h, scheme: scheme)
                let exact = BookFunctions.function1Derivative(point)
                print("x = \(point): \(scheme.rawValue) difference \(estimate)  (exact \(exact), error \(estimate - exact))")
            }
            try figure.show(TangentLines.figure(at: x, h: h))
        }
    }

    struct Partial: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Partial derivatives of x0^2 + x1^2, one variable at a time (DLfS 4.3.3).")
        @Option(help: "The point (x0,x1).") var at = NumberList([3, 4])

        func validate() throws {
            guard at.values.count == 2 else { throw ValidationError("--at needs two numbers x0,x1") }
        }

        func run() {
            let (x0, x1) = (at.values[0], at.values[1])
            print("df/dx0 = \(numericalDerivative({ v in v * v + x1 * x1 }, at: x0))")
            print("df/dx1 = \(numericalDerivative({ v in x0 * x0 + v * v }, at: x1))")
        }
    }

    struct Gradient: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "numerical_gradient of x0^2 + x1^2 + ... at a point of any length (DLfS 4.4, seed 003).")
        @Option(help: "The point, comma-separated.") var at = NumberList([3, 4])

        func run() {
            let grad = numericalGradient(BookFunctions.sumOfSquares, at: Matrix(row: at.values))
            print("gradient: \(grad.storage)")
            print("analytic: \(at.values.map { 2 * $0 })")
        }
    }

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

    struct Surface: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The surface of x0^2 + x1^2 (DLfS fig 4-8).")
        @OptionGroup var figure: ExampleFigureOptions
        func run() throws { try figure.show(SquareSurface.figure()) }
    }

    struct Field: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The field of -grad f on [-2, 2]^2 (DLfS fig 4-9).")
        @Option(help: "Distance between arrows.") var spacing = 0.25
        @OptionGroup var figure: ExampleFigureOptions
        func validate() throws { try FlagCheck.positive(spacing, "--spacing") }
        func run() throws { try figure.show(GradientField.figure(spacing: spacing)) }
    }
}
