import Foundation
import XCTest

@testable import BookChecks

/// The Chinese edition is the English one in other words: every text has its twin, and each pair
/// has the same sections, rows, figures, commands and filled-in values.
final class EditionStructureTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The texts that have an edition of each language: the chapter texts and the errata page
    /// (the coverage map is a table of the notes' own lines, in one language).
    func englishTexts() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Chapters").path)
            .filter { $0.hasSuffix(".md") && $0 != CoverageMap.fileName }.sorted()
    }

    func testEveryTextHasItsTwinAndNoOther() throws {
        let english = try englishTexts()
        XCTAssertEqual(english.count, 9, "eight chapter texts and the errata page")
        let chinese = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("Chapters/zh").path
        )
        .filter { $0.hasSuffix(".md") && $0 != "terms.md" }.sorted()
        XCTAssertEqual(chinese, english, "Chapters/zh/ holds a twin of each English text, named the same")
    }

    func testEachPairHasTheSameStructure() throws {
        for file in try englishTexts() {
            let structures = try Edition.allCases.map { edition in
                EditionStructure(
                    markdown: try String(contentsOf: edition.url(of: file, root: root), encoding: .utf8),
                    edition: edition)
            }
            let english = structures[0], chinese = structures[1]
            XCTAssertFalse(english.sections.isEmpty, file)
            XCTAssertFalse(english.rows.isEmpty && file != ErrataPage.fileName, file)
            XCTAssertEqual(
                english.differences(from: chinese, names: ("Chapters/\(file)", "Chapters/zh/\(file)")), [],
                "the two editions of \(file) differ in structure")
        }
    }

    /// The comparison names what one edition has and the other lacks.
    func testADroppedFigureOrSectionIsNamed() throws {
        let english = """
            # Title

            ## Book vs ours

            Text with `row-a`.

            ![a figure](../Figures/x/one.png)

                losses mse --label 7

            <!-- book-table -->
            | id | example | source | printed | kind | ours | status |
            |---|---|---|---|---|---|---|
            | `row-a` | e | s | `1` | repr | `1` | ✓ |
            <!-- /book-table -->
            """
        let chinese = """
            # 标题 <a id="title"></a>

            ## 原书与我们的值 <a id="book-vs-ours"></a>

            正文提到 `row-a`。

            ![图](../../Figures/x/one.png)

                losses mse --label 7

            <!-- book-table -->
            | id | 例题 | 出处 | 印刷值 | 类型 | 我们的值 | 结果 |
            |---|---|---|---|---|---|---|
            | `row-a` | e | s | `1` | repr | `1` | ✓ |
            <!-- /book-table -->
            """
        let en = EditionStructure(markdown: english, edition: .english)
        XCTAssertEqual(en.sections, ["# title", "## book-vs-ours"])
        XCTAssertEqual(en.codeBlocks, ["    losses mse --label 7"])
        let names = ("en.md", "zh.md")
        XCTAssertEqual(en.differences(from: EditionStructure(markdown: chinese, edition: .chinese), names: names), [])

        let noFigure = chinese.replacingOccurrences(of: "![图](../../Figures/x/one.png)", with: "")
        XCTAssertEqual(
            en.differences(from: EditionStructure(markdown: noFigure, edition: .chinese), names: names),
            ["zh.md lacks the figure Figures/x/one.png of en.md"])
        let otherAnchor = chinese.replacingOccurrences(of: "id=\"book-vs-ours\"", with: "id=\"book\"")
        XCTAssertEqual(
            en.differences(from: EditionStructure(markdown: otherAnchor, edition: .chinese), names: names),
            ["en.md lacks the section ## book of zh.md", "zh.md lacks the section ## book-vs-ours of en.md"])
        let otherCommand = chinese.replacingOccurrences(of: "--label 7", with: "--label 8")
        XCTAssertEqual(
            en.differences(from: EditionStructure(markdown: otherCommand, edition: .chinese), names: names).count, 2)
        let noReference = chinese.replacingOccurrences(of: "正文提到 `row-a`。", with: "正文。")
        XCTAssertEqual(
            en.differences(from: EditionStructure(markdown: noReference, edition: .chinese), names: names),
            ["zh.md lacks the row reference row-a of en.md"])
    }
}
