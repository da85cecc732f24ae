import BookChecks
import Foundation
import XCTest

/// Shared helpers: where the real MNIST is, temporary folders, and small hand-made files.
enum TestData {
    /// The package root, found from this file's path as the tools find it from theirs.
    static let packageRoot = Repository.root(above: URL(fileURLWithPath: #filePath))!

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The real MNIST files: `$MNIST_DIR`, else `../shared/data/mnist` beside the package; nil
    /// when neither holds them (the tests that need them are then skipped).
    static var mnistDirectory: URL? {
        var candidates: [URL] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["MNIST_DIR"], !fromEnvironment.isEmpty {
            candidates.append(URL(fileURLWithPath: fromEnvironment, isDirectory: true))
        }
        if let offline = Repository.offlineData(root: packageRoot).first(where: { $0.variable == "MNIST_DIR" }) {
            candidates.append(URL(fileURLWithPath: offline.path, isDirectory: true))
        }
        return candidates.first { folder in
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
        }
    }

    struct MisconfiguredMNIST: Error, CustomStringConvertible {
        let description: String
    }

    /// The real MNIST folder; skips the test when there is none, but fails it when MNIST_DIR
    /// names a folder without the files (a set-up mistake that must not pass as a skip).
    static func requireMNIST() throws -> URL {
        if let named = ProcessInfo.processInfo.environment["MNIST_DIR"], !named.isEmpty,
            !FileManager.default.fileExists(
                atPath: URL(fileURLWithPath: named).appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
        {
            throw MisconfiguredMNIST(description: "MNIST_DIR=\(named) does not hold the MNIST files")
        }
        guard let directory = mnistDirectory else {
            throw XCTSkip("MNIST not found: set MNIST_DIR or put it in ../shared/data/mnist")
        }
        return directory
    }

    /// A fresh empty folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("datasets-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// An IDX file: magic 0x000008NN, big-endian sizes, then the bytes.
    static func idx(dimensions: [Int], bytes: [UInt8], magic: UInt32? = nil) -> [UInt8] {
        let magic = magic ?? (0x0800 | UInt32(dimensions.count))
        var out = bigEndian(magic)
        for size in dimensions { out += bigEndian(UInt32(size)) }
        return out + bytes
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }

    /// A gzip file holding `payload` in stored (uncompressed) deflate blocks, with a correct
    /// CRC-32 and length trailer, so tests can build valid and broken files without zlib.
    static func gzip(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]
        var start = 0
        repeat {
            let length = min(65_535, payload.count - start)
            let isLast = start + length == payload.count
            out.append(isLast ? 0x01 : 0x00)
            out += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8((~length >> 8) & 0xff)]
            out += payload[start..<(start + length)]
            start += length
        } while start < payload.count
        out += littleEndian(crc32(payload)) + littleEndian(UInt32(truncatingIfNeeded: payload.count))
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// CRC-32 (IEEE 802.3, reflected), bit by bit: small inputs only.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }
}
