import ArgumentParser
import BookChecks
import Foundation
import FromScratch

/// `regularization`: the examples of DLfS 6.2–6.5 and seed 004 §4–6, one subcommand each.
/// Each subcommand lives beside its example, as an extension of this type.
public struct RegularizationCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "regularization",
        abstract: "Initial weights, batch normalisation, overfitting and its cures, hyperparameter search (DLfS 6.2-6.5).",
        subcommands: [CheckCommand<RegularizationBook>.self, Histograms.self, InitMNIST.self, BatchNorm.self, BatchNormMNIST.self,
                      Overfit.self, Penalties.self, Augment.self, Coverage.self, Search.self],
        defaultSubcommand: CheckCommand<RegularizationBook>.self)

    public init() {}
}
