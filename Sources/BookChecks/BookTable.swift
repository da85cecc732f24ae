import Foundation

/// The chapter's book-vs-ours table in its three forms: terminal, JSON and Markdown.
public enum BookTable {
    /// A terminal table: example id, source, printed, kind, ours, verdict.
    public static func terminal(_ rows: [CheckedRow], title: String) -> String {
        let header = ["example", "source", "printed", "kind", "ours", ""]
        let body = rows.map {
            [$0.row.id, $0.row.source, $0.row.printed.text, $0.row.printed.kind.rawValue, $0.ours, $0.verdict.symbol]
        }
        var widths = header.map(displayWidth)
        for line in body { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) } }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - displayWidth(cell)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }

        var lines = ["== \(title) ==", format(header), String(repeating: "-", count: widths.reduce(0, +) + 8)]
        lines += body.map(format)
        lines.append(summary(rows))
        let errataRows = rows.filter { $0.finding.erratum != nil }
        if !errataRows.isEmpty {
            lines.append("Errata:")
            for row in errataRows { lines.append("  " + erratumSentence(row)) }
        }
        return lines.joined(separator: "\n")
    }

    /// "N values: a ✓, b ≈, c erratum, d ✗": each status counted on its own.
    public static func summary(_ rows: [CheckedRow]) -> String {
        func count(_ verdict: Verdict) -> Int { rows.filter { $0.verdict == verdict }.count }
        return "\(rows.count) values: \(count(.ok)) ✓, \(count(.withinSpread)) ≈ (within a measured spread), "
            + "\(count(.erratum)) erratum, \(count(.fail)) ✗"
    }

    /// Terminal columns a text takes: CJK characters (the notes' section names) take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            return width + (wide ? 2 : 1)
        }
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

    static func markdownTable(_ rows: [CheckedRow]) -> String {
        var lines = ["| id | example | source | printed | kind | ours | status |", "|---|---|---|---|---|---|---|"]
        for r in rows {
            let cells = [
                "`\(r.row.id)`", r.row.example, r.row.source, "`\(r.row.printed.text)`",
                r.row.printed.kind.rawValue, "`\(r.ours)`", r.verdict.symbol,
            ]
            lines.append("| " + cells.map(BookRow.escaped).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    static func markdownErrata(_ rows: [CheckedRow]) -> String {
        let errata = rows.filter { $0.finding.erratum != nil }
        guard !errata.isEmpty else { return "No errata in this part." }
        return errata.map { "- " + erratumSentence($0, markdown: true) }.joined(separator: "\n")
    }

    static func erratumSentence(_ r: CheckedRow, markdown: Bool = false) -> String {
        guard let e = r.finding.erratum else { return "" }
        let q = markdown ? "`" : ""
        let id = markdown ? "**\(r.row.id)**" : r.row.id
        // A claim (the evidence for an explanation) holds or not; a computed value reproduces the print or not.
        let agrees = r.verdict == .erratum
        let outcome: String
        if e.reproduction.isEvidence {
            outcome = agrees ? "holds" : "does NOT hold"
        } else if !agrees {
            outcome = "does NOT reproduce the print"
        } else if let search = e.search, search.isUnique {
            outcome = "reproduces the print: the one match among \(search.candidates) candidates of \(search.space)"
        } else if let search = e.search {
            outcome =
                "gives the print, as \(search.matches - 1) other of \(search.candidates) candidates of "
                + "\(search.space) do: plausibly the explanation"
        } else {
            outcome = "gives the print: plausibly the explanation, no search for others made"
        }
        let reproduction =
            "\(e.reproducedBy) gives \(q)\(e.reproduction.display(against: r.row.printed))\(q) [\(outcome)]"
        return "\(id) (\(r.row.source)): printed \(q)\(r.row.printed.text)\(q); what the printed code gives: "
            + "\(q)\(r.ours)\(q); \(reproduction). \(e.why)"
    }
}
