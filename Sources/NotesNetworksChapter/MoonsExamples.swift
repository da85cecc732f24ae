import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// The losses seed 001 prints, and the runs that answer them (each computed once per process).
///
/// The annealed run and the first two losses of the constant-ε run do not depend on rounding:
/// one-ulp nudges of the starting weights move them by less than 1e-15. From pass ~1000 on the
/// constant-ε run is past the edge of stability (ε·λmax > 2, `MoonsSharpness`): it swings across the
/// minimum in bursts and then settles on a period-2 orbit. Which of the orbit's two values the even
/// passes show, and how far the swing has got at pass 2000, are set by rounding (`MoonsRounding`).
/// So the rows check what the code determines: the loss at pass 2000 against the spread of the
/// nudged runs, and the later losses against the orbit's upper value, which the notes' run shows at
/// even passes and ours one pass later.
enum MoonsExamples: RunnableExample {
    static let rows: [String: () -> Finding] = [
        "moons-loss-early": steadyLosses, "moons-loss-2000": lossWhileSwinging, "moons-loss-orbit": orbitLosses,
        "moons-annealed": annealedLosses,
    ]
    static let commands: [any ParsableCommand.Type] = [MoonsCommand.self, MoonsRoundingCommand.self]

    static func figures() -> [Figure] {
        [
            MoonsFigures.data(MoonsData.moons()),
            MoonsFigures.boundary(
                constantRun.model, data: MoonsData.moons(),
                title: "Decision regions for hidden layer size 3", name: "moons-hidden-3"),
            MoonsFigures.lossPerPass(
                constantRun, window: figureWindow, printEvery: constant.printEvery, notesPrints: notesPrints),
        ]
    }

    static let constant = MoonsTraining()
    /// What seed 001 prints inside the figure's window, to its six decimals (the rows
    /// `moons-loss-early`, `moons-loss-2000` and `moons-loss-orbit` check these prints).
    static let notesPrints: [(pass: Int, loss: Double)] = [(1000, 0.068947), (2000, 0.068926), (3000, 0.071218)]
    static let annealed = MoonsTraining(anneal: MoonsTraining.notesAnnealing)
    /// Where the print of the constant-ε run stops depending on rounding and where its orbit has settled.
    static let lastSteadyPrint = 1000, firstOrbitPrint = 3000
    /// Passes whose per-pass loss the oscillation figure draws.
    static let figureWindow = 800...3200
    /// The weights kept for measuring the sharpness: after pass 999, that is, where pass 1000 starts.
    static let sharpnessPasses = [999]

    /// The notes' run, `build_model(3, print_loss=True)`, with the losses around every printed pass
    /// and every loss of the figure's window.
    static let constantRun: MoonsRun = {
        let data = MoonsData.moons()
        let record = MoonsRounding.printedPassesWithNeighbours(constant).union(figureWindow)
        return MoonsNetwork.train(
            constant, x: data.x, y: data.y, recordAfter: { record.contains($0) },
            keepModelsAfter: Set(sharpnessPasses))
    }()

    /// The exercise's run, ε = 0.01 / (1 + 10e-3·t).
    static let annealedRun: MoonsRun = {
        let data = MoonsData.moons()
        return MoonsNetwork.train(annealed, x: data.x, y: data.y, keepModelsAfter: Set(sharpnessPasses))
    }()

    /// The notes' run and its 4H·2 one-ulp nudges, up to the first pass of the settled orbit.
    static let roundingEnsemble: [MoonsRounding.Member] = MoonsRounding.ensemble(
        constant, passes: firstOrbitPrint + 2,
        record: [2000, firstOrbitPrint - 1, firstOrbitPrint, firstOrbitPrint + 1])

    static func printedPasses(from first: Int, through last: Int) -> [Int] {
        Array(stride(from: first, through: last, by: constant.printEvery))
    }

    /// "Loss after iteration 0" and "1000": reproducible to every printed digit.
    static func steadyLosses() -> Finding {
        .values(printedPasses(from: 0, through: lastSteadyPrint).map { constantRun.loss(after: $0)! })
    }

    /// "Loss after iteration 2000": the swing is growing there, and its size depends on rounding.
    static func lossWhileSwinging() -> Finding {
        let values = roundingEnsemble.map { $0.run.loss(after: 2000)! }
        let range = values.min()!...values.max()!
        let ours = constantRun.loss(after: 2000)!
        let phases = phaseCounts()
        return Finding(
            .withinSpread(
                .interval(
                    range,
                    described: String(
                        format:
                            "%.6f ... %.6f over %d runs (the notes' start and every 1-ulp nudge of a starting weight; ours %.6f); "
                            + "at pass %d, %d of them show the orbit's upper value, %d the lower",
                        range.lowerBound, range.upperBound, values.count, ours, firstOrbitPrint, phases.upper,
                        phases.lower)),
                why: "the print lies in the spread that rounding-level nudges give"))
    }

