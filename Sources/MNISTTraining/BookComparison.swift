import BookChecks
import Foundation
import FromScratch

extension MNISTTrainingRun {
    /// How far apart two runs of the book's schedule land, by the seed alone: the range of the
    /// final train and of the final test accuracy over seeds 0–9, the wider of the two (measured
    /// 2026-11-30 with `gradient-descent train-mnist --activation A --seed N`):
    /// - sigmoid (DLfS 4.5): train 0.94535–0.94812, test 0.9423–0.9474;
    /// - ReLU (DLfS 5.7.4): train 0.9779–0.9804, test 0.9683–0.9721.
    /// The book's unseeded run is one more such draw.
    public static let seedSpread: [Activation: Double] = [.sigmoid: 0.0051, .relu: 0.0038]

    /// The seed spread plus half a unit of the print's third decimal.
    public var bookTolerance: Double { (Self.seedSpread[setup.activation] ?? 0) + 0.0005 }

    /// This run's final (train, test) accuracies against the book's published, unseeded ones.
    public var comparison: Finding {
        Finding(
            .approximately(
                [finalTrainAccuracy, finalTestAccuracy], tolerance: bookTolerance,
                why: "seed \(setup.seed); the book's run is unseeded; tolerance: the spread of seeds 0-9 "
                    + "plus the print's rounding"))
    }

    /// The comparison as a book row's finding, or the error (MNIST missing, say) as the result.
    public static func bookFinding(_ setup: Setup) -> Finding { .catching { try run(setup).comparison } }
}
