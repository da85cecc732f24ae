import XCTest

@testable import BookChecks

/// A printed value of a declared kind; the tests' texts are all of their kind.
func printedAs(_ text: String, _ kind: PrintKind) -> PrintedValue {
    do { return try PrintedValue(text, kind: kind) } catch { fatalError("\(error)") }
}

/// A printed value is checked to exactly the precision it was printed with.
final class PrintedValueTests: XCTestCase {
    func testThreeDecimalsMeanHalfAThousandth() {
        let printed = printedAs("0.244", .rounded)
        XCTAssertTrue(printed.agrees(with: [0.2444]))
        XCTAssertTrue(printed.agrees(with: [0.2436]))
        XCTAssertFalse(printed.agrees(with: [0.2446]))
        XCTAssertFalse(printed.agrees(with: [0.2434]))
    }

    func testFullPrecisionValuesAcceptOnlyThatDouble() {
        let printed = printedAs("0.09750000000000003", .repr)
        let value = 0.09750000000000003
        XCTAssertTrue(printed.agrees(with: [value]))
        XCTAssertFalse(printed.agrees(with: [value.nextUp]))
        XCTAssertFalse(printed.agrees(with: [value.nextDown]))
        XCTAssertFalse(
            printedAs("0.2999999999986347", .repr).agrees(with: [0.2999999999997449]),
            "the grouping (0.01*x)*x gives other last digits than 0.01*(x*x)")
        // 15 printed digits are still a repr: 6.000000000003784 prints the same to 14 decimals, but
        // its repr is another text.
        XCTAssertTrue(printedAs("6.00000000000378", .repr).agrees(with: [6.00000000000378]))
        XCTAssertFalse(printedAs("6.00000000000378", .repr).agrees(with: [6.000000000003784]))
        XCTAssertFalse(printedAs("220.00000000000003", .repr).agrees(with: [220]))
    }

    func testAPersonsRoundingIsCheckedToItsDigitsAndOursIsShownInFull() {
        let printed = printedAs("0.244", .rounded)
        XCTAssertEqual(printed.display([0.24449]), "0.24449", "ours as we print it, not the printed text reformatted")
        XCTAssertEqual(printedAs("[0.244, 0.665]", .rounded).display([0.2444, 0.665]), "[0.2444, 0.665]")
        XCTAssertTrue(
            printedAs("[-0.350392995752, 0.084782316550]", .rounded).agrees(with: [
                -0.3503929957523197, 0.0847823165504322,
            ]),
            "twelve digits inside a typed list are a person's rounding, not a repr")
    }

    func testNumPyArraysAreCheckedToEightDecimals() {
        let printed = printedAs("[6. 8.]", .numpy)
        XCTAssertTrue(printed.agrees(with: [6.00000000000378, 7.999999999999119]))
        XCTAssertFalse(printed.agrees(with: [6.00000001, 8]))
        XCTAssertFalse(printed.agrees(with: [6]), "element count must match")
        XCTAssertEqual(printed.display([6.00000000000378, 7.999999999999119]), "[6. 8.]")
        let trimmed = printedAs("[1.05414809 0.63071653 1.1328074 ]", .numpy)
        XCTAssertTrue(trimmed.agrees(with: [1.054148094, 0.630716534, 1.132807404]))
        XCTAssertFalse(trimmed.agrees(with: [1.054148094, 0.630716534, 1.13280741]), "1.1328074 means 1.13280740")
    }

    func testScientificElementsKeepTheirMantissaDigits() {
        let printed = printedAs("[-2.14405215e-21  6.35274710e-21]", .numpy)
        XCTAssertTrue(printed.agrees(with: [-2.144052151e-21, 6.352747104e-21]))
        XCTAssertFalse(printed.agrees(with: [-2.14405216e-21, 6.3527471e-21]))
        XCTAssertFalse(printed.agrees(with: [-2.14405215e-20, 6.3527471e-21]), "the exponent counts")
    }

    func testMatricesAreShownWithTheirRows() {
        let printed = printedAs("[[0.12345678 0.2] [0.3 0.4]]", .numpy)
        XCTAssertEqual(printed.values, [0.12345678, 0.2, 0.3, 0.4])
        XCTAssertEqual(printed.display([0.12345678, 0.2, 0.3, 0.41]), "[[0.12345678 0.2] [0.3 0.41]]")
    }

