import Foundation
import FromScratch
import XCTest

@testable import Datasets

/// Reading gzip'd IDX files, on small files made here: good ones, and each kind of bad one,
/// which must fail with an error naming the file.
final class MNISTFileTests: XCTestCase {
    /// Three 28 x 28 images whose pixels are (image * 7 + pixel) mod 256.
    let imageBytes = (0..<3).flatMap { image in (0..<784).map { UInt8((image * 7 + $0) % 256) } }

    func write(_ name: String, _ bytes: [UInt8], in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try TestData.write(bytes, to: url)
        return url
    }

    func assertError(
        _ expression: @autoclosure () throws -> Any, is expected: MNISTError,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            XCTAssertEqual(error as? MNISTError, expected, file: file, line: line)
            let path: String
            switch expected {
            case let .missingFile(p), let .notGzip(p), let .truncatedGzip(p), let .corruptGzip(p, _),
                let .wrongMagic(p, _, _), let .wrongLength(p, _, _), let .wrongItemCount(p, _, _),
                let .wrongDimensions(p, _, _), let .badLabel(p, _, _), let .wrongSize(p, _, _),
                let .checksumMismatch(p, _, _), let .countMismatch(p, _, _, _), let .unreadableFile(p, _):
                path = p
            case let .missingFiles(directory, _):
                path = directory
            case let .downloadFailed(name, _):
                path = name
            }
            XCTAssertTrue("\(error)".contains(path), "the message names the file: \(error)", file: file, line: line)
        }
    }

    func testReadsGoodFiles() throws {
        let folder = try TestData.temporaryFolder(self)
        let images = try write(
            "images.gz", TestData.gzip(TestData.idx(dimensions: [3, 28, 28], bytes: imageBytes)), in: folder)
        let labels = try write("labels.gz", TestData.gzip(TestData.idx(dimensions: [3], bytes: [7, 0, 9])), in: folder)
        let read = try MNIST.read(images: images, labels: labels, expectedCount: 3)
        XCTAssertEqual(read.labels, [7, 0, 9])
        XCTAssertEqual(read.images.rows, 3)
        XCTAssertEqual(read.images.cols, 784)
        // As the book's load_mnist: float32(k) / 255 in float32, widened to double.
        XCTAssertEqual(read.images.matrix().storage, imageBytes.map { Double(Float($0) / 255) })
        XCTAssertEqual(
            read.images.matrix()[1, 0], 0.027450980618596077,
            "float32(7/255), not the double 7/255 = 0.027450980392156862")
        let raw = try MNIST.readImages(at: images, normalize: false).matrix()
        XCTAssertEqual(raw.storage, imageBytes.map(Double.init))
    }

    func testLargePayloadsSpanManyGzipBlocks() throws {
        let folder = try TestData.temporaryFolder(self)
        let count = 200  // 156800 pixel bytes: three stored blocks
        let bytes = (0..<(count * 784)).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let url = try write(
            "many.gz", TestData.gzip(TestData.idx(dimensions: [count, 28, 28], bytes: bytes)), in: folder)
        XCTAssertEqual(try MNIST.readImages(at: url, normalize: false).matrix().storage, bytes.map(Double.init))
    }

    func testMissingFile() throws {
        let folder = try TestData.temporaryFolder(self)
        let url = folder.appendingPathComponent("nothing.gz")
        assertError(try MNIST.readLabels(at: url), is: .missingFile(path: url.path))
        assertError(
            try MNIST.load(from: folder),
            is: .missingFiles(directory: folder.path, names: MNISTFile.allCases.map(\.fileName)))
    }

    func testTruncatedGzip() throws {
        let folder = try TestData.temporaryFolder(self)
        let whole = TestData.gzip(TestData.idx(dimensions: [3, 28, 28], bytes: imageBytes))
        for keep in [whole.count / 2, whole.count - 4, 12] {
            let url = try write("cut-\(keep).gz", Array(whole.prefix(keep)), in: folder)
            assertError(try MNIST.readImages(at: url), is: .truncatedGzip(path: url.path))
        }
    }

    func testNotGzipAndCorruptGzip() throws {
        let folder = try TestData.temporaryFolder(self)
        let plain = try write("plain.gz", TestData.idx(dimensions: [3], bytes: [1, 2, 3]), in: folder)
        assertError(try MNIST.readLabels(at: plain), is: .notGzip(path: plain.path))

        var badCRC = TestData.gzip(TestData.idx(dimensions: [3], bytes: [1, 2, 3]))
        badCRC[badCRC.count - 8] ^= 0xff
        let crcURL = try write("crc.gz", badCRC, in: folder)
        XCTAssertThrowsError(try MNIST.readLabels(at: crcURL)) { error in
            guard case let .corruptGzip(path, reason)? = error as? MNISTError else {
                return XCTFail("expected corruptGzip, got \(error)")
            }
            XCTAssertEqual(path, crcURL.path)
            XCTAssertTrue(reason.contains("check"), "zlib names the failed check: \(reason)")
        }

        var badBlock = TestData.gzip(TestData.idx(dimensions: [3], bytes: [1, 2, 3]))
        badBlock[10] = 0x07  // block type 3 does not exist
        let blockURL = try write("block.gz", badBlock, in: folder)
        XCTAssertThrowsError(try MNIST.readLabels(at: blockURL)) { error in
            guard case .corruptGzip(blockURL.path, _)? = error as? MNISTError else {
                return XCTFail("expected corruptGzip, got \(error)")
            }
        }
    }

    func testWrongMagicNumber() throws {
        let folder = try TestData.temporaryFolder(self)
        let labelsAsImages = try write(
            "swapped.gz", TestData.gzip(TestData.idx(dimensions: [3], bytes: [1, 2, 3])), in: folder)
        assertError(
            try MNIST.readImages(at: labelsAsImages),
            is: .wrongMagic(path: labelsAsImages.path, expected: 0x0803, found: 0x0801))
        let floats = try write(
            "floats.gz", TestData.gzip(TestData.idx(dimensions: [3], bytes: [1, 2, 3], magic: 0x0D01)), in: folder)
        assertError(
            try MNIST.readLabels(at: floats), is: .wrongMagic(path: floats.path, expected: 0x0801, found: 0x0D01))
    }

    func testHeaderAndPayloadDisagree() throws {
        let folder = try TestData.temporaryFolder(self)
        let short = try write("short.gz", TestData.gzip(TestData.idx(dimensions: [5], bytes: [1, 2, 3])), in: folder)
        assertError(
            try MNIST.readLabels(at: short), is: .wrongLength(path: short.path, expectedBytes: 13, foundBytes: 11))
        let long = try write("long.gz", TestData.gzip(TestData.idx(dimensions: [2], bytes: [1, 2, 3])), in: folder)
        assertError(
            try MNIST.readLabels(at: long), is: .wrongLength(path: long.path, expectedBytes: 10, foundBytes: 11))
        let headerOnly = try write("header.gz", TestData.gzip([0, 0, 8, 3, 0, 0]), in: folder)
        assertError(
            try MNIST.readImages(at: headerOnly),
            is: .wrongLength(path: headerOnly.path, expectedBytes: 16, foundBytes: 6))
        // A damaged header promising more than 2^63 pixels is refused, not trusted.
        let huge = try write(
            "huge.gz", TestData.gzip(TestData.idx(dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], bytes: [1])),
            in: folder)
        assertError(
            try MNIST.readImages(at: huge), is: .wrongLength(path: huge.path, expectedBytes: Int.max, foundBytes: 17))
    }

    func testWrongItemCountAndDimensions() throws {
        let folder = try TestData.temporaryFolder(self)
        // Small but well-formed files under the real names: the split expects 10000 items.
        let labels = try write(
            MNISTFile.testLabels.fileName, TestData.gzip(TestData.idx(dimensions: [3], bytes: [1, 2, 3])), in: folder)
        let images = try write(
            MNISTFile.testImages.fileName,
            TestData.gzip(TestData.idx(dimensions: [3, 28, 28], bytes: imageBytes)), in: folder)
        assertError(
            try MNIST.loadSplit(.test, from: folder, verify: false),
            is: .wrongItemCount(path: images.path, expected: 10_000, found: 3))
        assertError(
            try MNIST.loadLabels(.test, from: folder, verify: false),
            is: .wrongItemCount(path: labels.path, expected: 10_000, found: 3))

        let narrow = try write(
            "narrow.gz",
            TestData.gzip(TestData.idx(dimensions: [3, 28, 27], bytes: Array(imageBytes.prefix(3 * 28 * 27)))),
            in: folder)
        assertError(
            try MNIST.readImages(at: narrow),
            is: .wrongDimensions(path: narrow.path, expected: [3, 28, 28], found: [3, 28, 27]))
    }

    func testImageAndLabelCountsMustAgree() throws {
        let folder = try TestData.temporaryFolder(self)
        let images = try write(
            "images.gz", TestData.gzip(TestData.idx(dimensions: [3, 28, 28], bytes: imageBytes)), in: folder)
        let labels = try write(
            "labels.gz", TestData.gzip(TestData.idx(dimensions: [4], bytes: [1, 2, 3, 4])), in: folder)
        assertError(
            try MNIST.read(images: images, labels: labels),
            is: .countMismatch(imagesPath: images.path, imageCount: 3, labelsPath: labels.path, labelCount: 4))
    }

    func testLabelsMustBeDigits() throws {
        let folder = try TestData.temporaryFolder(self)
        let labels = try write(
            "labels.gz", TestData.gzip(TestData.idx(dimensions: [4], bytes: [1, 9, 12, 3])), in: folder)
        assertError(try MNIST.readLabels(at: labels), is: .badLabel(path: labels.path, index: 2, value: 12))
    }

    func testAFolderInPlaceOfAFileIsNamedSo() throws {
        let folder = try TestData.temporaryFolder(self)
        let url = MNISTFile.trainImages.url(in: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        assertError(
            try MNISTFile.trainImages.verify(in: folder),
            is: .unreadableFile(path: url.path, reason: "it is a folder, not a file"))
    }

    func testVerificationCatchesWrongSizeAndChecksum() throws {
        let folder = try TestData.temporaryFolder(self)
        let file = MNISTFile.testLabels
        let url = file.url(in: folder)
        try TestData.write([UInt8](repeating: 0, count: 100), to: url)
        assertError(try file.verify(in: folder), is: .wrongSize(path: url.path, expected: file.byteCount, found: 100))
        XCTAssertTrue(
            "\(MNISTError.wrongSize(path: url.path, expected: file.byteCount, found: 100))".contains(
                "shorter than the original"))

        let sameSize = [UInt8](repeating: 0, count: file.byteCount)
        try TestData.write(sameSize, to: url)
        assertError(
            try file.verify(in: folder),
            is: .checksumMismatch(path: url.path, expected: file.sha256, found: Checksum.sha256(Data(sameSize))))
        // A verified load stops at the first bad file.
        for other in MNISTFile.allCases where other != file {
            try TestData.write([1, 2, 3], to: other.url(in: folder))
        }
        XCTAssertThrowsError(try MNIST.load(from: folder)) { error in
            guard case .wrongSize? = error as? MNISTError else { return XCTFail("expected wrongSize, got \(error)") }
        }
    }

    func testOneHotAndClassCounts() {
        let labels = [3, 0, 9, 3]
        let oneHot = MNIST.oneHot(labels)
        XCTAssertEqual(oneHot.rows, 4)
        XCTAssertEqual(oneHot.cols, 10)
        for (row, label) in labels.enumerated() {
            XCTAssertEqual(oneHot.row(row), (0..<10).map { $0 == label ? 1 : 0 })
        }
        XCTAssertEqual(MNIST.classCounts(labels), [1, 0, 0, 2, 0, 0, 0, 0, 0, 1])
    }

    /// A figure leaves MNIST out only when it is absent; a damaged file is an error to report.
    func testOnlyAbsentDataIsSkippedByFigures() throws {
        XCTAssertNil(try unlessMNISTIsAbsent { () throws -> Int in throw MNISTError.missingFile(path: "x") })
        XCTAssertNil(
            try unlessMNISTIsAbsent { () throws -> Int in throw MNISTError.downloadFailed(file: "x", attempts: []) })
        XCTAssertThrowsError(
            try unlessMNISTIsAbsent { () throws -> Int in
                throw MNISTError.checksumMismatch(path: "x", expected: "a", found: "b")
            })
        XCTAssertEqual(try unlessMNISTIsAbsent { 3 }, 3)
    }
}
