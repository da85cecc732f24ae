import Foundation
import XCTest

@testable import BookChecks

/// The coverage map accounts for every line of the notes: a line in no entry, an entry naming a
/// row no table has, or a stale page fails.
final class CoverageMapTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A record of one listing on lines 3–4 of note 009, printing on line 6.
    let code = try! JSONDecoder().decode(
        NotesCode.self,
        from: Data(
            """
            {"python": "3", "numpy": "2", "listings": [{"id": "listing-009-3", "note": "009", "lines": [3, 4],
             "language": "python", "needs": [], "first_line": "x = 1", "output": [6, 6], "printedOutput": "1",
             "asPrinted": {"runs": true, "exception": null, "line": null, "stdout": "1\\n"}, "fix": null, "fixed": null}]}
            """.utf8))

    let noteLines = ["# A note", "", "x = 1", "print(x)", "", "1", "The gradient points uphill."]
    let rows = [
        "listing-009-3": CoverageMap.RowStatus(file: "04-x.md", status: "✓"),
        "output-009-6": CoverageMap.RowStatus(file: "04-x.md", status: "✓"),
        "uphill": CoverageMap.RowStatus(file: "04-x.md", status: "erratum"),
    ]

    func note(_ tsv: String) throws -> CoverageMap.Note {
        CoverageMap.Note(number: "009", lines: noteLines, entries: try CoverageMap.entries(tsv, file: "009.tsv"))
    }

    func testAFullMapCountsRowsAndReasons() throws {
        let map = try note(
            "1\theading\theading\ttitle\n3-4\tlisting\tauto\tcode\n6\toutput\tauto\tits output\n7\tstatement\tuphill\t")
        let body = try CoverageMap.body(notes: [map], code: code, rows: rows)
        XCTAssertTrue(body.contains("[`listing-009-3`](04-x.md)"), body)
        XCTAssertTrue(body.contains("[`output-009-6`](04-x.md)"), body)
        // 6 non-blank lines, 4 entries; ✓ twice (listing, output), erratum once, heading once.
        XCTAssertTrue(body.contains("| 009 | 5 | 4 | 2 | 0 | 1 | 0 | 1 |"), body)
    }

    func testALineInNoEntryFailsNamingIt() throws {
        let map = try note("1\theading\theading\t\n3-4\tlisting\tauto\t\n6\toutput\tauto\t")
        XCTAssertThrowsError(try CoverageMap.body(notes: [map], code: code, rows: rows)) { error in
            XCTAssertTrue("\(error)".contains("note 009, line 7 is in no entry"), "\(error)")
        }
    }

    func testAnUnknownRowFails() throws {
        let map = try note("1\theading\theading\t\n3-4\tlisting\tauto\t\n6\toutput\tauto\t\n7\tstatement\tdownhill\t")
        XCTAssertThrowsError(try CoverageMap.body(notes: [map], code: code, rows: rows)) { error in
            XCTAssertTrue("\(error)".contains("'downhill', which no chapter table has"), "\(error)")
        }
    }

    func testAListingLineOutsideAnAutoEntryFails() throws {
        let map = try note(
            "1\theading\theading\t\n3\tlisting\tauto\t\n4\tstatement\topinion\t\n6\toutput\tauto\t\n7\tstatement\tuphill\t"
        )
        XCTAssertThrowsError(try CoverageMap.body(notes: [map], code: code, rows: rows)) { error in
            XCTAssertTrue("\(error)".contains("line 4 belongs to listing-009-3"), "\(error)")
        }
    }

    func testOverlapsAndUnknownReasonsFail() throws {
        let overlapping = try note("1-3\theading\theading\t\n3-7\tprose\topinion\t")
        XCTAssertThrowsError(try CoverageMap.body(notes: [overlapping], code: code, rows: rows))
        // A reason not on the list reads as a row id, which no table has.
        let unlisted = try note("1-6\theading\tweather\t\n7\tstatement\tuphill\t")
        XCTAssertThrowsError(try CoverageMap.body(notes: [unlisted], code: code, rows: rows)) { error in
            XCTAssertTrue("\(error)".contains("'weather', which no chapter table has"), "\(error)")
        }
        XCTAssertThrowsError(try note("1\tpoem\theading\t")) { error in
            XCTAssertTrue("\(error)".contains("the kind 'poem'"), "\(error)")
        }
    }

    /// The committed page maps the notes as they are (CI has them beside the project).
    func testTheCommittedMapIsCurrent() throws {
        guard let body = try CoverageMap.currentBody(root: root) else {
            throw XCTSkip("the notes are not beside the project (../shared/seeds)")
        }
        let path = root.appendingPathComponent("Chapters").appendingPathComponent(CoverageMap.fileName).path
        let page = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(
            try CoverageMap.rewritten(page, body: body, path: path), page,
            "Chapters/coverage.md is stale: run `make tables`")
    }
}
