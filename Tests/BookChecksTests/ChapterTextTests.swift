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

    /// A prose number between value markers is the row's, rewritten by `make tables`: a stale one
    /// differs from the rewrite, and one naming no row is an error.
    func testProseValuesAreFilledFromTheirRows() throws {
        let prose = markdown.replacingOccurrences(
            of: "tail",
            with:
                "b gives <!-- value:b -->9<!-- /value -->, another way <!-- value:b:reproduction#2 -->9<!-- /value -->."
        )
        let text = ChapterText(markdown: prose, path: "x.md")
        let rows = try text.rows()
        let checked = [
            CheckedRow(row: rows[0], finding: .value(0.5)),
            CheckedRow(
                row: rows[1],
                finding: Finding(
                    .values([1, 3]), erratum: Erratum(reproducedBy: "x", reproduction: .values([1, 2]), why: "y"))),
        ]
        let rewritten = try text.rewritten(with: checked)
        XCTAssertTrue(
            rewritten.hasSuffix(
                "b gives <!-- value:b -->[1. 3.]<!-- /value -->, another way <!-- value:b:reproduction#2 -->2.<!-- /value -->."
            ),
            rewritten)
        XCTAssertNotEqual(rewritten, prose, "the stale 9s are rewritten")
        let skipped = try text.rewritten(with: checked, skipped: ["b"])
        XCTAssertTrue(skipped.contains("<!-- value:b -->9<!-- /value -->"), "a skipped row keeps its prose value")
        let unknown = ChapterText(
            markdown: prose.replacingOccurrences(of: "value:b -->", with: "value:c -->"), path: "x.md")
        XCTAssertThrowsError(try unknown.rewritten(with: checked)) { error in
            XCTAssertTrue("\(error)".contains("value:c"), "\(error)")
        }
    }

    /// An erratum reproduces the print only as the one match of a recorded search; otherwise it is
    /// evidence, and says "plausibly".
    func testAnErratumSaysHowStrongItsExplanationIs() throws {
        let row = try ChapterText(markdown: markdown, path: "x.md").rows()[1]
        func sentence(_ search: Search?) -> String {
            let erratum = Erratum(reproducedBy: "x", reproduction: .values([1, 2]), why: "y", search: search)
            return BookTable.erratumSentence(CheckedRow(row: row, finding: Finding(.values([1, 3]), erratum: erratum)))
        }
        XCTAssertTrue(
            sentence(Search(space: "six readings", candidates: 6, matches: 1)).contains(
                "[reproduces the print: the one match among 6 candidates of six readings]"))
        XCTAssertTrue(
            sentence(Search(space: "a grid", candidates: 100, matches: 3)).contains(
                "as 2 other of 100 candidates of a grid do: plausibly the explanation]"))
        XCTAssertTrue(sentence(nil).contains("[gives the print: plausibly the explanation, no search for others made]"))
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
        XCTAssertEqual(Terminal.width(of: "§三"), 3)
    }
}
