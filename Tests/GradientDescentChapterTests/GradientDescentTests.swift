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
}
