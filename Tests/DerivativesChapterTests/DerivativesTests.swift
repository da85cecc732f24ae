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
}
