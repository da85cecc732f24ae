import ArgumentParser
import BookChecks
import Foundation
import FromScratch

/// `backprop sigmoid-net`: seed 002's sigmoid network on the moons, its gradient check and training.
struct SigmoidNetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigmoid-net",
        abstract: "seed 002's sigmoid network on the moons: gradient check of the δ recursion, then gradient descent.",
        discussion: """
            Prints the largest difference between the δ recursion's gradient and a numerical one, then trains and \
            reports J(Θ), the training accuracy and how far apart the hidden units are. With --zero-init every unit \
            of a hidden layer stays identical to the others.
            """)

    @Option(help: "Units per layer, input first, output last (the input must be 2, the output 2).")
    var layers = NumberList(SigmoidNetExamples.layerSizes.map(Double.init))
    @Option(name: .customLong("lambda"), help: "The weight λ of the penalty in J(Θ).") var lambda = SigmoidNetExamples.lambda
    @Option(help: "numpy.random.seed before the weights are drawn.") var seed = Int(SigmoidNetExamples.seed)
    @Option(name: .customLong("init-epsilon"), help: "Weights start uniform in [-ε, ε] (default: ε = √6/√(s_l + s_(l+1)) per layer).")
    var initEpsilon: Double?
    @Flag(name: .customLong("zero-init"), help: "Start from Θ = 0 instead.") var zeroInit = false
    @Option(parsing: .unconditional, help: "The learning rate of gradient descent.") var lr = SigmoidNetExamples.rate
    @Option(help: "Gradient-descent steps.") var steps = SigmoidNetExamples.steps
    @Option(help: "Train on the first this many of the 200 moons (with all 200, 100 per class, Θ = 0 does not move at all).")
    var examples = SigmoidNetExamples.examples

    var sizes: [Int] { layers.values.map { Int($0) } }

    func validate() throws {
        guard layers.values.allSatisfy({ $0 == $0.rounded() && $0 >= 1 && $0 <= 100 }), sizes.count >= 3 else {
            throw ValidationError("--layers needs at least 3 whole numbers between 1 and 100 (input, hidden..., output), got \(layers)")
        }
        guard sizes.first == 2, sizes.last == 2 else {
            throw ValidationError("--layers must start with 2 (the moons' coordinates) and end with 2 (the classes), got \(layers)")
        }
        guard lambda.isFinite, lambda >= 0 else { throw ValidationError("--lambda must be a number >= 0, got \(lambda)") }
        guard (0...Int(UInt32.max)).contains(seed) else {
            throw ValidationError("--seed must be between 0 and 4294967295 (numpy.random.seed's range), got \(seed)")
        }
        if let initEpsilon { try FlagCheck.positive(initEpsilon, "--init-epsilon") }
        try FlagCheck.positive(lr, "--lr")
        try FlagCheck.nonNegative(steps, "--steps", max: 1_000_000)
        guard (1...MoonsData.samples).contains(examples) else {
            throw ValidationError("--examples must be between 1 and \(MoonsData.samples), got \(examples)")
        }
    }

    func run() throws {
        let (x, y, labels) = SigmoidNetExamples.data(examples: examples)
        let start = zeroInit ? SigmoidNet.zeros(layerSizes: sizes)
            : SigmoidNet.random(layerSizes: sizes, epsilon: initEpsilon, seed: UInt32(seed))
        print("layers \(sizes), λ = \(lambda), \(zeroInit ? "Θ = 0" : "Θ uniform in [-ε, ε] with ε = \(initEpsilon.map { "\($0)" } ?? "√6/√(s_l + s_(l+1))"), seed \(seed)")")
        print(String(format: "gradient check at the start: max |backprop - numerical| / max |gradient| = %.2e",
                     SigmoidNetExamples.gradientCheck(start, x: x, y: y, lambda: lambda)))
        let trained = start.trained(x, y, lambda: lambda, rate: lr, steps: steps)
        let accuracy = zip(trained.forward(x).last!.argmaxPerRow(), labels).filter { $0 == $1 }.count
        print(String(format: "after %d steps (lr %g): J = %.6f, training accuracy %d/%d", steps, lr,
                     trained.cost(x, y, lambda: lambda), accuracy, examples))
        for (layer, distance) in SigmoidNetExamples.closestUnits(trained).enumerated() where sizes[layer + 1] > 1 {
            print("layer \(layer + 2): the two closest units' weights differ by at most \(distance)")
        }
        print("hidden units identical (==): \(SigmoidNetExamples.unitsIdentical(trained, x: x) ? "yes" : "no")")
    }
}
