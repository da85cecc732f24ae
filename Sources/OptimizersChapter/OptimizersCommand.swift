import ArgumentParser
import BookChecks

/// `optimizers`: the examples of DLfS 6.1, one subcommand each.
public struct OptimizersCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Optimizers (参数的更新), DLfS 6.1: SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam.",
        subcommands: [CheckCommand<OptimizersBook>.self],
        defaultSubcommand: CheckCommand<OptimizersBook>.self)

    public init() {}
}
