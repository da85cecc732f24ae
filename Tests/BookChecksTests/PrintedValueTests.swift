import XCTest
@testable import BookChecks

/// A printed value is checked to exactly the precision it was printed with.
final class PrintedValueTests: XCTestCase {
    func testThreeDecimalsMeanHalfAThousandth() {
        let printed = PrintedValue("0.244")
        XCTAssertTrue(printed.agrees(with: [0.2444]))
        XCTAssertTrue(printed.agrees(with: [0.2436]))
        XCTAssertFalse(printed.agrees(with: [0.2446]))
        XCTAssertFalse(printed.agrees(with: [0.2434]))
    }

    func testFullPrecisionValuesAcceptOnlyThatDouble() {
        let printed = PrintedValue("0.09750000000000003")
        let value = 0.09750000000000003
        XCTAssertTrue(printed.agrees(with: [value]))
        XCTAssertFalse(printed.agrees(with: [value.nextUp]))
        XCTAssertFalse(printed.agrees(with: [value.nextDown]))
        XCTAssertFalse(PrintedValue("0.2999999999986347").agrees(with: [0.2999999999997449]),
                       "the grouping (0.01*x)*x gives other last digits than 0.01*(x*x)")
        // 15 printed digits are still a repr: 6.000000000003784 prints the same to 14 decimals, but
        // its repr is another text.
        XCTAssertTrue(PrintedValue("6.00000000000378").agrees(with: [6.00000000000378]))
        XCTAssertFalse(PrintedValue("6.00000000000378").agrees(with: [6.000000000003784]))
        XCTAssertFalse(PrintedValue("220.00000000000003").agrees(with: [220]))
    }

    func testAPersonsRoundingIsCheckedToItsDigitsAndOursIsShownInFull() {
        let printed = PrintedValue("0.244")
        XCTAssertEqual(printed.display([0.24449]), "0.24449", "ours as we print it, not the printed text reformatted")
        XCTAssertEqual(PrintedValue("[0.244, 0.665]").display([0.2444, 0.665]), "[0.2444, 0.665]")
        XCTAssertTrue(PrintedValue("[-0.350392995752, 0.084782316550]").agrees(with: [-0.3503929957523197, 0.0847823165504322]),
                      "twelve digits inside a typed list are a person's rounding, not a repr")
    }

    func testNumPyArraysAreCheckedToEightDecimals() {
        let printed = PrintedValue("[6. 8.]")
        XCTAssertTrue(printed.agrees(with: [6.00000000000378, 7.999999999999119]))
        XCTAssertFalse(printed.agrees(with: [6.00000001, 8]))
        XCTAssertFalse(printed.agrees(with: [6]), "element count must match")
        XCTAssertEqual(printed.display([6.00000000000378, 7.999999999999119]), "[6. 8.]")
        let trimmed = PrintedValue("[1.05414809 0.63071653 1.1328074 ]")
        XCTAssertTrue(trimmed.agrees(with: [1.054148094, 0.630716534, 1.132807404]))
        XCTAssertFalse(trimmed.agrees(with: [1.054148094, 0.630716534, 1.13280741]), "1.1328074 means 1.13280740")
    }

    func testScientificElementsKeepTheirMantissaDigits() {
        let printed = PrintedValue("[-2.14405215e-21  6.35274710e-21]")
        XCTAssertTrue(printed.agrees(with: [-2.144052151e-21, 6.352747104e-21]))
        XCTAssertFalse(printed.agrees(with: [-2.14405216e-21, 6.3527471e-21]))
        XCTAssertFalse(printed.agrees(with: [-2.14405215e-20, 6.3527471e-21]), "the exponent counts")
    }

    func testMatricesAreShownWithTheirRows() {
        let printed = PrintedValue("[[0.12345678 0.2] [0.3 0.4]]")
        XCTAssertEqual(printed.values, [0.12345678, 0.2, 0.3, 0.4])
        XCTAssertEqual(printed.display([0.12345678, 0.2, 0.3, 0.41]), "[[0.12345678 0.2] [0.3 0.41]]")
    }

    func testFormulasAndClaims() {
        let formula = PrintedValue("−log(0.21)")
        XCTAssertTrue(formula.agrees(with: [-log(0.21)]))
        XCTAssertFalse(formula.agrees(with: [(-log(0.21)).nextUp]))
        XCTAssertEqual(PrintedValue("equality").form, .claim)
        XCTAssertFalse(PrintedValue("equality").agrees(with: [1]))
    }

    func testIntervalsAgreeWhenTheyMeetThePrintedRounding() {
        let printed = PrintedValue("0.928")
        XCTAssertTrue(printed.lies(in: 0.9284...0.9290))
        XCTAssertFalse(printed.lies(in: 0.9286...0.9290))
    }
}

final class VerdictTests: XCTestCase {
    let printed = PrintedValue("0.5")

