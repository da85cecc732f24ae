// libFuzzer entry for the gzip inflater (Sources/Datasets/Gzip.swift, zlib through CZlib), and
// behind it the IDX reader, as IDXReader.read(gzipFile:) chains them for MNIST's .gz files.
//
// Built by Tests/Fuzz/run.sh with `swiftc -sanitize=fuzzer,address`; not part of `swift test`.
// Gzip.decompress must return or throw GzipFailure for every input: no trap, overrun or hang.
import Datasets
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = Data(bytes: data, count: count)
    let magic = count >= 2 && input[0] == 0x1f && input[1] == 0x8b
    let raw: [UInt8]
    do {
        raw = try Gzip.decompress(input)
    } catch let failure as GzipFailure {
        precondition(magic || failure == .notGzip, "input without the gzip magic refused as \(failure)")
        precondition(!magic || failure != .notGzip, "input with the gzip magic refused as not gzip")
        return 0
    } catch {
        preconditionFailure("Gzip.decompress threw \(error), not a GzipFailure")
    }
    precondition(magic, "input without the gzip magic was inflated")
    for axes in [1, 3] {
        _ = try? IDXReader.parse(raw, path: "fuzz.idx.gz", expectedMagic: IDXReader.magic(axes: axes))
    }
    return 0
}
