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
/// Usage: bench <mnist-dir> [--quick] [--only a,b]
///                                             time the workloads (with --only, those whose
///                                             names contain a or b), print JSON
///        bench --table swift.json [numpy.json [numpy-threads.json]]
///                                             print the comparison table: NumPy with one BLAS
///                                             thread, and with its default threads
///        bench --memory <mnist-dir> [--no-numpy]
///                                             peak memory of whole runs, ours and the
///                                             book's way (PeakMemory.swift), print JSON
///        bench --memory-table memory.json     print the peak-memory table

func timed(_ repetitions: Int, _ body: () -> Void) -> [Double] {
    (0..<repetitions).map { _ in
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// Marks the single-network workloads timed without the second core.
let oneCore = " (one core)"
/// Marks the whole runs timed with every product dense (the images without their nonzero list).
let denseProducts = " (dense products)"
/// The key under which the Swift side's JSON says how many pixels are nonzero.
let sparsityKey = "images"

/// The same elements without the compressed rows: every product with it goes to dgemm.
func densely(_ m: Matrix) -> Matrix { Matrix(rows: m.rows, cols: m.cols, storage: m.storage) }
/// The key under which each side's JSON names its BLAS library, kernels and threads.
let blasKey = "blas"

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "--table" {
    printTable(swiftFile: arguments[2], numpyFiles: Array(arguments.dropFirst(3)))
    exit(0)
}
if arguments.count == 3, arguments[1] == "--memory-table" {
    PeakMemory.printTable(file: arguments[2])
    exit(0)
}
if arguments.count >= 3, arguments[1] == "--memory" {
    setenv("MNIST_DIR", arguments[2], 1)
    do {
        let peaks = try PeakMemory.measureAll(
            toolFolder: URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().path, mnist: arguments[2],
            withNumPy: !arguments.contains("--no-numpy"))
        print(
            "{" + peaks.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
        exit(1)
    }
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: bench <mnist-dir> [--quick] [--only a,b]\n".utf8))
    exit(2)
}
let quick = arguments.contains("--quick")
/// `--only a,b`: time only the workloads whose names contain a or b, to compare a few quickly.
let only =
    arguments.firstIndex(of: "--only").flatMap { arguments.indices.contains($0 + 1) ? $0 + 1 : nil }
    .map { arguments[$0].split(separator: ",").map(String.init) } ?? []
let mnist: MNIST
do {
    mnist = try MNIST.load(from: URL(fileURLWithPath: arguments[1]))
} catch {
    FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
    exit(1)
}
var results: [(String, [Double])] = []

/// Times one workload, unless `--only` leaves it out.
func record(_ name: String, _ measure: () -> [Double]) {
    guard only.isEmpty || only.contains(where: { name.contains($0) }) else { return }
    results.append((name, measure()))
}
var random = RandomState(seed: 0)

// dgemm on the book's largest shape, for the machine's peak.
let a = random.randn(100, 784), b = random.randn(784, 50)
record("dgemm 100x784 x 784x50") { timed(7) { for _ in 0..<200 { _ = matmul(a, b) } }.map { $0 / 200 } }
// The same product split over both cores: how much the second core gives right now (on a busy
// virtual machine, sometimes little; see bench/two_cores.c).
record("dgemm 100x784 x 784x50 (both cores)") {
    SecondCore.lend { _ in timed(7) { for _ in 0..<200 { _ = matmul(a, b) } } }.map { $0 / 200 }
}

// The first layer's two image products on a real mini-batch (81% of MNIST's pixels are 0), with
// dense operands through dgemm and from the batch's nonzero entries alone, as the training runs them.
let batch = mnist.trainImages.gathering(rows: Array(0..<100))
let denseBatch = densely(batch), delta = random.randn(100, 50)
for (suffix, x) in [(" (dense)", denseBatch), (" (skipping zeros)", batch)] {
    record("x·W1, an MNIST batch" + suffix) { timed(7) { for _ in 0..<200 { _ = matmul(x, b) } }.map { $0 / 200 } }
    record("xᵀ·δ, an MNIST batch" + suffix) {
        timed(7) { for _ in 0..<200 { _ = matmul(x, delta, transposingA: true, transposingB: false) } }.map { $0 / 200 }
    }
}

// Single-network workloads, each measured twice: with the second core lent to the network
// (`SecondCore`: its big products and batch gathering shared by both cores), as the chapters
// train, and on one core, to show what the sharing adds and the loop's share of the dgemm peak.
let steps = 200
for lent in [true, false] {
    let suffix = lent ? "" : oneCore
    func measure(_ repetitions: Int, _ body: () -> Void) -> [Double] {
        lent ? SecondCore.lend { _ in timed(repetitions, body) } : timed(repetitions, body)
    }
    let two = TwoLayerNet(inputSize: 784, hiddenSize: 50, outputSize: 10, activation: .relu, random: &random)
    var twoSGD = SGD(learningRate: 0.1)
    record("two-layer step" + suffix) {
        measure(5) {
            for _ in 0..<steps {
                let mask = random.choice(60_000, size: 100)
                let x = mnist.trainImages.gathering(rows: mask), t = mask.map { mnist.trainLabels[$0] }
                two.trainingStep(x, labels: t, optimizer: &twoSGD)
            }
        }.map { $0 / Double(steps) }
    }

    let five = MultiLayerNet(
        inputSize: 784, hiddenSizes: [100, 100, 100, 100], outputSize: 10, activation: .relu,
        weightInit: .he, random: &random)
    var sgd = SGD(learningRate: 0.01)
    record("five-layer step" + suffix) {
        measure(5) {
            for _ in 0..<steps {
                let mask = random.choice(60_000, size: 128)
                five.trainingStep(
                    mnist.trainImages.gathering(rows: mask), labels: mask.map { mnist.trainLabels[$0] },
                    optimizer: &sgd)
            }
        }.map { $0 / Double(steps) }
    }

    record("accuracy, 10000 images" + suffix) {
        measure(5) {
            _ = two.accuracy(mnist.testImages, labels: mnist.testLabels)
        }
    }
}

// The book's whole runs of DLfS 4.5 (sigmoid) and 5.7.4 (ReLU), as the chapters run them, and
// once more with every product dense, to show what skipping the zeros gives.
/// One whole run of chapter `chapter`'s training on the given images.
func recordChapterRun<Images: InputRows>(
    _ chapter: Int, _ activation: Activation, _ suffix: String, train: Images, test: Images
) {
    record("chapter \(chapter) run (10000 iterations + 17 evaluations)" + suffix) {
        timed(quick ? 1 : 3) {
            var random = RandomState(seed: 0)
            let net = TwoLayerNet(
                inputSize: 784, hiddenSize: 50, outputSize: 10, activation: activation, random: &random)
            _ = FromScratch.train(
                net, trainImages: train, trainLabels: mnist.trainLabels, testImages: test,
                testLabels: mnist.testLabels, schedule: TrainingSchedule(), random: &random)
        }
    }
}
for (chapter, activation) in [(4, Activation.sigmoid), (5, .relu)] {
    recordChapterRun(chapter, activation, "", train: mnist.trainImages, test: mnist.testImages)
    recordChapterRun(
        chapter, activation, denseProducts, train: mnist.trainImages.denseMatrix(),
        test: mnist.testImages.denseMatrix())
}

// Whole chapter-6 experiments, shortened, run by the chapters' own code: the independent
// networks of one experiment train in parallel (the book's draws are made first, in its order).
var comparison = MNISTComparison.bookSetup
comparison.iterations = quick ? 100 : 500
record("optimizer comparison (4 nets x \(comparison.iterations) iterations)") {
    timed(quick ? 1 : 3) {
        _ = MNISTComparison.run(comparison, images: mnist.trainImages, labels: mnist.trainLabels)
    }
}

var search = HyperparameterSearch.Setup()
search.trials = quick ? 2 : 10
record("random search (\(search.trials) trials x \(search.epochs) epochs)") {
    timed(quick ? 1 : 3) {
        _ = HyperparameterSearch.run(
            search, images: mnist.trainImages.rows(0..<search.images),
            labels: Array(mnist.trainLabels[0..<search.images]))
    }
}

// Which OpenBLAS kernels and how many threads the timings ran with, for the table's footer.
let blas = "OpenBLAS \(BLAS.kernelDescription), \(openblas_get_num_threads()) thread(s)"
func nonzeroShare(_ m: CompressedMatrix) -> String {
    String(format: "%.1f%%", 100 * Double(m.entries.nonzeroCount) / Double(m.rows * m.cols))
}
let sparsity =
    "nonzero pixels: \(nonzeroShare(mnist.trainImages)) of the training set, \(nonzeroShare(mnist.testImages)) of the test set"
print(
    "{\"\(blasKey)\": \"\(blas)\", \"\(sparsityKey)\": \"\(sparsity)\", "
        + results.map { "\"\($0.0)\": [" + $0.1.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ")
        + "}")

// MARK: - The table

/// Median of repeated timings: robust to a repetition disturbed by the rest of the machine.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// The timings of one side (workload -> seconds per repetition), its BLAS description and, on
/// the Swift side, its note on the images' nonzero pixels.
func readTimings(_ path: String) -> (times: [String: [Double]], blas: String, sparsity: String?)? {
    guard let data = FileManager.default.contents(atPath: path),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return (
        object.compactMapValues { $0 as? [Double] }, object[blasKey] as? String ?? "BLAS not reported",
        object[sparsityKey] as? String
    )
}

/// One table: Swift, then NumPy with one BLAS thread (the same footing), then NumPy as a reader
/// runs it, with its default threads; each NumPy column with its ratio to Swift.
func printTable(swiftFile: String, numpyFiles: [String]) {
    guard let (swift, swiftBLAS, sparsity) = readTimings(swiftFile) else {
        print("bench: cannot read \(swiftFile)")
        exit(1)
    }
    let numpy = numpyFiles.compactMap(readTimings)
    let titles = ["NumPy, 1 thread", "NumPy, default threads"]
    func seconds(_ s: Double) -> String { s >= 1 ? String(format: "%.2f s", s) : String(format: "%.3f ms", s * 1000) }
    let single = ["two-layer step", "five-layer step", "accuracy, 10000 images"]
    let products = ["x·W1, an MNIST batch", "xᵀ·δ, an MNIST batch"].flatMap {
        [$0 + " (dense)", $0 + " (skipping zeros)"]
    }
    let fixed =
        ["dgemm 100x784 x 784x50", "dgemm 100x784 x 784x50 (both cores)"] + products + single
        + single.map { $0 + oneCore }
        + (4...5).map { "chapter \($0) run (10000 iterations + 17 evaluations)" }.flatMap { [$0, $0 + denseProducts] }
    let order = fixed + swift.keys.filter { !fixed.contains($0) }.sorted()
    print("| workload | Swift |" + numpy.indices.map { " \(titles[$0]) | ratio |" }.joined())
    print("|---|---|" + String(repeating: "---|---|", count: numpy.count))
    for name in order {
        guard let ours = swift[name].map(median) else { continue }
        // NumPy's single-network workloads are the same with or without our second core.
        // The dense and zero-skipping runs are both set beside NumPy's one run.
        let key = [oneCore, " (both cores)", denseProducts].reduce(name) { $0.replacingOccurrences(of: $1, with: "") }
        let cells = numpy.map { side -> String in
            guard let theirs = side.times[key].map(median) else { return " — | — |" }
            return " \(seconds(theirs)) | " + String(format: "%.2fx", theirs / ours) + " |"
        }
        print("| \(name) | \(seconds(ours)) |" + cells.joined())
    }
    print(
        "\nratio: NumPy's time over ours. Swift: \(swiftBLAS)"
            + zip(titles, numpy).map { "; \($0): \($1.blas)" }.joined() + ".")
    if numpy.isEmpty { print("(no NumPy: python3 -m pip install numpy for the reference columns)") }
    if let sparsity { print(sparsity + ".") }
    if let dgemm = swift["dgemm 100x784 x 784x50"].map(median),
        let oneCoreStep = swift["two-layer step" + oneCore].map(median),
        let step = swift["two-layer step"].map(median)
    {
        let peak = 2.0 * 100 * 784 * 50 / dgemm / 1e9
        // A book step: forward, backward (no input gradient for the first layer), loss forward again.
        let stepFlops = 3 * 2.0 * 100 * 784 * 50 + 5 * 2.0 * 100 * 50 * 10
        let (alone, shared) = (stepFlops / oneCoreStep / 1e9, stepFlops / step / 1e9)
        print(
            String(
                format: "\none-thread dgemm (100x784 by 784x50): %.1f GFLOP/s; the two-layer training step does the "
                    + "work of dense products at %.1f GFLOP/s on one core, %.0f%% of that peak (%.1f GFLOP/s with the "
                    + "second core lent); skipping the images' zeros, it multiplies about a fifth of those numbers",
                peak, alone, 100 * alone / peak, shared))
    }
}
