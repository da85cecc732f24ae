import ArgumentParser
import BookChecks

/// `backprop`: the examples of DLfS chapter 5 and of the notes' own networks.
public struct BackpropCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "backprop",
        abstract: "Backpropagation (误差反向传播法), DLfS 5, and the notes' networks (seeds 001, 002).",
        subcommands: [CheckCommand<Chapter5>.self] + NotesNetworksBook.commands,
        defaultSubcommand: CheckCommand<Chapter5>.self)

    public init() {}
}
