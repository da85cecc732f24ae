import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

@testable import DerivativesChapter
@testable import FromScratch

/// Chapter 4.3-4.4 (Chapters/04-derivatives.md).
final class DerivativesTests: XCTestCase {
    func testEveryPrintedValue() throws {
        try assertBookValues(
            DerivativesBook.self,
            errata: [
                "diff-notes-x5", "diff-notes-x10", "function-2-indexing", "gradient-direction",
                "gradient-direction-book",
                "simplenet-loss", "simplenet-dw", "output-000-117", "listing-000-164", "output-000-199",
                "notes-003-batch-shape",
                "notes-003-learning-aim", "simplenet-scores-first-printings", "notes-000-comment-fxh2",
                "notes-000-numerical-in-practice",
            ])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(DerivativesBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(DerivativesBook.self) }

    func testEvaluationOrderDecidesTheLastDigits() {
        // STYLE.md's example: (0.01*x)*x instead of 0.01*(x*x) changes the printed digits.
        let regrouped = numericalDerivative({ x in 0.01 * x * x + 0.1 * x }, at: 10)
        XCTAssertEqual(regrouped, 0.2999999999997449)
        XCTAssertEqual(numericalDerivative(BookFunctions.function1, at: 10), 0.2999999999986347)
    }

    func testForwardDifferenceErrorIsHalfHTimesTheSecondDerivative() {
        for x in [5.0, 10.0] {
            let forward = numericalDerivative(BookFunctions.function1, at: x, scheme: .forward)
            XCTAssertEqual(forward - BookFunctions.function1Derivative(x), 1e-4 * 0.02 / 2, accuracy: 1e-11)
        }
    }

    func testPrintedFunction2FailsLikeNumPy() {
        XCTAssertThrowsError(try GradientExample.function2AsPrinted(Matrix(row: [3, 4]))) { error in
            XCTAssertEqual("\(error)", "IndexError: index 2 is out of bounds for axis 0 with size 2")
        }
    }

    func testSimpleNetGradientWithoutDeltaIsTheAnalyticOne() {
        // Without δ, dL/dW = x^T (softmax(xW) - t); the numerical gradient must agree closely.
        let analytic = matmul(SimpleNet.x.transposed, softmax(SimpleNet.predict(SimpleNet.w)) - SimpleNet.t)
        let numerical = SimpleNet.weightGradient(delta: 0)
        for i in 0..<6 { XCTAssertEqual(numerical[flat: i], analytic[flat: i], accuracy: 1e-9) }
    }

    func testToolExamples() throws {
        let forward = try runTool("derivatives", ["diff", "--x", "5", "--scheme", "forward"])
        XCTAssertTrue(forward.stdout.contains("0.20000099999917254"), forward.stdout)
        let bad = try runTool("derivatives", ["diff", "--h", "0"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--h must be a positive number"), bad.stderr)
        let net = try runTool("derivatives", ["simple-net", "--delta", "0"])
        XCTAssertTrue(net.stdout.contains("argmax:       2"), net.stdout)
    }

    // MARK: - The check itself, on an edited copy of the project

    /// A copy of the project's `Package.swift`, `Chapters/` and the record of the notes' runs in a
    /// temporary folder, with this chapter's text edited by `edit`, and `derivatives check` run on it
    /// as a reader offline would: no `../shared` beside it, no MNIST, an empty download cache. This
    /// chapter needs none of them, so the meta-tests are fast and test only what they say.
    func checkEditedCopy(_ edit: (String) -> String) throws -> (status: Int32, stdout: String, stderr: String) {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("root-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        try fm.copyItem(
            at: projectRoot.appendingPathComponent("Package.swift"), to: root.appendingPathComponent("Package.swift"))
        try fm.copyItem(at: projectRoot.appendingPathComponent("Chapters"), to: root.appendingPathComponent("Chapters"))
        let record = root.appendingPathComponent(NotesCode.fixturePath)
        try fm.createDirectory(at: record.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: projectRoot.appendingPathComponent(NotesCode.fixturePath), to: record)
        let text = try String(contentsOf: DerivativesBook.textURL(root: root), encoding: .utf8)
        try edit(text).write(to: DerivativesBook.textURL(root: root), atomically: true, encoding: .utf8)
        let offline = [
            "DLFS_ROOT": root.path, "MNIST_DIR": root.appendingPathComponent("no-mnist").path,
            "DLFS_WEIGHTS": root.appendingPathComponent("no-weights.pkl").path,
            "XDG_CACHE_HOME": root.appendingPathComponent("empty-cache").path,
        ]
        return try runTool("derivatives", ["check", "--no-figures"], environment: offline)
    }

    /// The copy itself checks clean; a chapter whose printed value disagrees makes the tool exit
    /// non-zero and show ✗, and only that.
    func testAWrongPrintedValueFailsTheCheck() throws {
        let unchanged = try checkEditedCopy { $0 }
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr)
        XCTAssertTrue(unchanged.stdout.contains(", 0 ✗"), unchanged.stdout)
        let run = try checkEditedCopy {
            $0.replacingOccurrences(of: "| `0.1999999999990898` | repr |", with: "| `0.1999999999990899` | repr |")
        }
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains(", 1 ✗"), run.stdout)
    }

    /// A chapter text whose ours or status cells no longer show what the code computes fails the
    /// check (it is not a note), with every value still right: the failure is the stale text alone.
    func testAStaleChapterTextFailsTheCheck() throws {
        let stale = try checkEditedCopy {
            $0.replacingOccurrences(
                of: "| `0.1999999999990898` | repr | `0.1999999999990898` | ✓ |",
                with: "| `0.1999999999990898` | repr | `0.1999999999990898` | erratum |")
        }
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stdout.contains(", 0 ✗"), "every value is right: \(stale.stdout)")
        XCTAssertTrue(stale.stderr.contains("does not show what the code computes now"), stale.stderr)
    }
}
