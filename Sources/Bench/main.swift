import COpenBLAS
import Datasets
import Foundation
import FromScratch
import OptimizersChapter
import RegularizationChapter

/// `bench`: times the project's workloads and prints them as JSON (workload -> seconds per
/// repetition), for `make bench` to set beside the NumPy reference's. Not a test: it asserts
/// nothing about time.
///
/// Usage: bench <mnist-dir> [--quick]          time the workloads, print JSON
///        bench --table swift.json [numpy.json]  print the comparison table

func timed(_ repetitions: Int, _ body: () -> Void) -> [Double] {
    (0..<repetitions).map { _ in
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "--table" {
    printTable(swiftFile: arguments[2], numpyFile: arguments.count > 3 ? arguments[3] : nil)
    exit(0)
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: bench <mnist-dir> [--quick]\n".utf8))
    exit(2)
}
let quick = arguments.contains("--quick")
let mnist: MNIST
do {
    mnist = try MNIST.load(from: URL(fileURLWithPath: arguments[1]))
} catch {
    FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
    exit(1)
}
var results: [(String, [Double])] = []
var random = RandomState(seed: 0)

// dgemm on the book's largest shape, for the machine's peak.
let a = random.randn(100, 784), b = random.randn(784, 50)
let dgemmRuns = timed(7) { for _ in 0..<200 { _ = matmul(a, b) } }.map { $0 / 200 }
results.append(("dgemm 100x784 x 784x50", dgemmRuns))

let steps = 200
let two = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, activation: .relu, random: &random)
results.append(("two-layer step", timed(5) {
    for _ in 0..<steps {
        let mask = random.choice(60_000, size: 100)
        let x = mnist.trainImages.gathering(rows: mask), t = mask.map { mnist.trainLabels[$0] }
        two.trainingStep(x, labels: t, learningRate: 0.1)
        _ = two.loss(x, labels: t)
    }
}.map { $0 / Double(steps) }))

let five = MultiLayerNet(inputSize: 784, hiddenSizes: [100, 100, 100, 100], outputSize: 10, activation: .relu,
                         weightInit: .he, random: &random)
var sgd = SGD(learningRate: 0.01)
results.append(("five-layer step", timed(5) {
    for _ in 0..<steps {
        let mask = random.choice(60_000, size: 128)
        five.trainingStep(mnist.trainImages.gathering(rows: mask), labels: mask.map { mnist.trainLabels[$0] },
                          optimizer: &sgd)
    }
}.map { $0 / Double(steps) }))

results.append(("accuracy, 10000 images", timed(5) { _ = two.accuracy(mnist.testImages, labels: mnist.testLabels) }))

results.append(("chapter 4 run (10000 iterations + 17 evaluations)", timed(quick ? 1 : 3) {
    var random = RandomState(seed: 0)
    let net = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, activation: .sigmoid, random: &random)
    _ = train(net, trainImages: mnist.trainImages, trainLabels: mnist.trainLabels, testImages: mnist.testImages,
              testLabels: mnist.testLabels, schedule: TrainingSchedule(), random: &random)
}))

// Whole chapter-6 experiments, shortened, run by the chapters' own code: the independent
// networks of one experiment train in parallel (the book's draws are made first, in its order).
var comparison = MNISTComparison.Setup()
comparison.iterations = quick ? 100 : 500
results.append(("optimizer comparison (4 nets x \(comparison.iterations) iterations)", timed(quick ? 1 : 3) {
    _ = MNISTComparison.run(comparison, images: mnist.trainImages, labels: mnist.trainLabels)
}))

var search = HyperparameterSearch.Setup()
search.trials = quick ? 2 : 10
results.append(("random search (\(search.trials) trials x \(search.epochs) epochs)", timed(quick ? 1 : 3) {
    _ = HyperparameterSearch.run(search, images: mnist.trainImages.rows(0..<search.images),
                                 labels: Array(mnist.trainLabels[0..<search.images]))
}))

print("{" + results.map { "\"\($0.0)\": [" + $0.1.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "}")

// MARK: - The table

/// Median of repeated timings: robust to a repetition disturbed by the rest of the machine.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func readTimings(_ path: String) -> [String: [Double]]? {
    guard let data = FileManager.default.contents(atPath: path),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: [Double]] else { return nil }
    return object
}

func printTable(swiftFile: String, numpyFile: String?) {
    guard let swift = readTimings(swiftFile) else {
        print("bench: cannot read \(swiftFile)")
        exit(1)
    }
    let numpy = numpyFile.flatMap(readTimings)
    func seconds(_ s: Double) -> String { s >= 1 ? String(format: "%.2f s", s) : String(format: "%.3f ms", s * 1000) }
    let fixed = ["dgemm 100x784 x 784x50", "two-layer step", "five-layer step", "accuracy, 10000 images",
                 "chapter 4 run (10000 iterations + 17 evaluations)"]
    let order = fixed + swift.keys.filter { !fixed.contains($0) }.sorted()
    print("| workload | Swift | NumPy | NumPy / Swift |")
    print("|---|---|---|---|")
    for name in order {
        guard let ours = swift[name].map(median) else { continue }
        let theirs = numpy?[name].map(median)
        let ratio = theirs.map { String(format: "%.2fx", $0 / ours) } ?? "—"
        print("| \(name) | \(seconds(ours)) | \(theirs.map(seconds) ?? "— (no NumPy)") | \(ratio) |")
    }
    if let dgemm = swift["dgemm 100x784 x 784x50"].map(median), let step = swift["two-layer step"].map(median) {
        let peak = 2.0 * 100 * 784 * 50 / dgemm / 1e9
        // A book step: forward, backward (no input gradient for the first layer), loss forward again.
        let stepFlops = 3 * 2.0 * 100 * 784 * 50 + 5 * 2.0 * 100 * 50 * 10
        let effective = stepFlops / step / 1e9
        print(String(format: "\none-thread dgemm (100x784 by 784x50): %.1f GFLOP/s; the two-layer training step runs its "
                     + "products at %.1f GFLOP/s, %.0f%% of that peak", peak, effective, 100 * effective / peak))
    }
}
