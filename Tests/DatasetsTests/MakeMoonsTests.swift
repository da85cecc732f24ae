import Foundation
import FromScratch
import XCTest

@testable import Datasets

/// `makeMoons` against scikit-learn's `make_moons` drawing from NumPy's global generator
/// (`Fixtures/make_moons_fixture.py`).
///
/// Labels and the generator's state afterwards must match exactly. Coordinates are compared
/// to 1e-15: every random draw is bit for bit NumPy's, but the points start from `cos` and
/// `sin`, and NumPy may evaluate those with its own vectorized routines rather than this
/// machine's libm, which can differ in the last bit.
final class MakeMoonsTests: XCTestCase {
    struct Case: Decodable {
        let seed: UInt32
        let samples: Int
        let noise: Double?
        let shuffle: Bool
        let x: [Double]
        let y: [Int]
        let after: [Double]
    }

    struct Fixture: Decodable { let cases: [Case] }

    static func fixture() throws -> Fixture {
        let data = try Data(contentsOf: TestData.fixtures.appendingPathComponent("make_moons.json"))
        return try JSONDecoder().decode(Fixture.self, from: data)
    }

    func testMatchesScikitLearnDrawingFromNumPysGlobalGenerator() throws {
        let cases = try Self.fixture().cases
        XCTAssertEqual(cases.count, 5)
        for sample in cases {
            let context =
                "seed \(sample.seed), make_moons(\(sample.samples), noise=\(String(describing: sample.noise)), shuffle=\(sample.shuffle))"
            var random = RandomState(seed: sample.seed)
            let (x, y) = makeMoons(
                samples: sample.samples, noise: sample.noise, shuffle: sample.shuffle, random: &random)
            XCTAssertEqual(x.rows, sample.samples, context)
            XCTAssertEqual(x.cols, 2, context)
            XCTAssertEqual(y, sample.y, context)
            XCTAssertEqual(x.storage.count, sample.x.count, context)
            let worst = zip(x.storage, sample.x).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, 1e-15, "largest coordinate difference, \(context)")
            // The generator was advanced exactly as scikit-learn advances NumPy's.
            XCTAssertEqual(random.rand(3), sample.after, "draws after make_moons, \(context)")
        }
    }

    func testUnshuffledMoonsAreTheTwoHalfCircles() {
        var random = RandomState(seed: 0)
        let (x, y) = makeMoons(samples: 9, noise: nil, shuffle: false, random: &random)
        XCTAssertEqual(y, [0, 0, 0, 0, 1, 1, 1, 1, 1])
        for row in 0..<4 {  // outer moon: on the unit circle, upper half
            XCTAssertEqual(x[row, 0] * x[row, 0] + x[row, 1] * x[row, 1], 1, accuracy: 1e-15)
            XCTAssertGreaterThanOrEqual(x[row, 1], 0)
        }
        for row in 4..<9 {  // inner moon: centered at (1, 0.5), lower half
            let dx = x[row, 0] - 1, dy = x[row, 1] - 0.5
            XCTAssertEqual(dx * dx + dy * dy, 1, accuracy: 1e-15)
            XCTAssertLessThanOrEqual(x[row, 1], 0.5)
        }
        XCTAssertEqual(x[0, 0], 1)
        XCTAssertEqual(x[3, 0], -1, "the last linspace point is exactly pi")
        XCTAssertEqual(random.nextUInt32(), RandomState.firstOutput(seed: 0), "no draw without shuffle or noise")
    }
}

extension RandomState {
    /// The first raw output after seeding, from a fresh generator.
    static func firstOutput(seed: UInt32) -> UInt32 {
        var fresh = RandomState(seed: seed)
        return fresh.nextUInt32()
    }
}
