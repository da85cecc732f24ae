import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// `backprop moons`: seed 001's `build_model` with every parameter a flag.
struct MoonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moons",
        abstract: "Train seed 001's 2-H-2 tanh/softmax network on make_moons(200, noise=0.20) by full-batch gradient descent.",
        discussion: """
            Prints "Loss after iteration i" every --print-every passes, as the notes do, then the final loss and the \
            training accuracy. The notes' runs: `backprop moons` and `backprop moons --anneal 10e-3`. Try \
            `--nudge w1.2+` (one starting weight moved by one ulp) to see the constant-ε run lock into the other \
            phase of its period-2 oscillation.
            """)

    @Option(help: "Hidden units (nn_hdim).") var hidden = 3
    @Option(help: "Passes of gradient descent through the 200 points (num_passes).") var passes = 20_000
    @Option(parsing: .unconditional, help: "The learning rate (the notes' ε, epsilon).") var lr = 0.01
    @Option(name: .customLong("lambda"), help: "The L2 weight λ (reg_lambda).") var lambda = 0.01
    @Option(help: ArgumentHelp("Anneal ε as ε0 / (1 + d·t) (the exercise; the notes use d = 10e-3).", valueName: "d"))
    var anneal: Double?
    @Option(help: "The seed np.random.seed gets in build_model, before the weights are drawn.") var seed = 0
    @Option(name: .customLong("data-seed"), help: "The seed before make_moons (the notes: 0).") var dataSeed = 0
    @Option(name: .customLong("print-every"), help: "Compute and print the loss after every this many passes.")
    var printEvery = 1000
    @Option(help: ArgumentHelp("Move one starting weight by one ulp: w1.<index>+ or w2.<index>- (row-major index).",
                               valueName: "weight"))
    var nudge: String?
    @Option(help: "How products are summed: plain (left to right, the checks' choice) or blas (OpenBLAS, as NumPy).")
    var products = MoonsProducts.plain
    @Flag(help: "Also print, at every printed pass, ε·λmax: the step times the largest Hessian eigenvalue (stable below 2).")
    var sharpness = false
    @Flag(help: "Print JSON: the loss trace, the final loss and the training accuracy.") var json = false
    @Flag(help: "No progress on stderr.") var quiet = false
    @OptionGroup var figure: ExampleFigureOptions

    func validate() throws {
        try FlagCheck.nonNegative(hidden, "--hidden", max: 1000)
        guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1, got \(hidden)") }
        try FlagCheck.nonNegative(passes, "--passes", max: 10_000_000)
        try FlagCheck.positive(lr, "--lr")
        guard lambda.isFinite, lambda >= 0 else { throw ValidationError("--lambda must be a number >= 0, got \(lambda)") }
        if let anneal, !(anneal.isFinite && anneal >= 0) {
            throw ValidationError("--anneal must be a number >= 0, got \(anneal)")
        }
        for (flag, value) in [("--seed", seed), ("--data-seed", dataSeed)] where !(0...Int(UInt32.max)).contains(value) {
            throw ValidationError("\(flag) must be between 0 and 4294967295 (numpy.random.seed's range), got \(value)")
        }
        guard printEvery >= 1 else { throw ValidationError("--print-every must be at least 1, got \(printEvery)") }
        if let nudge {
            guard let parsed = MoonsNudge(nudge) else {
                throw ValidationError("--nudge must look like w1.2+ or w2.0- (weights, row-major index, direction), got '\(nudge)'")
            }
            guard parsed.index < 2 * hidden else {
                throw ValidationError("--nudge \(nudge): W1 and W2 have \(2 * hidden) entries each with --hidden \(hidden)")
            }
        }
    }

    func run() throws {
        let training = MoonsTraining(hidden: hidden, passes: passes, epsilon: lr, lambda: lambda, anneal: anneal,
                                     seed: UInt32(seed), printEvery: printEvery, products: products)
        let data = MoonsData.moons(seed: UInt32(dataSeed))
        var start = MoonsModel(hidden: hidden, seed: UInt32(seed))
        if let nudge = nudge.flatMap(MoonsNudge.init) { start = start.nudged(nudge) }

        // A progress line only for runs long enough to wait for (about a second or more in release).
        var bar = ProgressBar("moons", total: passes)
        let showProgress = !quiet && passes * (hidden + 2) >= 400_000
        let printed = Set(stride(from: 0, to: passes, by: printEvery))
        let run = MoonsNetwork.train(training, x: data.x, y: data.y, from: start,
                                     keepModelsAfter: sharpness ? printed : [], progress: { done in
            if showProgress, done % 1000 == 0 || done == passes { bar.update(done) }
        })
        let finalLoss = MoonsNetwork.loss(run.model, x: data.x, y: data.y, lambda: lambda, products: products)
        let accuracy = MoonsNetwork.accuracy(run.model, x: data.x, y: data.y)
        // A loss that is not a number means the weights blew up: named once, with what to try; the
        // accuracy of such a model means nothing, and its figure is refused.
        let divergedAt = run.losses.first { !$0.loss.isFinite }?.pass ?? (finalLoss.isFinite ? nil : passes)
        if let divergedAt {
            FileHandle.standardError.write(Data(("diverged by pass \(divergedAt): the loss became \(finalLoss.isFinite ? "infinite" : "nan"); "
                + "the weights overflowed. Try a smaller --lr (the notes' is 0.01).\n").utf8))
        }
        if json {
            let trace = run.losses.map { "{\"iteration\": \($0.pass), \"loss\": \(jsonNumber($0.loss))}" }.joined(separator: ", ")
            print("{\"hidden\": \(hidden), \"passes\": \(passes), \"lr\": \(lr), \"lambda\": \(lambda), "
                  + "\"anneal\": \(anneal.map { "\($0)" } ?? "null"), \"seed\": \(seed), "
                  + "\"trace\": [\(trace)], \"final_loss\": \(jsonNumber(finalLoss)), \"training_accuracy\": \(accuracy), "
                  + "\"diverged_at\": \(divergedAt.map(String.init) ?? "null")}")
        } else if divergedAt != nil {
            for (pass, loss) in run.losses { print(String(format: "Loss after iteration %d: %f", pass, loss)) }
            print("final loss \(shortest(finalLoss)): the run diverged, so the model has no training accuracy to report")
        } else {
            for (pass, loss) in run.losses {
                var line = String(format: "Loss after iteration %d: %f", pass, loss)
                if sharpness, let model = run.snapshots[pass] {
                    // The weights after pass i meet the step of pass i + 1.
                    let lambdaMax = MoonsSharpness.sharpness(model, x: data.x, y: data.y, lambda: lambda)
                    line += String(format: "   λmax %.2f, ε·λmax %.3f", lambdaMax, training.stepSize(pass: pass + 1) * lambdaMax)
                }
                print(line)
            }
            print("final loss \(finalLoss), training accuracy \(accuracy) (\(Int((accuracy * 200).rounded())) of 200 points)")
        }
        if divergedAt != nil, figure.figurePath != nil || figure.preview {
            FileHandle.standardError.write(Data("not drawing the decision boundary of a diverged model (its weights are not numbers)\n".utf8))
            throw ExitCode(1)
        }
        try figure.show(MoonsFigures.boundary(run.model, data: data,
                                              title: "Decision boundary for hidden layer size \(hidden)", name: "moons"))
    }
}

