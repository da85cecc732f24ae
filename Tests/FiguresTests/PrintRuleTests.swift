import Foundation
import XCTest

@testable import Figures

final class PrintRuleTests: XCTestCase {
    func testPrintWidthsAndSmallestFonts() {
        XCTAssertEqual(PrintRule.printCentimetres(width: 900), 15)
        XCTAssertEqual(PrintRule.printCentimetres(width: 760), 760 / 60)
        XCTAssertEqual(PrintRule.printCentimetres(width: 1810), 15)
        XCTAssertEqual(PrintRule.smallestFontSize(width: 760), 12)
        XCTAssertEqual(PrintRule.smallestFontSize(width: 900), 12)
        XCTAssertEqual(PrintRule.smallestFontSize(width: 1100), 14)
        XCTAssertEqual(PrintRule.smallestFontSize(width: 1200), 15)
        XCTAssertEqual(PrintRule.printedPoints(fontSize: 14, width: 900), 8.82, accuracy: 0.01)
    }

    func testTheCheckFindsSmallText() {
        let script = """
            set terminal pngcairo size 900,640 enhanced font "DejaVu Sans,14" linewidth 2
            set label 1 "ok" font ",12"
            set label 2 "small" font ",11"
            set title "a{/=10 b}"
            set title "c{/*0.7 d}" font ",15"
            set label 3 "10^{-7}" font ",14"
            set label 4 "x_0" font ",13"
            """
        // 0.8 of 13 for the subscript of x_0 is below 11.1; 0.8 of 14 is not.
        XCTAssertEqual(PrintRule.tooSmall(inScript: script).map(\.size), [11, 10, 0.7 * 15, 0.8 * 13])
        XCTAssertEqual(
            PrintRule.tooSmall(inScript: script.replacingOccurrences(of: "900,640", with: "1300,640")).count, 10)
        XCTAssertEqual(PrintRule.tooSmall(inScript: "plot x").count, 1, "a script without a canvas fails")
    }

    /// Every committed figure: no text below 7 pt at its print width, and no taller than two
    /// thirds of a text block.
    func testNoCommittedFigurePrintsTextBelowSevenPointsOrTallerThanTwoThirdsOfAPage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Figures")
        let fm = FileManager.default
        var checked = 0
        for topic in try fm.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(topic)
            for file in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".gp") {
                let script = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                checked += 1
                let width = PrintRule.canvasWidth(ofScript: script) ?? 0
                XCTAssertTrue(script.contains("# Print width "), "\(topic)/\(file) states its print width")
                if let (w, h) = PrintRule.canvasSize(ofScript: script) {
                    let tall = PrintRule.printHeightCentimetres(width: w, height: h)
                    XCTAssertLessThanOrEqual(
                        tall, PrintRule.maximumPrintCentimetres,
                        "\(topic)/\(file) (\(w) x \(h) px) prints \(String(format: "%.1f", tall)) cm tall")
                }
                for (size, line) in PrintRule.tooSmall(inScript: script) {
                    XCTFail(
                        "\(topic)/\(file) (\(width) px): font \(size) prints at "
                            + String(format: "%.1f pt", PrintRule.printedPoints(fontSize: size, width: width))
                            + ", below 7 pt: \(line.prefix(120))")
                }
            }
        }
        XCTAssertGreaterThan(checked, 40)
    }
}
