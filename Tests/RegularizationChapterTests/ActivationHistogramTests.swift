import ChapterTestSupport
import Figures
import Foundation
import XCTest

@testable import FromScratch
@testable import RegularizationChapter

/// DLfS 6.2.2–6.2.3: the activation-histogram experiment against the book's script in NumPy.
///
/// The references are `activation-histograms.json`: `ch06/weight_init_activation_histogram.py` run
/// by the fixture generator with its weight and activation lines chosen, after
/// `np.random.seed(seed)`. BLAS adds in its own order, so ours may differ in the last bits; 1e-12
/// relative leaves room for that and for nothing else.
final class ActivationHistogramTests: XCTestCase {
    typealias Setup = ActivationHistograms.Setup

    func assertClose(
        _ ours: Double, _ numpy: Double, relative: Double = 1e-12, _ message: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(ours, numpy, accuracy: relative * max(abs(numpy), 1e-300), message, file: file, line: line)
    }

    func fixture() throws -> [String: Any] { try bookCodeFixture("activation-histograms.json") }

    /// A run small enough to follow: 5 inputs of 8 features through 3 sigmoid layers, std 1,
    /// every activation; and He weights for 8 units, seed 3: the layer means.
    func testASmallRunIsNumPys() throws {
        let book = try fixture()
        let layers = ActivationHistograms.run(Setup(.sigmoid, .std(1), layers: 3, units: 8, inputs: 5, seed: 0))
        let small = try XCTUnwrap(book["small_sigmoid_std_1_seed_0"] as? [String: Any])
        let numpy = try XCTUnwrap(small["layers"] as? [String: Any])
        XCTAssertEqual(layers.count, numpy.count)
        for (k, layer) in layers.enumerated() {
            XCTAssertEqual(layer.activations.shape.rows, 5)
            XCTAssertEqual(layer.activations.shape.cols, 8)
            let reference = try fixtureDoubles(numpy["\(k)"])
            XCTAssertEqual(reference.count, 40)
            for (i, value) in reference.enumerated() {
                assertClose(layer.activations.storage[i], value, "layer \(k + 1) element \(i)")
            }
        }
        let he = ActivationHistograms.run(Setup(.relu, .he, layers: 3, units: 8, inputs: 5, seed: 3))
        for (layer, mean) in zip(he, try fixtureDoubles(book["small_relu_he_seed_3_means"])) {
            assertClose(layer.activations.sum() / Double(layer.activations.count), mean)
        }
    }

    /// The book's size, 1000 x 100 through 5 layers, for every run the chapter shows: per-layer
    /// means and stds, three elements, and every layer's `np.histogram(z.flatten(), 30, range)`,
    /// count for count.
    func testTheBooksRunsAreNumPys() throws {
        let runs = try XCTUnwrap(try fixture()["runs"] as? [String: [String: Any]])
        let setups: [String: Setup] = [
            "sigmoid-std-1": Setup(.sigmoid, .std(1)), "sigmoid-std-0.01": Setup(.sigmoid, .std(0.01)),
            "sigmoid-xavier": Setup(.sigmoid, .xavier), "relu-std-0.01": Setup(.relu, .std(0.01)),
            "relu-xavier": Setup(.relu, .xavier), "relu-he": Setup(.relu, .he), "tanh-xavier": Setup(.tanh, .xavier),
        ]
        XCTAssertEqual(Set(runs.keys), Set(setups.keys))
        for (key, setup) in setups {
            let reference = try XCTUnwrap(runs[key])
            let (means, stds) = (try fixtureDoubles(reference["means"]), try fixtureDoubles(reference["stds"]))
            let histograms = try XCTUnwrap(reference["histograms"] as? [String: [Int]])
            let layers = ActivationHistograms.run(setup)
            for (k, layer) in layers.enumerated() {
                let s = ActivationHistograms.statistics(layer, activation: setup.activation)
                // A mean near 0 (tanh's) loses relative digits to cancellation: compare on the scale of the std.
                XCTAssertEqual(
                    s.mean, means[k], accuracy: 1e-12 * max(abs(means[k]), stds[k]), "\(key) layer \(k + 1) mean")
                assertClose(s.std, stds[k], "\(key) layer \(k + 1) std")
                XCTAssertEqual(
                    ActivationHistograms.histogram(layer, range: setup.bookRange).counts, histograms["\(k + 1)"],
                    "\(key) layer \(k + 1) histogram")
            }
            let picks = [layers[4].activations[0, 0], layers[4].activations[999, 99], layers[2].activations[500, 50]]
            for (ours, numpy) in zip(picks, try fixtureDoubles(reference["elements"])) {
                assertClose(ours, numpy, "\(key) element")
            }
        }
    }

