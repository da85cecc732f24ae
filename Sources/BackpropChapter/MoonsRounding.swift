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
    public static func ensemble(_ training: MoonsTraining, passes: Int, record: Set<Int>,
                                data: (x: Matrix, y: [Int]) = MoonsData.moons()) -> [Member] {
        var short = training
        short.passes = passes
        let start = MoonsModel(hidden: training.hidden, seed: training.seed)
        let nudges: [MoonsNudge?] = [nil] + MoonsNudge.all(hidden: training.hidden)
        return nudges.map { nudge in
            Member(nudge: nudge, run: MoonsNetwork.train(short, x: data.x, y: data.y,
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
              let after = run.loss(after: pass + 1) else { return nil }
        return here > after ? here : (before + after) / 2
    }

    /// The lower value, likewise.
    public static func lowerValue(of run: MoonsRun, at pass: Int) -> Double? {
        guard let before = run.loss(after: pass - 1), let here = run.loss(after: pass),
              let after = run.loss(after: pass + 1) else { return nil }
        return here < after ? here : (before + after) / 2
    }

    /// The passes around every printed one, so that both values of the orbit are known there.
    public static func printedPassesWithNeighbours(_ training: MoonsTraining) -> Set<Int> {
        Set(stride(from: 0, to: training.passes, by: training.printEvery).flatMap { [$0 - 1, $0, $0 + 1] }
            .filter { $0 >= 0 && $0 < training.passes })
    }
}
