import Foundation
import XCTest

@testable import BookChecks

/// The errata page regroups the chapter texts' errata by where each error is printed.
final class ErrataPageTests: XCTestCase {
    /// Asserts that the page made of one chapter's errata section `chapter` holds `order` in order.
    func assertPage(of chapter: String, edition: Edition, holdsInOrder order: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try chapter.write(to: folder.appendingPathComponent("05-x.md"), atomically: true, encoding: .utf8)
        let body = try ErrataPage.body(chaptersIn: folder, edition: edition)
        let positions = order.map { body.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), body)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), body)
    }

    func testEntriesAreGroupedByNoteBookTextAndBookCode() throws {
        let chapter = """
            <!-- book-errata -->
            - **b** (DLfS 5.7.3): printed `1`; what the printed code gives: `2`; ...
            - **a** (004 §2.1): printed `0.244`; ...
            - **c** (DLfS `ch06/x.py`): printed `y`; ...
            - **d** (000 §4.2.1): printed `0.2`; ...
            <!-- /book-errata -->
            """
        try assertPage(
            of: chapter, edition: .english,
            holdsInOrder: [
                "## In the study notes", "### Seed 000", "**d**", "### Seed 004", "**a**",
                "## In the book's text", "**b**", "## In the book's code", "**c**",
            ])
    }

    /// The Chinese page groups its entries the same way, by the Chinese entries' own brackets.
    func testChineseEntriesAreGroupedByTheirOwnBrackets() throws {
        let chapter = """
            <!-- book-errata -->
            - **b**（DLfS 4.2.1, printings 1–3 (正誤表, p. 89)）：印刷值 `1`；……
            - **a**（004 §2.1）：印刷值 `0.244`；……
            <!-- /book-errata -->
            """
        try assertPage(
            of: chapter, edition: .chinese,
            holdsInOrder: ["## 学习笔记中的勘误", "### 笔记 004", "**a**", "## 原书正文中的勘误", "**b**"])
    }

    func testTheCommittedPagesAreCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for edition in Edition.allCases {
            let chapters = root.appendingPathComponent(edition.folder)
            let path = chapters.appendingPathComponent(ErrataPage.fileName).path
            let page = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertEqual(
                try ErrataPage.rewritten(
                    page, body: try ErrataPage.body(chaptersIn: chapters, edition: edition), path: path), page,
                "\(edition.folder)/errata.md is stale: run `make tables`")
        }
    }
}
