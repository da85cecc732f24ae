/// Speed: a reader can skip this file. It measures a training run's per-epoch accuracies on the
/// machine's second core while the run goes on (`train` in Training.swift).
import Foundation

/// Accuracy measurements queued as background work on the second core, a chunk of images per
/// item, their results kept in order.
public final class EpochAccuracies<Images: InputRows>: @unchecked Sendable {
    /// Images per background item. 2500 divides MNIST's 60000 and 10000, and keeps each item's
    /// second-layer product (2500 x 50 x 10) on the OpenBLAS path that one product over the whole
    /// set takes, so the accuracies are those of the book's single call. (Smaller items let the
    /// helper return to the training step sooner, but measured no faster overall.)
    static var chunkRows: Int { 2500 }

    private let core: SecondCore
    private let sets: [(images: Images, labels: [Int])]
    private let lock = NSLock()
    /// Per evaluation: correct predictions per set, and the items still to run.
    private var correct: [[Int]] = []
    private var itemsLeft: [Int] = []

    private init(core: SecondCore, sets: [(Images, [Int])]) {
        self.core = core
        self.sets = sets.map { (images: $0.0, labels: $0.1) }
    }

    /// Runs `body` with the second core lent to it (its products are shared, `SecondCore`) and
    /// accuracies on `sets` measured in the background whenever `body` asks.
    public static func measuring<T>(on sets: [(Images, [Int])], _ body: (EpochAccuracies) throws -> T) rethrows -> T {
        try SecondCore.lend { core in try body(EpochAccuracies(core: core, sets: sets)) }
    }

    /// Queues the accuracy of the network as it is now on every set (a copy is measured).
    public func measure(_ net: TwoLayerNet) {
        let snapshot = net.copy()
        let index = lock.withLock {
            correct.append(Array(repeating: 0, count: sets.count))
            itemsLeft.append(0)
            return correct.count - 1
        }
        for (s, set) in sets.enumerated() {
            for start in stride(from: 0, to: set.images.rows, by: Self.chunkRows) {
                let end = min(start + Self.chunkRows, set.images.rows)
                lock.withLock { itemsLeft[index] += 1 }
                core.inBackground {
                    let count = snapshot.correctPredictions(rows: start..<end, of: set.images, labels: set.labels)
                    self.lock.withLock {
                        self.correct[index][s] += count
                        self.itemsLeft[index] -= 1
                    }
                }
            }
        }
    }

    /// The (train, test) accuracies of the measurements finished so far, in order, up to the
    /// first one still running.
    public func finished() -> ([Double], [Double]) {
        lock.withLock {
            let done = itemsLeft.prefix { $0 == 0 }.indices
            let share = { (e: Int, s: Int) in Double(self.correct[e][s]) / Double(self.sets[s].images.rows) }
            return (done.map { share($0, 0) }, done.map { share($0, 1) })
        }
    }

    /// Every measurement's accuracies, once all have finished.
    public func all() -> ([Double], [Double]) {
        core.finishBackground()
        return finished()
    }
}

extension TwoLayerNet {
    /// An independent net with the same weights (and the same δ), to evaluate on the second core
    /// while this one trains on.
    public func copy() -> TwoLayerNet {
        TwoLayerNet(
            affine1: AffineLayer(weights: affine1.w, bias: affine1.b),
            affine2: AffineLayer(weights: affine2.w, bias: affine2.b),
            activation: activation, lossDelta: lastLayer.delta)
    }

    /// `predict` for rows `range` of `x`, for evaluation: the rows are read where they lie, and
    /// nothing is kept for a backward pass (the hidden layer is a fresh one), so several threads
    /// may evaluate one network at once. The same arithmetic as `predict`, bit for bit.
    public func scores(rows range: Range<Int>, of x: some InputRows) -> Matrix {
        let h = Self.hiddenLayer(activation).forward(x.product(rows: range, times: affine1.w, addingRows: affine1.b))
        return matmul(h, affine2.w, transposingA: false, transposingB: false, addingRows: affine2.b)
    }
}
