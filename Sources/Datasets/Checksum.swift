import Crypto
import Foundation

/// SHA-256 digests of the data files, from swift-crypto (`Crypto`): the downloads and the cached
/// copies are checked against the digests the data sets publish.
public enum Checksum {
    /// The SHA-256 of `data` as 64 lowercase hex digits.
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// The SHA-256 of a file, read in 1 MiB pieces so that memory stays small.
    public static func sha256(ofFileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
