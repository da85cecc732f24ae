import Foundation
import XCTest

@testable import Datasets

/// The checksums (swift-crypto's SHA-256, wired as the data sets use it) against the FIPS 180-4 /
/// NIST example vectors, across the file reader's 1 MiB pieces, and on the real MNIST files.
final class SHA256Tests: XCTestCase {
    func testStandardVectors() {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ]
        for (message, expected) in vectors {
            XCTAssertEqual(Checksum.sha256(Data(message.utf8)), expected, "SHA-256 of '\(message)'")
        }
    }

    func testOneMillionAs() {
        let message = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(Checksum.sha256(message), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testFileDigestMatchesInMemoryDigest() throws {
        let folder = try TestData.temporaryFolder(self)
        let file = folder.appendingPathComponent("blob.bin")
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        try TestData.write(bytes, to: file)
        XCTAssertEqual(try Checksum.sha256(ofFileAt: file), Checksum.sha256(Data(bytes)))
    }

    func testRealMNISTFilesHaveTheREADMEChecksums() throws {
        let directory = try TestData.requireMNIST()
        for file in MNISTFile.allCases {
            XCTAssertEqual(try Checksum.sha256(ofFileAt: file.url(in: directory)), file.sha256, file.fileName)
        }
    }
}
