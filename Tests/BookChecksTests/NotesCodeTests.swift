import Foundation
import XCTest

@testable import BookChecks

/// A listing row is ✓ when the listing runs as printed, an erratum when it raises and its fix runs;
/// an output row compares the print with what the run printed, as text.
final class NotesCodeTests: XCTestCase {
    func record(asPrinted: String, fixed: String = "null", fix: String = "null", printed: String = "\"a= 1↵b= 2\"")
        throws -> NotesCode
    {
        try JSONDecoder().decode(
            NotesCode.self,
            from: Data(
                """
                {"python": "3", "numpy": "2", "listings": [{"id": "listing-009-3", "note": "009", "lines": [3, 4],
                 "language": "python", "needs": [], "first_line": "print('a=', 1, 'b=', 2)", "output": [6, 7],
                 "printedOutput": \(printed), "asPrinted": \(asPrinted), "fix": \(fix), "fixed": \(fixed)}]}
                """.utf8))
    }

    func verdict(_ id: String, printed: String, kind: PrintKind, in record: NotesCode, why: String? = nil) throws
        -> Verdict
    {
        try NotesListingCheck.finding(id, outputWhy: why, record: record).verdict(
            for: PrintedValue(printed, kind: kind))
    }

    let runs = #"{"runs": true, "exception": null, "line": null, "stdout": "a= 1 b= 2\n"}"#
    let raises = #"{"runs": false, "exception": "IndentationError: unexpected indent", "line": 2, "stdout": ""}"#
    let fix = #"{"why": "a stray space", "replace": [[" def", "def"]]}"#

    func testAListingThatRunsIsChecked() throws {
        XCTAssertEqual(
            try verdict("listing-009-3", printed: "print(", kind: .listing, in: record(asPrinted: runs)), .ok)
    }

    func testAListingThatRaisesIsAnErratumOnlyWhenItsFixRuns() throws {
        XCTAssertEqual(
            try verdict("listing-009-3", printed: "print(", kind: .listing, in: record(asPrinted: raises)), .fail)
        XCTAssertEqual(
            try verdict(
                "listing-009-3", printed: "print(", kind: .listing, in: record(asPrinted: raises, fixed: runs, fix: fix)
            ),
            .erratum)
        XCTAssertEqual(
            try verdict(
                "listing-009-3", printed: "print(", kind: .listing,
                in: record(asPrinted: raises, fixed: raises, fix: fix)), .fail)
    }

    func testAnOutputIsComparedAsText() throws {
        let same = try record(asPrinted: runs, printed: "\"a= 1 b= 2\"")
        XCTAssertEqual(try verdict("output-009-6", printed: "a= 1 b= 2", kind: .output, in: same), .ok)
        // The note shows two lines where the code prints one: not the print, whatever the numbers.
        let split = try record(asPrinted: runs)
        XCTAssertEqual(try verdict("output-009-6", printed: "a= 1↵b= 2", kind: .output, in: split), .fail)
        // Explained, with the numbers the same, it is an erratum; with other numbers it is not.
        XCTAssertEqual(
            try verdict("output-009-6", printed: "a= 1↵b= 2", kind: .output, in: split, why: "two prints"), .erratum)
        XCTAssertEqual(
            try verdict("output-009-6", printed: "a= 1↵b= 3", kind: .output, in: split, why: "two prints"), .fail)
    }

    func testNumbersAreReadAsPrinted() {
        XCTAssertEqual(NotesListingCheck.numbers(in: "x= -0.5, [6. 8.] 1e-07"), ["-0.5", "6.", "8.", "1e-07"])
    }

    /// The committed record decodes, and every listing the notes print is in it once.
    func testTheCommittedRecordDecodes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let record = try NotesCode.load(root: root)
        XCTAssertGreaterThan(record.listings.count, 10)
        XCTAssertEqual(Set(record.listings.map(\.id)).count, record.listings.count)
    }
}
