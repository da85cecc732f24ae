import Foundation

/// How big a figure prints, and so how small its text may be.
///
/// Every figure prints at 60 PNG pixels per centimetre, but never wider than the 15-cm text
/// column: a 900-px figure prints 15 cm wide, a 760-px one 12.7 cm, and a 1200-px one is shrunk
/// to 15 cm. At that width no text may print below 7 pt.
///
/// pngcairo draws a font of size N at 96 dpi, an em of 4N/3 pixels (measured: DejaVu Sans at
/// size 200 draws an "H" 194 px tall, its cap height being 0.729 em), so the smallest font size
/// is 7 pt × (3/4) × width / (print width in pt): 11.1 for a figure up to 900 px wide, 13.6 at
/// 1100 px, 22.4 at 1810 px.
public enum PrintRule {
    public static let pixelsPerCentimetre = 60.0
    public static let columnCentimetres = 15.0
    public static let smallestPoints = 7.0
    /// Pixels of em per unit of pngcairo's font size.
    public static let pixelsPerFontSize = 4.0 / 3.0

    /// The printed width in cm of a figure `width` pixels wide.
    public static func printCentimetres(width: Int) -> Double {
        min(Double(width) / pixelsPerCentimetre, columnCentimetres)
    }

    /// The printed size in pt of text of font size `size` in a figure `width` pixels wide.
    public static func printedPoints(fontSize size: Double, width: Int) -> Double {
        let printPoints = printCentimetres(width: width) / 2.54 * 72
        return size * pixelsPerFontSize * printPoints / Double(width)
    }

    /// The smallest whole font size that prints at least 7 pt in a figure `width` pixels wide;
    /// `withScripts`, for text whose sub- or superscripts (x_0, 10^{−7}), which enhanced text
    /// draws at 0.8 of the size around them, must print at 7 pt too.
    public static func smallestFontSize(width: Int, withScripts: Bool = false) -> Int {
        let exact = smallestPoints / printedPoints(fontSize: 1, width: width) / (withScripts ? scriptShrink : 1)
        return Int((exact - 1e-9).rounded(.up))
    }

    /// Enhanced text's sub- and superscripts, as a fraction of the text around them.
    static let scriptShrink = 0.8

    /// The default font size of a figure `width` pixels wide: 14, or more where 14 would print
    /// below 7 pt.
    public static func fontSize(width: Int) -> Int { max(14, smallestFontSize(width: width)) }

    /// Every text size a figure script sets, with the line that sets it: the terminal's font,
    /// each `font ",N"` and each enhanced-text `{/=N ...}` or `{/*f ...}` (f times the font the
    /// line sets, else the terminal's), and 0.8 of that font where the line has sub- or
    /// superscripts (0.8 of N for those inside a `{/=N …}` group).
    public static func fontSizes(inScript script: String) -> [(size: Double, line: String)] {
        var terminal = 0.0
        var sizes: [(Double, String)] = []
        for line in script.split(separator: "\n").map(String.init) {
            let set = numbers(in: line, after: "font \"", through: ",")
            if line.contains("set terminal pngcairo"), let size = set.first { terminal = size }
            sizes += set.map { ($0, line) }
            sizes += numbers(in: line, after: "{/=", through: "").map { ($0, line) }
            let base = set.first ?? terminal
            sizes += numbers(in: line, after: "{/*", through: "").map { ($0 * base, line) }
            // Enhanced text draws sub- and superscripts (x_0, 10^{-7}) at 0.8 of the size around them.
            // A script inside `{/=N …}` shrinks from N; one outside, from the line's font.
            if !line.contains("noenhanced") {
                let groups = sizedGroups(in: line)
                let outside = groups.reduce(line) { $0.replacingOccurrences(of: $1.whole, with: "") }
                if hasScripts(outside) { sizes.append((scriptShrink * base, line)) }
                sizes += groups.filter { hasScripts("\"\($0.text)\"") }.map { (scriptShrink * $0.size, line) }
            }
        }
        return sizes
    }

    /// The enhanced-text groups `{/=N text}` of a line, with their size and text (nested braces
    /// one level deep, as in `{/=13 mean 1.7·10^{−5}}`).
    static func sizedGroups(in line: String) -> [(size: Double, text: String, whole: String)] {
        let regex = try! NSRegularExpression(pattern: #"\{/=([0-9.]+) ((?:[^{}]|\{[^{}]*\})*)\}"#)
        return regex.matches(in: line, range: NSRange(line.startIndex..., in: line)).compactMap { match in
            guard let size = Range(match.range(at: 1), in: line).flatMap({ Double(line[$0]) }),
                let text = Range(match.range(at: 2), in: line), let whole = Range(match.range, in: line)
            else { return nil }
            return (size, String(line[text]), String(line[whole]))
        }
    }

    /// Whether a quoted string of `line` holds a sub- or superscript: `_` or `^` before a letter,
    /// digit, `{` or `%`.
    static func hasScripts(_ line: String) -> Bool {
        let quoted = line.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map(\.element)
        return quoted.contains { text in
            zip(text, text.dropFirst()).contains {
                "_^".contains($0) && ($1.isLetter || $1.isNumber || "{%".contains($1))
            }
        }
    }

    /// The sizes in `fontSizes(inScript:)` that print below 7 pt, given the script's canvas.
    public static func tooSmall(inScript script: String) -> [(size: Double, line: String)] {
        guard let width = canvasWidth(ofScript: script) else { return [(0, "no pngcairo size in the script")] }
        return fontSizes(inScript: script).filter {
            printedPoints(fontSize: $0.size, width: width) < smallestPoints - 1e-9
        }
    }

    /// The PNG width a script asks pngcairo for.
    public static func canvasWidth(ofScript script: String) -> Int? { canvasSize(ofScript: script)?.width }

    /// The PNG size a script asks pngcairo for.
    public static func canvasSize(ofScript script: String) -> (width: Int, height: Int)? {
        guard let range = script.range(of: "set terminal pngcairo size ") else { return nil }
        let numbers = script[range.upperBound...].prefix { $0.isNumber || $0 == "," }.split(separator: ",")
        guard numbers.count == 2, let width = Int(numbers[0]), let height = Int(numbers[1]) else { return nil }
        return (width, height)
    }

    /// The tallest a figure may print: two thirds of a 23-cm text block, so that a page holding it
    /// still has room for its caption and some text.
    public static let maximumPrintCentimetres = 23.0 * 2 / 3

    /// The printed height in cm of a `width` x `height` figure, at its print width.
    public static func printHeightCentimetres(width: Int, height: Int) -> Double {
        printCentimetres(width: width) * Double(height) / Double(width)
    }

    /// The numbers that follow each `marker`, after skipping to `skip` (`font "Name,14"`: 14).
    private static func numbers(in line: String, after marker: String, through skip: String) -> [Double] {
        var found: [Double] = []
        var rest = line[...]
        while let range = rest.range(of: marker) {
            rest = rest[range.upperBound...]
            var text = rest
            if !skip.isEmpty {
                let inside = text.prefix { $0 != "\"" }
                guard let comma = inside.range(of: skip) else { continue }
                text = text[comma.upperBound...]
            }
            if let value = Double(text.prefix { $0.isNumber || $0 == "." }) { found.append(value) }
        }
        return found
    }
}
