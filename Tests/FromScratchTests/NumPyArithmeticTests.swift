import Foundation
import XCTest

@testable import FromScratch

/// `pairwiseSum` and `arange` against NumPy's own results (Fixtures/numpy_arithmetic.json,
/// written by make_numpy_arithmetic_fixtures.py): bit for bit, since the book's last digits
/// depend on them.
final class NumPyArithmeticTests: XCTestCase {
    struct Fixture: Decodable {
        struct Sum: Decodable { let values: [String]; let sum: String }
        struct Range: Decodable { let start, stop, step: Double; let values: [String] }
        let sums: [Sum]
        let aranges: [Range]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/numpy_arithmetic.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    func testSumsMatchNumPyBitForBit() {
        for case let entry in Self.fixture.sums {
            let values = entry.values.map { Double($0)! }
            XCTAssertEqual(Matrix(row: values).sum(), Double(entry.sum)!, "np.sum of \(values.count) values")
        }
    }

    func testPairwiseOrderDiffersFromLeftToRight() {
        // The fixture is only a good test if the order shows: at least one sum must differ
        // from a plain left-to-right loop.
        let differing = Self.fixture.sums.filter { entry in
            let values = entry.values.map { Double($0)! }
            return values.reduce(0, +) != Double(entry.sum)!
        }
        XCTAssertFalse(differing.isEmpty)
    }

    func testSumAlongRowsIsPairwisePerRow() {
        let entry = Self.fixture.sums.first { $0.values.count == 100 }!
        let row = entry.values.map { Double($0)! }
        let m = Matrix([row, row.map { -$0 }])
        XCTAssertEqual(m.sum(axis: 1).storage, [Double(entry.sum)!, -Double(entry.sum)!])
    }

    func testArangeMatchesNumPy() {
        for range in Self.fixture.aranges {
            let ours = arange(range.start, range.stop, range.step)
            XCTAssertEqual(
                ours, range.values.map { Double($0)! },
                "np.arange(\(range.start), \(range.stop), \(range.step))")
        }
        // The fact that makes this necessary: NumPy's arange(-5, 5, 0.1)[50] is not 0.
        XCTAssertNotEqual(arange(-5, 5, 0.1)[50], 0)
    }

    /// Against `np.linspace`'s own bits (NumPy 1.26 and 2.x agree on these), with a step that
    /// does not land on the stop and a range that runs downwards.
    func testLinspaceMatchesNumPy() {
        XCTAssertEqual(linspace(0, 1, 0), [])
        XCTAssertEqual(linspace(2, 5, 1), [2])
        XCTAssertEqual(linspace(3, 3, 5), [3, 3, 3, 3, 3])
        XCTAssertEqual(
            linspace(0, 1, 7),
            [
                0, 0x1.5555555555555p-3, 0x1.5555555555555p-2, 0x1p-1,
                0x1.5555555555555p-1, 0x1.aaaaaaaaaaaaap-1, 1,
            ])
        XCTAssertEqual(linspace(0, .pi, 4), [0, 0x1.0c152382d7365p+0, 0x1.0c152382d7365p+1, .pi])
        XCTAssertEqual(
            linspace(2.5, -3.25, 13),
            [
                0x1.4p+1, 0x1.02aaaaaaaaaabp+1, 0x1.8aaaaaaaaaaaap+0, 0x1.1p+0, 0x1.2aaaaaaaaaaaap-1,
                0x1.aaaaaaaaaaaa0p-4, -0x1.8p-2, -0x1.b555555555558p-1, -0x1.5555555555556p+0, -0x1.dp+0,
                -0x1.2555555555556p+1, -0x1.62aaaaaaaaaacp+1, -0x1.ap+1,
            ])
        let edges = linspace(-1, 1, 31)
        XCTAssertEqual(edges[23], 0x1.1111111111110p-1, "i·step + start, not i·(stop − start)/(num − 1) + start")
        XCTAssertNotEqual(edges[23], -1 + 23 * 2 / 30)
        XCTAssertEqual(edges[15], 0)
    }
}
