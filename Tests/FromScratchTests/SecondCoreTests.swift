import Foundation
import XCTest

@testable import FromScratch

/// Lending the second core must change the speed of a run, never its numbers.
final class SecondCoreTests: XCTestCase {
    /// The book's big products, as the two-layer and five-layer nets compute them: forward with the
    /// bias, xᵀ·dout, dout·Wᵀ, the five-layer first layer, a 10000-image evaluation.
    func testSplitProductsAreBitwiseTheProductOfOneCall() {
        var random = RandomState(seed: 7)
        let x = random.rand(100, 784), w = random.randn(784, 50), b = random.randn(1, 50), dout = random.randn(100, 50)
        let x128 = random.rand(128, 784), w100 = random.randn(784, 100), images = random.rand(10_000, 784)
        let products: [(String, () -> Matrix, (m: Int, n: Int, k: Int))] = [
            ("x·W + b", { matmul(x, w, transposingA: false, transposingB: false, addingRows: b) }, (100, 50, 784)),
            ("xᵀ·dout", { matmul(x, dout, transposingA: true, transposingB: false) }, (784, 50, 100)),
            ("dout·Wᵀ", { matmul(dout, w, transposingA: false, transposingB: true) }, (100, 784, 50)),
            ("five-layer x·W", { matmul(x128, w100) }, (128, 100, 784)),
            ("evaluation", { matmul(rows: 0..<10_000, of: images, w, addingRows: b) }, (10_000, 50, 784)),
        ]
        for (name, product, shape) in products {
            XCTAssertTrue(SecondCore.splits(m: shape.m, n: shape.n, k: shape.k), "\(name) should be shared")
            let alone = product()
            let shared = SecondCore.lend { _ in (0..<5).map { _ in product() } }
            for result in shared {
                XCTAssertEqual(result.storage, alone.storage, "\(name): split differs from one call")
            }
        }
    }

    /// Halves at or under 10^6 multiply-adds would take OpenBLAS's small-matrix kernels, which
    /// round differently: such products stay whole.
    func testSmallProductsStayWhole() {
        XCTAssertFalse(SecondCore.splits(m: 128, n: 100, k: 100), "the five-layer net's hidden products")
        XCTAssertFalse(SecondCore.splits(m: 100, n: 10, k: 50), "the output layer")
        XCTAssertFalse(SecondCore.splits(m: 100, n: 100, k: 200), "halves of exactly 10^6")
        XCTAssertTrue(SecondCore.splits(m: 100, n: 100, k: 201))
        XCTAssertFalse(SecondCore.splits(m: 1, n: 10_000, k: 10_000), "a single row cannot be halved")
    }

    func testRowsOfAProductAreTheProductOfThoseRows() {
        var random = RandomState(seed: 3)
        let a = random.randn(300, 60), b = random.randn(60, 7), bias = random.randn(1, 7)
        for range in [0..<300, 0..<1, 17..<123, 299..<300, 50..<50] {
            XCTAssertEqual(
                matmul(rows: range, of: a, b, addingRows: bias).storage,
                matmul(a.rows(range), b, transposingA: false, transposingB: false, addingRows: bias).storage,
                "rows \(range)")
        }
    }

    func testGatheringWithTheSecondCoreCopiesTheSameRows() {
        var random = RandomState(seed: 5)
        let set = random.randn(1000, 784)
        let indices = random.choice(1000, size: 100)
        let expected = indices.flatMap { set.row($0) }
        XCTAssertEqual(SecondCore.lend { _ in set.gathering(rows: indices) }.storage, expected)
        XCTAssertEqual(set.gathering(rows: indices).storage, expected)
    }

