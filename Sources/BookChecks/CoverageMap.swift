import Foundation

/// `Chapters/coverage.md`: every line of the five notes, with the row that answers it or the reason
/// nothing can be checked.
///
/// The judgments are written by hand, one file a note (`Chapters/coverage/000.tsv`: lines, kind,
/// answer, what); the listings and their outputs come from the record of the notes' code runs
/// (`NotesCode`), and each row's status from the chapter tables. The page is generated from the
/// three, never edited, and a check fails when a non-blank line of a note is in no entry, when an
/// answer names a row no chapter table has, or when the page is stale.
public enum CoverageMap {
    public static let fileName = "coverage.md"
    public static let judgmentsFolder = "coverage"
    public static let start = "<!-- coverage-map -->"
    public static let end = "<!-- /coverage-map -->"

    /// What a stretch of a note is.
    public enum Kind: String, CaseIterable, Sendable {
        case heading, prose, statement, formula, listing, output, figure, furniture, reference
    }

    /// Why nothing of a stretch can be checked, or `open`: checkable, not yet a row.
    public enum Reason: String, CaseIterable, Sendable {
        case heading, furniture, reference, figure, definition, opinion, environment, outside, vague, timing, open

        public var meaning: String {
            switch self {
            case .heading: return "a title, section number or list label"
            case .furniture: return "the web page's own text: tags, counters, dialogs, related-article teasers"
            case .reference: return "a citation or a link"
            case .figure: return "a figure whose image is not in the copy of the page"
            case .definition: return "a term named or defined, with no consequence to compute"
            case .opinion: return "the author's view, motivation, experience or advice"
            case .environment: return "installing or setting up software"
            case .outside: return "a topic outside the book's chapters 3–6"
            case .vague: return "an assertion too unspecific to test as worded"
            case .timing: return "a claim about speed: measured by `make bench`, never by a check"
            case .open: return "checkable, but no row checks it yet"
            }
        }
    }

    /// One line of a judgments file.
    public struct Entry: Sendable {
        public let lines: ClosedRange<Int>
        public let kind: Kind
        public let answer: Answer
        public let what: String
    }

    public enum Answer: Sendable, Equatable {
        /// Rows that check these lines; with `listings` (written `auto`), also the listings and
        /// outputs that the record of the runs places on them.
        case rows([String], listings: Bool)
        case reason(Reason)

        var coversListings: Bool {
            if case .rows(_, true) = self { return true }
            return false
        }
    }