    /// NumPy's rules at the edges: [left, right) except the last bin, which holds the upper
    /// end; values outside the range left out; a value equal to an edge in the edge's bin.
    func testHistogramEdges() {
        let h = ActivationHistograms.Histogram([0, 0.5, 1, 0.999, -0.1, 1.0000001, .nan], bins: 2, range: 0...1)
        XCTAssertEqual(h.counts, [1, 3])
        XCTAssertEqual(h.below, 1)
        XCTAssertEqual(h.above, 2)
        XCTAssertEqual(h.edges, [0, 0.5, 1])
        // Every edge of np.linspace(-1, 1, 31) lands in its own bin, although (x + 1)/2·30 rounds
        // edges 1 to 5 below their whole numbers: NumPy's correction by the edges is needed.
        let edges = ActivationHistograms.Histogram([], bins: 30, range: -1...1).edges
        XCTAssertLessThan((edges[3] + 1) / 2 * 30, 3)
        XCTAssertEqual(
            ActivationHistograms.Histogram(Array(edges.dropLast()), bins: 30, range: -1...1).counts,
            Array(repeating: 1, count: 30))
    }

    /// Every row's claim holds for the book's runs.
    func testEveryClaimHolds() {
        XCTAssertEqual(ActivationHistograms.rows.count, 11)
        for (id, row) in ActivationHistograms.rows {
            XCTAssertTrue(id.hasPrefix("init-"), id)
            let finding = row()
            XCTAssertNil(finding.erratum, id)
            guard case let .claim(holds, detail) = finding.ours else { return XCTFail("\(id) is not a claim") }
            XCTAssertTrue(holds, "\(id): \(detail)")
        }
    }

    /// The criteria tell the runs apart: each reading is false of the runs it contrasts with.
    func testTheCriteriaSeparateTheRuns() {
        typealias C = ActivationHistograms.Criteria
        let stats = { (setup: Setup) in ActivationHistograms.statistics(setup) }
        let (std1, std001, xavier) = (
            stats(Setup(.sigmoid, .std(1))), stats(Setup(.sigmoid, .std(0.01))), stats(Setup(.sigmoid, .xavier))
        )
        XCTAssertTrue(C.pilesAtEnds(std1))
        XCTAssertFalse(C.pilesAtEnds(xavier))
        XCTAssertFalse(C.slopesVanish(xavier))
        XCTAssertFalse(C.concentrated(xavier))
        XCTAssertFalse(C.spreadOut(std1))
        XCTAssertFalse(C.spreadOut(std001))
        XCTAssertFalse(C.unsaturated(std1, below: C.tanhSaturatedShare))
        XCTAssertFalse(C.spiky(stats(Setup(.tanh, .xavier))))
        let (relu001, reluXavier, he) = (
            stats(Setup(.relu, .std(0.01))), stats(Setup(.relu, .xavier)), stats(Setup(.relu, .he))
        )
        XCTAssertFalse(C.tiny(he))
        XCTAssertFalse(C.tiny(reluXavier))
        XCTAssertFalse(C.narrows(he))
        XCTAssertFalse(C.keepsSpread(reluXavier))
        XCTAssertFalse(C.keepsSpread(relu001))
        // The readings do not hang on seed 0: seeds 1-4 meet them too.
        for seed: UInt32 in 1...4 {
            XCTAssertTrue(C.pilesAtEnds(stats(Setup(.sigmoid, .std(1), seed: seed))), "seed \(seed)")
            XCTAssertTrue(C.spreadOut(stats(Setup(.sigmoid, .xavier, seed: seed))), "seed \(seed)")
            XCTAssertTrue(C.narrows(stats(Setup(.relu, .xavier, seed: seed))), "seed \(seed)")
            XCTAssertTrue(C.keepsSpread(stats(Setup(.relu, .he, seed: seed))), "seed \(seed)")
        }
    }

