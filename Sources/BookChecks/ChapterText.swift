import Foundation

/// The chapter text (`Chapters/*.md`) is where each printed value lives, once.
///
/// A chapter holds its book-check table between `<!-- book-table -->` and `<!-- /book-table -->`:
///
///     | id | example | source | printed | kind | ours | status |
///
/// `id`, `example`, `source`, `printed` and `kind` (what sort of print it is: `PrintKind`) are
/// written by hand from the book; `ours` and `status`
/// are written by the code (`make tables`), and a test fails when they are stale. The errata
/// found in the chapter are written between `<!-- book-errata -->` and `<!-- /book-errata -->`.
public struct ChapterText: Sendable {
    public var markdown: String
    public let path: String

    public static let tableStart = "<!-- book-table -->"
    public static let tableEnd = "<!-- /book-table -->"
    public static let errataStart = "<!-- book-errata -->"
    public static let errataEnd = "<!-- /book-errata -->"

    public init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BookCheckError.missingText(path)
        }
        self.init(markdown: text, path: path)
    }

    public init(markdown: String, path: String) {
        self.markdown = markdown
        self.path = path
    }

    /// The rows of the book-check table, in order.
    public func rows() throws -> [BookRow] {
        try tableLines().map { try BookRow(markdownLine: $0, in: path) }
    }

    /// The `ours` and `status` cells as the text has them, by id.
    public func writtenResults() throws -> [String: (ours: String, status: String)] {
        var result: [String: (String, String)] = [:]
        for line in try tableLines() {
            let cells = BookRow.cells(of: line)
            if cells.count == BookRow.cellCount {
                result[BookRow.unquote(cells[0])] = (BookRow.unquote(cells[5]), cells[6])
            }
        }
        return result
    }

    /// The text with its table and errata rewritten from `results`.
    public func rewritten(with results: [CheckedRow]) throws -> String {
        var text = try replacing(
            between: Self.tableStart, and: Self.tableEnd,
            in: markdown, with: BookTable.markdownTable(results))
        text = try replacing(
            between: Self.errataStart, and: Self.errataEnd,
            in: text, with: BookTable.markdownErrata(results))
        return text
    }

    /// The erratum entries of the errata section, one line each ("- **id** (source): ...").
    public func errataLines() throws -> [String] {
        try section(between: Self.errataStart, and: Self.errataEnd).split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("- **") }
    }

    private func tableLines() throws -> [String] {
        let body = try section(between: Self.tableStart, and: Self.tableEnd)
        let lines = body.split(separator: "\n").map(String.init).filter { $0.hasPrefix("|") }
        // Drop the header and the |---| separator.
        return Array(lines.dropFirst(2))
    }

    private func section(between start: String, and end: String) throws -> Substring {
        guard let open = markdown.range(of: start),
            let close = markdown.range(of: end, range: open.upperBound..<markdown.endIndex)
        else { throw BookCheckError.missingMarker(path, start) }
        return markdown[open.upperBound..<close.lowerBound]
    }

    private func replacing(between start: String, and end: String, in text: String, with body: String) throws -> String
    {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex)
        else { throw BookCheckError.missingMarker(path, start) }
        return text.replacingCharacters(in: open.upperBound..<close.lowerBound, with: "\n" + body + "\n")
    }
}

/// One hand-written row of a chapter's table: a value the book prints, and where.
public struct BookRow: Sendable {
    public let id: String
    public let example: String
    public let source: String
    public let printed: PrintedValue

    /// id, example, source, printed, kind, ours, status.
    static let cellCount = 7

    public init(id: String, example: String, source: String, printed: String, kind: PrintKind) throws {
        self.id = id
        self.example = example
        self.source = source
        self.printed = try PrintedValue(printed, kind: kind)
    }

    init(markdownLine line: String, in path: String) throws {
        let cells = Self.cells(of: line)
        guard cells.count == Self.cellCount else { throw BookCheckError.malformedRow(path, line) }
        let id = Self.unquote(cells[0])
        guard let kind = PrintKind(rawValue: Self.unquote(cells[4])) else {
            throw BookCheckError.unknownKind(path, id, cells[4])
        }
        do {
            try self.init(id: id, example: cells[1], source: cells[2], printed: Self.unquote(cells[3]), kind: kind)
        } catch let mismatch as PrintKindMismatch {
            throw BookCheckError.kindMismatch(path, id, mismatch)
        }
    }

    /// The cells of a Markdown table line; `\|` inside a cell is a literal bar.
    static func cells(of line: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch == "|" ? "|" : "\\\(ch)")
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// A cell's text with its bars escaped for a Markdown table.
    static func escaped(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }

    static func unquote(_ cell: String) -> String {
        cell.count >= 2 && cell.hasPrefix("`") && cell.hasSuffix("`") ? String(cell.dropFirst().dropLast()) : cell
    }
}

/// A row with our result and its verdict.
public struct CheckedRow: Sendable {
    public let row: BookRow
    public let finding: Finding
    public var verdict: Verdict { finding.verdict(for: row.printed) }
    public var ours: String { finding.ours.display(against: row.printed) }
}

public enum BookCheckError: Error, CustomStringConvertible {
    case missingText(String)
    case missingMarker(String, String)
    case malformedRow(String, String)
    case unknownExample(String, String)
    case unlistedExample(String, String)
    case duplicateExample(String, String)
    case unknownKind(String, String, String)
    case kindMismatch(String, String, PrintKindMismatch)
    case repositoryNotFound

    public var description: String {
        switch self {
        case let .missingText(path): return "chapter text not found: \(path)"
        case let .missingMarker(path, marker):
            return "\(path): the marker \(marker) (and its closing marker) is missing"
        case let .malformedRow(path, line):
            return "\(path): a table row needs 7 cells (id, example, source, printed, kind, ours, status): \(line)"
        case let .unknownKind(path, id, kind):
            return "\(path): row '\(id)' has the kind '\(kind)'; the kinds are "
                + PrintKind.allCases.map(\.rawValue).joined(separator: ", ")
        case let .kindMismatch(path, id, mismatch): return "\(path): row '\(id)': \(mismatch)"
        case let .unknownExample(path, id): return "\(path): the table lists '\(id)', but no example computes it"
        case let .unlistedExample(path, id): return "\(path): the example '\(id)' has no row in the table"
        case let .duplicateExample(text, id): return "\(text): two worked examples both compute the row '\(id)'"
        case .repositoryNotFound:
            return "cannot find the project folder (with Package.swift and Chapters/): `check` recomputes the chapter "
                + "texts and figures of a project, so run it from inside the project (or set DLFS_ROOT to it); "
                + "the example subcommands work anywhere and write only where --figure says"
        }
    }
}
