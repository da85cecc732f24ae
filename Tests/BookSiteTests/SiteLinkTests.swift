import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

@testable import BookSite

/// The reader's edition as built from the committed texts: every link and image leads somewhere,
/// every row of a book table has its anchor, every status is coloured.
final class SiteLinkTests: XCTestCase {
    static var built: Result<URL, Error>?

    /// Builds the site once for the whole class, into a temporary folder.
    func site() throws -> URL {
        if Self.built == nil {
            Self.built = Result {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("book-\(UUID().uuidString)")
                _ = try Site(root: projectRoot).build(into: folder.appendingPathComponent("book"))
                return folder.appendingPathComponent("book")
            }
        }
        return try Self.built!.get()
    }

    override class func tearDown() {
        if case .success(let folder) = built {
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
        }
    }

    /// The text pages of both editions (the English ones at the top, the Chinese ones in zh/).
    func pages() throws -> [URL] {
        let folder = try site()
        return try ["", "zh/"].flatMap { sub in
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)
                .filter { $0.hasSuffix(".html") }.sorted()
                .map { folder.appendingPathComponent(sub + $0).standardized }
        }
    }

    /// The first group of every match of `pattern`.
    func firstGroups(_ pattern: String, in text: String) -> [String] {
        var found: [String] = []
        _ = PageRewriter.replacing(pattern, in: text) { groups in
            found.append(groups[1])
            return groups[0]
        }
        return found
    }

    func attribute(_ name: String, in html: String) -> [String] { firstGroups(#"\#(name)="([^"]*)""#, in: html) }

    func ids(in html: String) -> Set<String> { Set(firstGroups(#" id="([^"]*)""#, in: html)) }

    func testEveryLinkAndImageLeadsSomewhere() throws {
        let pages = try pages()
        XCTAssertEqual(
            pages.count, 21, "index, eight chapter texts, errata and coverage map; in Chinese all but the coverage map")
        var idsByPage: [String: Set<String>] = [:]
        for page in pages { idsByPage[page.path] = ids(in: try String(contentsOf: page, encoding: .utf8)) }
        var checked = 0
        for page in pages {
            let html = try String(contentsOf: page, encoding: .utf8)
            for link in attribute("href", in: html) + attribute("src", in: html) + attribute("srcset", in: html) {
                if link.contains("://") || link.hasPrefix("mailto:") {
                    XCTFail("\(page.lastPathComponent): \(link) needs the network")
                    continue
                }
                let (path, fragment) =
                    link.firstIndex(of: "#").map { (String(link[..<$0]), String(link[link.index(after: $0)...])) } ?? (
                        link, ""
                    )
                let target =
                    path.isEmpty ? page : page.deletingLastPathComponent().appendingPathComponent(path).standardized
                XCTAssertTrue(
                    FileManager.default.fileExists(atPath: target.path),
                    "\(page.lastPathComponent): broken link \(link)")
                if !fragment.isEmpty, target.pathExtension == "html" {
                    XCTAssertTrue(
                        idsByPage[target.path]?.contains(fragment) ?? false,
                        "\(page.lastPathComponent): no anchor #\(fragment) in \(target.lastPathComponent)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testEveryRowHasItsAnchorItsCodeAndItsStatus() throws {
        let folder = try site()
        for edition in Edition.allCases {
            for part in Site.parts {
                let page = edition.siteFolder + PageRewriter.pageName(part.textFile)
                let html = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
                let rows = try ChapterText(path: part.textURL(root: projectRoot).path).rows()
                for row in rows {
                    XCTAssertTrue(html.contains("<tr id=\"\(row.id)\">"), "\(page): no anchor for \(row.id)")
                }
                XCTAssertEqual(
                    html.components(separatedBy: "<div class=\"row-source\"><a href=").count - 1, rows.count,
                    "\(page): every row links to the Swift file that computes it")
                for status in ["✓", "≈", "erratum", "勘误", "✗"] {
                    XCTAssertFalse(html.contains("<td>\(status)</td>"), "\(page): an uncoloured status \(status)")
                }
            }
        }
    }

    /// Every page offers the other language: its twin, or the other edition's contents.
    func testEveryPageSwitchesLanguage() throws {
        for page in try pages() {
            let html = try String(contentsOf: page, encoding: .utf8)
            let chinese = page.deletingLastPathComponent().lastPathComponent == "zh"
            let links = firstGroups(#"<a class="language" href="([^"]+)""#, in: html)
            let twin = chinese ? "../" + page.lastPathComponent : "zh/" + page.lastPathComponent
            XCTAssertEqual(links.count, 1, page.path)
            XCTAssertTrue(
                links.first == twin || (page.lastPathComponent == "coverage.html" && links.first == "zh/index.html"),
                "\(page.path): the switch leads to \(links)")
            XCTAssertTrue(html.contains("<html lang=\"\(chinese ? "zh-Hans" : "en")\">"), page.path)
        }
    }

    func testFiguresAreVectorWithThePNGAsFallbackAndCaptioned() throws {
        let folder = try site()
        let pngs = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("figures").path)
            .filter { $0.hasSuffix(".png") && !$0.hasPrefix("js/") }  // js/: the canvas terminal's icons
        XCTAssertGreaterThanOrEqual(pngs.count, 52)
        var figures = 0, explorable = 0
        for page in try pages() {
            let html = try String(contentsOf: page, encoding: .utf8)
            figures += html.components(separatedBy: "<figure ").count - 1
            explorable += html.components(separatedBy: "<a class=\"explore\"").count - 1
            XCTAssertFalse(html.contains("<p><img"), "\(page.lastPathComponent): a figure without its caption")
        }
        XCTAssertEqual(figures, 2 * pngs.count, "every figure once in each edition, as a captioned figure")
        XCTAssertGreaterThanOrEqual(explorable, 8, "the learning curves can be read with the mouse")
        for png in pngs {
            XCTAssertTrue(
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent("figures/" + png.dropLast(4) + ".svg").path),
                "no SVG of \(png)")
        }
    }

    /// The notes' LaTeX quotes stay as printed and are typeset beside it, whole formulas only.
    func testQuotedLaTeXIsTypesetBesideThePrint() throws {
        let html = try String(contentsOf: try site().appendingPathComponent("05-notes-networks.html"), encoding: .utf8)
        XCTAssertTrue(
            html.contains(
                #"<code>\frac{\lambda}{2n}\sum_{j=1}^n\theta^2_j</code><span class="formula">\(\frac{\lambda}{2n}\sum_{j=1}^n\theta^2_j\)</span>"#
            ))
        XCTAssertFalse(html.contains("&amp;=\\Theta"), "an alignment point left in a typeset formula")
        let coverage = try String(contentsOf: try site().appendingPathComponent("coverage.html"), encoding: .utf8)
        XCTAssertFalse(coverage.contains("…\\)</span>"), "a quote cut short typeset as a formula")
    }

    /// A formula is typeset only from inline code that is one whole formula: not from a code
    /// block, a word that merely starts like a command, a quote cut short or one mixed with prose.
    func testOnlyWholeInlineFormulasAreTypeset() {
        let rewriter = PageRewriter(
            edition: .english, pages: [], englishPages: [], rows: [:], vectorFigures: [], explorableFigures: [],
            toRepository: "..")
        func typeset(_ html: String) -> Bool { rewriter.rewrite(html, page: "x.md").contains("class=\"formula\"") }
        XCTAssertTrue(typeset(#"<p><code>\sum_{i}x_i</code></p>"#))
        XCTAssertTrue(typeset(#"<p><code>$\frac{1}{2}$</code></p>"#))
        XCTAssertFalse(typeset(#"<pre><code>\sum_{i}x_i</code></pre>"#))
        XCTAssertFalse(typeset(#"<p><code>\summary</code></p>"#))
        XCTAssertFalse(typeset(#"<p><code>$a$ 的 \frac{1}{2}</code></p>"#))
        XCTAssertFalse(typeset(#"<p><code>\frac{1}{2} + …</code></p>"#))
    }

    /// The site replaces its folder whole, so it refuses one that holds the repository or that
    /// it did not build.
    func testTheSiteReplacesOnlyAFolderItBuilt() throws {
        let site = Site(root: projectRoot)
        XCTAssertThrowsError(try site.checkOutput(projectRoot))
        XCTAssertThrowsError(try site.checkOutput(projectRoot.deletingLastPathComponent()))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try site.checkOutput(folder), "a folder of someone else's files")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
        XCTAssertNoThrow(try site.checkOutput(try self.site()), "its own site, rebuilt")
    }
}
