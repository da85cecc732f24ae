import Foundation

/// What the two editions of one text must share, whatever their words: the same sections, rows,
/// figures, commands and filled-in values, in the same order. A translation that drops a paragraph
/// with a figure, a command or a row reference shows up here.
///
/// English headings are anchored as GitHub anchors them (`## Book vs ours` is `#book-vs-ours`);
/// a translated heading carries the English anchor explicitly (`## 原书与我们的值 <a id="book-vs-ours"></a>`),
/// so that a link into a section works in both editions.
public struct EditionStructure: Equatable {
    /// Headings as "level anchor", e.g. "## book-vs-ours", outside code and generated blocks.
    public var sections: [String] = []
    /// The ids of the book-vs-ours table and of the errata entries, in order.
    public var rows: [String] = []
    /// Row ids the prose names in backticks, outside the generated blocks (each once).
    public var rowsNamed: Set<String> = []
    /// Figures, as paths from the project folder, in order.
    public var figures: [String] = []
    /// Code blocks (commands, listings, output), each as its lines, in order.
    public var codeBlocks: [String] = []
    /// The specs of the `<!-- value:… -->` spans, sorted (a translation may order a sentence's parts anew).
    public var values: [String] = []

    /// The generated blocks, whose words are the edition's and whose rows are the same.
    static let generated = [
        (ChapterText.tableStart, ChapterText.tableEnd), (ChapterText.errataStart, ChapterText.errataEnd),
        (ErrataPage.start, ErrataPage.end),
    ]

    public init(markdown: String, edition: Edition) {
        var fenced = false, generatedEnd: String?
        var block: [String] = []
        var previousBlank = true
        var prose: [String] = []
        var slugs: [String: Int] = [:]
        func endBlock() {
            if !block.isEmpty { codeBlocks.append(block.joined(separator: "\n")) }
            block = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let end = generatedEnd {
                if line.hasPrefix(end) {
                    generatedEnd = nil
                } else if let id = Self.rowID(line) {
                    rows.append(id)
                }
                continue
            }
            if let (_, end) = Self.generated.first(where: { line.hasPrefix($0.0) }) {
                generatedEnd = end
                continue
            }
            if line.hasPrefix("```") {
                if fenced { endBlock() }
                fenced.toggle()
                continue
            }
            let indented = line.hasPrefix("    ") && (previousBlank || !block.isEmpty)
            if fenced || indented {
                block.append(line)
                continue
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { endBlock() }
            previousBlank = line.trimmingCharacters(in: .whitespaces).isEmpty
            if let heading = Self.heading(line) {
                sections.append(
                    heading.level + " " + Self.anchor(of: heading.text, edition: edition, seen: &slugs))
            }
            prose.append(line)
        }
        endBlock()
        let text = prose.joined(separator: "\n")
        figures = Self.matches(#"!\[[^\]]*\]\(([^)]+)\)"#, in: text).map(Self.fromProject)
        values = Self.matches(#"<!-- value:([^ ]+) -->"#, in: text).sorted()
        let ids = Set(rows)
        rowsNamed = Set(Self.matches(#"`([^`\n]+)`"#, in: text).filter(ids.contains))
    }

    /// What `other` (the `name`d twin) has that this text lacks, and the other way round, one
    /// sentence each; empty when the two agree.
    public func differences(from other: EditionStructure, names: (this: String, other: String)) -> [String] {
        var found: [String] = []
        func compare(_ what: String, _ mine: [String], _ theirs: [String]) {
            for item in theirs where !mine.contains(item) {
                found.append("\(names.this) lacks the \(what) \(item) of \(names.other)")
            }
            for item in mine where !theirs.contains(item) {
                found.append("\(names.other) lacks the \(what) \(item) of \(names.this)")
            }
            if found.isEmpty, mine != theirs {
                let index =
                    zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(mine.count, theirs.count)
                found.append(
                    "\(names.this) and \(names.other) order their \(what)s differently from the \(index + 1)th on "
                        + "(\(mine.count) against \(theirs.count))")
            }
        }
        compare("section", sections, other.sections)
        compare("row", rows, other.rows)
        compare("row reference", rowsNamed.sorted(), other.rowsNamed.sorted())
        compare("figure", figures, other.figures)
        compare("code block", codeBlocks.map { "`\($0.prefix(60))…`" }, other.codeBlocks.map { "`\($0.prefix(60))…`" })
        if codeBlocks != other.codeBlocks, found.isEmpty {
            found.append("\(names.this) and \(names.other) differ inside a code block")
        }
        compare("value", values, other.values)
        return found
    }

    static func rowID(_ line: String) -> String? {
        for (open, close) in [("| `", "` |"), ("- **", "**")] where line.hasPrefix(open) {
            let rest = line.dropFirst(open.count)
            if let end = rest.range(of: close) { return String(rest[..<end.lowerBound]) }
        }
        return nil
    }

    static func heading(_ line: String) -> (level: String, text: String)? {
        let level = line.prefix { $0 == "#" }
        guard (1...6).contains(level.count), line.dropFirst(level.count).hasPrefix(" ") else { return nil }
        return (String(level), String(line.dropFirst(level.count + 1)))
    }

    /// A translated heading's explicit anchor; an English heading's GitHub anchor: lower case,
    /// letters, digits, spaces, `-` and `_` kept, spaces made `-`, a repeat numbered `-1`, `-2`…
    static func anchor(of heading: String, edition: Edition, seen: inout [String: Int]) -> String {
        if edition != .english {
            return matches(#"<a id="([^"]+)"></a>\s*$"#, in: heading).first ?? "(no anchor: \(heading))"
        }
        var slug = ""
        for scalar in heading.lowercased().unicodeScalars {
            if scalar == " " {
                slug += "-"
            } else if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            }
        }
        let count = seen[slug, default: 0]
        seen[slug] = count + 1
        return count == 0 ? slug : "\(slug)-\(count)"
    }

    /// `../Figures/x.png` and `../../Figures/x.png` are one file.
    static func fromProject(_ path: String) -> String {
        var rest = Substring(path)
        while rest.hasPrefix("../") { rest = rest.dropFirst(3) }
        return String(rest)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
