import ArgumentParser
import BookChecks
import FromScratch
import MNISTTraining

/// `backprop`: the examples of DLfS chapter 5 and of the notes' own networks.
public struct BackpropCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "backprop",
        abstract: "Backpropagation (误差反向传播法), DLfS 5, and the notes' networks (seeds 001, 002).",
        subcommands: [CheckCommand<Chapter5>.self, GradientCheckCommand.self, TrainMNISTCommand<Chapter5Training>.self] + NotesNetworksBook.commands,
        defaultSubcommand: CheckCommand<Chapter5>.self)

    public init() {}
}

/// Chapter 5 trains the two-layer net with ReLU layers and backpropagation (DLfS 5.7.4).
public enum Chapter5Training: TrainingChapterDefaults {
    public static let activation = Activation.relu
    public static let chapterLabel = "DLfS 5.7.4 (ReLU)"
}
