import Foundation
import XCTest

@testable import Datasets

/// The pickle, IDX and gzip readers against generated hostile input: library users reach them
/// without the checksum in front. Each case mutates a valid file — flipped and replaced bytes,
/// cuts, growth, and length fields set to the extremes — and the reader must return or throw,
/// never trap, hang or allocate from an unchecked length. A trap would end the test process.
final class ParserFuzzTests: XCTestCase {
    /// xorshift64*: the same inputs on every run, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// One mutation of `seed`: a few edits of the kinds a hostile file uses.
    static func mutate(_ seed: [UInt8], _ random: inout Generator) -> [UInt8] {
        var bytes = seed
        for _ in 0...random.below(4) {
            switch random.below(6) {
            case 0 where !bytes.isEmpty: bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
            case 1 where !bytes.isEmpty: bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            case 2: bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
            case 3: bytes += (0..<random.below(16)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            case 4 where bytes.count >= 4:
                // A 32-bit length or count field at its extreme, little- or big-endian alike.
                let at = random.below(bytes.count - 3)
                let value: [UInt8] = [
                    [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0x7F], [0x7F, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0],
                ][random.below(4)]
                bytes.replaceSubrange(at..<(at + 4), with: value)
            default:
                if !bytes.isEmpty { bytes.remove(at: random.below(bytes.count)) }
            }
        }
        return bytes
    }

    /// `pickle.dumps({'W1': np.array([[1.5, -2.0], [3.25, 4.0]], dtype=np.float32),
    /// 'b1': np.array([0.5, -1.0])}, protocol=p)` in NumPy 2.4, for p = 3 and 4.
    static let pickles: [[UInt8]] = [
        "80037d710028580200000057317101636e756d70792e5f636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7102636e756d70790a6e6461727261790a71034b008571044301627105877106527107284b014b024b02867108636e756d70790a64747970650a710958020000006634710a898887710b52710c284b0358010000003c710d4e4e4e4affffffff4affffffff4b0074710e628943100000c03f000000c00000504000008040710f74711062580200000062317111680268034b008571126805877113527114284b014b0285711568095802000000663871168988877117527118284b03680d4e4e4e4affffffff4affffffff4b0074711962894310000000000000e03f000000000000f0bf711a74711b62752e",
        "800495f9000000000000007d94288c025731948c166e756d70792e5f636f72652e6d756c74696172726179948c0c5f7265636f6e7374727563749493948c056e756d7079948c076e6461727261799493944b0085944301629487945294284b014b024b02869468058c0564747970659493948c02663494898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494628943100000c03f000000c00000504000008040947494628c02623194680468074b008594680987945294284b014b028594680e8c02663894898887945294284b0368124e4e4e4affffffff4affffffff4b00749462894310000000000000e03f000000000000f0bf94749462752e",
    ].map { hex in stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! } }

    func testTheSeedsParse() throws {
        for seed in Self.pickles {
            let arrays = try NumPyPickle.loadArrays(from: seed, name: "seed.pkl")
            XCTAssertEqual(arrays["W1"]?.values, [1.5, -2.0, 3.25, 4.0])
            XCTAssertEqual(arrays["b1"]?.values, [0.5, -1.0])
        }
    }

    func testHostilePicklesReturnOrThrow() {
        var random = Generator(state: 0x5EED_0001)
        var refused = 0
        let count = 40_000
        for i in 0..<count {
            let input = Self.mutate(Self.pickles[i % 2], &random)
            do { _ = try NumPyPickle.loadArrays(from: input, name: "fuzz.pkl") } catch { refused += 1 }
        }
        XCTAssertGreaterThan(refused, count / 2, "most mutations must be refused")
    }

