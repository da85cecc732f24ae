import ArgumentParser
import ChapterCommandLine

/// `losses`: the loss examples of DLfS 4.2, one subcommand each.
public struct LossesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        LossesBook.self,
        abstract: "Loss functions (损失函数), DLfS 4.2: recompute the book's printed values.")

    public init() {}
}
