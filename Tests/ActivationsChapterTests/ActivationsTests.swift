import ChapterTestSupport
import Datasets
import Foundation
import XCTest

@testable import ActivationsChapter
@testable import FromScratch

/// Chapter 3 (Chapters/03-activations.md): printed values, text, figures, the tool, the pickle.
final class ActivationsTests: XCTestCase {
    override class func setUp() { useOfflineDataIfPresent() }

    func testEveryPrintedValue() throws {
        try assertBookValues(
            ActivationsBook.self,
            errata: [
                "softmax-three-class", "sigmoid-symmetry", "argmax-axis", "listing-003-25", "listing-003-51",
                "listing-003-69", "listing-003-81", "listing-003-91", "notes-003-activation-threshold",
                "notes-003-sigmoid-derivative-division", "notes-004-tanh-derivative", "notes-004-relu-no-vanishing",
            ])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(ActivationsBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(ActivationsBook.self) }

    /// The search behind the erratum's explanation: every score vector on a 0.1 grid in [-3, 3]^3,
    /// softmax in base e, each probability rounded or cut to three decimals, with or without the
    /// last written as 1 minus the others. No vector gives the print by rounding or cutting alone;
    /// those that give it by cutting with a remainder are all spaced 1 apart, as (a, a + 1, a − 1).
    func testOnlyScoresSpacedOneApartGiveTheThreeClassPrint() {
        let printed = ["0.244", "0.665", "0.091"]
        func text(_ p: [Double]) -> [String] { p.map { String(format: "%.3f", $0) } }
        var roundedHits = 0, cutHits: [[Int]] = []
        let grid = Array(-30...30)
        for a in grid {
            for b in grid {
                for c in grid {
                    let e = [exp(Double(a) / 10), exp(Double(b) / 10), exp(Double(c) / 10)]
                    let sum = e[0] + e[1] + e[2]
                    let p = e.map { $0 / sum }
                    let cut = p.map { ($0 * 1000).rounded(.towardZero) / 1000 }
                    if text(p) == printed || text(cut) == printed { roundedHits += 1 }
                    if text([cut[0], cut[1], 1 - cut[0] - cut[1]]) == printed { cutHits.append([a, b, c]) }
                }
            }
        }
        XCTAssertEqual(roundedHits, 0)
        XCTAssertFalse(cutHits.isEmpty)
        for hit in cutHits { XCTAssertTrue(hit[1] == hit[0] + 10 && hit[2] == hit[0] - 10, "\(hit)") }
        XCTAssertEqual(text(SoftmaxExample.spacedByOneCut()), printed)
    }

    func testBatchSizeDoesNotChangeTheAccuracy() throws {
        XCTAssertEqual(
            try BookNetworkExample.accuracy(batchSize: 100), try BookNetworkExample.accuracy(batchSize: 1000))
    }

    func testToolFlags() throws {
        let apply = try runTool("activations", ["apply", "sigmoid", "--x", "0"])
        XCTAssertTrue(apply.stdout.contains("h(x):  [0.5]"), apply.stdout)
        let bad = try runTool("activations", ["apply", "swish"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("swish"), bad.stderr)
        let plot = try runTool("activations", ["plot", "nope"])
        XCTAssertTrue(plot.stderr.contains("no figure 'nope'"), plot.stderr)
    }
}

/// The pickle reader refuses what it cannot read, naming the file and the problem.
final class NumPyPickleTests: XCTestCase {
    override class func setUp() { useOfflineDataIfPresent() }

    func testTheBooksWeightsHaveTheirShapes() throws {
        let arrays = try NumPyPickle.loadArrays(from: try SampleWeights.ensureFile(explicit: nil))
        XCTAssertEqual(arrays["W1"]?.shape, [784, 50])
        XCTAssertEqual(arrays["b3"]?.shape, [10])
        XCTAssertEqual(arrays["W2"]?.dtype, "<f4")
    }

    func testRefusesOtherPickles() {
        // pickle.dumps([1, 2], protocol=3): a list, not a dict of arrays.
        let list: [UInt8] = [0x80, 0x03, 0x5D, 0x71, 0x00, 0x28, 0x4B, 0x01, 0x4B, 0x02, 0x65, 0x2E]
        XCTAssertThrowsError(try NumPyPickle.loadArrays(from: list, name: "list.pkl")) { error in
            XCTAssertEqual("\(error)", "list.pkl: the pickle holds a list, not a dict of arrays")
        }
        // A pickle that calls os.system("ls"): never run, always refused.
        let evil: [UInt8] =
            [0x80, 0x03] + Array("cos\nsystem\n".utf8) + [0x58, 2, 0, 0, 0] + Array("ls".utf8)
            + [0x85, 0x52, 0x2E]
        XCTAssertThrowsError(try NumPyPickle.loadArrays(from: evil, name: "evil.pkl")) { error in
            XCTAssertTrue("\(error)".contains("refusing to call os.system"), "\(error)")
        }
        XCTAssertThrowsError(try NumPyPickle.loadArrays(from: [0x80, 0x03, 0x7D], name: "cut.pkl")) { error in
            XCTAssertTrue("\(error)".contains("cut.pkl: truncated"), "\(error)")
        }
        XCTAssertThrowsError(try NumPyPickle.loadArrays(from: [0x80, 0x05, 0xFF], name: "odd.pkl")) { error in
            XCTAssertTrue("\(error)".contains("unsupported pickle opcode 0xFF"), "\(error)")
        }
    }
}
