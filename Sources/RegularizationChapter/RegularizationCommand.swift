import ArgumentParser
import ChapterCommandLine

/// `regularization`: the examples of DLfS 6.2–6.5 and seed 004 §4–6, one subcommand each.
public struct RegularizationCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        RegularizationBook.self,
        abstract:
            "Initial weights, batch normalisation, overfitting and its cures, hyperparameter search (DLfS 6.2-6.5).")

    public init() {}
}
