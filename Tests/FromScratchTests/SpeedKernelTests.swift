import CElementwise
import Foundation
import XCTest

@testable import FromScratch

/// Matrices for the kernels: odd shapes (a loop in blocks of eight must handle its tail) and
/// the awkward values (±0, NaN, ±∞, subnormals) scattered among normal ones.
private enum Samples {
    static let shapes = [(1, 1), (1, 8), (3, 5), (7, 9), (4, 16), (13, 31)]
    static let awkward: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 1e-310, -1e-310, 1, -1]

    static func matrix(_ rows: Int, _ cols: Int, seed: UInt32, withAwkward: Bool = true) -> Matrix {
        var random = RandomState(seed: seed)
        var m = random.randn(rows, cols)
        guard withAwkward else { return m }
        for (i, value) in awkward.enumerated() where i * 3 < m.count { m[flat: (i * 7) % m.count] = value }
        return m
    }
}

/// Bit for bit, NaN and the sign of zero included (`==` would call −0 and +0 equal).
private func assertSameBits(
    _ fast: [Double], _ plain: [Double], _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(fast.map(\.bitPattern), plain.map(\.bitPattern), message, file: file, line: line)
}

final class ElementwiseKernelTests: XCTestCase {
    func testMapInPlaceIsMap() {
        let sigmoid = { (x: Double) in 1 / (1 + exp(-x)) }
        for (rows, cols) in Samples.shapes + [(100, 50), (64, 64)] {
            let x = Samples.matrix(rows, cols, seed: 1)
            var alone = x, shared = x
            alone.mapInPlace(sigmoid)
            SecondCore.lend { _ in shared.mapInPlace(sigmoid) }
            assertSameBits(alone.storage, x.storage.map(sigmoid), "\(rows)x\(cols)")
            assertSameBits(shared.storage, x.storage.map(sigmoid), "\(rows)x\(cols), second core lent")
        }
    }

    func testCombineInPlaceAndCombinedAreZipMap() {
        for (rows, cols) in Samples.shapes {
            let d = Samples.matrix(rows, cols, seed: 2), y = Samples.matrix(rows, cols, seed: 3)
            let plain = zip(d.storage, y.storage).map { d, y in d * (1 - y) * y }
            var fast = d
            fast.combineInPlace(with: y) { d, y in d * (1 - y) * y }
            assertSameBits(fast.storage, plain, "\(rows)x\(cols)")
            let combined = d.combined(with: y) { d, y in d * (1 - y) * y }
            assertSameBits(combined.storage, plain, "\(rows)x\(cols), combined")
            XCTAssertTrue(combined.shape == d.shape)
        }
    }

    func testSumOfRowsAddsTheRowsInOrder() {
        for (rows, cols) in Samples.shapes + [(128, 100)] {
            let x = Samples.matrix(rows, cols, seed: 6)
            var plain = [Double](repeating: 0, count: cols)
            for r in 0..<rows {
                for c in 0..<cols { plain[c] += x[r, c] }
            }
            assertSameBits(x.sum(axis: 0).storage, plain, "\(rows)x\(cols)")
            forEachElementwiseKernel(
                writing: [Double](repeating: 7, count: cols), "\(rows)x\(cols)", expecting: plain
            ) { kernel, out in sum_of_rows_with(kernel, out, x.storage, Int64(rows), Int64(cols)) }
        }
    }

    func testSubtractScaledAndScaling() {
        for (rows, cols) in Samples.shapes + [(784, 50)] {
            let x = Samples.matrix(rows, cols, seed: 4), g = Samples.matrix(rows, cols, seed: 5)
            let plain = zip(x.storage, g.storage).map { $0 - 0.1 * $1 }
            var (fast, shared) = (x, x)
            fast.subtractScaled(g, by: 0.1)
            SecondCore.lend { _ in shared.subtractScaled(g, by: 0.1) }
            assertSameBits(fast.storage, plain, "\(rows)x\(cols)")
            assertSameBits(shared.storage, plain, "\(rows)x\(cols), second core lent")
            var scaled = x
            scaled *= -0.37
            assertSameBits(scaled.storage, x.storage.map { $0 * -0.37 }, "\(rows)x\(cols)")
        }
    }

