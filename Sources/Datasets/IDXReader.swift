import Foundation

/// An array read from an IDX file (LeCun's MNIST format): its shape and its unsigned bytes.
public struct IDXArray: Sendable {
    /// Sizes along each axis, outermost first (e.g. [60000, 28, 28]).
    public let dimensions: [Int]
    /// Every element in row-major order.
    public let bytes: [UInt8]
}

/// Parses IDX files of unsigned bytes, checking the header against the payload.
///
/// The format: magic number 0x0000TTNN (TT = 0x08 for unsigned bytes, NN = number of axes),
/// then one big-endian 32-bit size per axis, then the elements.
public enum IDXReader {
    /// The element type code of unsigned bytes.
    static let unsignedByteType: UInt32 = 0x08

    /// Magic number of an IDX file of unsigned bytes with `axes` axes (0x00000801 labels,
    /// 0x00000803 images).
    public static func magic(axes: Int) -> UInt32 { unsignedByteType << 8 | UInt32(axes) }

    /// Decompresses and parses the gzip'd IDX file at `url`, which must carry `expectedMagic`.
    public static func read(gzipFile url: URL, expectedMagic: UInt32) throws -> IDXArray {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw MNISTError.missingFile(path: path) }
        let compressed: Data
        do {
            compressed = try Data(contentsOf: url)
        } catch {
            throw MNISTError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        let raw: [UInt8]
        do {
            raw = try Gzip.decompress(compressed)
        } catch let failure as GzipFailure {
            switch failure {
            case .notGzip: throw MNISTError.notGzip(path: path)
            case .truncated: throw MNISTError.truncatedGzip(path: path)
            case let .corrupt(reason): throw MNISTError.corruptGzip(path: path, reason: reason)
            }
        }
        return try parse(raw, path: path, expectedMagic: expectedMagic)
    }

    /// Parses decompressed IDX bytes; `path` only names the file in errors.
    public static func parse(_ raw: [UInt8], path: String, expectedMagic: UInt32) throws -> IDXArray {
        guard raw.count >= 4 else {
            throw MNISTError.wrongLength(path: path, expectedBytes: 4, foundBytes: raw.count)
        }
        let magic = bigEndianWord(raw, at: 0)
        guard magic == expectedMagic else {
            throw MNISTError.wrongMagic(path: path, expected: expectedMagic, found: magic)
        }
        let axes = Int(magic & 0xff)
        let headerLength = 4 + 4 * axes
        guard raw.count >= headerLength else {
            throw MNISTError.wrongLength(path: path, expectedBytes: headerLength, foundBytes: raw.count)
        }
        let dimensions = (0..<axes).map { Int(bigEndianWord(raw, at: 4 + 4 * $0)) }
        // A damaged header can promise more elements than memory holds: treat overflow as "too long".
        let elementCount = dimensions.reduce(1) { product, size in
            let (result, overflow) = product.multipliedReportingOverflow(by: size)
            return overflow ? Int.max - headerLength : result
        }
        // Compared without adding to the element count, which may be near Int.max.
        guard raw.count - headerLength == elementCount else {
            let expected = elementCount > Int.max - headerLength ? Int.max : headerLength + elementCount
            throw MNISTError.wrongLength(path: path, expectedBytes: expected, foundBytes: raw.count)
        }
        return IDXArray(dimensions: dimensions, bytes: Array(raw[headerLength...]))
    }

    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }
}
