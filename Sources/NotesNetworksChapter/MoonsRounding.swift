import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// How much seed 001's runs depend on rounding: the same training from starting weights that
/// differ by one ulp in a single entry.
///
/// With a constant ε = 0.01 on a loss summed over 200 examples, the minimum the run approaches
/// becomes too sharp for the step: from about pass 1500 the weights swing across it and settle on a
/// period-2 orbit, the loss alternating between two values. The swing grows from whatever tiny
/// component along the unstable direction the weights carry, so its phase (which of the two
/// values even passes show) and its size at pass 2000 are decided by rounding. The annealed run's
/// step shrinks before that happens, and rounding differences die out instead.
public enum MoonsRounding {
    /// One run of the ensemble and the losses it recorded.
    public struct Member: Sendable {
        /// nil for the notes' own starting weights.
        public let nudge: MoonsNudge?
        public let run: MoonsRun
    }

    /// The run from the notes' weights and one run per one-ulp nudge of each of the 4H starting
    /// weights (up and down), each `passes` long, recording the loss after the passes `record` names.
    public static func ensemble(
        _ training: MoonsTraining, passes: Int, record: Set<Int>,
        data: (x: Matrix, y: [Int]) = MoonsData.moons()
    ) -> [Member] {
        var short = training
        short.passes = passes
        let start = MoonsModel(hidden: training.hidden, seed: training.seed)
        let nudges: [MoonsNudge?] = [nil] + MoonsNudge.all(hidden: training.hidden)
        return nudges.map { nudge in
            Member(
                nudge: nudge,
                run: MoonsNetwork.train(
                    short, x: data.x, y: data.y,
                    from: nudge.map(start.nudged) ?? start,
                    recordAfter: { record.contains($0) }))
        }
    }

    /// Which of the two values of a period-2 orbit a run shows after the even pass `pass`.
    public enum Phase: String, Sendable {
        case upperAtEvenPasses = "upper", lowerAtEvenPasses = "lower"
    }

    /// The phase of a run that recorded the losses after `pass` and `pass + 1`.
    public static func phase(of run: MoonsRun, at pass: Int) -> Phase? {
        guard let here = run.loss(after: pass), let next = run.loss(after: pass + 1) else { return nil }
        return here > next ? .upperAtEvenPasses : .lowerAtEvenPasses
    }

    /// The upper value of the period-2 orbit at `pass`, whichever phase the run is in: the loss
    /// after `pass` if that is the upper one, else the mean of its neighbours (both upper; the orbit
    /// drifts by less than 1e-7 per pass after pass 3000, and the mean is good to about 1e-11).
    /// Needs the losses after pass − 1, pass and pass + 1.
    public static func upperValue(of run: MoonsRun, at pass: Int) -> Double? {
        guard let before = run.loss(after: pass - 1), let here = run.loss(after: pass),
            let after = run.loss(after: pass + 1)
        else { return nil }
        return here > after ? here : (before + after) / 2
    }

    /// The lower value, likewise.
    public static func lowerValue(of run: MoonsRun, at pass: Int) -> Double? {
        guard let before = run.loss(after: pass - 1), let here = run.loss(after: pass),
            let after = run.loss(after: pass + 1)
        else { return nil }
        return here < after ? here : (before + after) / 2
    }

    /// The passes around every printed one, so that both values of the orbit are known there.
    public static func printedPassesWithNeighbours(_ training: MoonsTraining) -> Set<Int> {
        Set(
            stride(from: 0, to: training.passes, by: training.printEvery).flatMap { [$0 - 1, $0, $0 + 1] }
                .filter { $0 >= 0 && $0 < training.passes })
    }
}

/// `notes-networks moons-rounding`: the same run from starting weights nudged by one ulp each.
struct MoonsRoundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moons-rounding",
        abstract:
            "Rerun seed 001's training from every one-ulp nudge of a starting weight and show how the losses move.",
        discussion: """
            For each run: the loss after the passes named by --at (six decimals, as the notes print) and, with a \
            constant ε, which value of the period-2 orbit the even passes show. The spread is what rounding alone \
            does to the print.
            """)

    @Option(help: "Hidden units.") var hidden = 3
    @Option(help: "Passes per run.") var passes = 3002
    @Option(help: ArgumentHelp("Anneal ε as ε0 / (1 + d·t).", valueName: "d")) var anneal: Double?
    @Option(parsing: .upToNextOption, help: "The passes after which to show the loss.") var at: [Int] = [
        1000, 2000, 3000,
    ]
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
        print(
            "start".padding(toLength: 8, withPad: " ", startingAt: 0)
                + at.map { "loss \($0)".padding(toLength: 12, withPad: " ", startingAt: 0) }.joined()
                + "phase at \(at.last!)")
        for member in members {
            let losses = at.map {
                String(format: "%.6f", member.run.loss(after: $0)!).padding(toLength: 12, withPad: " ", startingAt: 0)
            }
            let phase = MoonsRounding.phase(of: member.run, at: at.last!).map(\.rawValue) ?? "-"
            print(
                (member.nudge?.description ?? "notes").padding(toLength: 8, withPad: " ", startingAt: 0)
                    + losses.joined() + phase)
        }
        for pass in at {
            let values = members.map { $0.run.loss(after: pass)! }
            print(
                String(
                    format: "after pass %d: %.9f ... %.9f (spread %.2e)", pass, values.min()!, values.max()!,
                    values.max()! - values.min()!))
            let uppers = members.compactMap { MoonsRounding.upperValue(of: $0.run, at: pass) }
            let lowers = members.compactMap { MoonsRounding.lowerValue(of: $0.run, at: pass) }
            if anneal == nil, uppers.count == members.count, lowers.count == members.count {
                print(
                    String(
                        format:
                            "    orbit's upper value %.9f ... %.9f (spread %.2e), lower %.9f ... %.9f (spread %.2e)",
                        uppers.min()!, uppers.max()!, uppers.max()! - uppers.min()!,
                        lowers.min()!, lowers.max()!, lowers.max()! - lowers.min()!))
            }
        }
    }
}
