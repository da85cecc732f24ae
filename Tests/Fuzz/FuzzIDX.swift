// libFuzzer entry for the IDX reader (Sources/Datasets/IDXReader.swift), on decompressed bytes.
//
// Built by Tests/Fuzz/run.sh with `swiftc -sanitize=fuzzer,address`; not part of `swift test`.
// The reader must return or throw for every header: a size field, however large, never traps.
import Datasets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: count))
    // The two magics MNIST uses, and the input's own first word, so that any number of axes
    // (the low byte, up to 255) reaches the size arithmetic.
    var magics = [IDXReader.magic(axes: 3), IDXReader.magic(axes: 1)]
    if count >= 4 { magics.append(bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }) }
    for magic in magics {
        guard let array = try? IDXReader.parse(bytes, path: "fuzz.idx", expectedMagic: magic) else { continue }
        // Accepted means: the header's sizes describe exactly the payload that follows it.
        let header = 4 + 4 * Int(magic & 0xff)
        precondition(
            array.dimensions.count == Int(magic & 0xff), "axes \(array.dimensions.count) accepted for magic \(magic)")
        // The exact product: zero if any size is zero, even after the others overflowed.
        let elements =
            array.dimensions.contains(0)
            ? 0
            : array.dimensions.reduce(1) { product, size in
                let (result, overflow) = product.multipliedReportingOverflow(by: size)
                precondition(!overflow, "dimensions \(array.dimensions) accepted")
                return result
            }
        precondition(
            array.bytes.count == elements && header + elements == count,
            "dimensions \(array.dimensions) accepted with \(array.bytes.count) elements in \(count) bytes")
        precondition(array.bytes[...] == bytes[header...], "the elements are not the payload")
    }
    return 0
}