    /// Parses one note's judgments.
    public static func entries(_ tsv: String, file: String) throws -> [Entry] {
        var entries: [Entry] = []
        for (index, raw) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = raw.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            func fail(_ problem: String) -> CoverageError { .malformed(file, index + 1, problem) }
            guard cells.count >= 3 else { throw fail("needs lines, kind, answer and what, tab-separated") }
            let bounds = cells[0].split(separator: "-").compactMap { Int($0) }
            guard (1...2).contains(bounds.count), bounds.first! <= bounds.last! else {
                throw fail("'\(cells[0])' is not a line or a range a-b")
            }
            guard let kind = Kind(rawValue: cells[1]) else {
                throw fail(
                    "the kind '\(cells[1])' is not one of " + Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let answer: Answer
            if let reason = Reason(rawValue: cells[2]) {
                answer = .reason(reason)
            } else {
                let named = cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                answer = .rows(named.filter { $0 != "auto" }, listings: named.contains("auto"))
            }
            entries.append(
                Entry(
                    lines: bounds.first!...bounds.last!, kind: kind, answer: answer,
                    what: cells.count > 3 ? cells[3] : ""))
        }
        return entries
    }

    /// A row of a chapter table, as the map needs it: where it lives and its status.
    public struct RowStatus: Sendable {
        public let file: String
        public let status: String
    }

    /// Every row of every chapter table in `chapters`, by id.
    public static func rowStatuses(chaptersIn folder: URL) throws -> [String: RowStatus] {
        var statuses: [String: RowStatus] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
        for file in files {
            let text = try ChapterText(path: folder.appendingPathComponent(file).path)
            for (id, cells) in try text.writtenResults() { statuses[id] = RowStatus(file: file, status: cells.status) }
        }
        return statuses
    }

    /// One note to map: its number, its text, its judgments.
    public struct Note: Sendable {
        public let number: String
        public let lines: [String]
        public let entries: [Entry]

        public var title: String { lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? number }
    }

    /// The notes in `seeds` (`000_….txt`…) with their judgments from `judgments`.
    public static func notes(seeds: URL, judgments: URL) throws -> [Note] {
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        return try files.map { file in
            let number = String(file.prefix(3))
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            let tsvURL = judgments.appendingPathComponent("\(number).tsv")
            guard let tsv = try? String(contentsOf: tsvURL, encoding: .utf8) else {
                throw CoverageError.missingJudgments(tsvURL.path)
            }
            return Note(
                number: number, lines: text.components(separatedBy: "\n"),
                entries: try entries(tsv, file: "Chapters/\(judgmentsFolder)/\(number).tsv"))
        }
    }

    /// The rows an entry names, with those of the listings on its lines when it says `auto`.
    static func rowIds(_ entry: Entry, note: String, code: NotesCode) -> [String] {
        guard case let .rows(named, listings) = entry.answer else { return [] }
        return (listings ? autoRows(entry, note: note, code: code) : []) + named
    }

    /// The rows an entry's lines hold, for `auto` entries: each listing (and output) the record
    /// places inside it.
    static func autoRows(_ entry: Entry, note: String, code: NotesCode) -> [String] {
        var ids: [String] = []
        for listing in code.listings where listing.note == note && listing.language == "python" {
            if entry.lines.overlaps(listing.range) { ids.append(listing.id) }
            if let output = listing.output, let first = output.first, let last = output.last,
                entry.lines.overlaps(first...last)
            {
                ids.append("output-\(note)-\(first)")
            }
        }
        return ids
    }

    /// Checks one note's map: every non-blank line in exactly one entry, in order; every listing
    /// line of the record in an `auto` entry and every `auto` line in a listing; every row named
    /// exists.
    static func validate(_ note: Note, code: NotesCode, rows: [String: RowStatus]) throws {
        let file = "Chapters/\(judgmentsFolder)/\(note.number).tsv"
        var covered = [Int](repeating: 0, count: note.lines.count + 1)
        var previous = 0
        for entry in note.entries {
            guard entry.lines.lowerBound > previous else { throw CoverageError.overlap(file, entry.lines.lowerBound) }
            guard entry.lines.upperBound <= note.lines.count else {
                throw CoverageError.beyondNote(file, entry.lines.upperBound, note.lines.count)
            }
            previous = entry.lines.upperBound
            for line in entry.lines { covered[line] += 1 }
            let ids = rowIds(entry, note: note.number, code: code)
            if entry.answer.coversListings, autoRows(entry, note: note.number, code: code).isEmpty {
                throw CoverageError.noListingThere(file, entry.lines.lowerBound)
            }
            if let missing = ids.first(where: { rows[$0] == nil }) {
                throw CoverageError.unknownRow(file, entry.lines.lowerBound, missing)
            }
        }
        for (index, text) in note.lines.enumerated()
        where covered[index + 1] == 0 && !text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CoverageError.uncovered(note.number, index + 1, text, file)
        }
        let autoLines = Set(
            note.entries.filter { $0.answer.coversListings }.flatMap { Array($0.lines) })
        // Shell listings (install commands) are not run: their judgment is a reason, `environment`.
        for listing in code.listings where listing.note == note.number && listing.language == "python" {
            let code = Array(listing.range) + (listing.output.map { Array($0[0]...$0[$0.count - 1]) } ?? [])
            if let line = code.first(where: { !autoLines.contains($0) }) {
                throw CoverageError.listingNotAuto(file, line, listing.id)
            }
        }
    }

