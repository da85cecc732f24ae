import ChapterTestSupport
import Datasets
import Figures
import Foundation
import XCTest

@testable import FromScratch
@testable import RegularizationChapter

/// Seed 004 §5.2, data augmentation: the rows, the figures and the `augment` subcommand.
final class AugmentationTests: XCTestCase {
    override class func setUp() { useOfflineDataIfPresent() }

    /// The rows need MNIST and the book's weights; without them they report the error.
    func requireData() throws {
        guard (try? MNISTLocation.ensureFiles(explicit: nil)) != nil,
            (try? SampleWeights.ensureFile(explicit: nil)) != nil
        else {
            throw XCTSkip("MNIST or the book's weights not found: set MNIST_DIR and DLFS_WEIGHTS")
        }
    }

    func testEveryRowHolds() throws {
        try requireData()
        XCTAssertEqual(
            Set(AugmentationExamples.rows.keys),
            ["augment-ink-kept", "augment-new-samples", "augment-flip", "augment-half-turn"])
        for (id, example) in AugmentationExamples.rows.sorted(by: { $0.key < $1.key }) {
            let finding = example()
            guard case let .claim(holds, detail) = finding.ours else { return XCTFail("\(id): \(finding.ours)") }
            XCTAssertTrue(holds, "\(id): \(detail)")
            XCTAssertNil(finding.erratum, id)
        }
    }

    /// The book's weights as a `MultiLayerNet` give the book's printed accuracy, 0.9352 (DLfS 3.6.2).
    func testBookNetworkIsTheBooks() throws {
        try requireData()
        let measured = try AugmentationExamples.measurements.get()
        XCTAssertEqual(measured.book.originalAccuracy, 0.9352)
        XCTAssertEqual(measured.inkKept.count, 10_000)
        for readings in [measured.book, measured.augmentedNet] {
            XCTAssertEqual(readings.mirroredAccuracyPerClass.count, 10)
            XCTAssertEqual(readings.halfTurnedSixes.reduce(0, +), 958, "the test 6s")
            XCTAssertEqual(readings.halfTurnedNines.reduce(0, +), 1009, "the test 9s")
        }
    }

    func testFiguresBuild() throws {
        try requireData()
        let figures = try AugmentationExamples.figures()
        XCTAssertEqual(figures.map(\.name), ["augmented-digits", "unsafe-augmentations"])
        for figure in figures {
            XCTAssertTrue(
                figure.dataBlocks.allSatisfy { $0.isMatrix && $0.rows.count == 28 && $0.rows[0].count == 28 },
                figure.name)
        }
        // 6 digits, each with 6 variants; 10 digits, each as it is, mirrored and turned.
        XCTAssertEqual(figures[0].dataBlocks.count, AugmentationExamples.shownDigits * 7)
        XCTAssertEqual(AugmentationExamples.shownDigits, 6)
        XCTAssertEqual(figures[1].dataBlocks.count, 3 * 10)
        // The first variant of the first digit is the draw of np.random.seed(0): +1.0 deg.
        XCTAssertTrue(
            figures[0].commands.contains { $0.hasPrefix("set label 1 \"+1.0°\\n(") },
            "\(figures[0].commands.prefix(20))")
    }

    /// The figure draws what `augmented` gives for each digit repeated once per variant.
    func testFigureDrawsWhatAugmentedGives() throws {
        try requireData()
        let mnist = try MNIST.load(from: try MNISTLocation.ensureFiles(explicit: nil))
        let (figure, transforms, _) = AugmentationExamples.augmentedDigits(
            images: mnist.trainImages, labels: mnist.trainLabels,
            count: 2, variants: 3)
        XCTAssertEqual(transforms.map(\.count), [3, 3])
        let repeated = mnist.trainImages.gathering(rows: [0, 0, 0, 1, 1, 1])
        var random = RandomState(seed: AugmentationExamples.seed)
        let augmented = AugmentationExamples.augmentation.augmented(repeated, random: &random)
        // Blocks: digit 0, its 3 variants, digit 1, its 3 variants.
        // Each block is the variant's gray levels, 255 times its pixels, rounded, scan line by scan line.
        let drawn = [1, 2, 3, 5, 6, 7].map { figure.dataBlocks[$0].rows.flatMap { $0 } }
        for (k, levels) in drawn.enumerated() {
            let expected = augmented.row(k).map { (255 * $0).rounded() }
            XCTAssertTrue(levels == expected, "variant \(k): the drawn levels differ from the augmented digit's")
        }
    }

    func testAugmentCommandDrawsAndReports() throws {
        try requireData()
        let run = try runToolWritingFigure(
            "regularization", ["augment", "--count", "2", "--variants", "2", "--flip"], name: "augment")
        XCTAssertTrue(run.stdout.contains("training digit 0 (label 5):"), run.stdout)
        XCTAssertTrue(run.stdout.contains("rotate +1.0 deg, shift ("), run.stdout)
        XCTAssertTrue(run.stdout.contains("  mirrored"), run.stdout)
    }

    func testAugmentCommandRefusesBadFlags() throws {
        let cases: [([String], String)] = [
            (["--max-shift", "-1"], "--max-shift must be between 0 and 27, got -1"),
            (["--max-shift", "28"], "--max-shift must be between 0 and 27, got 28"),
            (["--max-degrees", "-5"], "--max-degrees must be between 0 and 180, got -5.0"),
            (["--max-degrees", "nan"], "--max-degrees must be between 0 and 180"),
            (["--count", "0"], "--count must be between 1 and 20, got 0"),
            (["--variants", "10"], "--variants must be between 1 and 9, got 10"),
        ]
        try assertToolRejects("regularization", cases.map { (["augment"] + $0.0, $0.1) })
    }
}