extension MoonsProducts: ExpressibleByArgument {}

/// `backprop moons-rounding`: the same run from starting weights nudged by one ulp each.
struct MoonsRoundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moons-rounding",
        abstract: "Rerun seed 001's training from every one-ulp nudge of a starting weight and show how the losses move.",
        discussion: """
            For each run: the loss after the passes named by --at (six decimals, as the notes print) and, with a \
            constant ε, which value of the period-2 orbit the even passes show. The spread is what rounding alone \
            does to the print.
            """)

    @Option(help: "Hidden units.") var hidden = 3
    @Option(help: "Passes per run.") var passes = 3002
    @Option(help: ArgumentHelp("Anneal ε as ε0 / (1 + d·t).", valueName: "d")) var anneal: Double?
    @Option(parsing: .upToNextOption, help: "The passes after which to show the loss.") var at: [Int] = [1000, 2000, 3000]
    @Option(help: "How products are summed: plain or blas.") var products = MoonsProducts.plain

    func validate() throws {
        try FlagCheck.within(hidden, 1...100, "--hidden")
        try FlagCheck.nonNegative(passes, "--passes", max: 1_000_000)
        if let anneal, !(anneal.isFinite && anneal >= 0) {
            throw ValidationError("--anneal must be a number >= 0, got \(anneal)")
        }
        if let bad = at.first(where: { $0 < 1 || $0 >= passes - 1 }) {
            throw ValidationError("--at \(bad) is not a pass of a \(passes)-pass run with a pass on either side")
        }
    }

    func run() throws {
        let training = MoonsTraining(hidden: hidden, anneal: anneal, products: products)
        let record = Set(at.flatMap { [$0 - 1, $0, $0 + 1] })
        let members = MoonsRounding.ensemble(training, passes: passes, record: record)
        print("start".padding(toLength: 8, withPad: " ", startingAt: 0)
              + at.map { "loss \($0)".padding(toLength: 12, withPad: " ", startingAt: 0) }.joined() + "phase at \(at.last!)")
        for member in members {
            let losses = at.map { String(format: "%.6f", member.run.loss(after: $0)!).padding(toLength: 12, withPad: " ", startingAt: 0) }
            let phase = MoonsRounding.phase(of: member.run, at: at.last!).map(\.rawValue) ?? "-"
            print((member.nudge?.description ?? "notes").padding(toLength: 8, withPad: " ", startingAt: 0) + losses.joined() + phase)
        }
        for pass in at {
            let values = members.map { $0.run.loss(after: pass)! }
            print(String(format: "after pass %d: %.9f ... %.9f (spread %.2e)", pass, values.min()!, values.max()!,
                         values.max()! - values.min()!))
            let uppers = members.compactMap { MoonsRounding.upperValue(of: $0.run, at: pass) }
            let lowers = members.compactMap { MoonsRounding.lowerValue(of: $0.run, at: pass) }
            if anneal == nil, uppers.count == members.count, lowers.count == members.count {
                print(String(format: "    orbit's upper value %.9f ... %.9f (spread %.2e), lower %.9f ... %.9f (spread %.2e)",
                             uppers.min()!, uppers.max()!, uppers.max()! - uppers.min()!,
                             lowers.min()!, lowers.max()!, lowers.max()! - lowers.min()!))
            }
        }
    }
}
