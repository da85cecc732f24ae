import ArgumentParser
import BookChecks
import ChapterCommandLine
import Foundation
import FromScratch

/// The chapter a `train-mnist` subcommand belongs to decides its defaults (and figure names).
public protocol TrainingChapterDefaults: MiniBatchDefaults, LearningRateDefault {
    static var activation: Activation { get }
    static var chapterLabel: String { get }
}

/// `train-mnist`: the book's training script with every parameter a flag.
public struct TrainMNISTCommand<Defaults: TrainingChapterDefaults>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "train-mnist",
            abstract: "Train the two-layer net on MNIST as \(Defaults.chapterLabel) does (progress on stderr).")
    }

    @Option(help: "Hidden activation: sigmoid (chapter 4) or relu (chapter 5).") var activation = Defaults.activation
    @Option(help: "Hidden units.") var hidden = 50
    @OptionGroup var training: MiniBatchOptions<Defaults>
    @OptionGroup var rate: LearningRateOption<Defaults>
    @OptionGroup var random: SeedOption
    @Flag(help: "Print the loss of every iteration and the accuracies as JSON.") var json = false
    @OptionGroup var figure: ExampleFigureOptions

    public init() {}

    public func validate() throws {
        guard activation == .sigmoid || activation == .relu else {
            throw ValidationError("--activation must be sigmoid or relu, got \(activation.rawValue)")
        }
        try FlagCheck.within(hidden, 1...10_000, "--hidden")
    }

    public func run() throws {
        let setup = MNISTTrainingRun.Setup(
            activation: activation, hiddenSize: hidden, iterations: training.iterations,
            batchSize: training.batchSize, learningRate: rate.lr, seed: random.seed)
        let run = try MNISTTrainingRun.run(setup)
        let h = run.history
        // A loss that is not a number means the weights blew up: name it, once, with what to try.
        let diverged = h.divergedAt
        if let diverged {
            FileHandle.standardError.write(
                Data(
                    ("diverged at iteration \(diverged): the loss became \(h.losses[diverged]); "
                        + "the weights overflowed. Try a smaller --lr (the book's is \(Defaults.learningRate)).\n").utf8
                ))
        }
        if json {
            func list(_ xs: [Double]) -> String { "[" + xs.map(jsonNumber).joined(separator: ", ") + "]" }
            print(
                "{\"train_accuracy\": \(list(h.trainAccuracy)), \"test_accuracy\": \(list(h.testAccuracy)), "
                    + "\"diverged_at\": \(diverged.map(String.init) ?? "null"), \"loss\": \(list(h.losses))}")
        } else {
            for (i, at) in h.evaluatedAt.enumerated() {
                print(
                    String(
                        format: "epoch %2d (iteration %5d): train acc %.4f, test acc %.4f", i, at,
                        h.trainAccuracy[i], h.testAccuracy[i]))
            }
            print(
                String(
                    format: "final: train %.4f, test %.4f (%.1f s)", run.finalTrainAccuracy, run.finalTestAccuracy,
                    run.seconds))
        }
        try figure.show(LearningCurves.accuracyFigure(run, name: "accuracy"))
    }
}
