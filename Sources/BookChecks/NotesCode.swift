import Foundation

/// The notes' code as printed, and what it did when run: `Tests/Fixtures/NotesCode/runs.json`,
/// written by `generate.py` beside it, which runs every listing of the five notes exactly as printed
/// (and, for one that fails, the smallest change that makes it run). CI reads the record; it does
/// not run Python.
///
/// Two kinds of row come from it: `listing-<note>-<line>` (kind `listing`: does the listing that
/// starts on that line of the note run?) and `output-<note>-<line>` (kind `output`: is the output
/// the note shows from that line on what the listing prints?).
public struct NotesCode: Decodable, Sendable {
    public let python: String
    public let numpy: String
    public let listings: [Listing]

    public struct Listing: Decodable, Sendable {
        public let id: String
        public let note: String
        public let lines: [Int]
        public let language: String
        public let needs: [String]
        public let firstLine: String
        public let asPrinted: Run?
        public let printedOutput: String?
        public let output: [Int]?
        public let fix: Fix?
        public let fixed: Run?
        /// Code of ours run after a listing that only defines things: the call whose output the
        /// note shows without printing it, or the same prints with another function of the note.
        public let probe: Probe?

        enum CodingKeys: String, CodingKey {
            case id, note, lines, language, needs, asPrinted, printedOutput, output, fix, fixed, probe
            case firstLine = "first_line"
        }

        /// The first and last line of the listing in its note.
        public var range: ClosedRange<Int> { lines[0]...lines[lines.count - 1] }
    }

    public struct Run: Decodable, Sendable {
        public let runs: Bool
        public let exception: String?
        public let line: Int?
        public let stdout: String?
        public let statements: [Statement]?

        /// One statement of a cheat-sheet listing, run one after another in one namespace.
        public struct Statement: Decodable, Sendable {
            public let line: Int
            public let code: String
            public let runs: Bool
            public let exception: String?
        }

        /// Ran without an exception, every statement of a cheat sheet included.
        public var ranCleanly: Bool { runs && (statements ?? []).allSatisfy(\.runs) }

        /// A cheat sheet (one-liners about placeholder arrays x, A…) can run no further than this:
        /// every statement runs but those naming a one-letter placeholder that no line defines.
        public var failsOnlyOnPlaceholders: Bool {
            guard let statements, !runs else { return runs }
            return statements.allSatisfy { statement in
                statement.runs
                    || (statement.exception.map {
                        $0.hasPrefix("NameError: name '") && $0.count == "NameError: name 'x' is not defined".count
                    } ?? false)
            }
        }

        /// The exception as Python reports it, with where it was raised.
        public var failure: String {
            if let failing = statements?.filter({ !$0.runs }), !failing.isEmpty {
                return failing.map { "line \($0.line): \($0.exception ?? "raises")" }.joined(separator: "; ")
            }
            return (exception ?? "raises") + (line.map { " (line \($0) of the listing)" } ?? "")
        }

        /// What it printed, without the final line break `print` adds.
        public var printed: String {
            var text = stdout ?? ""
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
    }

    public struct Probe: Decodable, Sendable {
        public let code: String
        public let why: String
        public let afterAsPrinted: Run?
        public let afterFixed: Run?
    }

    public struct Fix: Decodable, Sendable {
        public let why: String
        public let replace: [[String]]

        /// The change in a few words: `‘ → '`, `np.int → int`.
        public var change: String {
            replace.map { pair in
                pair.count == 2 ? "`\(Self.visible(pair[0]))` → `\(Self.visible(pair[1]))`" : "?"
            }.joined(separator: ", ")
        }

        /// A replacement's text with its line breaks shown.
        static func visible(_ text: String) -> String {
            text.replacingOccurrences(of: "\n", with: PrintedValue.lineBreak)
        }
    }

    /// Where the record lives in the project.
    public static let fixturePath = "Tests/Fixtures/NotesCode/runs.json"

    public static func load(root: URL) throws -> NotesCode {
        let url = root.appendingPathComponent(fixturePath)
        guard let data = try? Data(contentsOf: url) else { throw NotesCodeError.missingRecord(url.path) }
        return try JSONDecoder().decode(NotesCode.self, from: data)
    }

