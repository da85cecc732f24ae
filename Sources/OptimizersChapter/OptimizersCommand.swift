import ArgumentParser
import ChapterCommandLine

/// `optimizers`: the examples of DLfS 6.1 and seed 004 §3, one subcommand each.
public struct OptimizersCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        OptimizersBook.self,
        abstract: "Optimizers (参数的更新), DLfS 6.1: SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam.")

    public init() {}
}
