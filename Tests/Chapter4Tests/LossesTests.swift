import Foundation
import ChapterTestSupport
import XCTest
@testable import LossesChapter

/// Chapter 4.2 (Chapters/04-losses.md): every printed value, the text, the figures, the tool.
final class LossesTests: XCTestCase {
    func testEveryPrintedValue() throws {
        try assertBookValues(LossesBook.self, errata: ["kl-far", "kl-near"])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(LossesBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(LossesBook.self) }

    func testKLErratumIsBaseTenNotBaseE() {
        // In the natural log the notes name, the value would print as 0.92.
        let finding = InformationExample.klFar()
        guard case let .values(natural) = finding.ours, case let .values(reproduced)? = finding.erratum?.reproduction
        else { return XCTFail("kl-far must be a numeric erratum") }
        XCTAssertEqual(String(format: "%.2f", natural[0]), "0.92")
        XCTAssertEqual(reproduced, [0.39])
    }

    func testToolPrintsJSONRows() throws {
        let run = try runTool("losses", ["check", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [[String: String]]
        XCTAssertEqual(rows.count, 9)
        XCTAssertEqual(Set(rows[0].keys), ["id", "source", "printed", "ours", "status"])
        XCTAssertEqual(rows.first { $0["id"] == "mse-correct" }?["printed"], "0.09750000000000003")
        XCTAssertEqual(Set(rows.compactMap { $0["status"] }), ["ok", "erratum"])
    }

    func testExampleFlags() throws {
        let wrong = try runTool("losses", ["mse", "--label", "7"])
        XCTAssertEqual(Double(wrong.stdout.trimmingCharacters(in: .newlines)),
                       MeanSquaredErrorExample.loss(y: LossExampleData.y, label: 7))
        let bad = try runTool("losses", ["mse", "--label", "12"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--label must be a class index from 0 to 9"), bad.stderr)
        let information = try runTool("losses", ["information", "--base", "10"])
        XCTAssertTrue(information.stdout.contains("KL(p||q)  = 0.3979400086720376"), information.stdout)
    }

    /// Outside a project `check` refuses, naming the way out, and writes nothing: it never falls
    /// back to the folder the tool was built in. An example subcommand still works there.
    func testCheckOutsideAProjectRefusesAndWritesNothing() throws {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("elsewhere-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let figures = projectRoot.appendingPathComponent("Figures/losses")
        let before = try fm.contentsOfDirectory(atPath: figures.path).sorted()
        let check = try runTool("losses", [], environment: ["DLFS_ROOT": ""], in: folder)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("cannot find the project folder"), check.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: folder.path), [])
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: figures.path).sorted(), before)
        let example = try runTool("losses", ["mse"], environment: ["DLFS_ROOT": ""], in: folder)
        XCTAssertEqual(example.status, 0, example.stderr)
    }
}
