import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

@testable import FromScratch
@testable import GradientDescentChapter

/// Chapter 4.4 gradient descent (Chapters/04-gradient-descent.md).
final class GradientDescentTests: XCTestCase {
    func testEveryPrintedValue() throws {
        try assertBookValues(
            GradientDescentBook.self,
            errata: [
                "gd-notes-lr1", "notes-000-history-points", "notes-000-lr-step-length", "notes-000-gd-reaches-minimum",
                "notes-000-listing-parts", "notes-000-contour-comment",
            ])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(GradientDescentBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(GradientDescentBook.self) }

    func testLearningRateOneOscillates() {
        // x - 1 * 2x = -x; the numerical gradient is off by ~1e-12, so compare with that margin.
        let path = GradientDescentRuns.path(learningRate: 1, steps: 3)
        for (point, expected) in zip(path.points, [[-3.0, 4.0], [3, -4], [-3, 4], [3, -4]]) {
            XCTAssertEqual(point[flat: 0], expected[0], accuracy: 1e-11)
            XCTAssertEqual(point[flat: 1], expected[1], accuracy: 1e-11)
        }
    }

    func testNumericalGradientFreezesAtBothEndsOfTheScale() {
        // Tiny x: x ± h rounds to ±h, so f(x+h) == f(x-h).
        let tiny = numericalGradient(BookFunctions.function2, at: Matrix(row: [-2.14405215e-21, 6.35274710e-21]))
        XCTAssertEqual(tiny.storage, [0, 0])
        // The lr 0.2 run therefore stops where the notes print it, not at 0.6^100 * 3 ≈ 2e-22.
        let end = GradientDescentRuns.path(learningRate: 0.2).end
        XCTAssertGreaterThan(abs(end[flat: 0]), 3 * pow(0.6, 100))
        // Huge x: x ± h rounds to x.
        let huge = numericalGradient(BookFunctions.function2, at: Matrix(row: [-2.58983747e+13, -1.29524862e+12]))
        XCTAssertEqual(huge.storage, [0, 0])
    }

    func testToolRunAndFlagErrors() throws {
        let run = try runTool("gradient-descent", ["run", "--lr", "0.1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let end = GradientDescentRuns.path(learningRate: 0.1).end
        XCTAssertTrue(run.stdout.contains("[\(end[flat: 0]), \(end[flat: 1])]"), run.stdout)
        let bad = try runTool("gradient-descent", ["run", "--lr=-1"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--lr must be a positive number"), bad.stderr)
        // A negative rate as its own word reaches the range check, not "Missing value for '--lr'".
        let spaced = try runTool("gradient-descent", ["run", "--lr", "-1"])
        XCTAssertTrue(spaced.stderr.contains("--lr must be a positive number, got -1.0"), spaced.stderr)
        let badStart = try runTool("gradient-descent", ["run", "--start", "1,2,3"])
        XCTAssertTrue(badStart.stderr.contains("--start needs two numbers"), badStart.stderr)
        // Once a trap: the label converted 1e19 to an Int.
        let huge = try runTool("gradient-descent", ["run", "--lr", "1e19", "--steps", "0"])
        XCTAssertEqual(huge.status, 0, huge.stderr)
        XCTAssertEqual(GradientDescentRuns.label(1e19), "1e+19")
        XCTAssertEqual(GradientDescentRuns.label(10), "10")
        // The figure says where the run started, not the book's start.
        let fromOne = GradientDescentRuns.path(learningRate: 0.1, from: Matrix(row: [1, 1]))
        let figure = PathFigure.figure(learningRate: 0.1, path: fromOne, name: "s")
        XCTAssertTrue(figure.commands.contains { $0.contains("steps from (1, 1)") }, "\(figure.commands)")
        XCTAssertFalse(figure.commands.contains { $0.contains("(-3, 4)") })
    }

    func testAFigureWrittenForAnExercise() throws {
        try runToolWritingFigure("gradient-descent", ["run", "--lr", "0.95"], name: "zigzag")
    }

    /// A copy of the project's `Package.swift`, `Chapters/` and the record of the notes' runs in a temporary folder, with this
    /// chapter's text edited by `edit`, and `gradient-descent check` run on it.
    func checkEditedCopy(_ edit: (String) -> String) throws -> (status: Int32, stdout: String, stderr: String) {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("root-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        try fm.copyItem(
            at: projectRoot.appendingPathComponent("Package.swift"), to: root.appendingPathComponent("Package.swift"))
        try fm.copyItem(at: projectRoot.appendingPathComponent("Chapters"), to: root.appendingPathComponent("Chapters"))
        // The record of the notes' listings, which the listing rows read.
        let record = root.appendingPathComponent(NotesCode.fixturePath)
        try fm.createDirectory(at: record.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: projectRoot.appendingPathComponent(NotesCode.fixturePath), to: record)
        let text = try String(contentsOf: GradientDescentBook.textURL(root: root), encoding: .utf8)
        try edit(text).write(to: GradientDescentBook.textURL(root: root), atomically: true, encoding: .utf8)
        // The copy has no ../shared beside it: the offline data the project uses is named outright.
        var environment = ["DLFS_ROOT": root.path]
        for (variable, path) in Repository.offlineData(root: projectRoot) { environment[variable] = path }
        return try runTool("gradient-descent", ["check", "--no-figures"], environment: environment)
    }

    /// The copy itself checks clean; a chapter whose printed value disagrees makes the tool exit
    /// non-zero and show ✗.
    func testAWrongPrintedValueFailsTheCheck() throws {
        let unchanged = try checkEditedCopy { $0 }
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr)
        let run = try checkEditedCopy {
            $0.replacingOccurrences(of: "`[-0.39785867  0.53047822]`", with: "`[-0.39785868  0.53047822]`")
        }
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("1 ✗"), run.stdout)
    }

    /// A chapter text whose ours or status cells no longer show what the code computes fails the
    /// check (it is not a note): CI's `make chapterN` sees every row's text, the slow rows included.
    func testAStaleChapterTextFailsTheCheck() throws {
        let stale = try checkEditedCopy {
            $0.replacingOccurrences(
                of: "| `[-0.39785867 0.53047822]` | ✓ |", with: "| `[-0.39785867 0.53047822]` | erratum |")
        }
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.contains("does not show what the code computes now"), stale.stderr)
    }
}
