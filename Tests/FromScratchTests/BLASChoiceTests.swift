import CBLASChoice
import Foundation
import FromScratch
import XCTest

/// OpenBLAS's fallback on a CPU it does not know is replaced by the kernels the CPU runs, and
/// nothing else is.
final class BLASChoiceTests: XCTestCase {
    func choice(_ openblas: String, _ features: Int32) -> String? {
        blas_choice_replacing(openblas, features).map { String(cString: $0) }
    }

    func testOnlyTheFallbackIsReplacedByTheNewestSetTheCPURuns() {
        let avx2 = Int32(BLAS_CHOICE_AVX2_FMA), avx512 = Int32(BLAS_CHOICE_AVX512)
        XCTAssertEqual(choice("Prescott", avx2 | avx512), "SkylakeX")
        XCTAssertEqual(choice("Prescott", avx2), "Haswell")
        XCTAssertNil(choice("Prescott", 0), "a CPU without AVX2 keeps the Prescott kernels")
        for recognised in ["Haswell", "Zen", "SkylakeX", "Cooperlake", "Sandybridge"] {
            XCTAssertNil(choice(recognised, avx2 | avx512), "OpenBLAS recognised the CPU: \(recognised) stays")
        }
    }

    /// This test process went through the restart: on a CPU that runs AVX2, OpenBLAS's products
    /// never run on the Prescott kernels unless the person running the tests asked for them.
    func testThisProcessDoesNotRunTheFallbackOnANewerCPU() throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["OPENBLAS_CORETYPE"] != nil && BLAS.replacedKernelName == nil {
            throw XCTSkip("OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"]!) was chosen by whoever ran the tests")
        }
        let features = blas_choice_cpu_features()
        guard features & Int32(BLAS_CHOICE_AVX2_FMA) != 0 else { throw XCTSkip("this CPU has no AVX2") }
        XCTAssertNotEqual(BLAS.kernelName, "Prescott", BLAS.kernelDescription)
        if let replaced = BLAS.replacedKernelName {
            XCTAssertEqual(replaced, "Prescott")
            XCTAssertEqual(
                BLAS.kernelName, features & Int32(BLAS_CHOICE_AVX512) != 0 ? "SkylakeX" : "Haswell")
        }
    }
}
