import ArgumentParser
import ChapterCommandLine

/// `datasets`: the data sets of the book, for readers: make_moons and MNIST.
public struct DatasetsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "The book's data sets: make_moons as scikit-learn draws it, and MNIST.",
        subcommands: [MoonsCommand.self, MNISTCommand.self])

    public init() {}
}
