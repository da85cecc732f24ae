import Foundation

/// The house typography of figure text: titles, axis labels, key entries and labels are written
/// in plain text where that is easiest (`lr = 1e-10`, `(w - a)^2`, `shift <= 2 px`) and set
/// here, in one place, the way a book prints them: a true minus sign (−), powers of ten as 10ⁿ,
/// λ, ≤, ≥, °, √, x² and ReLU. Subscripts use gnuplot's enhanced text (`x_0`), which draws
/// them at a readable size; the Unicode subscript digits of most fonts print at 4–5 pt.
/// Tick labels get their minus sign from `set minussign` in the shared preamble.
public enum Typography {
    /// One text, typeset. Rules apply in order: e-notation first (its exponent's sign is a minus),
    /// then the minus signs, then the symbols.
    public static func typeset(_ text: String) -> String {
        var text = text
        for (pattern, replacement) in rules {
            text = replace(pattern, in: text, with: replacement)
        }
        return text
    }

    /// A gnuplot command with the texts it shows typeset: the quoted string after `title`,
    /// `xlabel`, `ylabel` and the other labels (`set label 3 "…"` included). File names, fonts,
    /// formats and colours are other quoted strings and stay as they are, and so does a command
    /// marked `noenhanced`, which would print 10^{n} as it stands.
    public static func typesettingTexts(of command: String) -> String {
        guard !command.contains("noenhanced") else { return command }
        let regex = try! NSRegularExpression(
            pattern: #"\b((?:[xyz]2?|cb)?label(?:\s+\d+)?|title)\s+"((?:[^"\\]|\\.)*)""#)
        var result = command
        for match in regex.matches(in: command, range: NSRange(command.startIndex..., in: command)).reversed() {
            let range = Range(match.range(at: 2), in: command)!
            result.replaceSubrange(range, with: typeset(String(command[range])))
        }
        return result
    }

    /// `text` typeset, its sub- and superscripts set in a `size`-point group, so that they print
    /// at 0.8 of `size` however small the text around them (`PrintRule.smallestFontSize(width:withScripts:)`).
    public static func typeset(_ text: String, scriptsFrom size: Int) -> String {
        replace(#"(\^\{[^{}]*\}|_\{[^{}]*\}|_\w)"#, in: typeset(text), with: "{/=\(size) $1}")
    }

    /// (pattern, replacement) in the order they apply; `$1`… are the pattern's groups.
    private static let rules: [(String, String)] = [
        // 1.5e-05 → 1.5·10^{−5}; 1e-07 → 10^{−7}; 1e+06 → 10^{6}.
        (#"(?<![\w.])1e\+?0*(\d+)\b"#, "10^{$1}"),
        (#"(?<![\w.])1e-0*(\d+)\b"#, "10^{−$1}"),
        (#"(?<![\w.])(\d+(?:\.\d+)?)e\+?0*(\d+)\b"#, "$1·10^{$2}"),
        (#"(?<![\w.])(\d+(?:\.\d+)?)e-0*(\d+)\b"#, "$1·10^{−$2}"),
        // A minus before a number (not the hyphen of 784-50-10 or 4-layer), and a binary minus.
        (#"(?<![\w.)\]])-(?=\.?\d)"#, "−"),
        (#" - "#, " − "),
        ("<=", "≤"),
        (">=", "≥"),
        (#"(\d) ?deg\b"#, "$1°"),
        (#"\blambda\b"#, "λ"),
        (#"\bsqrt\("#, "√("),
        (#"\^2(?![\d{])"#, "²"),
        (#"\^3(?![\d{])"#, "³"),
        (#"\brelu\b"#, "ReLU"),
        ("₀", "_0"), ("₁", "_1"), ("₂", "_2"), ("₃", "_3"),
    ]

    private static func replace(_ pattern: String, in text: String, with template: String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