    func testZeroUnlessPositiveIsReLU() {
        for (rows, cols) in Samples.shapes {
            let x = Samples.matrix(rows, cols, seed: 6)
            let plain = x.storage.map { $0 > 0 ? $0 : 0 }
            var fast = x
            fast.zeroUnlessPositive()
            assertSameBits(fast.storage, plain, "\(rows)x\(cols)")
            forEachElementwiseKernel(writing: x.storage, "\(rows)x\(cols)", expecting: plain) { kernel, out in
                zero_unless_positive_with(kernel, out, Int64(x.count))
            }
        }
    }

    func testZeroWhereNotPositiveIsReLUBackward() {
        for (rows, cols) in Samples.shapes {
            let dout = Samples.matrix(rows, cols, seed: 7), kept = Samples.matrix(rows, cols, seed: 8)
            let plain = zip(dout.storage, kept.storage).map { $1 > 0 ? $0 : 0 }
            var fast = dout
            fast.zeroWhereNotPositive(in: kept)
            assertSameBits(fast.storage, plain, "\(rows)x\(cols)")
            forEachElementwiseKernel(writing: dout.storage, "\(rows)x\(cols)", expecting: plain) { kernel, out in
                zero_where_not_positive_with(kernel, out, kept.storage, Int64(dout.count))
            }
        }
    }

    func testZeroUnlessIsDropoutMask() {
        for (rows, cols) in Samples.shapes {
            let x = Samples.matrix(rows, cols, seed: 9)
            let kept = (0..<x.count).map { $0 % 3 != 1 }
            var fast = x
            fast.zeroUnless(kept)
            assertSameBits(fast.storage, zip(x.storage, kept).map { $1 ? $0 : 0 }, "\(rows)x\(cols)")
        }
    }
}

final class RowKernelTests: XCTestCase {
    func testGatheringIsRowByRow() {
        for (rows, cols) in Samples.shapes + [(600, 784)] {
            let x = Samples.matrix(rows, cols, seed: 10)
            var random = RandomState(seed: 11)
            let indices = random.choice(rows, size: rows == 600 ? 100 : 2 * rows + 1)
            let plain = indices.flatMap { x.row($0) }
            assertSameBits(x.gathering(rows: indices).storage, plain, "\(rows)x\(cols)")
            assertSameBits(SecondCore.lend { _ in x.gathering(rows: indices) }.storage, plain, "\(rows)x\(cols), lent")
            XCTAssertEqual(x.gathering(rows: indices).shape.rows, indices.count)
        }
    }

    /// Without the awkward values: a row with NaN or ±∞ has no softmax to speak of (it gives NaN).
    func testSoftmaxEachRowSumsLeftToRight() {
        for (rows, cols) in Samples.shapes {
            let x = Samples.matrix(rows, cols, seed: 12, withAwkward: false) * 10
            var fast = x
            fast.softmaxEachRow()
            let plain = (0..<rows).flatMap { r -> [Double] in
                let row = x.row(r), e = row.map { exp($0 - row.max()!) }, total = e.reduce(0, +)
                return e.map { $0 / total }
            }
            assertSameBits(fast.storage, plain, "\(rows)x\(cols)")
        }
    }
}

final class ParameterUpdateTests: XCTestCase {
    func testOneStateUpdateIsThePlainLoop() {
        let step = { (x: inout Double, g: Double, v: inout Double) in
            v = 0.9 * v - 0.01 * g
            x += v
        }
        for (rows, cols) in Samples.shapes {
            let x = Samples.matrix(rows, cols, seed: 13), g = Samples.matrix(rows, cols, seed: 14)
            let v = Samples.matrix(rows, cols, seed: 15)
            var (fastX, fastV) = (x, v)
            fastX.updateElements(along: g, state: &fastV, step)
            var (plainX, plainV) = (x.storage, v.storage)
            for i in plainX.indices { step(&plainX[i], g.storage[i], &plainV[i]) }
            assertSameBits(fastX.storage, plainX, "\(rows)x\(cols)")
            assertSameBits(fastV.storage, plainV, "\(rows)x\(cols)")
        }
    }

