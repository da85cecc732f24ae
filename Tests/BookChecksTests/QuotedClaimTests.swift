import Foundation
import XCTest

@testable import BookChecks

/// A row of kind `claim`, `listing` or `output` quotes its source verbatim: each quote from a note
/// (sources `000`–`004`) must stand in that note, in its language. The notes are the offline copies in
/// `../shared/seeds`, beside the project, as CI has them.
final class QuotedClaimTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The note's text without white space: the notes wrap lines and space formulas at will.
    func notes() throws -> [String: String] {
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !files.isEmpty else {
            throw XCTSkip("the notes are not beside the project (../shared/seeds)")
        }
        var notes: [String: String] = [:]
        for file in files where file.hasSuffix(".txt") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            notes[String(file.prefix(3))] = Self.squeezed(text)
        }
        return notes
    }

    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    /// The notes a source cites: `004 §3.3.2`, `002 §损失函数; by hand` → 004, 002.
    static func citedNotes(_ source: String) -> [String] {
        source.split(whereSeparator: { !$0.isNumber }).map(String.init).filter { $0.count == 3 && $0.hasPrefix("00") }
    }

    func testEveryQuotedClaimStandsInTheNoteItCites() throws {
        let notes = try notes()
        let chapters = root.appendingPathComponent("Chapters")
        var quoted = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: chapters.path).sorted()
        where file.hasPrefix("0") {
            for row in try ChapterText(path: chapters.appendingPathComponent(file).path).rows()
            where [.claim, .listing, .output].contains(row.printed.kind) {
                let cited = Self.citedNotes(row.source)
                XCTAssertFalse(
                    cited.isEmpty,
                    "\(file): '\(row.id)' is a quoted claim but cites no note; the book's text is paraphrased")
                // An output's ↵ marks a line break of the print, which the squeezed note has not.
                let quote = Self.squeezed(row.printed.text.replacingOccurrences(of: PrintedValue.lineBreak, with: ""))
                XCTAssertTrue(
                    cited.contains { notes[$0]?.contains(quote) == true },
                    "\(file): '\(row.id)' quotes `\(row.printed.text)`, which is not in note \(cited.joined(separator: ", "))"
                )
                quoted += 1
            }
        }
        XCTAssertGreaterThan(quoted, 20)
    }

    func testTheCheckFindsAMisquote() throws {
        let notes = try notes()
        XCTAssertTrue(notes["004"]!.contains(Self.squeezed("由于$\\rho<0$ 所以r就会减小")))
        XCTAssertFalse(notes["004"]!.contains(Self.squeezed("由于$\\rho<1$ 所以r就会减小")), "an edited quote is no quote")
        XCTAssertEqual(Self.citedNotes("004 §3.3.1; DLfS 6.1.4"), ["004"])
    }
}
