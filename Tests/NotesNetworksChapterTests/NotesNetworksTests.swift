import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

@testable import FromScratch
@testable import NotesNetworksChapter

/// Chapter 5, the notes' networks (Chapters/05-notes-networks.md): printed values, text, figures, tools.
final class NotesNetworksTests: XCTestCase {
    func testEveryPrintedValue() throws {
        try assertBookValues(
            NotesNetworksBook.self,
            errata: [
                "logistic-cost-penalty", "sigmoid-net-a2", "sigmoid-net-z3", "listing-001-3", "listing-001-44",
                "listing-001-46", "listing-001-48", "listing-001-52", "listing-001-55", "output-001-56",
                "notes-002-parameter-gradients", "notes-001-backprop-scale", "notes-001-loss-formula-penalty",
            ])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(NotesNetworksBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(NotesNetworksBook.self) }

    /// The tool prints what the library computes: the same losses, to the last digit, in JSON.
    func testMoonsToolPrintsTheLibrarysTrace() throws {
        let run = try runTool("notes-networks", ["moons", "--passes", "2001", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        struct Output: Decodable {
            struct Point: Decodable { let iteration: Int, loss: Double }
            let trace: [Point]
            let finalLoss: Double
            let trainingAccuracy: Double
            // The tool's JSON keys are Python's snake case, as the notes' code names them.
            enum CodingKeys: String, CodingKey {
                case trace
                case finalLoss = "final_loss"
                case trainingAccuracy = "training_accuracy"
            }
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(run.stdout.utf8))
        XCTAssertEqual(output.trace.map(\.iteration), [0, 1000, 2000])
        XCTAssertEqual(output.trace.map(\.loss), [0, 1000, 2000].map { MoonsExamples.constantRun.loss(after: $0)! })
        XCTAssertEqual(output.finalLoss, MoonsExamples.constantRun.loss(after: 2000)!)
        XCTAssertGreaterThan(output.trainingAccuracy, 0.9)
    }

    func testMoonsToolPrintsTheNotesLines() throws {
        let run = try runTool("notes-networks", ["moons", "--passes", "1001", "--anneal", "10e-3"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let annealed = MoonsExamples.annealedRun
        XCTAssertTrue(
            run.stdout.contains(String(format: "Loss after iteration 1000: %f", annealed.loss(after: 1000)!)),
            run.stdout)
    }

    func testMoonsToolRefusesBadFlags() throws {
        let cases: [([String], String)] = [
            (["moons", "--hidden", "0"], "--hidden must be between 1 and 1000"),
            (["moons", "--lr=-0.01"], "--lr must be a positive number"),
            (["moons", "--lambda=-1"], "--lambda must be a number >= 0"),
            (["moons", "--anneal=-2"], "--anneal must be a number >= 0"),
            (["moons", "--passes=-5"], "--passes must be between 0 and"),
            (["moons", "--seed", "5000000000"], "--seed must be between 0 and 4294967295"),
            (["moons", "--print-every", "0"], "--print-every must be at least 1"),
            (["moons", "--nudge", "w3.1+"], "--nudge must look like w1.2+"),
            (["moons", "--nudge", "w1.6+"], "W1 and W2 have 6 entries each"),
            (["moons", "--products", "gpu"], "gpu"),
            (["moons-rounding", "--passes", "10", "--at", "20"], "--at 20 is not a pass"),
            (["logistic-regression", "--lambda=-1"], "--lambda must be a number >= 0"),
            (["sigmoid-net", "--layers", "3,5,2"], "--layers must start with 2"),
            (["sigmoid-net", "--layers", "2,2"], "--layers needs at least 3 whole numbers"),
            (["sigmoid-net", "--lr", "0"], "--lr must be a positive number"),
            (["sigmoid-net", "--examples", "201"], "--examples must be between 1 and 200"),
        ]
        try assertToolRejects("notes-networks", cases)
    }

    /// A learning rate that blows the weights up is named, the JSON stays JSON (null for NaN), and
    /// the diverged model's boundary is not drawn.
    func testMoonsToolNamesADivergedRun() throws {
        let run = try runTool("notes-networks", ["moons", "--lr", "1e6", "--passes", "200", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("diverged by pass 0: the loss became nan"), run.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["diverged_at"] as? Int, 0)
        XCTAssertTrue(object?["final_loss"] is NSNull)
        let figure = try runTool(
            "notes-networks",
            [
                "moons", "--lr", "1e6", "--passes", "200", "--figure",
                FileManager.default.temporaryDirectory.appendingPathComponent("diverged.png").path,
            ])
        XCTAssertEqual(figure.status, 1)
        XCTAssertTrue(figure.stderr.contains("not drawing the decision boundary of a diverged model"), figure.stderr)
    }

    func testANudgeMovesOneWeightByOneUlp() throws {
        let start = MoonsModel(hidden: 3, seed: 0)
        let nudge = try XCTUnwrap(MoonsNudge("w2.4-"))
        let nudged = start.nudged(nudge)
        XCTAssertEqual(nudged.w2[flat: 4], start.w2[flat: 4].nextDown)
        XCTAssertEqual(nudged.w1, start.w1)
        XCTAssertEqual(Array(nudged.w2.storage.prefix(4)), Array(start.w2.storage.prefix(4)))
        XCTAssertEqual(MoonsNudge.all(hidden: 3).count, 24)
        XCTAssertNil(MoonsNudge("w1.-1+"))
        XCTAssertEqual(nudge.description, "w2.4-")
    }

    func testSigmoidNetToolShowsTheSymmetry() throws {
        let zero = try runTool("notes-networks", ["sigmoid-net", "--zero-init", "--steps", "20"])
        XCTAssertEqual(zero.status, 0, zero.stderr)
        XCTAssertTrue(zero.stdout.contains("hidden units identical (==): yes"), zero.stdout)
        let random = try runTool("notes-networks", ["sigmoid-net", "--steps", "20"])
        XCTAssertTrue(random.stdout.contains("hidden units identical (==): no"), random.stdout)
        XCTAssertTrue(random.stdout.contains("gradient check at the start"), random.stdout)
    }

    func testLogisticRegressionToolWritesItsFigure() throws {
        let run = try runToolWritingFigure("notes-networks", ["logistic-regression"], name: "baseline")
        XCTAssertTrue(run.stdout.contains("training accuracy"), run.stdout)
    }
}
