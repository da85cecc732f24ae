import ArgumentParser
import BookChecks
import Figures
import FromScratch

/// Seed 004 §6: grid search against random search (stub, being written).
enum SearchCoverage {
    static let rows: [String: () -> Finding] = [:]
    static func figures() -> [Figure] { [] }
}

extension RegularizationCommand {
    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search-coverage", abstract: "(being written)")
        func run() throws {}
    }
}
