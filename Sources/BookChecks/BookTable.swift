import Foundation

/// The chapter's book-vs-ours table in its three forms: terminal, JSON and Markdown.
public enum BookTable {
    /// A terminal table laid out for `terminal`: example id, verdict, source, (kind,) printed, ours.
    ///
    /// The verdict sits right after the id, so every row's verdict is on its row and in one column.
    /// With a width, the id and source columns are capped, the kind and source columns are shown
    /// only where there is room, and printed and ours share what is left in halves; a cell too long is cut with "…".
    /// Without one (`--wide`) every cell prints whole. The errata are wrapped at word boundaries
    /// and indented under their item.
    public static func terminal(_ rows: [CheckedRow], title: String, terminal: Terminal = Terminal(width: nil))
        -> String
    {
        let layout = Layout(rows, width: terminal.width)
        var lines = terminal.wrap("== \(title) ==", hanging: "   ")
        lines.append(layout.line(layout.header, verdict: nil, terminal: terminal))
        lines.append(String(repeating: "-", count: layout.totalWidth))
        for (cells, row) in zip(layout.body, rows) {
            lines.append(layout.line(cells, verdict: row.verdict, terminal: terminal))
        }
        lines.append(summary(rows))
        let errataRows = rows.filter { $0.finding.erratum != nil }
        if !errataRows.isEmpty {
            lines.append("Errata:")
            for row in errataRows { lines += terminal.wrap(erratumSentence(row), indent: "  ", hanging: "    ") }
        }
        return lines.joined(separator: "\n")
    }

    /// The columns of the terminal table and their widths.
    struct Layout {
        /// Which of example, verdict, source, kind, printed, ours are shown.
        let shown: [Int]
        let widths: [Int]
        let header: [String]
        let body: [[String]]
        var totalWidth: Int { shown.map { widths[$0] }.reduce(0, +) + 2 * (shown.count - 1) }

        static let separator = "  "
        /// Below these widths the kind and source columns are left out, to leave the book's value
        /// and ours room to be read (the chapter texts and --wide show every column).
        static let kindFrom = 140, sourceFrom = 100

        init(_ rows: [CheckedRow], width: Int?) {
            header = ["example", "verdict", "source", "kind", "printed", "ours"]
            body = rows.map {
                [
                    $0.row.id, $0.verdict.symbol, $0.row.source, $0.row.printed.kind.rawValue, $0.row.printed.text,
                    $0.ours,
                ]
                .map { $0.replacingOccurrences(of: "\n", with: "↵") }
            }
            var natural = header.map(Terminal.width(of:))
            for cells in body {
                for (i, cell) in cells.enumerated() { natural[i] = max(natural[i], Terminal.width(of: cell)) }
            }
            guard let width else {
                (shown, widths) = (Array(0..<6), natural)
                return
            }
            shown = width >= Self.kindFrom ? Array(0..<6) : width >= Self.sourceFrom ? [0, 1, 2, 4, 5] : [0, 1, 4, 5]
            var w = natural
            w[0] = min(natural[0], max(20, width * 3 / 10))
            w[2] = min(natural[2], max(10, width / 8))
            w[3] = min(natural[3], 8)
            let fixed = shown.filter { $0 < 4 }.map { w[$0] }.reduce(0, +)
            let rest = max(12, width - fixed - 2 * (shown.count - 1))
            if natural[4] + natural[5] > rest {
                // Book and ours are read side by side: each gets half, and what the other does not need.
                w[4] = min(natural[4], max(rest / 2, rest - natural[5]))
                w[5] = min(natural[5], rest - w[4])
            }
            widths = w
        }

        /// One line: each shown cell cut and padded to its column, the verdict coloured.
        func line(_ cells: [String], verdict: Verdict?, terminal: Terminal) -> String {
            let parts = shown.enumerated().map { position, column -> String in
                let last = position == shown.count - 1
                let cell = Terminal.cut(cells[column], to: widths[column])
                if column == 1, let verdict { return terminal.verdict(verdict, padTo: last ? 0 : widths[column]) }
                return last ? cell : Terminal.padded(cell, to: widths[column])
            }
            var text = parts.joined(separator: Self.separator)
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
    }

    /// "N values: a ✓, b ≈, c erratum, d ✗": each status counted on its own.
    public static func summary(_ rows: [CheckedRow]) -> String {
        func count(_ verdict: Verdict) -> Int { rows.filter { $0.verdict == verdict }.count }
        return "\(rows.count) values: \(count(.ok)) ✓, \(count(.withinSpread)) ≈ (within a measured spread), "
            + "\(count(.erratum)) erratum, \(count(.fail)) ✗"
    }

    /// One JSON object per row, keys in the order id, source, printed, kind, ours, status.
    public static func json(_ rows: [CheckedRow]) -> String {
        let objects = rows.map { r in
            let fields = [
                ("id", r.row.id), ("source", r.row.source), ("printed", r.row.printed.text),
                ("kind", r.row.printed.kind.rawValue), ("ours", r.ours), ("status", r.verdict.rawValue),
            ]
            return "  {" + fields.map { "\(jsonString($0.0)): \(jsonString($0.1))" }.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]" : "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func markdownTable(_ rows: [CheckedRow], edition: Edition = .english) -> String {
        var lines = [edition.tableHeader, "|---|---|---|---|---|---|---|"]
        for r in rows {
            let cells = [
                "`\(r.row.id)`", r.row.example, r.row.source, "`\(r.row.printed.text)`",
                r.row.printed.kind.rawValue, "`\(r.ours)`", edition.statusWord(r.verdict),
            ]
            lines.append("| " + cells.map(BookRow.escaped).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    static func markdownErrata(_ rows: [CheckedRow], edition: Edition = .english) -> String {
        let errata = rows.filter { $0.finding.erratum != nil }
        guard !errata.isEmpty else { return edition.noErrata }
        return errata.map { "- " + erratumSentence($0, markdown: true, edition: edition) }.joined(separator: "\n")
    }

    /// One erratum entry: what is printed, what the printed code gives, what reproduces the print
    /// and how strongly, and why. The edition chooses the labels; the rest is the row's.
    static func erratumSentence(_ r: CheckedRow, markdown: Bool = false, edition: Edition = .english) -> String {
        guard let e = r.finding.erratum else { return "" }
        let words = edition.erratumLabels
        let q = markdown ? "`" : ""
        let id = markdown ? "**\(r.row.id)**" : r.row.id
        // A claim (the evidence for an explanation) holds or not; a computed value reproduces the print or not.
        let agrees = r.verdict == .erratum
        let outcome: String
        if e.reproduction.isEvidence {
            outcome = agrees ? words.holds : words.doesNotHold
        } else if !agrees {
            outcome = words.doesNotReproduce
        } else if let search = e.search, search.isUnique {
            outcome = words.uniqueMatch(search.candidates, search.space)
        } else if let search = e.search {
            outcome = words.oneOfSeveral(search.matches - 1, search.candidates, search.space)
        } else {
            outcome = words.noSearch
        }
        let reproduced = "\(q)\(e.reproduction.display(against: r.row.printed))\(q)"
        return id + words.sourceOpen + r.row.source + words.sourceClose + words.printed + q + r.row.printed.text + q
            + words.codeGives + q + r.ours + q + words.reproducedGives(e.reproducedBy, reproduced)
            + words.outcomeOpen + outcome + words.outcomeClose + words.end + e.why
    }
}
