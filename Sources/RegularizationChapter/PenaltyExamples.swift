import ArgumentParser
import BookChecks
import Figures
import FromScratch

/// Seed 004 §5.3 and seed 002: L1, L2 and elastic-net penalties (stub, being written).
enum PenaltyExamples {
    static let rows: [String: () -> Finding] = [:]
    static func figures() -> [Figure] { [] }
}

extension RegularizationCommand {
    struct Penalties: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "penalties", abstract: "(being written)")
        func run() throws {}
    }
}
