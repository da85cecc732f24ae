import ArgumentParser
import BookChecks
import Foundation
import FromScratch

/// `optimizers`: the examples of DLfS 6.1 and seed 004 §3, one subcommand each.
public struct OptimizersCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Optimizers (参数的更新), DLfS 6.1: SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam.",
        subcommands: [CheckCommand<OptimizersBook>.self, Compare.self, MomentumExample.self, AccumulatorsExample.self,
                      Clip.self, MNISTRun.self],
        defaultSubcommand: CheckCommand<OptimizersBook>.self)

    public init() {}

    /// DLfS 6.1.7: the optimizers on x²/20 + y².
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Optimizers on f(x, y) = x^2/20 + y^2 from (-7, 2), as optimizer_compare_naive.py (DLfS 6.1.7).",
            discussion: "Without --optimizer: all six with the chapter's rates (SGD 0.95, Momentum 0.1, Nesterov 0.1, "
                + "AdaGrad 1.5, RMSprop 0.3, Adam 0.3). With one --optimizer, --lr sets its rate.")
        @Option(help: "Only this optimizer: \(OptimizerKind.allValueStrings.joined(separator: ", ")).") var optimizer: OptimizerKind?
        @Option(parsing: .unconditional, help: "The learning rate (学习率) of the one --optimizer.") var lr: Double?
        @Option(help: "Number of updates.") var steps = OptimizerPaths.steps
        @Option(help: "The start point x,y.") var start = NumberList([OptimizerPaths.start.x, OptimizerPaths.start.y])
        @Flag(help: "Print every point, not only the end point.") var history = false
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            if let lr {
                guard optimizer != nil else { throw ValidationError("--lr needs --optimizer (each optimizer has its own rate)") }
                try FlagCheck.positive(lr, "--lr")
            }
            try FlagCheck.nonNegative(steps, "--steps", max: 100_000)
            guard start.values.count == 2 else { throw ValidationError("--start needs two numbers x,y, got \(start)") }
        }

        func run() throws {
            let entries = optimizer.map { kind in
                [lr.map { OptimizerPaths.Entry(kind: kind, learningRate: $0, origin: "") } ?? OptimizerPaths.entry(kind)]
            } ?? OptimizerPaths.entries
            let from = (x: start.values[0], y: start.values[1])
            var paths: [(entry: OptimizerPaths.Entry, path: OptimizerPath)] = []
            for entry in entries {
                let path = OptimizerPaths.path(entry.kind, learningRate: entry.learningRate, from: from, steps: steps)
                paths.append((entry, path))
                if history {
                    for (step, p) in path.points.enumerated() { print("\(entry.kind.bookName)\t\(step)\t\(p.x)\t\(p.y)") }
                }
                let origin = entry.origin.isEmpty ? "" : ", \(entry.origin)"
                print("\(entry.kind.bookName) (lr \(shortest(entry.learningRate))\(origin)): after \(steps) updates "
                      + "(\(path.end.x), \(path.end.y)), f = \(OptimizerPaths.f(path.end.x, path.end.y))")
            }
            try figure.show(OptimizerFigures.comparison(paths: paths))
        }
    }

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
            try figure.show(OptimizerFigures.momentumWalkthrough(steps: max(steps, 1)))
        }
    }

    /// Seed 004 §3.3.2: AdaGrad's and RMSProp's accumulators.
    struct AccumulatorsExample: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accumulators",
            abstract: "AdaGrad's h against RMSProp's: g = 1 for 100 updates, then g = 0 for 100 (seed 004 3.3.2).")
        @Option(help: "RMSProp's decay rate rho (衰减率), in (0, 1).") var decayRate = 0.99
        @Option(help: "Print h every this many updates.") var every = 20
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            guard decayRate.isFinite, decayRate > 0, decayRate < 1 else {
                throw ValidationError("--decay-rate must lie strictly between 0 and 1, got \(decayRate)")
            }
            guard every >= 1 else { throw ValidationError("--every must be at least 1, got \(every)") }
        }

        func run() throws {
            let trace = Accumulators.trace(decayRate: decayRate)
            print("update\tg\tAdaGrad h\tRMSProp h")
            for t in stride(from: every, through: trace.adagrad.count, by: every) {
                print("\(t)\t\(shortest(Accumulators.gradient(at: t)))\t\(trace.adagrad[t - 1])\t\(trace.rmsprop[t - 1])")
            }
            try figure.show(OptimizerFigures.accumulators(trace))
        }
    }

    /// Seed 004 §3.2: gradient clipping.
    struct Clip: ParsableCommand {
        enum Method: String, ExpressibleByArgument, CaseIterable { case value, norm }

        static let configuration = CommandConfiguration(
            commandName: "clip",
            abstract: "Clip a gradient by value (each element to [-t, t]) or by norm (scaled to length t) (seed 004 3.2).")
        @Option(help: "The gradient, comma-separated.") var gradient = NumberList([3, -0.5, -4])
        @Option(help: "value or norm.") var by = Method.value
        @Option(help: "The threshold (clip_value).") var threshold = 1.0

        func validate() throws { try FlagCheck.positive(threshold, "--threshold") }

        func run() throws {
            let clipping: GradientClipping = by == .value ? .byValue(threshold) : .byGlobalNorm(threshold)
            let g: NamedMatrices = ["g": Matrix(row: gradient.values)]
            let clipped = clipping.applied(to: g)["g"]!
            print("gradient \(gradient.values), norm \(GradientClipping.globalNorm(g))")
            print("clipped  \(clipped.storage), norm \(GradientClipping.globalNorm(["g": clipped]))")
        }
    }

    /// DLfS 6.1.8: the optimizers on MNIST.
    struct MNISTRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mnist",
            abstract: "Train one 5-layer net per optimizer on MNIST, as optimizer_compare_mnist.py (DLfS 6.1.8; progress on stderr).",
            discussion: "The book's run: SGD, Momentum, AdaGrad and Adam with their default rates, 2000 batches of 128. "
                + "--optimizers all adds Nesterov and RMSprop.")
        @Option(help: ArgumentHelp("Comma-separated optimizers, each once: "
                                    + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ") + "; or all."))
        var optimizers = OptimizerList(MNISTComparison.Setup.bookOptimizers)
        @Option(help: "Iterations (mini-batches).") var iterations = 2000
        @Option(help: "Images per mini-batch.") var batchSize = 128
        @Option(help: "numpy.random.seed before the weights and batches are drawn.") var seed: UInt32 = 0
        @Option(help: "Train on the first n training images only.") var trainingImages: Int?
        @Flag(help: "Print every optimizer's loss per iteration as JSON.") var json = false
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            guard iterations >= LossSmoothing.windowLength, iterations <= 1_000_000 else {
                throw ValidationError("--iterations must be between \(LossSmoothing.windowLength) and 1000000 (the curve is smoothed over 11), got \(iterations)")
            }
            guard batchSize >= 1, batchSize <= 60_000 else { throw ValidationError("--batch-size must be between 1 and 60000, got \(batchSize)") }
            if let trainingImages, !(1...60_000).contains(trainingImages) {
                throw ValidationError("--training-images must be between 1 and 60000, got \(trainingImages)")
            }
        }

        func run() throws {
            let setup = MNISTComparison.Setup(optimizers: optimizers.kinds, iterations: iterations, batchSize: batchSize,
                                              seed: seed, trainingImages: trainingImages)
            let result = try MNISTComparison.run(setup)
            if json {
                let fields = setup.optimizers.map { "\"\($0.bookName)\": [" + result.losses[$0]!.map { "\($0)" }.joined(separator: ", ") + "]" }
                print("{" + fields.joined(separator: ", ") + "}")
            } else {
                for i in stride(from: 0, to: iterations, by: 100) {
                    print("iteration \(i): " + setup.optimizers.map { "\($0.bookName) \(String(format: "%.4f", result.losses[$0]![i]))" }
                        .joined(separator: ", "))
                }
                print("final loss (mean of the last \(MNISTComparison.finalWindow)): \(MNISTComparison.finalLossSummary(result))"
                      + String(format: " (%.1f s)", result.seconds))
            }
            try figure.show(OptimizerFigures.mnistLosses(result, name: "mnist"))
        }
    }
}

extension OptimizerKind: ExpressibleByArgument {}

/// A comma-separated list of optimizers on the command line, or `all`.
struct OptimizerList: ExpressibleByArgument {
    var kinds: [OptimizerKind]

    init(_ kinds: [OptimizerKind]) { self.kinds = kinds }

    init?(argument: String) {
        if argument == "all" {
            kinds = OptimizerKind.allCases
            return
        }
        let parts = argument.split(separator: ",").map { OptimizerKind(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        let kinds = parts.map { $0! }
        guard Set(kinds).count == kinds.count else { return nil }
        self.kinds = kinds
    }

    var defaultValueDescription: String { kinds.map(\.rawValue).joined(separator: ",") }
}