    /// A tiny IDX image file (2 images of 28x28) and a label file, and their mutations.
    func testHostileIDXReturnsOrThrows() {
        let images: [UInt8] =
            [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28] + (0..<(2 * 784)).map { UInt8($0 % 251) }
        let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9]
        XCTAssertEqual(
            try IDXReader.parse(images, path: "seed", expectedMagic: IDXReader.magic(axes: 3)).dimensions, [2, 28, 28])
        var random = Generator(state: 0x5EED_0002)
        for i in 0..<40_000 {
            let (seed, axes) = i % 2 == 0 ? (images, 3) : (labels, 1)
            _ = try? IDXReader.parse(
                Self.mutate(seed, &random), path: "fuzz", expectedMagic: IDXReader.magic(axes: axes))
        }
    }

    /// zlib behind Gzip.decompress, on mutated gzip streams of the IDX label file.
    func testHostileGzipReturnsOrThrows() throws {
        // gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9]), mtime=0) in Python 3.11.
        let gz: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 99, 96, 224, 96, 100, 96, 96, 96, 102, 103, 224, 4, 0, 165, 18, 211,
            114, 11, 0, 0, 0,
        ]
        XCTAssertEqual(try Gzip.decompress(Data(gz)), [0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9])
        var random = Generator(state: 0x5EED_0003)
        for _ in 0..<20_000 { _ = try? Gzip.decompress(Data(Self.mutate(gz, &random))) }
    }
}

/// The inputs with which libFuzzer (`make fuzz`) and a reading of the code broke the readers, kept
/// in `Fixtures/fuzz-findings/`: each must now be refused with an error (before, each trapped,
/// leaked, overflowed the stack or reserved a gigabyte).
final class FuzzFindingTests: XCTestCase {
    func finding(_ name: String) throws -> [UInt8] {
        [UInt8](
            try Data(contentsOf: TestData.fixtures.appendingPathComponent("fuzz-findings").appendingPathComponent(name))
        )
    }

    func assertRefused(_ name: String, saying text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let bytes = try finding(name)
        XCTAssertThrowsError(try NumPyPickle.loadArrays(from: bytes, name: name), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(text), "\(error)", file: file, line: line)
        }
    }

    func testAShapeThatOverflowsIsRefused() throws {
        try assertRefused("pickle-shape-product-overflow.pkl", saying: "more elements than any file holds")
        try assertRefused("pickle-shape-overflow-found.pkl", saying: "more elements than any file holds")
        try assertRefused("pickle-shape-bytes-overflow.pkl", saying: "bytes, found")
    }

    func testADictInsideADictIsRefused() throws {
        // 80 02 7d 71 00 68 00 68 00 73 2e: a dict memoised, fetched twice, set as its own key and value.
        try assertRefused("pickle-dict-cycle.pkl", saying: "a dict inside a dict")
        XCTAssertThrowsError(try NumPyPickle.loadArrays(from: try finding("pickle-leak-found.pkl"), name: "leak"))
    }

    func testDeepNestingIsRefusedBeforeItOverflowsTheStack() {
        // NONE, then 50000 TUPLE1: freeing a tuple nested that deep overflowed the stack.
        let bytes: [UInt8] = [0x80, 0x02, 0x4E] + [UInt8](repeating: 0x85, count: 50_000) + [0x2E]
        XCTAssertThrowsError(try NumPyPickle.loadArrays(from: bytes, name: "deep")) { error in
            XCTAssertTrue("\(error)".contains("more than 10000 tuples, lists and dicts"), "\(error)")
        }
    }

    func testAnIDXHeaderWhoseSizesMultiplyToIntMaxIsRefused() throws {
        // 0x0006ee87 · 0x01dcdf91 · 0x0009e9b9 = Int.max: the header length added to it overflowed.
        let bytes = try finding("idx-header-overflow.idx")
        XCTAssertThrowsError(try IDXReader.parse(bytes, path: "overflow.idx", expectedMagic: IDXReader.magic(axes: 3)))
    }

    func testAGzipTrailerCannotReserveAGigabyte() throws {
        // 18 bytes whose trailer claims 1 GiB: refused as a bad stream, with at most 64 MiB reserved.
        XCTAssertThrowsError(try Gzip.decompress(Data(try finding("gzip-1GiB-reservation.gz"))))
    }
}