    func testFormulasAndClaims() {
        let formula = printedAs("−log(0.21)", .formula)
        XCTAssertTrue(formula.agrees(with: [-log(0.21)]))
        XCTAssertFalse(formula.agrees(with: [(-log(0.21)).nextUp]))
        XCTAssertEqual(printedAs("equality", .claim).form, .claim)
        XCTAssertFalse(printedAs("equality", .claim).agrees(with: [1]))
    }

    func testIntervalsAgreeWhenTheyMeetThePrintedRounding() {
        let printed = printedAs("0.928", .rounded)
        XCTAssertTrue(printed.lies(in: 0.9284...0.9290))
        XCTAssertFalse(printed.lies(in: 0.9286...0.9290))
    }
}

final class VerdictTests: XCTestCase {
    let printed = printedAs("0.5", .rounded)

    func testPlainValues() {
        XCTAssertEqual(Finding.value(0.5).verdict(for: printed), .ok)
        XCTAssertEqual(Finding.value(0.7).verdict(for: printed), .fail)
    }

    func testErratumNeedsADisagreeingCodeAndAnAgreeingReproduction() {
        let real = Finding(.values([0.7]), erratum: Erratum(reproducedBy: "x", reproduction: .values([0.5]), why: ""))
        XCTAssertEqual(real.verdict(for: printed), .erratum)
        let unexplained = Finding(
            .values([0.7]), erratum: Erratum(reproducedBy: "x", reproduction: .values([0.6]), why: ""))
        XCTAssertEqual(unexplained.verdict(for: printed), .fail)
        let groundless = Finding(
            .values([0.5]), erratum: Erratum(reproducedBy: "x", reproduction: .values([0.5]), why: ""))
        XCTAssertEqual(
            groundless.verdict(for: printed), .fail, "no erratum may be claimed for a value the code reproduces")
    }

    func testAnErratumIsRefusedUnlessBothFactsAreComputedTrue() {
        let evidence = Finding(
            .claim(holds: false, detail: "the printed rule"),
            erratum: Erratum(reproducedBy: "evidence", reproduction: .claim(holds: true, detail: ""), why: ""))
        XCTAssertEqual(evidence.verdict(for: printedAs("a claim", .claim)), .erratum)
        let noEvidence = Finding(
            .claim(holds: false, detail: ""),
            erratum: Erratum(reproducedBy: "evidence", reproduction: .claim(holds: false, detail: ""), why: ""))
        XCTAssertEqual(
            noEvidence.verdict(for: printedAs("a claim", .claim)), .fail, "evidence that does not hold proves nothing")
        let claimHolds = Finding(
            .claim(holds: true, detail: ""),
            erratum: Erratum(reproducedBy: "evidence", reproduction: .claim(holds: true, detail: ""), why: ""))
        XCTAssertEqual(claimHolds.verdict(for: printedAs("a claim", .claim)), .fail, "a claim that holds is no erratum")
        let failing = Finding(
            .error("IndexError"), erratum: Erratum(reproducedBy: "x", reproduction: .error("again"), why: ""))
        XCTAssertEqual(failing.verdict(for: printed), .fail, "an error reproduces nothing")
        let withinSpread = Finding(
            .withinSpread(.values([0.5]), why: "nudges"),
            erratum: Erratum(reproducedBy: "x", reproduction: .values([0.5]), why: ""))
        XCTAssertEqual(withinSpread.verdict(for: printed), .fail, "agreement within a spread is agreement")
    }

    func testAgreementWithinAMeasuredSpreadIsNotATick() {
        XCTAssertEqual(Finding(.withinSpread(.values([0.5]), why: "phase")).verdict(for: printed), .withinSpread)
        XCTAssertEqual(Finding(.withinSpread(.values([0.6]), why: "phase")).verdict(for: printed), .fail)
        XCTAssertEqual(
            Finding(.withinSpread(.interval(0.45...0.55, described: "runs"), why: "nudges")).verdict(for: printed),
            .withinSpread)
        XCTAssertEqual(
            Finding(.approximately([0.52], tolerance: 0.03, why: "seeds")).verdict(for: printed), .withinSpread)
        XCTAssertEqual(Finding(.approximately([0.6], tolerance: 0.03, why: "seeds")).verdict(for: printed), .fail)
        XCTAssertEqual(Verdict.withinSpread.symbol, "≈")
    }

