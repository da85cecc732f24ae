import ArgumentParser
import BookChecks
import FromScratch
import MNISTTraining

/// `gradient-descent`: the runs of DLfS 4.4.1 and seed 000 §4.3.
public struct GradientDescentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gradient-descent",
        abstract: "Gradient descent on x0^2 + x1^2 (梯度下降法), DLfS 4.4.1.",
        subcommands: [CheckCommand<GradientDescentBook>.self, Run.self, TrainMNISTCommand<Chapter4Training>.self],
        defaultSubcommand: CheckCommand<GradientDescentBook>.self)

    public init() {}

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One run: x <- x - lr * grad f(x), with numerical gradients.",
            discussion: "The book's runs: --lr 0.1 (converges), --lr 10 (diverges), --lr 1e-10 (barely moves); the notes': --lr 0.2, --lr 0.01.")
        @Option(parsing: .unconditional, help: "The learning rate (学习率).") var lr = 0.1
        @Option(help: "Number of steps.") var steps = GradientDescentRuns.steps
        @Option(help: "The start point x0,x1.") var start = NumberList(GradientDescentRuns.start.storage)
        @Flag(help: "Print every point, not only the end point.") var history = false
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            try FlagCheck.positive(lr, "--lr")
            try FlagCheck.nonNegative(steps, "--steps", max: 1_000_000)
            guard start.values.count == 2 else { throw ValidationError("--start needs two numbers x0,x1, got \(start)") }
        }

        func run() throws {
            let path = GradientDescentRuns.path(learningRate: lr, from: Matrix(row: start.values), steps: steps)
            if history {
                for (step, x) in path.points.enumerated() { print("\(step)\t\(x[flat: 0])\t\(x[flat: 1])") }
            }
            print("end point after \(steps) steps with lr \(lr): [\(path.end[flat: 0]), \(path.end[flat: 1])]")
            try figure.show(PathFigure.figure(learningRate: lr, path: path, name: "path"))
        }
    }
}

/// Chapter 4 trains the two-layer net with a sigmoid hidden layer (DLfS 4.5).
public enum Chapter4Training: TrainingChapterDefaults {
    public static let activation = Activation.sigmoid
    public static let chapterLabel = "DLfS 4.5 (sigmoid)"
}
