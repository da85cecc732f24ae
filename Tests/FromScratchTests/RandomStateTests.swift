import Foundation
import XCTest

@testable import FromScratch

/// `RandomState` against NumPy's legacy generator, bit for bit.
///
/// The expected values come from `Fixtures/make_random_fixtures.py`, run once with NumPy; its
/// JSON files replay a mixed sequence of calls per seed, so the Gaussian cache, the twister's
/// position across calls and reseeding are all checked with `==`.
final class RandomStateTests: XCTestCase {
    static let seeds: [UInt32] = [0, 1, 42, 4_294_967_295]

    func testRawOutputsMatchNumPyForEverySeed() throws {
        for seed in Self.seeds {
            let fixture = try RandomFixture.load(seed: seed)
            var random = RandomState(seed: seed)
            let ours = (0..<fixture.raw32.count).map { _ in random.nextUInt32() }
            XCTAssertEqual(ours, fixture.raw32, "raw 32-bit outputs after seed(\(seed))")
        }
    }

    func testCallSequencesMatchNumPyBitForBit() throws {
        for seed in Self.seeds {
            let fixture = try RandomFixture.load(seed: seed)
            var random = RandomState(seed: seed)
            XCTAssertGreaterThan(fixture.steps.count, 20, "fixture for seed \(seed) looks incomplete")
            for (number, step) in fixture.steps.enumerated() {
                let context = "seed \(seed), step \(number): \(step.call) \(step.args)"
                switch step.call {
                case "seed":
                    random.seed(UInt32(try step.int("seed")))
                case "raw32":
                    let ours = (0..<(try step.int("count"))).map { _ in Int64(random.nextUInt32()) }
                    XCTAssertEqual(ours, step.integers, context)
                case "rand":
                    if let shape = step.shape {
                        let matrix = random.rand(shape[0], shape[1])
                        XCTAssertEqual(matrix.shape.rows, shape[0], context)
                        XCTAssertEqual(matrix.storage, step.doubles, context)
                    } else {
                        XCTAssertEqual(random.rand(try step.int("count")), step.doubles, context)
                    }
                case "randn":
                    if let shape = step.shape {
                        let matrix = random.randn(shape[0], shape[1])
                        XCTAssertEqual(matrix.shape.cols, shape[1], context)
                        XCTAssertEqual(matrix.storage, step.doubles, context)
                    } else {
                        XCTAssertEqual(random.randn(try step.int("count")), step.doubles, context)
                    }
                case "normal":
                    let ours = random.normal(
                        loc: try step.double("loc"), scale: try step.double("scale"),
                        count: try step.int("count"))
                    XCTAssertEqual(ours, step.doubles, context)
                case "uniform":
                    let ours = random.uniform(
                        low: try step.double("low"), high: try step.double("high"),
                        count: try step.int("count"))
                    XCTAssertEqual(ours, step.doubles, context)
                case "randint":
                    let ours = random.randint(try step.int("low"), try step.int("high"), count: try step.int("count"))
                    XCTAssertEqual(ours.map(Int64.init), step.integers, context)
                case "choice":
                    let ours = random.choice(
                        try step.int("n"), size: try step.int("size"),
                        replace: try step.bool("replace"))
                    XCTAssertEqual(ours.map(Int64.init), step.integers, context)
                case "shuffle":
                    var values = Array(0..<(try step.int("count")))
                    random.shuffle(&values)
                    XCTAssertEqual(values.map(Int64.init), step.integers, context)
                case "permutation":
                    XCTAssertEqual(random.permutation(try step.int("n")).map(Int64.init), step.integers, context)
                default:
                    XCTFail("unknown call '\(step.call)' in the fixture (\(context))")
                }
            }
        }
    }

    func testSeedingForgetsTheCachedGaussian() {
        var random = RandomState(seed: 7)
        _ = random.randn(1)  // leaves the pair's second value cached
        random.seed(7)
        var fresh = RandomState(seed: 7)
        XCTAssertEqual(random.randn(4), fresh.randn(4))
    }

    func testOddNormalCountsHandOutTheCachedValueWithoutDrawing() {
        var split = RandomState(seed: 3)
        var whole = RandomState(seed: 3)
        let joined = split.randn(3) + split.randn(1)
        XCTAssertEqual(joined, whole.randn(4))
        // Both have now consumed the same words: the next uniform draws agree.
        XCTAssertEqual(split.randomSample(), whole.randomSample())
    }

    func testCopiesForkTheStream() {
        var original = RandomState(seed: 11)
        _ = original.randn(1)
        var copy = original
        XCTAssertEqual(original.randn(5), copy.randn(5))
        XCTAssertEqual(original.permutation(20), copy.permutation(20))
    }

