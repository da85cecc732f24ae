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

    func pages() throws -> [URL] {
        let folder = try site()
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }

    func attribute(_ name: String, in html: String) -> [String] {
        PageRewriter.firstGroups(#"\#(name)="([^"]*)""#, in: html)
    }

    func ids(in html: String) -> Set<String> { Set(PageRewriter.firstGroups(#" id="([^"]*)""#, in: html)) }

    func testEveryLinkAndImageLeadsSomewhere() throws {
        let pages = try pages()
        XCTAssertEqual(pages.count, 11, "index, eight chapter texts, errata, coverage map")
        var idsByPage: [String: Set<String>] = [:]
        for page in pages { idsByPage[page.lastPathComponent] = ids(in: try String(contentsOf: page, encoding: .utf8)) }
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
                        idsByPage[target.lastPathComponent]?.contains(fragment) ?? false,
                        "\(page.lastPathComponent): no anchor #\(fragment) in \(target.lastPathComponent)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testEveryRowHasItsAnchorItsCodeAndItsStatus() throws {
        let folder = try site()
        for part in Site.parts {
            let html = try String(
                contentsOf: folder.appendingPathComponent(PageRewriter.pageName(part.textFile)), encoding: .utf8)
            let rows = try ChapterText(path: part.textURL(root: projectRoot).path).rows()
            for row in rows {
                XCTAssertTrue(html.contains("<tr id=\"\(row.id)\">"), "\(part.textFile): no anchor for \(row.id)")
            }
            XCTAssertEqual(
                html.components(separatedBy: "<div class=\"row-source\"><a href=").count - 1, rows.count,
                "\(part.textFile): every row links to the Swift file that computes it")
            XCTAssertFalse(html.contains("<td>✓</td>") || html.contains("<td>erratum</td>"), "an uncoloured status")
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
        XCTAssertEqual(figures, pngs.count, "every figure once, as a captioned figure")
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
