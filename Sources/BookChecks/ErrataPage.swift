import Foundation

/// `Chapters/errata.md`: every erratum of every chapter text on one page for readers, grouped by
/// where the error is printed — each study note, the book's text, the book's code.
///
/// The page is derived, never written by hand: its entries are the errata lines that the checks
/// write into the chapter texts (`ChapterText`), regrouped. A check that rewrites a chapter text
/// rewrites the page; a check that finds the page stale fails, like a stale chapter text.
public enum ErrataPage {
    public static let fileName = "errata.md"
    public static let start = "<!-- errata-page -->"
    public static let end = "<!-- /errata-page -->"

    /// Where an erratum is printed, from its row's source cell.
    enum Place: Comparable {
        case note(String)
        case bookText
        case bookCode

        init(source: String) {
            let seed = source.prefix(3)
            if seed.count == 3, seed.allSatisfy(\.isNumber) {
                self = .note(String(seed))
            } else if source.contains("`") {
                self = .bookCode  // a file of the book's repository, written as code
            } else {
                self = .bookText
            }
        }
    }

    /// The page's generated part for the chapter texts in `folder` (every `*.md` with an errata
    /// section), in file order and, within a file, in the text's order, headed in the words of
    /// `edition` (whose texts are in `folder`).
    public static func body(chaptersIn folder: URL, edition: Edition = .english) throws -> String {
        let labels = edition.erratumLabels, headings = edition.errataPageHeadings
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") && $0 != fileName }.sorted()
        var entries: [(place: Place, line: String)] = []
        for file in files {
            let text = try ChapterText(path: folder.appendingPathComponent(file).path)
            guard let lines = try? text.errataLines() else { continue }
            for line in lines {
                // "- **id** (source): ..." — the source is the parenthesis after the id.
                guard let open = line.range(of: "**" + labels.sourceOpen),
                    let close = line.range(of: labels.sourceClose, range: open.upperBound..<line.endIndex)
                else { continue }
                entries.append((Place(source: String(line[open.upperBound..<close.lowerBound])), line))
            }
        }
        let seeds = Set(
            entries.compactMap { entry -> String? in
                if case let .note(seed) = entry.place { return seed } else { return nil }
            }
        ).sorted()
        var sections: [String] = []
        if !seeds.isEmpty {
            sections.append(headings.notes)
            for seed in seeds {
                sections.append(headings.seed(seed))
                sections.append(entries.filter { $0.place == .note(seed) }.map(\.line).joined(separator: "\n"))
            }
        }
        for (place, heading) in [(Place.bookText, headings.bookText), (.bookCode, headings.bookCode)] {
            let lines = entries.filter { $0.place == place }.map(\.line)
            if !lines.isEmpty { sections += [heading, lines.joined(separator: "\n")] }
        }
        return sections.joined(separator: "\n\n")
    }

    /// The page with its generated part replaced by `body`.
    public static func rewritten(_ markdown: String, body: String, path: String) throws -> String {
        guard let open = markdown.range(of: start),
            let close = markdown.range(of: end, range: open.upperBound..<markdown.endIndex)
        else { throw BookCheckError.missingMarker(path, start) }
        return markdown.replacingCharacters(in: open.upperBound..<close.lowerBound, with: "\n" + body + "\n")
    }
}