    /// A job shared in parts runs every part exactly once, whichever core takes it, and has run
    /// them all when `inParts` returns; many jobs in a row, as a training loop hands them over.
    func testEveryPartRunsOnceWhenShared() {
        for lent in [true, false] {
            let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 37)
            defer { counts.deallocate() }
            func run() {
                for job in 0..<500 {
                    let parts = 2 + job % 36
                    counts.initialize(repeating: 0)
                    // Each part writes only its own slot, so no two threads write one place.
                    SecondCore.inParts(parts) { counts[$0] += 1 }
                    XCTAssertEqual(Array(counts[..<parts]), Array(repeating: 1, count: parts), "job \(job)")
                    XCTAssertTrue(counts[parts...].allSatisfy { $0 == 0 })
                }
            }
            if lent { SecondCore.lend { _ in run() } } else { run() }
        }
    }

    func testBackgroundWorkAllRunsBeforeFinishReturns() {
        final class Tally: @unchecked Sendable {
            let lock = NSLock()
            var seen: [Int] = []
            func add(_ i: Int) { lock.withLock { seen.append(i) } }
        }
        for nested in [false, true] {
            let tally = Tally()
            let queue = { (core: SecondCore) in
                for i in 0..<200 {
                    core.inBackground {
                        usleep(20); tally.add(i)
                    }
                }
                core.finishBackground()
            }
            // Nested, the inner lend has no helper: its work runs in finishBackground.
            SecondCore.lend { outer in nested ? SecondCore.lend { queue($0) } : queue(outer) }
            XCTAssertEqual(tally.seen.sorted(), Array(0..<200), nested ? "nested lend" : "lend")
        }
    }

    /// `train` shares its products with the second core and measures the accuracies there in
    /// chunks: the history must be exactly that of the plain loop measuring in line.
    func testTrainingWithTheSecondCoreRecordsWhatThePlainLoopRecords() {
        var random = RandomState(seed: 11)
        let trainImages = random.rand(5000, 784), testImages = random.rand(2500, 784)
        let trainLabels = random.randint(10, count: 5000), testLabels = random.randint(10, count: 2500)
        let schedule = TrainingSchedule(iterations: 120, batchSize: 100, learningRate: 0.5)

        var seeded = RandomState(seed: 0)
        let net = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, activation: .sigmoid, random: &seeded)
        let plain = net.copy()
        let history = train(
            net, trainImages: trainImages, trainLabels: trainLabels, testImages: testImages,
            testLabels: testLabels, schedule: schedule, random: &seeded)

        var again = RandomState(seed: 0)
        _ = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, activation: .sigmoid, random: &again)
        var losses: [Double] = [], trainAccuracy: [Double] = [], testAccuracy: [Double] = []
        var sgd = SGD(learningRate: schedule.learningRate)
        for i in 0..<schedule.iterations {
            let mask = again.choice(5000, size: 100)
            let x = trainImages.gathering(rows: mask), t = mask.map { trainLabels[$0] }
            losses.append(plain.trainingStep(x, labels: t, optimizer: &sgd))
            if i % 50 == 0 {
                trainAccuracy.append(plain.accuracy(trainImages, labels: trainLabels))
                testAccuracy.append(plain.accuracy(testImages, labels: testLabels))
            }
        }
        XCTAssertEqual(history.losses, losses)
        XCTAssertEqual(history.evaluatedAt, [0, 50, 100])
        XCTAssertEqual(history.trainAccuracy, trainAccuracy)
        XCTAssertEqual(history.testAccuracy, testAccuracy)
        XCTAssertGreaterThan(Set(trainAccuracy).count, 1, "the accuracies should move, or the comparison says little")
    }

    /// Jobs handed their items keep the order of their results, and each item is let go when
    /// its job ends, not when the last job does: a finished network does not stay in memory.
    func testHandedOverItemsAreLetGoWhenTheirJobEnds() {
        final class Item: @unchecked Sendable {
            let value: Int
            init(_ value: Int) { self.value = value }
        }
        weak var first: Item?
        var items = (0..<6).map(Item.init)
        first = items[0]
        var firstGoneBeforeTheLastJobEnded = false
        let results = parallelMap(handingOver: consume items) { item -> Int in
            if item.value == 5 {
                // The last job waits (at most 10 s) for item 0 to be let go.
                let deadline = Date() + 10
                while first != nil && Date() < deadline { usleep(100) }
                firstGoneBeforeTheLastJobEnded = first == nil
            }
            return item.value * 10
        }
        XCTAssertEqual(results, [0, 10, 20, 30, 40, 50])
        XCTAssertTrue(firstGoneBeforeTheLastJobEnded, "item 0 was held until every job had ended")
    }

    /// Jobs sharing inputs: every job takes every input once, in order, and each input is
    /// prepared once per group of jobs (one group per usable core), not once per job.
    func testJobsSharingInputsTakeEachInputInOrder() {
        let lock = NSLock()
        var prepared = 0
        var seen = [[Int]](repeating: [], count: 5)
        parallelSharingInputs(
            jobs: 5, steps: 7,
            prepare: { i in
                lock.withLock { prepared += 1 }
                return i * 100
            }
        ) { job, i, input in
            XCTAssertEqual(input, i * 100)
            lock.withLock { seen[job].append(i) }
        }
        XCTAssertEqual(seen, [[Int]](repeating: Array(0..<7), count: 5))
        XCTAssertEqual(prepared, 7 * min(5, SecondCore.usableCPUs), "each group prepares each input once")
    }
}