    /// The record of the project the tool or test runs in, read once.
    static let current: Result<NotesCode, Error> = Result { try load(root: try Repository.root()) }

    public func listing(_ id: String) throws -> Listing {
        guard let listing = listings.first(where: { $0.id == id }) else { throw NotesCodeError.unknownListing(id) }
        return listing
    }

    /// The listing whose printed output starts on `line` of `note`.
    public func listing(printingFrom line: Int, in note: String) throws -> Listing {
        guard let listing = listings.first(where: { $0.note == note && $0.output?.first == line }) else {
            throw NotesCodeError.unknownOutput(note, line)
        }
        return listing
    }
}

public enum NotesCodeError: Error, CustomStringConvertible {
    case missingRecord(String)
    case unknownListing(String)
    case unknownOutput(String, Int)
    case malformedId(String)

    public var description: String {
        switch self {
        case let .missingRecord(path):
            return
                "the record of the notes' code runs is missing (\(path)); Tests/Fixtures/NotesCode/generate.py writes it"
        case let .unknownListing(id): return "no listing '\(id)' in the record of the notes' code runs"
        case let .unknownOutput(note, line): return "no listing of note \(note) prints the output on its line \(line)"
        case let .malformedId(id): return "'\(id)' is not listing-<note>-<line> or output-<note>-<line>"
        }
    }
}

/// The rows of a chapter part that run the notes' listings: a part lists the listings and outputs
/// that belong to its topic, and explains each output that differs from what its listing prints.
public protocol NotesListingRows: WorkedExample {
    /// Row ids: `listing-<note>-<line>` and `output-<note>-<line>`.
    static var listingRows: [String] { get }
    /// For an output the listing runs but prints otherwise: why the note shows what it shows.
    static var outputErrata: [String: String] { get }
    /// For an output whose late digits rounding decides: why, and how many lines agree exactly.
    static var outputSpreads: [String: (why: String, exactLines: Int)] { get }
}

extension NotesListingRows {
    public static var outputErrata: [String: String] { [:] }
    public static var outputSpreads: [String: (why: String, exactLines: Int)] { [:] }

    public static var rows: [String: () -> Finding] {
        Dictionary(
            uniqueKeysWithValues: listingRows.map { id in
                (
                    id,
                    {
                        Finding.catching {
                            try NotesListingCheck.finding(id, outputWhy: outputErrata[id], spread: outputSpreads[id])
                        }
                    }
                )
            })
    }
}

/// How a listing's run answers its rows.
public enum NotesListingCheck {
    public static func finding(
        _ id: String, outputWhy: String? = nil, spread: (why: String, exactLines: Int)? = nil, record: NotesCode? = nil
    ) throws -> Finding {
        let record = try record ?? NotesCode.current.get()
        let parts = id.split(separator: "-")
        guard parts.count == 3, let line = Int(parts[2]) else { throw NotesCodeError.malformedId(id) }
        switch parts[0] {
        case "listing": return try runs(record.listing(id))
        case "output":
            return try output(record.listing(printingFrom: line, in: String(parts[1])), why: outputWhy, spread: spread)
        default: throw NotesCodeError.malformedId(id)
        }
    }

    /// Does the listing run as printed? If not, the erratum is its fix, which must run.
    static func runs(_ listing: NotesCode.Listing) -> Finding {
        guard let run = listing.asPrinted else {
            return Finding(.error("the listing is \(listing.language), not run"))
        }
        let after = listing.needs.isEmpty ? "" : " after " + listing.needs.joined(separator: ", ")
        let ours = Ours.claim(
            holds: run.ranCleanly,
            detail: run.ranCleanly ? "runs as printed\(after)" : "raises \(run.failure)\(after)")
        guard let fix = listing.fix, let fixed = listing.fixed else { return Finding(ours) }
        let cheatSheet = fixed.statements != nil
        let works = cheatSheet ? fixed.failsOnlyOnPlaceholders : fixed.ranCleanly
        let detail =
            fixed.ranCleanly
            ? "runs" : works ? "runs but for the placeholders: \(fixed.failure)" : "still raises \(fixed.failure)"
        return Finding(
            ours,
            erratum: Erratum(
                reproducedBy: "the smallest change that makes it run, \(fix.change),",
                reproduction: .claim(holds: works, detail: detail), why: fix.why))
    }

