import BookChecks
import Foundation

/// Turns cmark-gfm's HTML of one chapter text into a page of the site: links between texts point
/// at pages, figures become captioned vector images, tables scroll, every row of a book table gets
/// an anchor, the code that computes it and the command that reruns it, and every status is
/// coloured and named.
struct PageRewriter {
    /// Every checked row: the page it is on, the Swift file that computes it (repository path)
    /// and the tool whose `check` reruns it.
    struct RowHome {
        let page: String
        let swiftFile: String?
        let tool: String
    }

    /// The edition of the page: its folder, its words.
    let edition: Edition
    /// Chapter text file names that are pages of the site in this edition (`04-losses.md`).
    let pages: Set<String>
    /// Those of the English edition, which a page of another edition may link to (the coverage map).
    let englishPages: Set<String>
    let rows: [String: RowHome]
    /// Figures that have an SVG beside their PNG in the site (`losses/cross-entropy-curve`).
    let vectorFigures: Set<String>
    /// Figures that also have a page of their own to explore with the mouse.
    let explorableFigures: Set<String>
    /// From the site's folder to the repository (`.build/book` → `../..`).
    let toRepository: String

    /// From the page's folder to the repository.
    var repository: String { edition.toSiteTop + toRepository }

    func rewrite(_ html: String, page: String) -> String {
        var out = html
        out = rewriteLinks(out)
        out = captionedFigures(out)
        out = anchoredRows(out, page: page)
        out = rowLinks(out)
        out = coloredStatuses(out)
        out = typesetFormulas(out)
        out = out.replacingOccurrences(of: "<table>", with: "<div class=\"table-scroll\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
        return out
    }

    // MARK: - Links

    /// `href`/`src` as written in the edition's folder: a chapter text becomes its page, a figure
    /// the site's copy, anything else in the repository a path into it; web addresses stay.
    func target(of link: String) -> String {
        if link.hasPrefix("#") || link.contains("://") || link.hasPrefix("mailto:") { return link }
        let (path, fragment) = split(link)
        let resolved = URL(fileURLWithPath: "/" + edition.folder).appendingPathComponent(path).standardized.path
        let inRepository = String(resolved.dropFirst())  // "Chapters/04-losses.md", "Figures/…", "Sources/…"
        let file = (inRepository as NSString).lastPathComponent
        let folder = (inRepository as NSString).deletingLastPathComponent
        if folder == edition.folder, pages.contains(file) { return Self.pageName(file) + fragment }
        if folder == Edition.english.folder, englishPages.contains(file) {
            return edition.toSiteTop + Self.pageName(file) + fragment
        }
        if inRepository.hasPrefix("Figures/") {
            return edition.toSiteTop + "figures/" + inRepository.dropFirst("Figures/".count) + fragment
        }
        return repository + "/" + inRepository + fragment
    }

    static func pageName(_ textFile: String) -> String {
        (textFile.hasSuffix(".md") ? String(textFile.dropLast(3)) : textFile) + ".html"
    }

    private func split(_ link: String) -> (String, String) {
        guard let hash = link.firstIndex(of: "#") else { return (link, "") }
        return (String(link[..<hash]), String(link[hash...]))
    }

    private func rewriteLinks(_ html: String) -> String {
        Self.replacing(#"(href|src)="([^"]*)""#, in: html) { groups in
            "\(groups[1])=\"\(target(of: groups[2]))\""
        }
    }

    // MARK: - Figures

    /// An image alone in its paragraph, followed by the `*Figure — …*` caption (`*图 — …*`): one
    /// figure, the SVG where there is one, the PNG as fallback.
    private func captionedFigures(_ html: String) -> String {
        let figures = NSRegularExpression.escapedPattern(for: edition.toSiteTop + "figures/")
        let pattern =
            #"<p><img src=""# + figures + #"([^"]+)\.png" alt="([^"]*)" /></p>\n<p><em>("# + edition.figureWord
            + #" — .*?)</em></p>"#
        return Self.replacing(pattern, in: html) { groups in
            let (name, alt, caption) = (groups[1], groups[2], groups[3])
            let path = edition.toSiteTop + "figures/" + name
            let explore =
                explorableFigures.contains(name)
                ? " <a class=\"explore\" href=\"\(path).html\">\(edition.exploreLabel)</a>" : ""
            let source = vectorFigures.contains(name) ? "<source srcset=\"\(path).svg\" type=\"image/svg+xml\">" : ""
            return "<figure id=\"figure-\(name.replacingOccurrences(of: "/", with: "-"))\"><picture>\(source)"
                + "<img src=\"\(path).png\" alt=\"\(alt)\"></picture>"
                + "<figcaption>\(caption)\(explore)</figcaption></figure>"
        }
    }

    // MARK: - Rows

    /// A row of a book table (`| \`id\` | example | …`): an anchor named for the id, and under the
    /// example the file that computes it and the command that reruns it.
    private func anchoredRows(_ html: String, page: String) -> String {
        Self.replacing(#"<tr>\n<td><code>([^<]+)</code></td>\n<td>(.*?)</td>"#, in: html) { groups in
            let id = groups[1]
            guard let home = rows[id], home.page == page else { return groups[0] }
            var source = "<code>\(home.tool) check</code>"
            if let file = home.swiftFile {
                let name = URL(fileURLWithPath: file).lastPathComponent
                source = "<a href=\"\(repository)/\(file)\">\(name)</a> · " + source
            }
            return "<tr id=\"\(id)\">\n<td><a class=\"row-anchor\" href=\"#\(id)\"><code>\(id)</code></a></td>\n"
                + "<td>\(groups[2])<div class=\"row-source\">\(source)</div></td>"
        }
    }

    /// A row id named elsewhere (bold in the errata, a code link in the coverage map) links to its
    /// row, on the page of this edition.
    private func rowLinks(_ html: String) -> String {
        var out = Self.replacing(#"<strong>([A-Za-z0-9._-]+)</strong>"#, in: html) { groups in
            guard let home = rows[groups[1]], pages.contains(home.page) else { return groups[0] }
            return "<a href=\"\(Self.pageName(home.page))#\(groups[1])\"><strong>\(groups[1])</strong></a>"
        }
        out = Self.replacing(##"<a href="([^"#]+\.html)"><code>([^<]+)</code></a>"##, in: out) { groups in
            guard let home = rows[groups[2]], Self.pageName(home.page) == groups[1] else { return groups[0] }
            return "<a href=\"\(groups[1])#\(groups[2])\"><code>\(groups[2])</code></a>"
        }
        return out
    }

    // MARK: - Formulas

    /// LaTeX commands that mark a quoted formula (the notes write theirs in LaTeX).
    static let latexCommands = "frac|sum|partial|hat|theta|Theta|lambda|delta|cdot|sqrt|alpha|beta|sigma|mathcal"

    /// A quote that is a LaTeX formula stays as printed, in code, and is also typeset beside it by
    /// KaTeX (`math.js`), so that a reader sees what the notes' page showed.
    private func typesetFormulas(_ html: String) -> String {
        // Inline code only (a code block is `<pre><code>`); a command ends where a letter does not
        // follow, so `\sum_` is one and `\summary` is not.
        let pattern = "(?<!<pre>)<code>([^<]*\\\\(?:" + Self.latexCommands + ")(?![A-Za-z])[^<]*)</code>"
        return Self.replacing(pattern, in: html) { groups in
            var formula = groups[1]
            if formula.hasPrefix("$") && formula.hasSuffix("$") && formula.count > 1 {
                formula = String(formula.dropFirst().dropLast())
            }
            // A quote cut short (the coverage map's first words of a line), one with words of prose
            // (Chinese) or with a `$` inside (formula and text mixed) is no whole formula.
            let prose = formula.unicodeScalars.contains { $0.properties.isIdeographic }
            guard !formula.hasSuffix("…"), !prose, !formula.contains("$") else { return groups[0] }
            // An alignment point (`&=`, from an align environment) means nothing outside one.
            formula = formula.replacingOccurrences(of: "&amp;", with: "")
            return "<code>\(groups[1])</code><span class=\"formula\">\\(\(formula)\\)</span>"
        }
    }

    // MARK: - Statuses

    /// The class of each verdict, in the order of `Edition.statusNames`.
    static let statusClasses = ["agrees", "close", "erratum", "fails"]

    /// The verdicts a table cell of `edition` can hold: the cell's mark, its class, its name.
    static func statuses(_ edition: Edition) -> [(mark: String, css: String, label: String)] {
        zip(edition.statusNames, statusClasses).map { status, css in
            (status.mark, css, status.mark == status.name ? status.name : "\(status.mark) \(status.name)")
        }
    }

    private func coloredStatuses(_ html: String) -> String {
        let statuses = Self.statuses(edition)
        let marks = statuses.map { NSRegularExpression.escapedPattern(for: $0.mark) }.joined(separator: "|")
        return Self.replacing("<td>(\(marks))</td>", in: html) { groups in
            guard let status = statuses.first(where: { $0.mark == groups[1] }) else { return groups[0] }
            return "<td class=\"status status-\(status.css)\">\(status.label)</td>"
        }
    }

    // MARK: -

    /// Every match of `pattern` replaced by `transform(groups)` (group 0 the whole match).
    static func replacing(_ pattern: String, in text: String, _ transform: ([String]) -> String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern, options: [])
        let whole = text as NSString
        var result = "", last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: whole.length)) {
            result += whole.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { index -> String in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : whole.substring(with: range)
            }
            result += transform(groups)
            last = match.range.location + match.range.length
        }
        return result + whole.substring(from: last)
    }
}
