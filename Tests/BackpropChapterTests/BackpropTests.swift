import ChapterTestSupport
import Datasets
import Figures
import Foundation
import XCTest

@testable import BackpropChapter
@testable import FromScratch
@testable import MNISTTraining

/// Chapter 5, the book's part (Chapters/05-backprop.md).
final class BackpropTests: XCTestCase {
    override class func setUp() { useOfflineDataIfPresent() }

    func testEveryPrintedValue() throws {
        try assertBookValues(
            BackpropBook.self,
            errata: [
                "gradient-check-b1", "gradient-check-w2", "gradient-check-b2",
                "gradient-check-w1",
            ])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(BackpropBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(BackpropBook.self) }

    /// The apple graph labels its edges with the values of the run the `apple-*` rows check.
    func testTheAppleGraphShowsTheRunsValues() {
        let commands = BuyingApples.appleGraph().commands.joined(separator: "\n")
        let v = BuyingApples.apples()
        for value in [100, 2, 1.1, v.applePrice, v.price, v.dApplePrice, v.dApple, v.dAppleCount, v.dTax, 1] {
            XCTAssertTrue(commands.contains("\"\(general(value))\" at"), "\(value) is on the graph")
        }
        XCTAssertEqual(
            [v.applePrice, v.dApplePrice, v.dApple, v.dAppleCount, v.dTax].map(general),
            ["200", "1.1", "2.2", "110", "200"])
    }

    /// Without δ the differences are rounding noise, shown only to the digits their measured
    /// spread shares: this machine's must lie in that spread, or the spread is out of date (as it
    /// was when the first layer's products began to skip the images' zeros).
    func testDifferencesWithoutDeltaLieInTheirMeasuredSpread() throws {
        let differences = try GradientCheck.differences(lossDelta: 0)
        for (parameter, spread) in GradientCheck.measuredWithoutDelta {
            XCTAssertTrue(
                spread.contains(differences[parameter]!), "\(parameter): \(differences[parameter]!) not in \(spread)")
        }
    }

    /// b2's larger difference is the central difference's h² error: ten times smaller h, a
    /// hundred times smaller difference (until rounding takes over).
    func testB2DifferenceShrinksAsHSquared() throws {
        let coarse = try GradientCheck.differences(h: 1e-3, lossDelta: 0, of: ["b2"])["b2"]!
        let fine = try GradientCheck.differences(h: 1e-4, lossDelta: 0, of: ["b2"])["b2"]!
        XCTAssertEqual(coarse / fine, 100, accuracy: 20)
    }

    /// A run that fits CI: 600 iterations (one epoch) must clearly beat chance (0.1).
    func testAShortRunLearnsMNIST() throws {
        for activation in [Activation.relu, .sigmoid] {
            // The sigmoid net learns more slowly at the book's lr 0.1 (about 0.8 after one epoch), so it
            // gets a larger step here to stay within one epoch.
            let setup = MNISTTrainingRun.Setup(
                activation: activation, iterations: 601,
                learningRate: activation == .relu ? 0.1 : 0.5)
            let run = try MNISTTrainingRun.run(setup, showProgress: false)
            XCTAssertGreaterThanOrEqual(run.finalTestAccuracy, 0.85, "\(activation)")
            XCTAssertEqual(run.history.evaluatedAt, [0, 600])
            XCTAssertLessThan(
                run.history.losses.suffix(50).reduce(0, +) / 50, run.history.losses.prefix(50).reduce(0, +) / 50)
        }
    }

    func testSeededRunsRepeatExactly() throws {
        let setup = MNISTTrainingRun.Setup(activation: .relu, iterations: 20, seed: 5)
        var first = RandomState(seed: 5), second = RandomState(seed: 5)
        let data = try MNIST.loadSplit(.test, from: try MNISTLocation.ensureFiles(explicit: nil))
        let a = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, random: &first)
        let b = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, random: &second)
        let schedule = TrainingSchedule(iterations: setup.iterations)
        let h1 = train(
            a, trainImages: data.images, trainLabels: data.labels, testImages: data.images.rows(0..<10),
            testLabels: Array(data.labels[0..<10]), schedule: schedule, random: &first)
        let h2 = train(
            b, trainImages: data.images, trainLabels: data.labels, testImages: data.images.rows(0..<10),
            testLabels: Array(data.labels[0..<10]), schedule: schedule, random: &second)
        XCTAssertEqual(h1.losses, h2.losses)
        // The comparison can fail: another seed draws other weights and batches, and other losses.
        var other = RandomState(seed: 6)
        let c = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, random: &other)
        let h3 = train(
            c, trainImages: data.images, trainLabels: data.labels, testImages: data.images.rows(0..<10),
            testLabels: Array(data.labels[0..<10]), schedule: schedule, random: &other)
        XCTAssertNotEqual(h1.losses, h3.losses)
    }

    func testToolFlags() throws {
        let bad = try runTool("backprop", ["train-mnist", "--lr", "0"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--lr must be a positive number"), bad.stderr)
        let activation = try runTool("backprop", ["train-mnist", "--activation", "tanh"])
        XCTAssertTrue(activation.stderr.contains("--activation must be sigmoid or relu"), activation.stderr)
    }

    /// A run whose loss overflows says where, and its JSON stays JSON (null for NaN and infinity).
    func testADivergedRunIsNamedAndItsJSONParses() throws {
        let run = try runTool("backprop", ["train-mnist", "--lr", "1e300", "--iterations", "20", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("diverged at iteration 0"), run.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["diverged_at"] as? Int, 0)
        XCTAssertEqual((object["loss"] as? [Any])?.count, 20)
        XCTAssertTrue((object["loss"] as? [Any])?.first is NSNull)
    }
}
