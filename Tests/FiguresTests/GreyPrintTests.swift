import Foundation
import XCTest

/// Every committed figure read as a grey print and as a reader with a colour-vision deficiency
/// sees it: two series of one plot whose colours look alike there must differ by dash or marker.
final class GreyPrintTests: XCTestCase {
    /// A colour as linear RGB.
    struct Colour: Equatable {
        var r, g, b: Double
        init(hex: String) {
            func channel(_ i: Int) -> Double {
                let start = hex.index(hex.startIndex, offsetBy: i)
                let c = Double(Int(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!) / 255
                return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            (r, g, b) = (channel(0), channel(2), channel(4))
        }
        init(_ r: Double, _ g: Double, _ b: Double) { (self.r, self.g, self.b) = (r, g, b) }

        /// Relative luminance: the grey it prints as.
        var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }

        /// CIE L*a*b* (D65), for distances as the eye judges them.
        var lab: (Double, Double, Double) {
            func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
            let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
            let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
            return (116 * f(luminance) - 16, 500 * (f(x) - f(luminance)), 200 * (f(luminance) - f(z)))
        }

        /// As seen with protanopia, deuteranopia and tritanopia (Machado, Oliveira and Fernandes
        /// 2009, severity 1).
        var asDeficientEyesSeeIt: [Colour] {
            let matrices: [[[Double]]] = [
                [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
                [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
                [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
            ]
            return matrices.map { m in
                let v = (0..<3).map { i in min(1, max(0, m[i][0] * r + m[i][1] * g + m[i][2] * b)) }
                return Colour(v[0], v[1], v[2])
            }
        }

        func distance(to other: Colour) -> Double {
            let (a, b) = (lab, other.lab)
            return ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
        }

        /// Whether the two print as nearly one grey, or look nearly alike to a deficient eye.
        func looksLike(_ other: Colour) -> Bool {
            abs(luminance - other.luminance) < 0.05
                || zip(asDeficientEyesSeeIt, other.asDeficientEyesSeeIt).contains { $0.distance(to: $1) < 20 }
        }
    }

    struct Series {
        var colour: String
        var dash: String
        var marker: String?
        var clause: String
    }

    /// The series of each `plot` command of a script (background drawn in style 9, grey, and
    /// lone points are not series).
    static func plots(in script: String) -> [[Series]] {
        let text = script.replacingOccurrences(of: "\\\n", with: " ")
        var styles: [String: (colour: String, dash: String)] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("set style line ") {
            let number = String(line.dropFirst("set style line ".count).prefix { $0.isNumber })
            styles[number] = (first(##"linecolor rgb "#([0-9a-fA-F]{6})""##, in: line) ?? "", dash(in: line) ?? "solid")
        }
        return text.split(separator: "\n").compactMap { line -> [Series]? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("plot ") else { return nil }
            return trimmed.dropFirst(5).components(separatedBy: ", ").compactMap { clause -> Series? in
                guard !clause.contains("with points") else { return nil }
                let style = first(#"linestyle (\d+)"#, in: clause)
                guard style != "9" else { return nil }
                var series = Series(
                    colour: style.flatMap { styles[$0]?.colour } ?? "",
                    dash: style.flatMap { styles[$0]?.dash } ?? "solid",
                    marker: first(#"pointtype (\d+)"#, in: clause), clause: String(clause.prefix(60)))
                if let colour = first(##"linecolor rgb "#([0-9a-fA-F]{6})""##, in: clause) { series.colour = colour }
                if let dash = dash(in: clause) { series.dash = dash }
                return series.colour.isEmpty ? nil : series
            }
        }
    }

    static func first(_ pattern: String, in text: some StringProtocol) -> String? {
        let string = String(text)
        guard
            let match = try? NSRegularExpression(pattern: pattern).firstMatch(
                in: string, range: NSRange(string.startIndex..., in: string)),
            let range = Range(match.range(at: 1), in: string)
        else { return nil }
        return String(string[range])
    }

    static func dash(in text: some StringProtocol) -> String? { first(#"dashtype (\([^)]*\)|\w+)"#, in: text) }

    func testTheMeasureTellsTheHouseColoursApartWhereTheyDiffer() {
        let blue = Colour(hex: "1f77b4"), red = Colour(hex: "d62728"), green = Colour(hex: "2ca02c")
        let orange = Colour(hex: "ff7f0e")
        XCTAssertTrue(blue.looksLike(red), "blue and red print as one grey")
        XCTAssertTrue(green.looksLike(red), "red and green, to a deuteranope")
        XCTAssertFalse(blue.looksLike(orange), "blue and orange differ in grey and to every eye")
    }

    func testNoTwoSeriesOfAFigureLookAlike() throws {
        let figures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Figures")
        let scripts = try FileManager.default.subpathsOfDirectory(atPath: figures.path).filter { $0.hasSuffix(".gp") }
        XCTAssertGreaterThanOrEqual(scripts.count, 52)
        var pairs = 0
        for name in scripts.sorted() {
            let script = try String(contentsOf: figures.appendingPathComponent(name), encoding: .utf8)
            for plot in Self.plots(in: script) {
                for (i, a) in plot.enumerated() {
                    for b in plot[(i + 1)...] where a.colour != b.colour {
                        pairs += 1
                        let alike = Colour(hex: a.colour).looksLike(Colour(hex: b.colour))
                        let sameLine = a.dash == b.dash && (a.marker == nil || a.marker == b.marker)
                        XCTAssertFalse(alike && sameLine, "\(name): \(a.clause) | \(b.clause)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(pairs, 50, "the plots were read")
    }
}
