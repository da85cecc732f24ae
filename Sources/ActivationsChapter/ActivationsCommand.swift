import ArgumentParser
import BookChecks
import Datasets
import FromScratch

/// `activations`: the examples of DLfS chapter 3, one subcommand each.
public struct ActivationsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "Activation functions, softmax and the book's trained MNIST network (DLfS 3).",
        subcommands: [CheckCommand<ActivationsBook>.self, Apply.self, Softmax.self, Network.self, Plot.self],
        defaultSubcommand: CheckCommand<ActivationsBook>.self)

    public init() {}

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply an activation (and its derivative) to numbers: step, sigmoid, relu, tanh, leaky-relu.")
        @Argument(help: "step | sigmoid | relu | tanh | leaky-relu") var function: Activation
        @Option(help: "The inputs, comma-separated.") var x = NumberList([-1, 1, 2])

        func run() {
            print("x:     \(x.values)")
            print("h(x):  \(function(Matrix(row: x.values)).storage)")
            print("h'(x): \(function.derivative(Matrix(row: x.values)).storage)")
        }
    }

    struct Softmax: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "softmax of scores, with and without subtracting the maximum (DLfS 3.5).")
        @Option(help: "The scores, comma-separated.") var scores = NumberList([0.3, 2.9, 4.0])

        func run() {
            let a = Matrix(row: scores.values)
            print("softmax:          \(softmax(a).storage)  (sum \(softmax(a).sum()))")
            print("without max shift: \(softmax(a, subtractingMax: false).storage)")
        }
    }

    struct Network: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The book's trained 784-50-100-10 network over the 10000 MNIST test digits (DLfS 3.6).")
        @Option(help: "Digits per batch (the book: 100).") var batchSize = 100

        func validate() throws { try FlagCheck.nonNegative(batchSize, "--batch-size", max: 10_000) }

        func run() throws {
            guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
            print("Accuracy:\(try BookNetworkExample.accuracy(batchSize: batchSize))")
        }
    }

    struct Plot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw one of the chapter's figures (with --figure file.png and/or --preview).")
        @Argument(help: "step-vs-sigmoid | relu | activations | activation-derivatives")
        var name = "step-vs-sigmoid"
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            let names = ActivationsBook.figures().map(\.name)
            guard names.contains(name) else {
                throw ValidationError("no figure '\(name)'; choose one of \(names.joined(separator: ", "))")
            }
        }

        func run() throws {
            try figure.show(ActivationsBook.figures().first { $0.name == name }!)
        }
    }
}
