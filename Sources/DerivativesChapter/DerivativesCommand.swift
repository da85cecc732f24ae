import ArgumentParser
import ChapterCommandLine

/// `derivatives`: the examples of DLfS 4.3-4.4.2, one subcommand each.
public struct DerivativesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        DerivativesBook.self,
        abstract: "Numerical derivatives and gradients (数值微分, 梯度), DLfS 4.3-4.4.")

    public init() {}
}