    func testErrorsAndClaims() {
        XCTAssertEqual(Finding(.error("IndexError")).verdict(for: printed), .fail)
        XCTAssertEqual(Finding(.claim(holds: true, detail: "")).verdict(for: printedAs("equality", .claim)), .ok)
        XCTAssertEqual(Finding(.claim(holds: false, detail: "")).verdict(for: printedAs("equality", .claim)), .fail)
    }
}

final class PrintedListTests: XCTestCase {
    func testAProseListIsCheckedToItsOwnDigits() {
        let printed = printedAs("[0.244, 0.665, 0.091]", .rounded)
        XCTAssertTrue(printed.agrees(with: [0.2444, 0.6649, 0.0906]))
        XCTAssertFalse(printed.agrees(with: [0.2446, 0.665, 0.091]))
    }

    func testNaNAndLabelledOutput() {
        XCTAssertTrue(printedAs("[nan, nan, nan]", .numpy).agrees(with: [.nan, .nan, .nan]))
        XCTAssertFalse(printedAs("[nan, nan, nan]", .numpy).agrees(with: [.nan, 1, .nan]))
        XCTAssertTrue(printedAs("Accuracy:0.9352", .repr).agrees(with: [0.9352]))
        XCTAssertFalse(printedAs("Accuracy:0.9352", .repr).agrees(with: [0.9351]))
    }
}

/// Each row declares its kind of print, and the kind decides what agreement means.
final class PrintKindTests: XCTestCase {
    func testAShortReprStillNamesOneDouble() {
        // `dApple: 2.2` is Python's repr: only the double 2.2 agrees, not anything that rounds to it.
        let repr = printedAs("dApple: 2.2", .repr)
        XCTAssertTrue(repr.agrees(with: [2.2]))
        XCTAssertFalse(repr.agrees(with: [(2.2 as Double).nextUp]))
        XCTAssertFalse(repr.agrees(with: [2.2000000000000006]), "the next double up")
        XCTAssertTrue(
            printedAs("2.2", .rounded).agrees(with: [2.2000000000000006]), "a person's 2.2 is checked to one decimal")
        XCTAssertTrue(printedAs("price: 220", .repr).agrees(with: [220]))
        XCTAssertFalse(printedAs("price: 220", .repr).agrees(with: [220.00000000000003]))
        XCTAssertTrue(
            printedAs("0.92806853663411326", .repr).agrees(with: [0.92806853663411326]),
            "Python 2's 17-digit repr names one double too")
        XCTAssertFalse(printedAs("0.92806853663411326", .repr).agrees(with: [(0.92806853663411326 as Double).nextUp]))
    }

    func testATextThatIsNotItsKindIsRefused() {
        XCTAssertThrowsError(try PrintedValue("0.20", kind: .repr), "Python never prints 0.20 for a float")
        XCTAssertThrowsError(try PrintedValue("[1.0, 2.0]", kind: .repr))
        XCTAssertThrowsError(try PrintedValue("0.5", kind: .numpy))
        XCTAssertThrowsError(try PrintedValue("about half", kind: .rounded))
        XCTAssertThrowsError(try PrintedValue("0.5", kind: .formula))
        XCTAssertThrowsError(try PrintedValue(" ", kind: .claim))
        XCTAssertNoThrow(try PrintedValue("0.5", kind: .claim), "a claim may be any text")
    }

    func testAProgramsFormatIsCheckedToItsDigits() {
        let loss = printedAs("0.068926", .format)
        XCTAssertTrue(loss.agrees(with: [0.0689264]))
        XCTAssertFalse(loss.agrees(with: [0.0689266]))
        XCTAssertEqual(loss.display([0.0689264]), "0.0689264")
    }

    func testTheTableRejectsAnUnknownOrMismatchedKind() {
        let table = { (kind: String, printed: String) in
            """
            <!-- book-table -->
            | id | example | source | printed | kind | ours | status |
            |---|---|---|---|---|---|---|
            | `a` | first | DLfS 1 | `\(printed)` | \(kind) | | |
            <!-- /book-table -->
            """
        }
        XCTAssertThrowsError(try ChapterText(markdown: table("guess", "0.5"), path: "x.md").rows()) { error in
            XCTAssertTrue("\(error)".contains("row 'a' has the kind 'guess'; the kinds are repr, numpy"), "\(error)")
        }
        XCTAssertThrowsError(try ChapterText(markdown: table("numpy", "0.5"), path: "x.md").rows()) { error in
            XCTAssertTrue("\(error)".contains("row 'a': `0.5` is declared `numpy`"), "\(error)")
        }
    }
}
