import ArgumentParser
import BookChecks
import Figures
import FromScratch

/// Seed 004 §5.2: data augmentation of MNIST digits (stub, being written).
enum AugmentationExamples {
    static let rows: [String: () -> Finding] = [:]
    static func figures() -> [Figure] { [] }
}

extension RegularizationCommand {
    struct Augment: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "augment", abstract: "(being written)")
        func run() throws {}
    }
}
