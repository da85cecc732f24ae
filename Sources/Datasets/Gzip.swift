import CZlib
import Foundation

/// Why a gzip stream could not be inflated.
public enum GzipFailure: Error, Equatable, Sendable {
    /// The data does not start with the gzip magic bytes 1f 8b.
    case notGzip
    /// The stream ends before its last block and trailer: a cut-off file.
    case truncated
    /// zlib rejected the data (bad block, wrong CRC or length in the trailer, ...).
    case corrupt(String)
}

/// In-process gzip decompression through zlib, so no `gunzip` process is needed.
public enum Gzip {
    /// Inflates a whole gzip file held in memory; concatenated members are joined, as `gunzip`
    /// does.
    public static func decompress(_ compressed: Data) throws -> [UInt8] {
        guard compressed.count >= 2, compressed[compressed.startIndex] == 0x1f,
            compressed[compressed.startIndex + 1] == 0x8b
        else { throw GzipFailure.notGzip }
        return try compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> [UInt8] in
            try inflateMembers(input)
        }
    }

    private static func inflateMembers(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: expect a gzip header and trailer (zlib checks CRC and length).
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipFailure.corrupt("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        output.reserveCapacity(expectedSize(of: input))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0
        while true {
            let remaining = input.count - consumed
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(
                    mutating: input.baseAddress!
                        .advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(min(remaining, Int(UInt32.max)))
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                let before = stream.avail_in
                let result = inflate(&stream, Z_NO_FLUSH)
                consumed += Int(before - stream.avail_in)
                return result
            }
            output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow; anything else after the trailer is garbage.
                if consumed == input.count { return output }
                guard input.count - consumed >= 2, input[consumed] == 0x1f, input[consumed + 1] == 0x8b else {
                    throw GzipFailure.corrupt("unexpected bytes after the end of the gzip stream")
                }
                inflateReset(&stream)
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible although output space was free: the input ran out.
                throw consumed == input.count ? GzipFailure.truncated : GzipFailure.corrupt("zlib made no progress")
            case Z_DATA_ERROR:
                let message = stream.msg.map { String(cString: $0) } ?? "invalid compressed data"
                throw GzipFailure.corrupt(message)
            case Z_MEM_ERROR:
                throw GzipFailure.corrupt("zlib ran out of memory")
            default:
                throw GzipFailure.corrupt("zlib error \(status)")
            }
            if consumed == input.count && status == Z_OK && stream.avail_out != 0 {
                throw GzipFailure.truncated
            }
        }
    }

    /// The uncompressed size the gzip trailer records (modulo 2^32), as a capacity hint. Capped at
    /// 64 MiB (MNIST's largest file inflates to 47 MB): 18 hostile bytes must not reserve a gigabyte;
    /// a larger output still grows as it is written.
    private static func expectedSize(of input: UnsafeRawBufferPointer) -> Int {
        guard input.count >= 18 else { return 0 }
        let end = input.count
        let size = (0..<4).reduce(0) { $0 | Int(input[end - 4 + $1]) << (8 * $1) }
        return min(size, 1 << 26)
    }
}
