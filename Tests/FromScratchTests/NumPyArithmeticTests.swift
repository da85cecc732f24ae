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
            XCTAssertEqual(ours, range.values.map { Double($0)! }, "np.arange(\(range.start), \(range.stop), \(range.step))")
        }
        // The fact that makes this necessary: NumPy's arange(-5, 5, 0.1)[50] is not 0.
        XCTAssertNotEqual(arange(-5, 5, 0.1)[50], 0)
    }
}
