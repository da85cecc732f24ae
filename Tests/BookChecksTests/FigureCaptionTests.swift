import Foundation
import XCTest

/// Every figure of `Figures/` appears in a chapter text, and every figure a text embeds is
/// followed by its caption: a paragraph `*Figure — …*` that says what to see in it.
final class FigureCaptionTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testEveryFigureIsEmbeddedOnceWithACaption() throws {
        let chapters = root.appendingPathComponent("Chapters")
        var embedded: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: chapters.path).sorted()
        where name.hasSuffix(".md") {
            let lines = try String(contentsOf: chapters.appendingPathComponent(name), encoding: .utf8)
                .components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where line.hasPrefix("![") {
                guard let start = line.range(of: "](../Figures/"), line.hasSuffix(".png)") else {
                    XCTFail("\(name):\(index + 1): an image that is not a committed figure: \(line)")
                    continue
                }
                let figure = String(line[start.upperBound...].dropLast())
                embedded.append(figure)
                let alt = line.dropFirst(2).prefix { $0 != "]" }
                XCTAssertFalse(alt.isEmpty, "\(name):\(index + 1): \(figure) without alt text")
                let next = lines[(index + 1)...].first { !$0.isEmpty } ?? ""
                XCTAssertTrue(
                    next.hasPrefix("*Figure — ") && next.hasSuffix("*") && next.count > 40,
                    "\(name):\(index + 1): \(figure) has no caption paragraph after it")
            }
        }
        let figures = root.appendingPathComponent("Figures")
        let committed = try FileManager.default.subpathsOfDirectory(atPath: figures.path)
            .filter { $0.hasSuffix(".png") }.sorted()
        XCTAssertGreaterThanOrEqual(committed.count, 52)
        XCTAssertEqual(Set(committed), Set(embedded), "every committed figure, embedded by a chapter text")
        XCTAssertEqual(embedded.count, Set(embedded).count, "a figure embedded twice")
    }
}