    func testPlainValues() {
        XCTAssertEqual(Finding.value(0.5).verdict(for: printed), .ok)
        XCTAssertEqual(Finding.value(0.7).verdict(for: printed), .fail)
    }

    func testErratumNeedsADisagreeingCodeAndAnAgreeingReproduction() {
        let real = Finding(.values([0.7]), erratum: Erratum(reproducedBy: "x", reproduction: .values([0.5]), why: ""))
        XCTAssertEqual(real.verdict(for: printed), .erratum)
        let unexplained = Finding(.values([0.7]), erratum: Erratum(reproducedBy: "x", reproduction: .values([0.6]), why: ""))
        XCTAssertEqual(unexplained.verdict(for: printed), .fail)
        let groundless = Finding(.values([0.5]), erratum: Erratum(reproducedBy: "x", reproduction: .values([0.5]), why: ""))
        XCTAssertEqual(groundless.verdict(for: printed), .fail, "no erratum may be claimed for a value the code reproduces")
    }

    func testAnErratumIsRefusedUnlessBothFactsAreComputedTrue() {
        let evidence = Finding(.claim(holds: false, detail: "the printed rule"),
                               erratum: Erratum(reproducedBy: "evidence", reproduction: .claim(holds: true, detail: ""), why: ""))
        XCTAssertEqual(evidence.verdict(for: PrintedValue("a claim")), .erratum)
        let noEvidence = Finding(.claim(holds: false, detail: ""),
                                 erratum: Erratum(reproducedBy: "evidence", reproduction: .claim(holds: false, detail: ""), why: ""))
        XCTAssertEqual(noEvidence.verdict(for: PrintedValue("a claim")), .fail, "evidence that does not hold proves nothing")
        let claimHolds = Finding(.claim(holds: true, detail: ""),
                                 erratum: Erratum(reproducedBy: "evidence", reproduction: .claim(holds: true, detail: ""), why: ""))
        XCTAssertEqual(claimHolds.verdict(for: PrintedValue("a claim")), .fail, "a claim that holds is no erratum")
        let failing = Finding(.error("IndexError"), erratum: Erratum(reproducedBy: "x", reproduction: .error("again"), why: ""))
        XCTAssertEqual(failing.verdict(for: printed), .fail, "an error reproduces nothing")
        let withinSpread = Finding(.withinSpread(.values([0.5]), why: "nudges"),
                                   erratum: Erratum(reproducedBy: "x", reproduction: .values([0.5]), why: ""))
        XCTAssertEqual(withinSpread.verdict(for: printed), .fail, "agreement within a spread is agreement")
    }

    func testAgreementWithinAMeasuredSpreadIsNotATick() {
        XCTAssertEqual(Finding(.withinSpread(.values([0.5]), why: "phase")).verdict(for: printed), .withinSpread)
        XCTAssertEqual(Finding(.withinSpread(.values([0.6]), why: "phase")).verdict(for: printed), .fail)
        XCTAssertEqual(Finding(.withinSpread(.interval(0.45...0.55, described: "runs"), why: "nudges")).verdict(for: printed),
                       .withinSpread)
        XCTAssertEqual(Finding(.approximately([0.52], tolerance: 0.03, why: "seeds")).verdict(for: printed), .withinSpread)
        XCTAssertEqual(Finding(.approximately([0.6], tolerance: 0.03, why: "seeds")).verdict(for: printed), .fail)
        XCTAssertEqual(Verdict.withinSpread.symbol, "≈")
    }

    func testErrorsAndClaims() {
        XCTAssertEqual(Finding(.error("IndexError")).verdict(for: printed), .fail)
        XCTAssertEqual(Finding(.claim(holds: true, detail: "")).verdict(for: PrintedValue("equality")), .ok)
        XCTAssertEqual(Finding(.claim(holds: false, detail: "")).verdict(for: PrintedValue("equality")), .fail)
    }
}

final class PrintedListTests: XCTestCase {
    func testAProseListIsCheckedToItsOwnDigits() {
        let printed = PrintedValue("[0.244, 0.665, 0.091]")
        XCTAssertTrue(printed.agrees(with: [0.2444, 0.6649, 0.0906]))
        XCTAssertFalse(printed.agrees(with: [0.2446, 0.665, 0.091]))
    }

    func testNaNAndLabelledOutput() {
        XCTAssertTrue(PrintedValue("[nan, nan, nan]").agrees(with: [.nan, .nan, .nan]))
        XCTAssertFalse(PrintedValue("[nan, nan, nan]").agrees(with: [.nan, 1, .nan]))
        XCTAssertTrue(PrintedValue("Accuracy:0.9352").agrees(with: [0.9352]))
        XCTAssertFalse(PrintedValue("Accuracy:0.9352").agrees(with: [0.9351]))
    }
}