    /// "Loss after iteration 3000" ... "19000": the upper value of the period-2 orbit.
    static func orbitLosses() -> Finding {
        let passes = printedPasses(from: firstOrbitPrint, through: constant.passes - 1)
        return Finding(
            .withinSpread(
                .values(passes.map { MoonsRounding.upperValue(of: constantRun, at: $0)! }),
                why: "the orbit's upper value, which the notes' run shows at these passes and ours one pass later"))
    }

    /// The exercise's printed trace: every value reproducible.
    static func annealedLosses() -> Finding {
        .values(annealedRun.losses.map(\.loss))
    }

    /// How many runs of the ensemble show the orbit's upper value at the first settled print.
    static func phaseCounts() -> (upper: Int, lower: Int) {
        let phases = roundingEnsemble.compactMap { MoonsRounding.phase(of: $0.run, at: firstOrbitPrint) }
        return (phases.filter { $0 == .upperAtEvenPasses }.count, phases.filter { $0 == .lowerAtEvenPasses }.count)
    }
}

extension MoonsExamples {
    /// The notes' `hidden_layer_dimensions`.
    static let hiddenSizes = [1, 2, 3, 4, 5, 20, 50]

    /// `build_model(nn_hdim)` for every size of the notes' subplot grid (size 3 is the notes' run).
    static func hiddenSizeModels() -> [MoonsModel] {
        let data = MoonsData.moons()
        return hiddenSizes.map { hidden in
            hidden == constant.hidden
                ? constantRun.model
                : MoonsNetwork.train(MoonsTraining(hidden: hidden), x: data.x, y: data.y, recordAfter: { _ in false })
                    .model
        }
    }
}

/// Seed 001's subplot grid: the moons network with 1 to 50 hidden units. It trains seven networks
/// (about a minute in a debug build), so the unit tests redraw it only with DLFS_SLOW_CHECKS=1.
enum MoonsHiddenSizes: WorkedExample {
    static let isSlow = true
    static let rows: [String: () -> Finding] = ["notes-004-more-units": moreUnits]

    static let models = MoonsExamples.hiddenSizeModels()

    static func figures() -> [Figure] {
        let (train, test) = accuracies()
        return [
            MoonsFigures.hiddenSizes(models, data: MoonsData.moons()),
            MoonsFigures.fitByHiddenSize(hidden: models.map(\.hidden), train: train, unseen: test),
        ]
    }

    /// Each size's accuracy on the notes' 200 points and on 1000 unseen ones.
    static func accuracies() -> (train: [Double], unseen: [Double]) {
        let data = MoonsData.moons(), unseen = NotesMoonsClaims.unseen
        return (
            models.map { MoonsNetwork.accuracy($0, x: data.x, y: data.y) },
            models.map { MoonsNetwork.accuracy($0, x: unseen.x, y: unseen.y) }
        )
    }

    /// Seed 004 §1.4, "神经元个数越多,分界面就越复杂,分类能力越强,但容易出现过拟合": overfitting
    /// shows as a widening gap between the two accuracies: training accuracy that keeps rising
    /// while the unseen accuracy does not.
    static func moreUnits() -> Finding {
        let (train, test) = accuracies()
        let largest = models.count - 1
        let bestTest = test.indices.max { test[$0] < test[$1] }!
        return Finding(
            .claim(
                holds: train[largest] > train[0] && train[largest] - test[largest] > train[bestTest] - test[bestTest],
                detail: models.indices.map {
                    "H = \(models[$0].hidden): \(percent(train[$0])) / \(percent(test[$0]))"
                }.joined(separator: ", ") + " right (the notes' 200 points / 1000 unseen)"))
    }
}

