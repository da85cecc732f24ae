import ArgumentParser
import BookChecks
import Figures

/// Chapter 5, the notes' networks: seed 001's moons network and seed 002's 4-layer sigmoid net.
public enum NotesNetworksBook: BookChapter {
    public static let title = "Chapter 5 — the notes' networks: moons (seed 001) and a 4-layer sigmoid net (seed 002)"
    public static let textFile = "05-notes-networks.md"
    public static let figureTopic = "notes-networks"
    public static let tool = "backprop"

    public static var examples: [String: () -> Finding] {
        [
            "moons-loss-early": MoonsExamples.steadyLosses,
            "moons-loss-2000": MoonsExamples.lossWhileSwinging,
            "moons-loss-orbit": MoonsExamples.orbitLosses,
            "moons-annealed": MoonsExamples.annealedLosses,
            "logistic-cost-penalty": LogisticRegressionPenalty.finding,
            "sigmoid-net-a2": SigmoidNetExamples.secondActivation,
            "sigmoid-net-z3": SigmoidNetExamples.thirdInput,
            "sigmoid-net-output-delta": SigmoidNetExamples.outputDelta,
            "sigmoid-slope": SigmoidNetExamples.sigmoidSlope,
            "sigmoid-net-backprop": SigmoidNetExamples.backpropagation,
            "sigmoid-net-zero-init": SigmoidNetExamples.zeroInitialisation,
            "sigmoid-net-random-init": SigmoidNetExamples.randomInitialisation,
        ]
    }

    public static func figures() -> [Figure] {
        let data = MoonsData.moons()
        return [
            MoonsFigures.logisticRegression(LogisticRegression.fit(x: data.x, y: data.y), data: data),
            MoonsFigures.boundary(MoonsExamples.constantRun.model, data: data,
                                  title: "Decision Boundary for hidden layer size 3", name: "moons-hidden-3"),
            MoonsFigures.lossPerPass(MoonsExamples.constantRun, window: MoonsExamples.figureWindow,
                                     printEvery: MoonsExamples.constant.printEvery),
        ]
    }

    /// The notes' subplot grid trains seven networks of up to 50 hidden units: about a minute in a
    /// debug build, so the unit tests redraw it only with DLFS_SLOW_CHECKS=1.
    public static func slowFigures() -> [Figure] {
        [MoonsFigures.hiddenSizes(MoonsExamples.hiddenSizeModels(), data: MoonsData.moons())]
    }

    /// The `backprop` subcommands of this part.
    public static let commands: [ParsableCommand.Type] = [
        MoonsCommand.self, MoonsRoundingCommand.self, LogisticRegressionCommand.self, SigmoidNetCommand.self,
    ]
}