    /// Is the note's output what the listing prints? A listing that fails prints no output; its
    /// fixed run's output (and its probe's, for a listing that only defines what the output calls)
    /// is then the evidence. A listing that runs but prints something else needs an explanation:
    /// a probe that prints the note's output, or a `why` whose evidence is that the print's
    /// numbers are the run's. `spread`: the print's late digits are rounding's (a ≈ row says how
    /// far); what is compared is then the print's lines and labels, and the numbers `exact` lines
    /// in.
    static func output(_ listing: NotesCode.Listing, why: String?, spread: (why: String, exactLines: Int)? = nil)
        -> Finding
    {
        guard let run = listing.asPrinted else { return Finding(.error("the listing is not run")) }
        guard run.ranCleanly else {
            let ours = Ours.error("prints nothing: the listing raises \(run.failure)")
            guard let fixed = listing.fixed, let fix = listing.fix else { return Finding(ours) }
            let probed = listing.probe?.afterFixed
            let text = fixed.printed + (probed.map { (fixed.printed.isEmpty ? "" : "\n") + $0.printed } ?? "")
            let call =
                listing.probe.map {
                    " and the call the note does not print, `\($0.code.trimmingCharacters(in: .whitespacesAndNewlines))`"
                } ?? ""
            return Finding(
                ours,
                erratum: Erratum(
                    reproducedBy: "the listing with \(fix.change)\(call)", reproduction: .output(text),
                    why: why ?? listing.probe?.why ?? fix.why))
        }
        if let spread {
            return Finding(
                .withinSpread(
                    sameLayout(printed: listing.printedOutput ?? "", ran: run.printed, exactLines: spread.exactLines),
                    why: spread.why))
        }
        let ours = Ours.output(run.printed)
        if let probe = listing.probe, let probed = probe.afterAsPrinted {
            return Finding(
                ours,
                erratum: Erratum(
                    reproducedBy: "`\(probe.code.split(separator: "\n").last ?? "")` after the listing's definitions",
                    reproduction: .output(probed.printed), why: why ?? probe.why))
        }
        guard let why else { return Finding(ours) }
        return Finding(
            ours,
            erratum: Erratum(
                reproducedBy: "the numbers the run printed, in order, against the print's",
                reproduction: .numbersOf(run.printed), why: why))
    }

    /// The print and the run line for line with their numbers masked (labels and line breaks as
    /// printed), and their numbers equal on the first `exactLines` lines.
    static func sameLayout(printed: String, ran: String, exactLines: Int) -> Ours {
        let printedLines = printed.split(separator: "\n"), ranLines = ran.split(separator: "\n")
        func masked(_ line: Substring) -> String {
            var text = String(line)
            for number in numbers(in: String(line)) { text = text.replacingOccurrences(of: number, with: "#") }
            return text
        }
        let layout =
            printedLines.count == ranLines.count && zip(printedLines, ranLines).allSatisfy { masked($0) == masked($1) }
        let exact = zip(printedLines, ranLines).prefix(exactLines).allSatisfy { $0 == $1 }
        return .claim(
            holds: layout && exact,
            detail: "\(ranLines.count) lines, labels and line breaks \(layout ? "as printed" : "NOT as printed"); "
                + "the first \(exactLines) to the digit\(exact ? "" : " (NOT)"); the last: \(ranLines.last ?? "")")
    }

    /// The numbers a text prints, as written.
    static func numbers(in text: String) -> [Substring] {
        var found: [Substring] = []
        var current = text.startIndex
        while current < text.endIndex {
            let rest = text[current...]
            guard let start = rest.firstIndex(where: { $0.isASCII && $0.isNumber }) else { break }
            var end = start
            while end < text.endIndex,
                text[end].isASCII && (text[end].isNumber || ".eE+-".contains(text[end]))
            {
                end = text.index(after: end)
            }
            var begin = start
            if begin > text.startIndex, text[text.index(before: begin)] == "-" { begin = text.index(before: begin) }
            // "10-layer", "1e": a sign or exponent letter that no digit follows is not part of the number.
            var last = end
            while "eE+-".contains(text[text.index(before: last)]) { last = text.index(before: last) }
            found.append(text[begin..<last])
            current = end
        }
        return found
    }
}
