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

    /// The text with its table, errata and prose values rewritten from `results`, in the words of
    /// `edition`; prose values of the `skipped` rows (slow rows a unit test leaves out) keep what
    /// the text has.
    public func rewritten(with results: [CheckedRow], skipped: Set<String> = [], edition: Edition = .english)
        throws -> String
    {
        var text = try replacing(
            between: Self.tableStart, and: Self.tableEnd,
            in: markdown, with: BookTable.markdownTable(results, edition: edition))
        text = try replacing(
            between: Self.errataStart, and: Self.errataEnd,
            in: text, with: BookTable.markdownErrata(results, edition: edition))
        return try fillingValues(in: text, from: results, skipped: skipped)
    }

    /// A number of the prose that a computation gives, written between
    /// `<!-- value:ROW -->` and `<!-- /value -->`, so that `make tables` keeps it current and a stale
    /// one fails the check like a stale table cell. `value:ROW` is the row's `ours` cell,
    /// `value:ROW:reproduction` its erratum's reproduction, `value:ROW:why` its explanation; `#N`
    /// after any of them takes the N-th number of that text, as it is printed there.
    public static let valueOpen = "<!-- value:"
    public static let valueClose = "<!-- /value -->"

    func fillingValues(in text: String, from results: [CheckedRow], skipped: Set<String>) throws -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: Self.valueOpen) {
            guard let endOfOpen = rest.range(of: " -->", range: open.upperBound..<rest.endIndex),
                let close = rest.range(of: Self.valueClose, range: endOfOpen.upperBound..<rest.endIndex)
            else { throw BookCheckError.missingMarker(path, Self.valueClose) }
            let spec = String(rest[open.upperBound..<endOfOpen.lowerBound])
            out += rest[..<endOfOpen.upperBound]
            let id = String(spec.prefix { $0 != ":" && $0 != "#" })
            out +=
                skipped.contains(id)
                ? String(rest[endOfOpen.upperBound..<close.lowerBound]) : try value(spec, from: results)
            out += Self.valueClose
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private func value(_ spec: String, from results: [CheckedRow]) throws -> String {
        var field = spec
        var index: Int?
        if let hash = spec.lastIndex(of: "#"), let n = Int(spec[spec.index(after: hash)...]) {
            index = n
            field = String(spec[..<hash])
        }
        let parts = field.split(separator: ":").map(String.init)
        guard let id = parts.first, let row = results.first(where: { $0.row.id == id }) else {
            throw BookCheckError.unknownValue(path, spec)
        }
        let text: String
        switch parts.dropFirst().first {
        case nil: text = row.ours
        case "reproduction":
            guard let erratum = row.finding.erratum else { throw BookCheckError.unknownValue(path, spec) }
            text = erratum.reproduction.display(against: row.row.printed)
        case "why":
            guard let erratum = row.finding.erratum else { throw BookCheckError.unknownValue(path, spec) }
            text = erratum.why
        default: throw BookCheckError.unknownValue(path, spec)
        }
        guard let index else { return text }
        let numbers = NotesListingCheck.numbers(in: text)
        guard index >= 1, index <= numbers.count else { throw BookCheckError.unknownValue(path, spec) }
        return String(numbers[index - 1])
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
    case unknownValue(String, String)
    case repositoryNotFound
    case incompleteRun(String, String, String)

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
        case let .unknownValue(path, spec):
            return "\(path): the prose value `value:\(spec)` names no row, erratum or number of this text's table"
        case let .unknownExample(path, id): return "\(path): the table lists '\(id)', but no example computes it"
        case let .unlistedExample(path, id): return "\(path): the example '\(id)' has no row in the table"
        case let .duplicateExample(text, id): return "\(text): two worked examples both compute the row '\(id)'"
        case let .incompleteRun(path, id, reason):
            return "--update-text left \(path) as it was: row '\(id)' could not be computed (\(reason)); the text is "
                + "rewritten only from a run where every row was"
        case .repositoryNotFound:
            return "cannot find the project folder (with Package.swift and Chapters/): `check` recomputes the chapter "
                + "texts and figures of a project, so run it from inside the project (or set DLFS_ROOT to it); "
                + "the example subcommands work anywhere and write only where --figure says"
        }
    }
}
