import BookChecks
import Foundation

extension MNISTTrainingRun {
    /// How far a seeded run may land from the book's unseeded one: the spread of the final
    /// accuracies over seeds 0-4 (measured; see the chapter texts) is below 0.005, so 0.01 is
    /// twice the largest difference seeds make, not a fit to our own result.
    public static let seedTolerance = 0.01

    /// This run's final (train, test) accuracies against the book's published, unseeded ones.
    public var comparison: Finding {
        Finding(.approximately([finalTrainAccuracy, finalTestAccuracy], tolerance: Self.seedTolerance,
                               why: "seed \(setup.seed); the book's run is unseeded"))
    }

    /// The comparison as a book row's finding, or the error (MNIST missing, say) as the result.
    public static func bookFinding(_ setup: Setup) -> Finding { .catching { try run(setup).comparison } }
}
