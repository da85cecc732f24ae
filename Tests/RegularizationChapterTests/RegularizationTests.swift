import ChapterTestSupport
import Datasets
import Foundation
import MNISTTraining
import XCTest

@testable import FromScratch
@testable import RegularizationChapter

/// Chapter 6.2–6.5 (Chapters/06-regularization.md): the rows, the text and the figures, and
/// short versions of the MNIST experiments whose full runs are slow rows.
final class RegularizationTests: XCTestCase {
    override class func setUp() { useOfflineDataIfPresent() }

    func testEveryPrintedValue() throws {
        try assertBookValues(RegularizationBook.self, errata: RegularizationTests.errata)
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(RegularizationBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(RegularizationBook.self) }

    static let errata: Set<String> = [
        "batchnorm-notes-variance", "batchnorm-one-image", "search-weight-decay", "notes-004-xavier-variance-kept",
        "notes-004-batchnorm-distribution",
    ]

    /// `np.logspace(0, -4, num=16)`, the book's `batch_norm_test.py` (`batch-norm-weight-scales.json`).
    func testWeightScalesAreNumPysLogspace() throws {
        XCTAssertEqual(
            BatchNormExperiment.Setup.bookScales,
            try fixtureDoubles(try bookCodeFixture("batch-norm-weight-scales.json")["logspace"]))
    }

    /// A short batch-norm run: 3 scales on 300 images for 5 epochs. Both nets of a scale see the
    /// same batches; at a tiny scale only the batch-norm net learns.
    func testShortBatchNormRun() throws {
        let mnist = try MNISTData.shared()
        let setup = BatchNormExperiment.Setup(weightScales: [0.05, 1e-4], trainingImages: 300, epochs: 8)
        let run = BatchNormExperiment.run(
            setup, images: mnist.trainImages.rows(0..<300), labels: Array(mnist.trainLabels[0..<300]))
        XCTAssertEqual(run.pairs.map(\.withBatchNorm.count), [8, 8])
        XCTAssertLessThan(run.pairs[1].without.last!, 0.2, "1e-4 without batch norm stays at chance")
        XCTAssertGreaterThan(run.pairs[1].withBatchNorm.last!, 0.3, "with batch norm it learns")
        // Drawn in the book's order and trained in parallel, the run repeats exactly.
        let again = BatchNormExperiment.run(
            setup, images: mnist.trainImages.rows(0..<300), labels: Array(mnist.trainLabels[0..<300]))
        XCTAssertEqual(again.pairs.map(\.withBatchNorm), run.pairs.map(\.withBatchNorm))
    }

    /// A short overfitting run: 100 images, 30 epochs; the training accuracy outruns the test accuracy.
    func testShortOverfittingRun() throws {
        let mnist = try MNISTData.shared()
        var setup = OverfittingRun.Setup()
        setup.trainingImages = 100
        setup.epochs = 30
        let run = OverfittingRun.run(setup, mnist: mnist) {}
        XCTAssertEqual(run.curves.trainAccuracy.count, 30)
        XCTAssertEqual(run.curves.updates, 30, "100 images in batches of 100: one update per epoch")
        XCTAssertGreaterThan(run.curves.trainAccuracy.last!, run.curves.testAccuracy.last! + 0.1)
    }

    /// The search draws as the script: permutation(500), then 10^U(−8, −4) and 10^U(−6, −2)
    /// (`search-draws.json`: the book's script's first trial after seed 0).
    func testSearchDrawsTheScriptsHyperparameters() throws {
        let mnist = try MNISTData.shared()
        var setup = HyperparameterSearch.Setup()
        setup.trials = 3
        setup.epochs = 2
        let run = HyperparameterSearch.run(
            setup, images: mnist.trainImages.rows(0..<500), labels: Array(mnist.trainLabels[0..<500]))
        let first = run.ranked.first { $0.number == 1 }!
        let book = try bookCodeFixture("search-draws.json")
        XCTAssertEqual(first.weightDecay, try fixtureDouble(book["first_weight_decay"]))
        XCTAssertEqual(first.learningRate, try fixtureDouble(book["first_lr"]))
        XCTAssertEqual(run.ranked.count, 3)
        XCTAssertEqual(first.curves.testAccuracy.count, 2)
        for (a, b) in zip(run.ranked, run.ranked.dropFirst()) {
            XCTAssertGreaterThanOrEqual(a.validationAccuracy, b.validationAccuracy)
        }
    }

    /// A short initial-scale comparison: std 0.01 sits at ln 10 while He's loss falls.
    func testShortInitComparison() throws {
        let mnist = try MNISTData.shared()
        var setup = InitComparison.Setup()
        setup.iterations = 150
        let run = InitComparison.run(
            setup, images: mnist.trainImages.rows(0..<5000), labels: Array(mnist.trainLabels[0..<5000]))
        XCTAssertEqual(run.losses[0].last!, log(10.0), accuracy: 0.01)
        XCTAssertLessThan(run.losses[2].suffix(20).reduce(0, +) / 20, 1.5)
    }

    func testBadFlagsAreNamed() throws {
        try assertToolRejects(
            "regularization",
            [
                (["overfit", "--dropout", "1"], "--dropout must lie in [0, 1)"),
                (["overfit", "--weight-decay=-1"], "--weight-decay must be a number >= 0"),
                (["batchnorm", "--batch", "1,2;3"], "--batch needs rows of equally many numbers"),
                // Once a trap: the layer's precondition ran before this check.
                (["batchnorm", "--gamma", "1,2,3"], "--gamma needs 2 numbers, one per column of --batch, got 3"),
                (["batchnorm-mnist", "--scales", "0,1"], "--scales must be a positive number"),
                (["search", "--lr-exponents=-2,-6"], "--lr-exponents needs two increasing exponents"),
                (["init-mnist", "--inits", "he", "he"], "--inits needs distinct entries"),
            ])
    }
}
