import ChapterTestSupport
import Foundation
import XCTest

@testable import FromScratch
@testable import OptimizersChapter

/// Chapter 6.1, optimizers (Chapters/06-optimizers.md).
final class OptimizersTests: XCTestCase {
    override class func setUp() { useOfflineDataIfPresent() }

    func testEveryPrintedValue() throws {
        try assertBookValues(
            OptimizersBook.self,
            errata: [
                "momentum-notes-formula", "rmsprop-decay-rate", "adam-bias-correction", "notes-004-adam-section",
            ])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(OptimizersBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(OptimizersBook.self) }

    /// Every point of 30 updates of the book's classes (`optimizer_compare_naive.py`'s loop with
    /// the chapter's rates), as the book's code at the pinned commit computes them
    /// (`Tests/Fixtures/BookCode/optimizer-paths.json`): ours are the same doubles.
    func testPathsAreTheBooksCodeToTheLastBit() throws {
        let fixture = try bookCodeFixture("optimizer-paths.json")
        for entry in OptimizerPaths.entries {
            let reference = try XCTUnwrap(fixture[entry.kind.bookName] as? [String: Any], "\(entry.kind)")
            XCTAssertEqual(try fixtureDouble(reference["lr"]), entry.learningRate, "\(entry.kind)")
            let points = try XCTUnwrap(reference["points"] as? [[String]])
            let ours = OptimizerPaths.path(entry.kind).points
            XCTAssertEqual(ours.count, points.count)
            for (step, (point, theirs)) in zip(ours, points).enumerated() {
                XCTAssertEqual(point.x, try fixtureDouble(theirs[0]), "\(entry.kind) x after \(step) updates")
                XCTAssertEqual(point.y, try fixtureDouble(theirs[1]), "\(entry.kind) y after \(step) updates")
            }
        }
    }

    /// Seed 004's example against exact decimal arithmetic, two steps past the table.
    func testMomentumWalkthroughIsExact() {
        let exact: [[Double]] = [
            [0.8, 0.6, 2, 4], [0.46, 0, 3.4, 6], [0.062, -0.54, 3.98, 5.4], [-0.3086, -0.81, 3.706, 2.7],
            [-0.58042, -0.729, 2.7182, -0.81], [-0.708974, -0.3645, 1.28554, -3.645],
            [-0.6828778, 0.10935, -0.260962, -4.7385], [-0.52281566, 0.492075, -1.6006214, -3.82725],
        ]
        for (k, (step, expected)) in zip(MomentumWalkthrough.run(steps: exact.count), exact).enumerated() {
            for (ours, hand) in zip([step.x, step.y, step.vx, step.vy], expected) {
                XCTAssertEqual(ours, hand, accuracy: 1e-14, "step \(k + 1)")
            }
        }
    }

    /// AdaGrad's h is t exactly while g = 1, and never falls; RMSprop's follows 1 − ρᵗ, then ρᵗ.
    func testAccumulatorsFollowTheirClosedForms() {
        let trace = Accumulators.trace()
        for t in 1...Accumulators.onSteps {
            XCTAssertEqual(trace.adagrad[t - 1], Double(t))
            XCTAssertEqual(trace.rmsprop[t - 1], 1 - pow(0.99, Double(t)), accuracy: 1e-14)
        }
        let peak = trace.rmsprop[Accumulators.onSteps - 1]
        for t in (Accumulators.onSteps + 1)...(Accumulators.onSteps + Accumulators.offSteps) {
            XCTAssertEqual(trace.adagrad[t - 1], 100)
            XCTAssertEqual(trace.rmsprop[t - 1], peak * pow(0.99, Double(t - Accumulators.onSteps)), accuracy: 1e-14)
        }
    }

    /// `np.kaiser(11, 2)` and the book's `smooth_curve` of a saw-tooth series (`smoothing.json`,
    /// from the book's `common/util.py`). NumPy's convolution adds in its own order: 1e-14.
    func testSmoothingIsTheBooks() throws {
        let book = try bookCodeFixture("smoothing.json")
        for (ours, numpy) in zip(LossSmoothing.kaiserWindow(11, beta: 2), try fixtureDoubles(book["kaiser_11_2"])) {
            XCTAssertEqual(ours, numpy, accuracy: 2e-16)
        }
        let series = (0..<25).map { Double($0 % 7) - 0.5 * Double($0 % 3) }
        XCTAssertEqual(series, try fixtureDoubles(book["series"]))
        let reference = try fixtureDoubles(book["smooth_curve"])
        let smoothed = LossSmoothing.smoothCurve(series)
        XCTAssertEqual(smoothed.count, reference.count)
        for (ours, theirs) in zip(smoothed, reference) { XCTAssertEqual(ours, theirs, accuracy: 1e-14) }
        // A constant stays constant.
        for value in LossSmoothing.smoothCurve(Array(repeating: 0.25, count: 30)) {
            XCTAssertEqual(value, 0.25, accuracy: 1e-15)
        }
    }

    /// The first 150 iterations of the book's MNIST comparison (the full run's first batches):
    /// every loss is NumPy's (`mnist-comparison-150.json`: the book's `optimizer_compare_mnist.py`
    /// with its `MultiLayerNet`, optimizers and float32 `load_mnist`, after `numpy.random.seed(0)`),
    /// and the order already shows.
    func testAShortMNISTRunIsTheBooksAndShowsTheOrder() throws {
        let setup = MNISTComparison.Setup(iterations: 150)
        let run = try MNISTComparison.run(setup, showProgress: false)
        let book = try bookCodeFixture("mnist-comparison-150.json")
        XCTAssertEqual(book["pixel_dtype"] as? String, "float32")
        let losses = try XCTUnwrap(book["losses"] as? [String: Any])
        let names: [OptimizerKind: String] = [.sgd: "SGD", .momentum: "Momentum", .adagrad: "AdaGrad", .adam: "Adam"]
        // BLAS sums in its own order: measured, at most 1.3e-15 relative over the 600 losses. Pixels
        // divided in double precision instead of float32 would miss by up to 5e-3 (AdaGrad, step 150).
        for kind in setup.optimizers {
            let reference = try fixtureDoubles(losses[try XCTUnwrap(names[kind])])
            XCTAssertEqual(reference.count, 150)
            for (i, value) in reference.enumerated() {
                XCTAssertEqual(run.losses[kind]![i], value, accuracy: 1e-13 * value, "\(kind) iteration \(i)")
            }
        }
        let ranked = setup.optimizers.sorted { run.meanLoss($0) < run.meanLoss($1) }
        XCTAssertEqual(ranked.first, .adagrad)
        XCTAssertEqual(ranked.last, .sgd)
    }

    func testToolRunsAndFlagErrors() throws {
        let compare = try runTool("optimizers", ["compare", "--optimizer", "sgd"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(compare.stdout.contains("(-0.3503929957523197, 0.0847823165504322)"), compare.stdout)
        let momentum = try runTool("optimizers", ["momentum", "--steps", "2"])
        // One unit in the last place below 0.46.
        XCTAssertTrue(momentum.stdout.contains("2\t0.45999999999999996\t"), momentum.stdout)

        let errors: [([String], String)] = [
            (["compare", "--lr", "0.1"], "--lr needs --optimizer"),
            (["compare", "--optimizer", "adam", "--lr=-1"], "--lr must be a positive number"),
            (["compare", "--start", "1,2,3"], "--start needs two numbers"),
            (["momentum", "--momentum", "1.5"], "--momentum must lie in [0, 1]"),
            (["accumulators", "--decay-rate", "1"], "--decay-rate must lie strictly between 0 and 1"),
            (["clip", "--threshold", "0"], "--threshold must be a positive number"),
            (["mnist", "--iterations", "5"], "--iterations must be between 11"),
            (
                ["mnist", "--optimizers", "sgd,lion"],
                "each once: " + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ") + "; or all"
            ),
        ]
        try assertToolRejects("optimizers", errors)
    }

    func testClipTool() throws {
        let byNorm = try runTool("optimizers", ["clip", "--gradient", "3,4", "--by", "norm", "--threshold", "1"])
        XCTAssertEqual(byNorm.status, 0, byNorm.stderr)
        XCTAssertTrue(byNorm.stdout.contains("clipped  [0.6"), byNorm.stdout)
    }

    func testAFigureWrittenForAnExercise() throws {
        try runToolWritingFigure("optimizers", ["compare", "--optimizer", "adam", "--lr", "0.5"], name: "adam")
    }
}
