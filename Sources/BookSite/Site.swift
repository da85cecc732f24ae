import ActivationsChapter
import BackpropChapter
import BookChecks
import DerivativesChapter
import Figures
import Foundation
import GradientDescentChapter
import LossesChapter
import NotesNetworksChapter
import OptimizersChapter
import RegularizationChapter

/// The reader's edition: every chapter text, the errata page and the coverage map as pages of a
/// static site that works opened from disk, with no network: its figures, style, scripts and
/// math fonts are files beside the pages.
public struct Site {
    public struct BuildError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The chapter parts, in the book's order.
    static let parts: [any ChapterPart.Type] = [
        ActivationsBook.self, LossesBook.self, DerivativesBook.self, GradientDescentBook.self, BackpropBook.self,
        NotesNetworksBook.self, OptimizersBook.self, RegularizationBook.self,
    ]

    /// Pages after the chapters: the errata collected, and the map of every line of the notes.
    static let extraPages = ["errata.md", "coverage.md"]

    /// Where Debian's libjs-katex puts KaTeX, which renders the LaTeX the texts quote.
    static let katexFolder = URL(fileURLWithPath: "/usr/share/javascript/katex")

    let root: URL

    public init(root: URL) { self.root = root }

    /// Builds the site into `output`: first beside it, then moved into place, so that an
    /// interrupted or failed build leaves the previous site, never half of one.
    public func build(into output: URL) throws -> (pages: Int, figures: Int) {
        let files = FileManager.default
        try checkOutput(output)
        let staging = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).part")
        try? files.removeItem(at: staging)
        try files.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: staging) }

        let figureCount = try copyFigures(into: staging.appendingPathComponent("figures"))
        let explorableFigures = try explorableFigures(into: staging.appendingPathComponent("figures"))
        try copyKaTeX(into: staging.appendingPathComponent("katex"))
        try Self.stylesheet.write(to: staging.appendingPathComponent("style.css"), atomically: false, encoding: .utf8)
        try Self.mathScript.write(to: staging.appendingPathComponent("math.js"), atomically: false, encoding: .utf8)
        try Data().write(to: staging.appendingPathComponent(Self.marker))

        let (rows, vector) = (try rowHomes(), vectorFigures(in: staging))
        let toRepository = relativePath(from: output, to: root)
        var pageCount = 0
        for edition in Edition.allCases {
            pageCount += try buildPages(
                edition, into: staging, rows: rows, vectorFigures: vector, explorableFigures: explorableFigures,
                toRepository: toRepository)
        }

        if files.fileExists(atPath: output.path) { try files.removeItem(at: output) }
        try files.moveItem(at: staging, to: output)
        return (pageCount, figureCount)
    }

    /// The texts of `edition` that are pages: every chapter text and the errata in both editions,
    /// the coverage map (a table of the notes' own lines) in English only.
    func texts(of edition: Edition) -> [String] {
        Self.parts.map { $0.textFile } + Self.extraPages.filter { edition == .english || $0 != "coverage.md" }
    }

    /// The pages of one edition, with its contents page, into its folder of the site; returns how many.
    private func buildPages(
        _ edition: Edition, into staging: URL, rows: [String: PageRewriter.RowHome], vectorFigures: Set<String>,
        explorableFigures: Set<String>, toRepository: String
    ) throws -> Int {
        let folder = staging.appendingPathComponent(edition.siteFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let texts = texts(of: edition)
        let rewriter = PageRewriter(
            edition: edition, pages: Set(texts), englishPages: Set(self.texts(of: .english)), rows: rows,
            vectorFigures: vectorFigures, explorableFigures: explorableFigures, toRepository: toRepository)
        let titles = try texts.map { try title(of: $0, edition: edition) }
        let twins = Set(self.texts(of: edition.other.edition))
        for (index, text) in texts.enumerated() {
            let markdown = Self.withoutValueMarks(
                try String(contentsOf: edition.url(of: text, root: root), encoding: .utf8))
            let body = rewriter.rewrite(try Markdown.html(markdown), page: text)
            let page = Self.page(
                title: titles[index], body: body, edition: edition,
                twin: twins.contains(text) ? PageRewriter.pageName(text) : "index.html",
                navigation: navigation(texts: texts, titles: titles, current: index, edition: edition))
            try page.write(
                to: folder.appendingPathComponent(PageRewriter.pageName(text)), atomically: false, encoding: .utf8)
        }
        try Self.page(
            title: edition.siteTitle, body: try indexBody(texts: texts, titles: titles, edition: edition),
            edition: edition, twin: "index.html",
            navigation: navigation(texts: texts, titles: titles, current: nil, edition: edition)
        ).write(to: folder.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        return texts.count + 1
    }

    /// The file every site holds, so that a rebuild replaces only a folder this tool made.
    static let marker = ".deep-learning-from-scratch-book"

    /// The site replaces `output` whole: refuse a folder that holds the repository, or one that
    /// exists and is not a site this tool built (`book ~/Documents` must not empty it).
    func checkOutput(_ output: URL) throws {
        let target = output.standardizedFileURL.resolvingSymlinksInPath().path
        let repository = root.standardizedFileURL.resolvingSymlinksInPath().path
        if repository == target || repository.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
            throw BuildError(description: "\(output.path) holds the repository; give the site a folder of its own")
        }
        let files = FileManager.default
        // A site built before the marker existed has KaTeX beside its index.
        let isSite = [Self.marker, "katex/katex.min.js"].contains {
            files.fileExists(atPath: output.appendingPathComponent($0).path)
        }
        if files.fileExists(atPath: output.path), !isSite {
            let empty = ((try? files.contentsOfDirectory(atPath: output.path)) ?? [""]).isEmpty
            guard empty else {
                throw BuildError(
                    description: "\(output.path) exists and is not a site `book` built; it is left as it is")
            }
        }
    }

    /// The text without the marks around the values `make tables` fills in (`<!-- value:id -->`):
    /// at the start of a line, CommonMark would take such a mark for a block of HTML and break the
    /// paragraph there.
    static func withoutValueMarks(_ markdown: String) -> String {
        PageRewriter.replacing(#"<!-- value:[^ ]+ -->(.*?)<!-- /value -->"#, in: markdown) { $0[1] }
    }

    // MARK: - Rows

    /// Every row id: its page, the file of the worked example that computes it, its tool.
    func rowHomes() throws -> [String: PageRewriter.RowHome] {
        var homes: [String: PageRewriter.RowHome] = [:]
        var sources: [String: [(path: String, text: String)]] = [:]
        for part in Self.parts {
            for example in part.workedExamples {
                let qualified = String(reflecting: example).split(separator: ".").map(String.init)
                let (module, name) = (qualified.first ?? "", qualified.last ?? "")
                if sources[module] == nil { sources[module] = try swiftFiles(inModule: module) }
                // The file that declares the example: named for it, or else holding its declaration.
                let file =
                    sources[module]!.first { $0.path.hasSuffix("/\(name).swift") }
                    ?? sources[module]!.first {
                        $0.text.range(of: #"(enum|struct|class) \#(name)\b"#, options: .regularExpression) != nil
                    }
                for id in example.rows.keys {
                    homes[id] = .init(page: part.textFile, swiftFile: file?.path, tool: part.tool)
                }
            }
        }
        return homes
    }

    private func swiftFiles(inModule module: String) throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent("Sources/\(module)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".swift") }.sorted().map {
            ("Sources/\(module)/\($0)", try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    // MARK: - Files beside the pages

    /// The committed PNGs, and the SVG of each made from its PDF (`tools/vector-figures`).
    func copyFigures(into folder: URL) throws -> Int {
        let files = FileManager.default, figures = root.appendingPathComponent("Figures")
        let pngs = try files.subpathsOfDirectory(atPath: figures.path).filter { $0.hasSuffix(".png") }.sorted()
        for png in pngs {
            let target = folder.appendingPathComponent(png)
            try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try files.copyItem(at: figures.appendingPathComponent(png), to: target)
        }
        try Program.run(root.appendingPathComponent("tools/vector-figures"), ["svg", folder.path])
        return pngs.count
    }

    /// Where Debian's gnuplot-data keeps the canvas terminal's scripts and icons.
    static let gnuplotScripts = "/usr/share/gnuplot/gnuplot"

    /// The figures whose values a reader wants to read off, drawn again by gnuplot's canvas
    /// terminal as pages of their own: the mouse shows the coordinates under it, a drag zooms,
    /// each series can be hidden. Chosen by their script: one panel, and a loss or an accuracy on
    /// the y axis (the learning curves). Returns their names (`optimizers/mnist-optimizers`).
    func explorableFigures(into folder: URL) throws -> Set<String> {
        let files = FileManager.default, figures = root.appendingPathComponent("Figures")
        let gnuplot = try Program.find("gnuplot", installedBy: "gnuplot-nox")
        // The scripts of the gnuplot that draws the pages: "gnuplot 5.4 patchlevel 4" keeps them in 5.4/js.
        let version =
            String(decoding: try Program.run(gnuplot, ["--version"]), as: UTF8.self)
            .split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let scripts = "\(Self.gnuplotScripts)/\(version)/js"
        guard files.fileExists(atPath: scripts) else {
            throw BuildError(
                description: "gnuplot \(version)'s canvas scripts are missing from \(scripts) (Debian's gnuplot-data)")
        }
        try files.copyItem(at: URL(fileURLWithPath: scripts), to: folder.appendingPathComponent("js"))
        var names: Set<String> = []
        for script in try files.subpathsOfDirectory(atPath: figures.path).filter({ $0.hasSuffix(".gp") }).sorted() {
            let text = try String(contentsOf: figures.appendingPathComponent(script), encoding: .utf8)
            guard !text.contains("multiplot"),
                text.range(of: #"set ylabel "[^"]*(loss|accuracy)"#, options: [.regularExpression, .caseInsensitive])
                    != nil,
                let size = PrintRule.canvasSize(ofScript: text)
            else { continue }
            let name = String(script.dropLast(3)), page = folder.appendingPathComponent(name + ".html")
            let canvas =
                "preview=1; set terminal canvas standalone mousing jsdir '../js/' size \(size.width),\(size.height) "
                + "enhanced font 'DejaVu Sans,12'; set output '\(page.path)'"
            do {
                try Program.run(
                    gnuplot, ["-e", canvas, (script as NSString).lastPathComponent],
                    in: figures.appendingPathComponent((script as NSString).deletingLastPathComponent))
            } catch {
                throw BuildError(description: "gnuplot's canvas terminal failed on Figures/\(script): \(error)")
            }
            names.insert(name)
        }
        return names
    }

    func vectorFigures(in staging: URL) -> Set<String> {
        let folder = staging.appendingPathComponent("figures")
        let svgs = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
        return Set(svgs.filter { $0.hasSuffix(".svg") }.map { String($0.dropLast(4)) })
    }

    func copyKaTeX(into folder: URL) throws {
        let files = FileManager.default
        guard files.fileExists(atPath: Self.katexFolder.appendingPathComponent("katex.min.js").path) else {
            throw BuildError(description: "KaTeX is not installed (Debian's libjs-katex; make deps installs it)")
        }
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        for item in ["katex.min.js", "katex.min.css", "fonts", "contrib/auto-render.js"] {
            // Debian links katex.min.js and fonts/ to files elsewhere: copy what they point at.
            let source = Self.katexFolder.appendingPathComponent(item).resolvingSymlinksInPath()
            let name = (item as NSString).lastPathComponent
            try files.copyItem(at: source, to: folder.appendingPathComponent(name))
        }
    }

    // MARK: - Pages

    /// A text's first heading, without the anchor a translated heading carries.
    func title(of text: String, edition: Edition) throws -> String {
        let markdown = try String(contentsOf: edition.url(of: text, root: root), encoding: .utf8)
        let first = markdown.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        guard first.hasPrefix("# ") else { return text }
        return PageRewriter.replacing(#"\s*<a id="[^"]*"></a>\s*$"#, in: String(first.dropFirst(2))) { _ in "" }
    }

    /// The links to every page (top), and to the previous and next page (bottom).
    func navigation(texts: [String], titles: [String], current: Int?, edition: Edition) -> (top: String, bottom: String)
    {
        let links = texts.indices.map { index -> String in
            let short = titles[index].components(separatedBy: " — ").last ?? titles[index]
            let mark = index == current ? " aria-current=\"page\"" : ""
            return "<a href=\"\(PageRewriter.pageName(texts[index]))\"\(mark)>\(Self.escaped(short))</a>"
        }
        var neighbours = ""
        if let current {
            let previous =
                current > 0
                ? "<a rel=\"prev\" href=\"\(PageRewriter.pageName(texts[current - 1]))\">← \(Self.escaped(titles[current - 1]))</a>"
                : "<a rel=\"prev\" href=\"index.html\">← \(edition.contents)</a>"
            let next =
                current + 1 < texts.count
                ? "<a rel=\"next\" href=\"\(PageRewriter.pageName(texts[current + 1]))\">\(Self.escaped(titles[current + 1])) →</a>"
                : ""
            neighbours = "<nav class=\"neighbours\">\(previous)\(next)</nav>"
        }
        let contents =
            "<a href=\"index.html\"\(current == nil ? " aria-current=\"page\"" : "")>\(edition.contents)</a>"
        return ("<nav class=\"chapters\">" + contents + links.joined() + "</nav>", neighbours)
    }

    /// The contents page: what the project is, each chapter's counts, how to run it.
    func indexBody(texts: [String], titles: [String], edition: Edition) throws -> String {
        let statuses = PageRewriter.statuses(edition)
        var rows = ""
        var totals = [String: Int]()
        for (index, text) in texts.enumerated() {
            var counts = [String: Int]()
            if index < Self.parts.count {
                for (_, result) in try ChapterText(path: edition.url(of: text, root: root).path).writtenResults() {
                    counts[result.status, default: 0] += 1
                }
            }
            for (status, count) in counts { totals[status, default: 0] += count }
            let cells = statuses.map { status in
                counts[status.mark].map { "<td class=\"status status-\(status.css)\">\($0)</td>" } ?? "<td></td>"
            }
            rows +=
                "<tr><td><a href=\"\(PageRewriter.pageName(text))\">\(Self.escaped(titles[index]))</a></td>"
                + cells.joined() + "</tr>\n"
        }
        let header = statuses.map { "<th>\($0.label)</th>" }
        let total = statuses.map { "<td>\(totals[$0.mark] ?? 0)</td>" }
        return edition.contentsPage(
            table: """
                <div class="table-scroll"><table class="contents">
                <thead><tr><th>\(edition.chapterColumn)</th>\(header.joined())</tr></thead>
                <tbody>
                \(rows)<tr class="total"><td>\(edition.allRows)</td>\(total.joined())</tr>
                </tbody></table></div>
                """)
    }

    /// One page: `twin` is the same page in the other edition (its contents where it has none).
    static func page(
        title: String, body: String, edition: Edition, twin: String, navigation: (top: String, bottom: String)
    ) -> String {
        let top = edition.toSiteTop
        let other = edition.other
        let switchLink =
            "<a class=\"language\" href=\"\(top + other.edition.siteFolder + twin)\" "
            + "lang=\"\(other.edition.htmlLanguage)\" hreflang=\"\(other.edition.htmlLanguage)\">\(other.label)</a>"
        return """
            <!DOCTYPE html>
            <html lang="\(edition.htmlLanguage)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title))</title>
            <link rel="stylesheet" href="\(top)style.css">
            <link rel="stylesheet" href="\(top)katex/katex.min.css">
            <script defer src="\(top)katex/katex.min.js"></script>
            <script defer src="\(top)katex/auto-render.js"></script>
            <script defer src="\(top)math.js"></script>
            </head>
            <body>
            <header>\(switchLink)\(navigation.top)</header>
            <main>
            \(body)
            </main>
            <footer>\(navigation.bottom)</footer>
            </body>
            </html>

            """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A relative path from folder `from` to folder `to` (both absolute).
    func relativePath(from: URL, to: URL) -> String {
        let a = from.standardized.pathComponents, b = to.standardized.pathComponents
        let common = zip(a, b).prefix { $0 == $1 }.count
        let up = Array(repeating: "..", count: a.count - common), down = Array(b[common...])
        let path = (up + down).joined(separator: "/")
        return path.isEmpty ? "." : path
    }
}
