// libFuzzer entry for the pickle reader behind `sample_weight.pkl` (Sources/Datasets/NumPyPickle.swift).
//
// Built by Tests/Fuzz/run.sh with `swiftc -sanitize=fuzzer,address`; not part of `swift test`.
// The reader must return or throw for every input: a trap, crash, hang, leak or ASan report is a bug.
// It never runs Python code: GLOBAL/STACK_GLOBAL only name a callable, REDUCE accepts two of them.
import Datasets
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPickle(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: count))
    guard let arrays = try? NumPyPickle.loadArrays(from: bytes, name: "fuzz.pkl") else { return 0 }
    // What was accepted must be self-consistent: every element the shape promises is there, and
    // the array becomes a Matrix as SampleWeights.loadParameters makes it (a mismatch would trap there).
    for (name, array) in arrays {
        var elements = 1
        for size in array.shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: size)
            precondition(size >= 0 && !overflow, "'\(name)': shape \(array.shape) accepted")
            elements = product
        }
        precondition(
            array.values.count == elements,
            "'\(name)': shape \(array.shape) but \(array.values.count) values accepted")
        precondition(
            array.dtype.hasSuffix("f4") || array.dtype.hasSuffix("f8"), "'\(name)': dtype \(array.dtype) accepted")
        let matrix = array.matrix
        precondition(matrix.rows * matrix.cols == elements, "'\(name)': matrix of the wrong size")
    }
    return 0
}
