import ArgumentParser
import BookChecks
import Figures
import FromScratch

/// DLfS 6.2.2–6.2.3 and seed 004 §4.1: activation histograms (stub, being written).
enum ActivationHistograms {
    static let rows: [String: () -> Finding] = [:]
    static func figures() -> [Figure] { [] }
}

extension RegularizationCommand {
    struct Histograms: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "histograms", abstract: "(being written)")
        func run() throws {}
    }
}