    func testChoiceWithoutReplacementIsAPrefixOfAPermutation() {
        var a = RandomState(seed: 5)
        var b = RandomState(seed: 5)
        XCTAssertEqual(a.choice(50, size: 7, replace: false), Array(b.permutation(50).prefix(7)))
        // ... and it consumed the whole shuffle, so both streams are still in step.
        XCTAssertEqual(a.nextUInt32(), b.nextUInt32())
    }

    func testChoiceWithReplacementIsRandint() {
        var a = RandomState(seed: 9)
        var b = RandomState(seed: 9)
        XCTAssertEqual(a.choice(13, size: 40), b.randint(0, 13, count: 40))
    }

    func testBoundsAndPermutationsAreValid() {
        var random = RandomState(seed: 2024)
        let draws = random.randint(-3, 4, count: 2000)
        XCTAssertTrue(draws.allSatisfy { (-3..<4).contains($0) })
        XCTAssertEqual(Set(draws), Set(-3..<4), "every value of a small range should appear in 2000 draws")
        XCTAssertEqual(random.permutation(257).sorted(), Array(0..<257))
        let uniforms = random.uniform(low: -1, high: 2, count: 1000)
        XCTAssertTrue(uniforms.allSatisfy { $0 >= -1 && $0 < 2 })
        XCTAssertTrue(random.rand(1000).allSatisfy { $0 >= 0 && $0 < 1 })
    }

    func testSingleValueRangesDrawNothing() {
        var a = RandomState(seed: 1)
        var b = RandomState(seed: 1)
        XCTAssertEqual(a.randint(8, 9, count: 5), [8, 8, 8, 8, 8])
        XCTAssertEqual(a.interval(0), 0)
        var single = [42]
        a.shuffle(&single)
        XCTAssertEqual(single, [42])
        XCTAssertEqual(a.nextUInt32(), b.nextUInt32(), "no draw may be consumed by a one-value range")
    }

    func testSmallestMask() {
        XCTAssertEqual(RandomState.smallestMask(covering: 1), 1)
        XCTAssertEqual(RandomState.smallestMask(covering: 15), 15)
        XCTAssertEqual(RandomState.smallestMask(covering: 16), 31)
        XCTAssertEqual(RandomState.smallestMask(covering: 1 << 40), (1 << 41) - 1)
        XCTAssertEqual(RandomState.smallestMask(covering: UInt64.max - 1), UInt64.max)
    }
}

/// One seed's fixture file: raw outputs and a replayable list of calls.
struct RandomFixture: Decodable {
    let seed: UInt32
    let raw32: [UInt32]
    let steps: [Step]

    static func load(seed: UInt32) throws -> RandomFixture {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let data = try Data(contentsOf: folder.appendingPathComponent("random_state_seed_\(seed).json"))
        let fixture = try JSONDecoder().decode(RandomFixture.self, from: data)
        XCTAssertEqual(fixture.seed, seed)
        return fixture
    }

    struct Step: Decodable, CustomStringConvertible {
        let call: String
        let args: [String: Argument]
        let shape: [Int]?
        /// Integer calls keep full 64-bit results; float calls read doubles.
        let integers: [Int64]
        let doubles: [Double]

        enum CodingKeys: String, CodingKey { case call, args, shape, result }
        static let integerCalls: Set = ["randint", "choice", "shuffle", "permutation", "raw32"]

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            call = try container.decode(String.self, forKey: .call)
            args = try container.decode([String: Argument].self, forKey: .args)
            shape = try container.decodeIfPresent([Int].self, forKey: .shape)
            if Self.integerCalls.contains(call) {
                integers = try container.decode([Int64].self, forKey: .result)
                doubles = []
            } else {
                doubles = try container.decode([Double].self, forKey: .result)
                integers = []
            }
        }

        var description: String { call }

        func int(_ name: String) throws -> Int {
            guard case let .integer(value)? = args[name] else { throw FixtureError.missing(name, call) }
            return Int(value)
        }

        func double(_ name: String) throws -> Double {
            switch args[name] {
            case let .integer(value)?: return Double(value)
            case let .real(value)?: return value
            default: throw FixtureError.missing(name, call)
            }
        }

        func bool(_ name: String) throws -> Bool {
            guard case let .boolean(value)? = args[name] else { throw FixtureError.missing(name, call) }
            return value
        }
    }

    enum Argument: Decodable, CustomStringConvertible {
        case boolean(Bool), integer(Int64), real(Double)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .boolean(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .integer(value)
            } else {
                self = .real(try container.decode(Double.self))
            }
        }

        var description: String {
            switch self {
            case let .boolean(value): return "\(value)"
            case let .integer(value): return "\(value)"
            case let .real(value): return "\(value)"
            }
        }
    }

    enum FixtureError: Error { case missing(String, String) }
}
