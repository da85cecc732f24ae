import BookChecks
import Datasets
import Foundation
import FromScratch
import MNISTTraining

/// DLfS 6.1.8 (`optimizer_compare_mnist.py`, fig 6-9): the optimizers train the same kind of
/// network on MNIST side by side.
///
/// Each optimizer gets its own 784-100-100-100-100-10 ReLU net with He initial weights (the
/// book's `MultiLayerNet` defaults), and all of them see the same 2000 mini-batches of 128
/// images, drawn with replacement. The optimizers keep the defaults of the book's classes
/// (lr 0.01; Adam 0.001). As in the book, `numpy.random.seed(seed)` is followed by every net's
/// weights, in the optimizers' order, and then by the batches, so a run repeats exactly.
public struct MNISTComparison: Sendable {
    public struct Setup: Hashable, Sendable {
        public var optimizers: [OptimizerKind]
        public var hiddenSizes: [Int]
        public var iterations: Int
        public var batchSize: Int
        public var seed: UInt32
        /// Train on the first n training images only (quick runs); nil for all 60000.
        public var trainingImages: Int?

        /// The book's optimizers, in the book's order.
        public static let bookOptimizers: [OptimizerKind] = [.sgd, .momentum, .adagrad, .adam]

        public init(optimizers: [OptimizerKind] = bookOptimizers, hiddenSizes: [Int] = [100, 100, 100, 100],
                    iterations: Int = 2000, batchSize: Int = 128, seed: UInt32 = 0, trainingImages: Int? = nil) {
            self.optimizers = optimizers
            self.hiddenSizes = hiddenSizes
            self.iterations = iterations
            self.batchSize = batchSize
            self.seed = seed
            self.trainingImages = trainingImages
        }

        public var architecture: String { ([784] + hiddenSizes + [10]).map(String.init).joined(separator: "-") }
    }

    public let setup: Setup
    /// The mini-batch loss after each iteration's update, per optimizer.
    public let losses: [OptimizerKind: [Double]]
    public let seconds: Double

    /// The curve the book draws: `smooth_curve` of the losses.
    public func smoothed(_ kind: OptimizerKind) -> [Double] { LossSmoothing.smoothCurve(losses[kind]!) }

    /// Iterations averaged for the final loss: the last 100 (the book's report interval).
    public static let finalWindow = 100

    /// The mean loss over the last 100 iterations: where training has got to, without the
    /// noise of single batches.
    public func finalLoss(_ kind: OptimizerKind) -> Double {
        let tail = losses[kind]!.suffix(Self.finalWindow)
        return tail.reduce(0, +) / Double(tail.count)
    }

    /// The mean loss over the whole run: the area under the curve, small when learning is fast.
    public func meanLoss(_ kind: OptimizerKind) -> Double {
        let all = losses[kind]!
        return all.reduce(0, +) / Double(all.count)
    }

    /// Trains as `setup` says on MNIST from `MNIST_DIR` or the user cache (once per process).
    public static func run(_ setup: Setup, showProgress: Bool = true) throws -> MNISTComparison {
        try cache.value(for: setup) {
            let mnist = try MNISTData.shared()
            let count = min(setup.trainingImages ?? mnist.trainImages.rows, mnist.trainImages.rows)
            return run(setup, images: mnist.trainImages.rows(0..<count), labels: Array(mnist.trainLabels[0..<count]),
                       showProgress: showProgress)
        }
    }

    /// The book's loop on the given images: weights for every net, then per iteration one batch
    /// that every optimizer trains on. The batches are drawn first, in the book's order, so the
    /// networks can then train in parallel and still see the book's batches.
    public static func run(_ setup: Setup, images: Matrix, labels: [Int], showProgress: Bool = false) -> MNISTComparison {
        precondition(images.rows == labels.count && images.rows > 0, "MNISTComparison: \(images.rows) images, \(labels.count) labels")
        var random = RandomState(seed: setup.seed)
        let nets = setup.optimizers.map { _ in
            MultiLayerNet(inputSize: MNIST.pixelsPerImage, hiddenSizes: setup.hiddenSizes, outputSize: MNIST.classCount,
                          activation: .relu, weightInit: .he, random: &random)
        }
        let batches = SideBySideTraining.drawBatches(iterations: setup.iterations, trainSize: images.rows,
                                                     batchSize: setup.batchSize, random: &random)
        let names = setup.optimizers.map(\.bookName).joined(separator: ", ")
        let bar = showProgress ? SharedProgressBar("training \(setup.architecture) with \(names)",
                                                   total: setup.iterations * nets.count, every: 20) : nil
        let started = Date()
        let losses = SideBySideTraining.train(nets, optimizers: setup.optimizers.map { $0.make() }, images: images, labels: labels,
                                              batches: batches) { _, _, _ in bar?.advance() }
        return MNISTComparison(setup: setup, losses: Dictionary(uniqueKeysWithValues: zip(setup.optimizers, losses)),
                               seconds: Date().timeIntervalSince(started))
    }

    private static let cache = RunCache<Setup, MNISTComparison>()

    // MARK: - The book's reading of fig 6-9

    /// "The other three learn faster than SGD": every other optimizer ends below half of SGD's loss
    /// and has the lower loss over the run as a whole.
    public var othersLearnFaster: Finding {
        let sgd = Self.finalLossSummary(self)
        let others = setup.optimizers.filter { $0 != .sgd }
        let holds = losses[.sgd] != nil && !others.isEmpty && others.allSatisfy {
            finalLoss($0) < finalLoss(.sgd) / 2 && meanLoss($0) < meanLoss(.sgd)
        }
        return Finding(.claim(holds: holds, detail: "final loss (mean of the last \(Self.finalWindow) iterations): \(sgd)"))
    }

    /// "Looked at closely, AdaGrad learns a little faster": AdaGrad has the lowest loss over the run.
    public var adagradSlightlyFastest: Finding {
        let ranked = setup.optimizers.sorted { meanLoss($0) < meanLoss($1) }
        return Finding(.claim(holds: ranked.first == .adagrad,
                              detail: "mean loss over all \(setup.iterations) iterations: "
                                  + ranked.map { "\($0.bookName) \(String(format: "%.3f", meanLoss($0)))" }.joined(separator: ", ")))
    }

    static func finalLossSummary(_ run: MNISTComparison) -> String {
        run.setup.optimizers.map { "\($0.bookName) \(String(format: "%.3f", run.finalLoss($0)))" }.joined(separator: ", ")
    }

    /// A row's finding from the book's run, or the error (MNIST missing, say) as the result.
    static func bookFinding(_ claim: (MNISTComparison) -> Finding) -> Finding { .catching { claim(try run(Setup())) } }

    static let rows: [String: () -> Finding] = [
        "mnist-others-faster": { bookFinding(\.othersLearnFaster) },
        "mnist-adagrad-fastest": { bookFinding(\.adagradSlightlyFastest) },
    ]
}