/// `notes-networks moons`: seed 001's `build_model` with every parameter a flag.
struct MoonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moons",
        abstract:
            "Train seed 001's 2-H-2 tanh/softmax network on make_moons(200, noise=0.20) by full-batch gradient descent.",
        discussion: """
            Prints "Loss after iteration i" every --print-every passes, as the notes do, then the final loss and the \
            training accuracy. The notes' runs: `notes-networks moons` and `notes-networks moons --anneal 10e-3`. Try \
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
    @Option(
        help: ArgumentHelp(
            "Move one starting weight by one ulp: w1.<index>+ or w2.<index>- (row-major index).",
            valueName: "weight"))
    var nudge: String?
    @Option(help: "How products are summed: plain (left to right, the checks' choice) or blas (OpenBLAS, as NumPy).")
    var products = MoonsProducts.plain
    @Flag(
        help:
            "Also print, at every printed pass, ε·λmax: the step times the largest Hessian eigenvalue (stable below 2)."
    )
    var sharpness = false
    @Flag(help: "Print JSON: the loss trace, the final loss and the training accuracy.") var json = false
    @Flag(help: "No progress on stderr.") var quiet = false
    @OptionGroup var figure: ExampleFigureOptions

    func validate() throws {
        try FlagCheck.within(hidden, 1...1000, "--hidden")
        try FlagCheck.nonNegative(passes, "--passes", max: 10_000_000)
        try FlagCheck.positive(lr, "--lr")
        guard lambda.isFinite, lambda >= 0 else {
            throw ValidationError("--lambda must be a number >= 0, got \(lambda)")
        }
        if let anneal, !(anneal.isFinite && anneal >= 0) {
            throw ValidationError("--anneal must be a number >= 0, got \(anneal)")
        }
        for (flag, value) in [("--seed", seed), ("--data-seed", dataSeed)] where !(0...Int(UInt32.max)).contains(value)
        {
            throw ValidationError("\(flag) must be between 0 and 4294967295 (numpy.random.seed's range), got \(value)")
        }
        guard printEvery >= 1 else { throw ValidationError("--print-every must be at least 1, got \(printEvery)") }
        if let nudge {
            guard let parsed = MoonsNudge(nudge) else {
                throw ValidationError(
                    "--nudge must look like w1.2+ or w2.0- (weights, row-major index, direction), got '\(nudge)'")
            }
            guard parsed.index < 2 * hidden else {
                throw ValidationError(
                    "--nudge \(nudge): W1 and W2 have \(2 * hidden) entries each with --hidden \(hidden)")
            }
        }
    }

    func run() throws {
        let training = MoonsTraining(
            hidden: hidden, passes: passes, epsilon: lr, lambda: lambda, anneal: anneal,
            seed: UInt32(seed), printEvery: printEvery, products: products)
        let data = MoonsData.moons(seed: UInt32(dataSeed))
        var start = MoonsModel(hidden: hidden, seed: UInt32(seed))
        if let nudge = nudge.flatMap(MoonsNudge.init) { start = start.nudged(nudge) }

        // A progress line only for runs long enough to wait for (about a second or more in release).
        var bar = ProgressBar("moons", total: passes)
        let showProgress = !quiet && passes * (hidden + 2) >= 400_000
        let printed = Set(stride(from: 0, to: passes, by: printEvery))
        let run = MoonsNetwork.train(
            training, x: data.x, y: data.y, from: start,
            keepModelsAfter: sharpness ? printed : [],
            progress: { done in
                if showProgress, done % 1000 == 0 || done == passes { bar.update(done) }
            })
        let finalLoss = MoonsNetwork.loss(run.model, x: data.x, y: data.y, lambda: lambda, products: products)
        let accuracy = MoonsNetwork.accuracy(run.model, x: data.x, y: data.y)
        // A loss that is not a number means the weights blew up: named once, with what to try; the
        // accuracy of such a model means nothing, and its figure is refused.
        let divergedAt = run.losses.first { !$0.loss.isFinite }?.pass ?? (finalLoss.isFinite ? nil : passes)
        if let divergedAt {
            FileHandle.standardError.write(
                Data(
                    ("diverged by pass \(divergedAt): the loss became \(finalLoss.isFinite ? "infinite" : "nan"); "
                        + "the weights overflowed. Try a smaller --lr (the notes' is 0.01).\n").utf8))
        }
        if json {
            let trace = run.losses.map { "{\"iteration\": \($0.pass), \"loss\": \(jsonNumber($0.loss))}" }.joined(
                separator: ", ")
            print(
                "{\"hidden\": \(hidden), \"passes\": \(passes), \"lr\": \(lr), \"lambda\": \(lambda), "
                    + "\"anneal\": \(anneal.map { "\($0)" } ?? "null"), \"seed\": \(seed), "
                    + "\"trace\": [\(trace)], \"final_loss\": \(jsonNumber(finalLoss)), \"training_accuracy\": \(accuracy), "
                    + "\"diverged_at\": \(divergedAt.map(String.init) ?? "null")}")
        } else if divergedAt != nil {
            for (pass, loss) in run.losses { print(String(format: "Loss after iteration %d: %f", pass, loss)) }
            print(
                "final loss \(shortest(finalLoss)): the run diverged, so the model has no training accuracy to report")
        } else {
            for (pass, loss) in run.losses {
                var line = String(format: "Loss after iteration %d: %f", pass, loss)
                if sharpness, let model = run.snapshots[pass] {
                    // The weights after pass i meet the step of pass i + 1.
                    let lambdaMax = MoonsSharpness.sharpness(model, x: data.x, y: data.y, lambda: lambda)
                    line += String(
                        format: "   λmax %.2f, ε·λmax %.3f", lambdaMax, training.stepSize(pass: pass + 1) * lambdaMax)
                }
                print(line)
            }
            print(
                "final loss \(finalLoss), training accuracy \(accuracy) (\(Int((accuracy * 200).rounded())) of 200 points)"
            )
        }
        if divergedAt != nil, figure.figurePath != nil || figure.preview {
            FileHandle.standardError.write(
                Data("not drawing the decision boundary of a diverged model (its weights are not numbers)\n".utf8))
            throw ExitCode(1)
        }
        try figure.show(
            MoonsFigures.boundary(
                run.model, data: data,
                title: "Decision boundary for hidden layer size \(hidden)", name: "moons"))
    }
}

extension MoonsProducts: ExpressibleByArgument {}
