import XCTest

@testable import BookChecks

final class ChapterTextTests: XCTestCase {
    let markdown = """
        # A chapter

        <!-- book-table -->
        | id | example | source | printed | kind | ours | status |
        |---|---|---|---|---|---|---|
        | `a` | first | DLfS 1 | `0.5` | rounded | | |
        | `b` | second, with a \\| bar | 000 §1 | `[1. 2.]` | numpy | `stale` | ✗ |
        <!-- /book-table -->

        ## Errata
        <!-- book-errata -->
        <!-- /book-errata -->
        tail
        """

    func testRowsAreReadFromTheTable() throws {
        let rows = try ChapterText(markdown: markdown, path: "x.md").rows()
        XCTAssertEqual(rows.map(\.id), ["a", "b"])
        XCTAssertEqual(rows[1].example, "second, with a | bar")
        XCTAssertEqual(rows[1].printed.values, [1, 2])
    }

    func testRewritingFillsOursStatusAndErrataAndRoundTrips() throws {
        let text = ChapterText(markdown: markdown, path: "x.md")
        let rows = try text.rows()
        let checked = [
            CheckedRow(row: rows[0], finding: .value(0.5)),
            CheckedRow(
                row: rows[1],
                finding: Finding(
                    .values([1, 3]),
                    erratum: Erratum(
                        reproducedBy: "another way", reproduction: .values([1, 2]), why: "Because |x| differs."))),
        ]
        let rewritten = try text.rewritten(with: checked)
        XCTAssertTrue(rewritten.contains("| `a` | first | DLfS 1 | `0.5` | rounded | `0.5` | ✓ |"))
        XCTAssertTrue(rewritten.contains("`[1. 3.]` | erratum |"))
        XCTAssertTrue(rewritten.contains("- **b** (000 §1): printed `[1. 2.]`"))
        XCTAssertTrue(rewritten.hasSuffix("tail"))
        let again = ChapterText(markdown: rewritten, path: "x.md")
        XCTAssertEqual(try again.rows().map(\.printed.text), ["0.5", "[1. 2.]"])
        XCTAssertEqual(try again.rewritten(with: checked), rewritten, "rewriting is idempotent")
        XCTAssertEqual(try again.writtenResults()["b"]?.status, "erratum")
    }

    func testMissingMarkersAndMalformedRowsAreNamed() {
        XCTAssertThrowsError(try ChapterText(markdown: "no table", path: "x.md").rows()) { error in
            XCTAssertTrue("\(error)".contains("<!-- book-table -->"))
        }
        let bad = markdown.replacingOccurrences(
            of: "| `a` | first | DLfS 1 | `0.5` | rounded | | |", with: "| `a` | first |")
        XCTAssertThrowsError(try ChapterText(markdown: bad, path: "x.md").rows()) { error in
            XCTAssertTrue("\(error)".contains("7 cells"))
        }
    }

    func testJSONHasTheSixFieldsInOrderAndEscapes() throws {
        let row = try BookRow(id: "q\"x", example: "e", source: "s", printed: "0.5", kind: .rounded)
        let json = BookTable.json([CheckedRow(row: row, finding: .value(0.5))])
        XCTAssertEqual(
            json,
            "[\n  {\"id\": \"q\\\"x\", \"source\": \"s\", \"printed\": \"0.5\", \"kind\": \"rounded\", \"ours\": \"0.5\", \"status\": \"ok\"}\n]"
        )
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]]
        XCTAssertEqual(parsed?.first?["id"], "q\"x")
    }

    func testTerminalTableCountsVerdicts() throws {
        let row = try BookRow(id: "a", example: "e", source: "§三", printed: "0.5", kind: .rounded)
        let spread = try BookRow(id: "b", example: "e", source: "001", printed: "0.5", kind: .rounded)
        let table = BookTable.terminal(
            [
                CheckedRow(row: row, finding: .value(0.6)),
                CheckedRow(row: spread, finding: Finding(.withinSpread(.values([0.5]), why: "phase"))),
            ],
            title: "T")
        XCTAssertTrue(table.contains("2 values: 0 ✓, 1 ≈ (within a measured spread), 0 erratum, 1 ✗"), table)
        XCTAssertEqual(BookTable.displayWidth("§三"), 3)
    }
}