    /// The generated part of the page.
    public static func body(notes: [Note], code: NotesCode, rows: [String: RowStatus]) throws -> String {
        for note in notes { try validate(note, code: code, rows: rows) }
        var sections = [totals(notes: notes, code: code, rows: rows)]
        for note in notes {
            var lines = [
                "## Seed \(note.number): \(escaped(clipped(note.title, 70)))", "",
                "| lines | kind | the note | answer | status |", "|---|---|---|---|---|",
            ]
            for entry in note.entries {
                let first =
                    note.lines[(entry.lines.lowerBound - 1)..<entry.lines.upperBound]
                    .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
                let range =
                    entry.lines.count == 1
                    ? "\(entry.lines.lowerBound)" : "\(entry.lines.lowerBound)–\(entry.lines.upperBound)"
                let (answer, status) = describe(entry, note: note.number, code: code, rows: rows)
                let quote =
                    "`"
                    + clipped(first.trimmingCharacters(in: .whitespaces), 36).replacingOccurrences(of: "`", with: "'")
                    + "`"
                lines.append(
                    "| \(range) | \(entry.kind.rawValue) | \(escaped(quote))"
                        + (entry.what.isEmpty ? "" : " " + escaped(entry.what)) + " | \(answer) | \(status) |")
            }
            sections.append(lines.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    /// An entry's answer (rows linked to their chapter text) and its status.
    static func describe(_ entry: Entry, note: String, code: NotesCode, rows: [String: RowStatus]) -> (String, String) {
        switch entry.answer {
        case let .reason(reason): return ("*\(reason.rawValue)*", reason == .open ? "open" : "—")
        case .rows:
            let ids = rowIds(entry, note: note, code: code)
            let links = ids.map { "[`\($0)`](\(rows[$0]?.file ?? ""))" }.joined(separator: ", ")
            let statuses = ids.compactMap { rows[$0]?.status }
            return (links, Array(Set(statuses)).sorted().joined(separator: ", "))
        }
    }

    /// The counts the issue asks for: entries of each note by status or reason.
    static func totals(notes: [Note], code: NotesCode, rows: [String: RowStatus]) -> String {
        let columns = ["✓", "≈", "erratum", "✗"] + Reason.allCases.map(\.rawValue)
        var lines = [
            "| seed | non-blank lines | entries | " + columns.joined(separator: " | ") + " |",
            "|---|" + String(repeating: "---|", count: columns.count + 2),
        ]
        var grand = [Int](repeating: 0, count: columns.count + 2)
        for note in notes {
            var counts = [Int](repeating: 0, count: columns.count)
            for entry in note.entries {
                switch entry.answer {
                case let .reason(reason): counts[4 + Reason.allCases.firstIndex(of: reason)!] += 1
                default:
                    let ids = rowIds(entry, note: note.number, code: code)
                    for id in ids {
                        if let status = rows[id]?.status, let at = columns.firstIndex(of: status) { counts[at] += 1 }
                    }
                }
            }
            let nonBlank = note.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
            let row = [nonBlank, note.entries.count] + counts
            for (i, value) in row.enumerated() { grand[i] += value }
            lines.append("| \(note.number) | " + row.map(String.init).joined(separator: " | ") + " |")
        }
        lines.append("| all | " + grand.map(String.init).joined(separator: " | ") + " |")
        return "## Totals\n\nRows are counted once per entry that names them; reasons once per entry.\n\n"
            + lines.joined(separator: "\n")
    }

    static func clipped(_ text: String, _ width: Int) -> String {
        var out = ""
        var used = 0
        for ch in text {
            let w = ch.unicodeScalars.contains { $0.value >= 0x1100 } ? 2 : 1
            if used + w > width { return out + "…" }
            out.append(ch)
            used += w
        }
        return out
    }

    static func escaped(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    /// The page with its generated part replaced by `body`.
    public static func rewritten(_ markdown: String, body: String, path: String) throws -> String {
        guard let open = markdown.range(of: start),
            let close = markdown.range(of: end, range: open.upperBound..<markdown.endIndex)
        else { throw BookCheckError.missingMarker(path, start) }
        return markdown.replacingCharacters(in: open.upperBound..<close.lowerBound, with: "\n" + body + "\n")
    }

    /// The notes beside the project (`../shared/seeds`), where the developers' machines and CI keep
    /// them; nil in a reader's clone without them.
    public static func seedsFolder(root: URL) -> URL? {
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    /// The page as it should read now, for the project at `root`; nil when the notes are not beside it.
    public static func currentBody(root: URL) throws -> String? {
        guard let seeds = seedsFolder(root: root) else { return nil }
        let chapters = root.appendingPathComponent("Chapters")
        return try body(
            notes: try notes(seeds: seeds, judgments: chapters.appendingPathComponent(judgmentsFolder)),
            code: try NotesCode.load(root: root), rows: try rowStatuses(chaptersIn: chapters))
    }
}

public enum CoverageError: Error, CustomStringConvertible {
    case missingJudgments(String)
    case malformed(String, Int, String)
    case overlap(String, Int)
    case beyondNote(String, Int, Int)
    case uncovered(String, Int, String, String)
    case unknownRow(String, Int, String)
    case noListingThere(String, Int)
    case listingNotAuto(String, Int, String)

    public var description: String {
        switch self {
        case let .missingJudgments(path): return "the coverage judgments of a note are missing: \(path)"
        case let .malformed(file, line, problem): return "\(file), line \(line): \(problem)"
        case let .overlap(file, line):
            return "\(file): the entry starting at note line \(line) overlaps or precedes the one before it"
        case let .beyondNote(file, line, count):
            return "\(file): note line \(line) is past the note's end (\(count) lines)"
        case let .uncovered(note, line, text, file):
            return "note \(note), line \(line) is in no entry of \(file): \(text.prefix(60))"
        case let .unknownRow(file, line, id):
            return "\(file): the entry at note line \(line) names the row '\(id)', which no chapter table has"
        case let .noListingThere(file, line):
            return "\(file): the entry at note line \(line) is `auto`, but no listing or output of the record is there"
        case let .listingNotAuto(file, line, id):
            return
                "\(file): note line \(line) belongs to \(id) (or its output) in the record but is not in an `auto` entry"
        }
    }
}