    /// Seed 004's variances: Xavier's scale squared is 1/N and He's 2/N, to an ulp or two.
    func testScalesAreTheNotesVariances() {
        for n in [1, 7, 100, 784] {
            let xavier = MultiLayerNet.WeightInit.xavier.scale(inputs: n),
                he = MultiLayerNet.WeightInit.he.scale(inputs: n)
            XCTAssertEqual(xavier * xavier, 1 / Double(n), accuracy: 2 * (1 / Double(n)).ulp)
            XCTAssertEqual(he * he, 2 / Double(n), accuracy: 2 * (2 / Double(n)).ulp)
        }
    }

    func testFiguresAreOnePerRunWithFivePanels() {
        let figures = ActivationHistograms.figures()
        XCTAssertEqual(
            figures.map(\.name),
            [
                "histograms-sigmoid-std-1", "histograms-sigmoid-std-0.01", "histograms-sigmoid-xavier",
                "histograms-relu-std-0.01", "histograms-relu-xavier", "histograms-relu-he", "histograms-tanh-xavier",
            ])
        for figure in figures {
            for k in 1...5 {
                XCTAssertTrue(
                    figure.commands.contains { $0.hasPrefix("set title \"\(panelLetter(k - 1)) \(k)-layer") },
                    "\(figure.name) panel \(k)")
            }
            // Symbols such as σ or ▲ are DejaVu's; Chinese is not, so it stays in the chapter text.
            XCTAssertFalse(
                figure.commands.joined().unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, figure.name)
        }
        // ReLU's axis stops at the book's 7000; its bar of zeros is cut and labelled, by number, with its count.
        let he = figures.first { $0.name == "histograms-relu-he" }!
        XCTAssertTrue(he.commands.contains("set yrange [0:7000]"))
        XCTAssertTrue(he.commands.contains { $0.hasPrefix("set label 1 \"cut bars (▲):\\nbar 1: 51031\"") })
    }

    func testToolRunsAndFlagErrors() throws {
        let he = try runTool("regularization", ["histograms", "--activation", "relu", "--weight-init", "he"])
        XCTAssertEqual(he.status, 0, he.stderr)
        XCTAssertTrue(he.stdout.contains("\n1\t0.561\t0.8275\t"), he.stdout)
        XCTAssertTrue(he.stdout.contains("\n5\t0.6595\t1.001\t"), he.stdout)
        let small = try runTool(
            "regularization",
            ["histograms", "--weight-init", "0.5", "--layers", "2", "--units", "10", "--inputs", "20"])
        XCTAssertEqual(small.status, 0, small.stderr)
        XCTAssertTrue(small.stdout.contains("\n2\t"), small.stdout)
        // Once a trap: %g wrote the scale as 1e+06 into a figure name, and '+' failed its precondition.
        let huge = try runTool(
            "regularization", ["histograms", "--weight-init", "1e6", "--inputs", "10", "--units", "10"])
        XCTAssertEqual(huge.status, 0, huge.stderr)
        XCTAssertEqual(Setup(.sigmoid, .std(1e6)).figureName, "histograms-sigmoid-std-1e06")

        let errors: [([String], String)] = [
            (["histograms", "--activation", "step"], "Please provide one of 'sigmoid', 'relu' or 'tanh'"),
            (["histograms", "--weight-init", "glorot"], "--weight-init must be a positive number, xavier or he"),
            (["histograms", "--weight-init=-1"], "--weight-init must be a positive number"),
            (["histograms", "--layers", "0"], "--layers must be between 1 and 100"),
            (["histograms", "--units", "0"], "--units must be between 1 and 2000"),
            (["histograms", "--inputs", "100000", "--units", "1000"], "--inputs x --units must be at most"),
            (["histograms", "--bins", "0"], "--bins must be between 1 and 1000"),
            (["histograms", "--range", "1,0"], "--range needs two numbers lo,hi with lo < hi"),
            (["histograms", "--figure", "/tmp/x.svg"], "--figure must name a .png file"),
        ]
        try assertToolRejects("regularization", errors)
    }

    func testAFigureWrittenForAnExercise() throws {
        try runToolWritingFigure(
            "regularization", ["histograms", "--activation", "tanh", "--weight-init", "he", "--layers", "3"],
            name: "tanh-he")
    }
}
