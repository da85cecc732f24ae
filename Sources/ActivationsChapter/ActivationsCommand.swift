import ArgumentParser
import ChapterCommandLine

/// `activations`: the examples of DLfS chapter 3, one subcommand each.
public struct ActivationsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        ActivationsBook.self,
        abstract: "Activation functions, softmax and the book's trained MNIST network (DLfS 3).")

    public init() {}
}
