import CTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a chapter tool's text is going: how many columns it may use and whether colour shows.
///
/// A table is laid out to the terminal it is printed in; a pipe or a log gets a fixed width, so
/// CI's logs and the README read the same everywhere. Widths are counted as the terminal draws
/// them: a CJK character takes two columns, a combining mark none (the C library's `wcwidth`).
public struct Terminal: Sendable, Equatable {
    /// Columns a line may use; nil prints every cell whole (`--wide`).
    public var width: Int?
    /// Whether the verdicts are coloured (ANSI escapes).
    public var colour: Bool

    public init(width: Int?, colour: Bool = false) {
        self.width = width.map { max($0, Self.narrowest) }
        self.colour = colour
    }

    /// The narrowest width a table is laid out for.
    public static let narrowest = 80
    /// The width when standard output is not a terminal (a pipe, a file, CI's log).
    public static let pipeWidth = 100

    /// Standard output as it is now: a terminal's width (the `COLUMNS` variable, else the
    /// terminal's own size) and colour unless `NO_COLOR` is set or `TERM` is dumb; else the pipe
    /// width, no colour. `wide` keeps cells whole.
    public static func standardOutput(
        wide: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Terminal {
        writing(to: STDOUT_FILENO, wide: wide, environment: environment)
    }

    /// The same for any file descriptor (standard error, for progress bars).
    public static func writing(
        to descriptor: Int32, wide: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Terminal {
        let isTerminal = isatty(descriptor) != 0
        let colour = isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        if wide { return Terminal(width: nil, colour: colour) }
        guard isTerminal else { return Terminal(width: pipeWidth) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return Terminal(width: columns, colour: colour)
        }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Terminal(width: Int(size.ws_col), colour: colour)
        }
        return Terminal(width: pipeWidth, colour: colour)
    }

    // MARK: - Measuring and cutting

    /// Columns one character takes on screen.
    public static func width(of character: Character) -> Int {
        character.unicodeScalars.reduce(0) { total, scalar in
            let measured = Int(cterminal_columns(scalar.value))
            return total + (measured >= 0 ? measured : fallbackWidth(scalar))
        }
    }

    /// Where `wcwidth` does not know a character (no UTF-8 locale, or a control character): two
    /// columns for the CJK blocks, none for controls, one otherwise.
    static func fallbackWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        let wide =
            (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        return wide ? 2 : 1
    }

    /// Columns a text takes on screen.
    public static func width(of text: String) -> Int { text.reduce(0) { $0 + width(of: $1) } }

    /// `text` cut to at most `columns` columns, ending in "…" where it was cut.
    public static func cut(_ text: String, to columns: Int) -> String {
        guard width(of: text) > columns else { return text }
        var kept = "", used = 0
        for character in text {
            let w = width(of: character)
            if used + w > columns - 1 { break }
            kept.append(character)
            used += w
        }
        return kept + "…"
    }

    /// `text` followed by spaces up to `columns` columns.
    public static func padded(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(of: text)))
    }

    // MARK: - Prose

    /// `text` wrapped at spaces to this terminal's width: the first line starts with `indent`, the
    /// others with `hanging`, so a wrapped item stays under its own start. A word wider than a line
    /// (a long number, a run of Chinese) is broken between characters. Without a width, one line.
    public func wrap(_ text: String, indent: String = "", hanging: String? = nil) -> [String] {
        guard let width else { return [indent + text] }
        let hanging = hanging ?? indent
        var lines: [String] = [], line = indent, lineWidth = Self.width(of: indent), empty = true
        func newLine() {
            lines.append(line)
            (line, lineWidth, empty) = (hanging, Self.width(of: hanging), true)
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let wordWidth = Self.width(of: word)
            if !empty && lineWidth + 1 + wordWidth > width { newLine() }
            if !empty {
                line += " "
                lineWidth += 1
            }
            if lineWidth + wordWidth <= width {
                line += word
                lineWidth += wordWidth
            } else {
                for character in word {
                    let w = Self.width(of: character)
                    if lineWidth + w > width && !empty { newLine() }
                    line.append(character)
                    lineWidth += w
                    empty = false
                }
            }
            empty = false
        }
        lines.append(line)
        return lines
    }

    /// `wrap`, joined into one string.
    public func wrapped(_ text: String, indent: String = "", hanging: String? = nil) -> String {
        wrap(text, indent: indent, hanging: hanging).joined(separator: "\n")
    }

    // MARK: - Colour

    /// A verdict's symbol, coloured when this terminal shows colour: the symbol is always there,
    /// so the colour is never the only cue.
    public func verdict(_ verdict: Verdict, padTo columns: Int = 0) -> String {
        let text = Self.padded(verdict.symbol, to: columns)
        guard colour else { return text }
        let code: String
        switch verdict {
        case .ok: code = "32"  // green
        case .withinSpread: code = "36"  // cyan
        case .erratum: code = "33"  // yellow
        case .fail: code = "1;31"  // bold red
        }
        return "\u{1B}[\(code)m\(verdict.symbol)\u{1B}[0m"
            + String(repeating: " ", count: max(0, columns - Self.width(of: verdict.symbol)))
    }
}
