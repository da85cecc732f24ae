import Foundation
import XCTest

@testable import Figures

/// One typography in every figure (`Typography`): the rules on examples, and no ASCII stand-in
/// left in the texts of any committed script.
final class TypographyTests: XCTestCase {
    func testTheRulesSetPlainTextAsABookPrintsIt() {
        let cases = [
            ("lr = 1e-10", "lr = 10^{−10}"),
            ("mean 1.7e-05, std -0.0018", "mean 1.7·10^{−5}, std −0.0018"),
            ("from (-3, 4) to (3, -4)", "from (−3, 4) to (3, −4)"),
            ("784-50-10 net, 4-layer, Best-10", "784-50-10 net, 4-layer, Best-10"),
            ("(w - a)^2/2 + penalty(w)", "(w − a)²/2 + penalty(w)"),
            ("shift <= 2 px, rotation <= 10 deg", "shift ≤ 2 px, rotation ≤ 10°"),
            ("weight decay lambda = 0.1, std sqrt(2/100)", "weight decay λ = 0.1, std √(2/100)"),
            ("x₀ and x_1^2, 10^{%L}, e^{−x}", "x_0 and x_1², 10^{%L}, e^{−x}"),
            ("a relu net", "a ReLU net"),
        ]
        for (plain, typeset) in cases { XCTAssertEqual(Typography.typeset(plain), typeset) }
    }

    func testScriptsCanBeSetFromALargerSize() {
        XCTAssertEqual(Typography.typeset("end f = 1.4e-12", scriptsFrom: 20), "end f = 1.4·10{/=20 ^{−12}}")
        XCTAssertEqual(Typography.typeset("x₀ and x_{10}", scriptsFrom: 17), "x{/=17 _0} and x{/=17 _{10}}")
        // The check of print sizes reads the group's size, not the line's.
        let line = #"set title "end f = 1.4·10{/=20 ^{−12}}" font ",12""#
        XCTAssertEqual(PrintRule.fontSizes(inScript: line).map(\.size).sorted(), [12, 16, 20])
    }

    func testOnlyTheTextsOfACommandAreTypeset() {
        XCTAssertEqual(
            Typography.typesettingTexts(
                of:
                    ##"set label 2 "lr = 1e-3" at -1, 2 font ",12"; plot $d using 1:2 title "(-3, 4)" lc rgb "#1f77b4""##
            ),
            ##"set label 2 "lr = 10^{−3}" at -1, 2 font ",12"; plot $d using 1:2 title "(−3, 4)" lc rgb "#1f77b4""##)
        XCTAssertEqual(Typography.typesettingTexts(of: #"set output "a-1e-5.png""#), #"set output "a-1e-5.png""#)
        let plain = #"set title "make_moons(200, noise=1e-05)" noenhanced"#
        XCTAssertEqual(
            Typography.typesettingTexts(of: plain), plain, "noenhanced text would print 10^{−5} as it stands")
    }

    /// Every committed script's titles and labels: what `typeset` would still change is an ASCII
    /// stand-in the figure prints (a hyphen for a minus, 1e-05, <=, lambda, sqrt, x^2, x₀…).
    func testNoCommittedFigurePrintsAnASCIIStandIn() throws {
        let figures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Figures")
        let scripts = try FileManager.default.subpathsOfDirectory(atPath: figures.path).filter { $0.hasSuffix(".gp") }
        XCTAssertGreaterThanOrEqual(scripts.count, 52)
        for name in scripts.sorted() {
            let script = try String(contentsOf: figures.appendingPathComponent(name), encoding: .utf8)
            XCTAssertTrue(script.contains("\nset minussign\n"), "\(name): tick labels without a minus sign")
            for line in script.split(separator: "\n") where !line.hasPrefix("#") {
                XCTAssertEqual(Typography.typesettingTexts(of: String(line)), String(line), name)
            }
        }
    }
}
