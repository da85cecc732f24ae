import Foundation
import XCTest

@testable import Datasets

#if canImport(Glibc)
    import Glibc
#endif

/// The book's weights file is checked by size before a byte of it is read.
final class SampleWeightsTests: XCTestCase {
    func testAHugeWrongFileIsRefusedByItsSize() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("weights-\(UUID().uuidString).pkl")
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 6_000_000_000)  // sparse: no disk, but 6 GB if read whole
        try handle.close()
        XCTAssertThrowsError(try SampleWeights.verify(url)) { error in
            XCTAssertTrue(
                "\(error)".contains("6000000000 bytes, but the book's sample_weight.pkl has 181853"), "\(error)")
        }
    }

    /// A named pipe has no end: reading it would block for ever. Refused by its size, it is never read.
    func testAFileIsNotReadBeforeItsSizeIsChecked() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weights-\(UUID().uuidString).pkl")
            .path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        defer { unlink(path) }
        XCTAssertThrowsError(try SampleWeights.verify(URL(fileURLWithPath: path))) { error in
            XCTAssertTrue("\(error)".contains("0 bytes, but the book's"), "\(error)")
        }
    }
}