    /// The divided step of AdaGrad, RMSprop and Adam: every kernel this CPU runs, and the
    /// matrix operation, bit for bit Swift's own loop, awkward values included.
    func testTheDividedStepIsThePlainLoop() {
        for (rows, cols) in Samples.shapes + [(784, 100)] {
            let x = Samples.matrix(rows, cols, seed: 16), y = Samples.matrix(rows, cols, seed: 17)
            let h = Samples.matrix(rows, cols, seed: 18).map { $0 * $0 }
            var plain = x.storage
            for i in plain.indices { plain[i] -= 0.003 * y.storage[i] / (h.storage[i].squareRoot() + 1e-7) }
            var fast = x
            fast.subtract(0.003, times: y, overRootOf: h, plus: 1e-7)
            assertSameNumbers(fast.storage, plain, "\(rows)x\(cols)")
            forEachElementwiseKernel(writing: x.storage, "\(rows)x\(cols)", expecting: plain) { kernel, out in
                divided_step_with(kernel, out, y.storage, h.storage, Int64(x.count), 0.003, 1e-7)
            }
        }
    }

    /// x + c·y, the product rounded first: every kernel this CPU runs, written in place and
    /// elsewhere, and the matrix operation L2's gradient uses, bit for bit the plain loop.
    func testTheScaledSumIsThePlainLoop() {
        for (rows, cols) in Samples.shapes + [(784, 100)] {
            let x = Samples.matrix(rows, cols, seed: 19), y = Samples.matrix(rows, cols, seed: 20)
            let plain = zip(x.storage, y.storage).map { x, y in x + 0.37 * y }
            assertSameNumbers(x.addingScaled(y, by: 0.37).storage, plain, "\(rows)x\(cols)")
            forEachElementwiseKernel(writing: x.storage, "\(rows)x\(cols), in place", expecting: plain) { kernel, out in
                scaled_sum_with(kernel, out, out, y.storage, Int64(x.count), 0.37)
            }
            let garbage = [Double](repeating: 12345, count: x.count)
            forEachElementwiseKernel(writing: garbage, "\(rows)x\(cols), elsewhere", expecting: plain) { kernel, out in
                scaled_sum_with(kernel, out, x.storage, y.storage, Int64(x.count), 0.37)
            }
        }
    }
}

/// Runs `write(kernel, out)` for every elementwise C kernel this CPU runs, `out` starting as
/// `start` with a guard element past its end, and asks each for `expected` and an intact guard.
private func forEachElementwiseKernel(
    writing start: [Double], _ label: String, expecting expected: [Double],
    file: StaticString = #filePath, line: UInt = #line,
    _ write: (Int32, UnsafeMutablePointer<Double>) -> Void
) {
    let available = Int(elementwise_kernels_available())
    let kernels = [ELEMENTWISE_PLAIN, ELEMENTWISE_AVX, ELEMENTWISE_AVX512].map { Int32($0) }
        .filter { available & (1 << $0) != 0 }
    for kernel in kernels {
        var out = start + [-1.5]
        out.withUnsafeMutableBufferPointer { write(kernel, $0.baseAddress!) }
        assertSameNumbers(Array(out.dropLast()), expected, "kernel \(kernel), \(label)", file: file, line: line)
        XCTAssertEqual(out.last, -1.5, "kernel \(kernel) wrote past the end, \(label)", file: file, line: line)
    }
}

/// Bit for bit, except that a NaN is only asked to be a NaN: its sign and payload are the CPU's
/// business.
private func assertSameNumbers(
    _ fast: [Double], _ plain: [Double], _ message: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(
        fast.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern },
        plain.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern }, message, file: file, line: line)
}
