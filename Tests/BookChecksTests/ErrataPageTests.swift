import Foundation
import XCTest

@testable import BookChecks

/// The errata page regroups the chapter texts' errata by where each error is printed.
final class ErrataPageTests: XCTestCase {
    func testEntriesAreGroupedByNoteBookTextAndBookCode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapter = """
            <!-- book-errata -->
            - **b** (DLfS 5.7.3): printed `1`; what the printed code gives: `2`; ...
            - **a** (004 §2.1): printed `0.244`; ...
            - **c** (DLfS `ch06/x.py`): printed `y`; ...
            - **d** (000 §4.2.1): printed `0.2`; ...
            <!-- /book-errata -->
            """
        try chapter.write(to: folder.appendingPathComponent("05-x.md"), atomically: true, encoding: .utf8)
        let body = try ErrataPage.body(chaptersIn: folder)
        let order = [
            "## In the study notes", "### Seed 000", "**d**", "### Seed 004", "**a**",
            "## In the book's text", "**b**", "## In the book's code", "**c**",
        ]
        let positions = order.map { body.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), body)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), body)
    }

    func testTheCommittedPageIsCurrent() throws {
        let chapters = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Chapters")
        let path = chapters.appendingPathComponent(ErrataPage.fileName).path
        let page = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(
            try ErrataPage.rewritten(page, body: try ErrataPage.body(chaptersIn: chapters), path: path), page,
            "Chapters/errata.md is stale: run `make tables`")
    }
}
