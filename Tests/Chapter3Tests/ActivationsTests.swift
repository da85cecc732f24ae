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
        try assertBookValues(ActivationsBook.self, errata: ["softmax-three-class"])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(ActivationsBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(ActivationsBook.self) }

    func testThreeClassErratumHasNoHiddenReproduction() {
        // The printed probabilities are not the softmax of the printed scores at any temperature:
        // the two ratios of the print would need two different temperatures.
        let printed = [0.244, 0.665, 0.091]
        let s = OutputLayerExamples.threeClassScores.storage
        let t1 = (s[1] - s[0]) / log(printed[1] / printed[0])
        let t2 = (s[0] - s[2]) / log(printed[0] / printed[2])
        XCTAssertGreaterThan(abs(t1 - t2), 0.05)
    }

    func testBatchSizeDoesNotChangeTheAccuracy() throws {
        XCTAssertEqual(try BookNetworkExample.accuracy(batchSize: 100), try BookNetworkExample.accuracy(batchSize: 1000))
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
        let evil: [UInt8] = [0x80, 0x03] + Array("cos\nsystem\n".utf8) + [0x58, 2, 0, 0, 0] + Array("ls".utf8)
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
