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
            MoonsFigures.boundary(constantRun.model, data: MoonsData.moons(),
                                  title: "Decision Boundary for hidden layer size 3", name: "moons-hidden-3"),
            MoonsFigures.lossPerPass(constantRun, window: figureWindow, printEvery: constant.printEvery),
        ]
    }

    static let constant = MoonsTraining()
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
        return MoonsNetwork.train(constant, x: data.x, y: data.y, recordAfter: { record.contains($0) },
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
        return Finding(.withinSpread(.interval(range, described: String(
            format: "%.6f ... %.6f over %d runs (the notes' start and every 1-ulp nudge of a starting weight; ours %.6f); "
                + "at pass %d, %d of them show the orbit's upper value, %d the lower",
            range.lowerBound, range.upperBound, values.count, ours, firstOrbitPrint, phases.upper, phases.lower)),
            why: "the print lies in the spread that rounding-level nudges give"))
    }

    /// "Loss after iteration 3000" ... "19000": the upper value of the period-2 orbit.
    static func orbitLosses() -> Finding {
        let passes = printedPasses(from: firstOrbitPrint, through: constant.passes - 1)
        return Finding(.withinSpread(.values(passes.map { MoonsRounding.upperValue(of: constantRun, at: $0)! }),
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
            hidden == constant.hidden ? constantRun.model
                : MoonsNetwork.train(MoonsTraining(hidden: hidden), x: data.x, y: data.y, recordAfter: { _ in false }).model
        }
    }
}

/// Seed 001's subplot grid: the moons network with 1 to 50 hidden units. It trains seven networks
/// (about a minute in a debug build), so the unit tests redraw it only with DLFS_SLOW_CHECKS=1.
enum MoonsHiddenSizes: WorkedExample {
    static let isSlow = true
    static func figures() -> [Figure] { [MoonsFigures.hiddenSizes(MoonsExamples.hiddenSizeModels(), data: MoonsData.moons())] }
}
