import Foundation
import XCTest

@testable import BookChecks

/// The terminal table as a reader sees it: fitted to 80 and 120 columns, verdicts in one column,
/// Chinese quotes measured as two columns a character, prose wrapped under its item.
final class TerminalTableTests: XCTestCase {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    /// Four rows that stress the layout: a Chinese quote and source, a long claim, an erratum with a
    /// long explanation, a plain number.
    static func sampleRows() throws -> [CheckedRow] {
        let cjk = try BookRow(
            id: "notes-003-choice-range", example: "e", source: "003 §一 Numpy库",
            printed: "np.random.choice(1000,100)#从0-1000中随机产生100个数", kind: .claim)
        let claim = try BookRow(
            id: "notes-004-momentum-escapes", example: "e", source: "004 §3.3.1", printed: "避免到达局部最小点,鞍点停下来",
            kind: .claim)
        let erratum = try BookRow(
            id: "gd-notes-lr1", example: "e", source: "000 §4.3.3", printed: "0.5975", kind: .repr)
        let number = try BookRow(
            id: "mse-correct", example: "e", source: "DLfS 4.2.1", printed: "0.0975", kind: .rounded)
        return [
            CheckedRow(
                row: cjk,
                finding: Finding(
                    .claim(
                        holds: true,
                        detail: "after seed 0: 100 draws from 9 to 999, 96 of them distinct (drawn with replacement)"))),
            CheckedRow(
                row: claim,
                finding: Finding(
                    .claim(
                        holds: true,
                        detail: "the same start and steps: u = 0.9 ends at x = -1.3008 (f = -3.5139); u = 0.8 ends at "
                            + "x = 1.1309 (f = -1.0702): momentum can carry a point past a local minimum"))),
            CheckedRow(
                row: erratum,
                finding: Finding(
                    .values([0.1]),
                    erratum: Erratum(
                        reproducedBy: "squaring the difference of the first element only",
                        reproduction: .values([0.5975]),
                        why: "The printed value is what a different computation gives; this explanation is long on "
                            + "purpose, so that it has to wrap over several lines, each indented under the first."))),
            CheckedRow(row: number, finding: .value(0.0975)),
        ]
    }

    func snapshot(_ name: String, _ text: String) throws {
        let url = Self.snapshots.appendingPathComponent(name)
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text + "\n" {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try (text + "\n").write(to: actual, atomically: true, encoding: .utf8)
            XCTFail("\(name) differs from the snapshot; what the code prints now is in \(actual.path)")
        }
    }

    func testTableAt80And120ColumnsMatchesItsSnapshots() throws {
        let rows = try Self.sampleRows()
        for width in [80, 120] {
            let table = BookTable.terminal(rows, title: "Sample", terminal: Terminal(width: width))
            try snapshot("table-\(width).txt", table)
        }
    }

    func testEveryLineFitsAndVerdictsShareOneColumn() throws {
        let rows = try Self.sampleRows() + Self.committedRows()
        XCTAssertGreaterThan(rows.count, 200, "the chapter texts' rows are read")
        for width in [80, 100, 120, 160] {
            let title = "Chapter 3 — Activation functions, the output layer, and a trained network (激活函数、输出层)"
            let lines = BookTable.terminal(rows, title: title, terminal: Terminal(width: width))
                .split(separator: "\n").map(String.init)
            for line in lines {
                XCTAssertLessThanOrEqual(Terminal.width(of: line), width, "at \(width) columns: \(line)")
            }
            // Every row's verdict starts in the column after the id's, on the row's own line.
            let rule = lines.firstIndex { $0.hasPrefix("---") }!
            let starts = Set(
                zip(lines[(rule + 1)...], rows).map { line, row -> Int in
                    let symbol = row.verdict.symbol
                    let prefix = line.components(separatedBy: "  " + symbol).first!
                    return Terminal.width(of: prefix)
                })
            XCTAssertEqual(starts.count, 1, "at \(width) columns the verdicts start at columns \(starts.sorted())")
        }
    }

    func testWideKeepsCellsWhole() throws {
        let rows = try Self.sampleRows()
        let table = BookTable.terminal(rows, title: "Sample", terminal: Terminal(width: nil))
        for row in rows { XCTAssertTrue(table.contains(row.ours), row.row.id) }
        XCTAssertFalse(table.contains("…"))
    }

    func testWidthsAreThoseTheTerminalDraws() {
        XCTAssertEqual(Terminal.width(of: "§三"), 3)
        XCTAssertEqual(Terminal.width(of: "从0-1000"), 8)
        XCTAssertEqual(Terminal.width(of: "e\u{301}"), 1, "a combining accent takes no column")
        XCTAssertEqual(Terminal.cut("随机产生100个数", to: 7), "随机产…")
        XCTAssertEqual(Terminal.width(of: Terminal.cut("随机产生100个数", to: 8)), 7, "no half of a wide character")
    }

    func testProseWrapsAtWordsUnderItsItem() {
        let terminal = Terminal(width: 80)
        let text = String(repeating: "word ", count: 40) + String(repeating: "长", count: 50)
        let lines = terminal.wrap(text, indent: "  ", hanging: "    ")
        XCTAssertTrue(lines[0].hasPrefix("  word"))
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
        XCTAssertTrue(lines.allSatisfy { Terminal.width(of: $0) <= 80 })
        XCTAssertTrue(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.contains("wor\n") })
        XCTAssertEqual(lines.joined(separator: " ").split(separator: " ").filter { $0 == "word" }.count, 40)
    }

    func testColourOnlyOnATerminalAndNeverTheOnlyCue() throws {
        let coloured = Terminal(width: 80, colour: true)
        XCTAssertEqual(coloured.verdict(.ok), "\u{1B}[32m✓\u{1B}[0m")
        XCTAssertEqual(coloured.verdict(.fail), "\u{1B}[1;31m✗\u{1B}[0m")
        XCTAssertEqual(Terminal(width: 80).verdict(.erratum), "erratum")
        let table = BookTable.terminal(try Self.sampleRows(), title: "T", terminal: coloured)
        XCTAssertTrue(table.contains("\u{1B}[33merratum\u{1B}[0m"))

        // A pipe: the fixed width, no colour, whatever COLUMNS says.
        var pipeEnds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&pipeEnds), 0)
        defer { close(pipeEnds[0]); close(pipeEnds[1]) }
        XCTAssertEqual(
            Terminal.writing(to: pipeEnds[1], environment: ["COLUMNS": "200"]), Terminal(width: Terminal.pipeWidth))
    }

    /// Every row of the committed chapter texts, its ours cell as the row's result.
    static func committedRows() throws -> [CheckedRow] {
        let chapters = snapshots.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Chapters")
        var rows: [CheckedRow] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: chapters.path).sorted()
        where file.hasSuffix(".md") && file.first!.isNumber {
            let text = try ChapterText(path: chapters.appendingPathComponent(file).path)
            let results = try text.writtenResults()
            for row in try text.rows() {
                rows.append(CheckedRow(row: row, finding: Finding(.claim(holds: true, detail: results[row.id]!.ours))))
            }
        }
        return rows
    }
}
