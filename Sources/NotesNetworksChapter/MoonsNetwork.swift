import Datasets
import Foundation
import FromScratch

/// The data of seed 001: `np.random.seed(0); X, y = sklearn.datasets.make_moons(200, noise=0.20)`.
public enum MoonsData {
    public static let samples = 200
    public static let noise = 0.20

    /// The notes' 200 points (after seed 0), or those of another seed.
    public static func moons(seed: UInt32 = 0) -> (x: Matrix, y: [Int]) {
        if seed == 0 { return notes }
        return draw(seed: seed)
    }

    static let notes = draw(seed: 0)

    static func draw(seed: UInt32) -> (x: Matrix, y: [Int]) {
        var random = RandomState(seed: seed)
        return makeMoons(samples: samples, noise: noise, random: &random)
    }
}

/// The parameters of seed 001's network, 2 inputs → H tanh units (隐藏层) → 2 softmax outputs.
public struct MoonsModel: Sendable, Equatable {
    public var w1: Matrix, b1: Matrix, w2: Matrix, b2: Matrix

    public var hidden: Int { w1.cols }

    /// `build_model`'s start: `np.random.seed(seed)`, then `randn(2, H) / sqrt(2)`,
    /// `randn(H, 2) / sqrt(H)` from the same stream, and zero biases.
    public init(hidden: Int, seed: UInt32) {
        precondition(hidden >= 1, "MoonsModel: the hidden layer needs at least one unit, got \(hidden)")
        var random = RandomState(seed: seed)
        w1 = random.randn(2, hidden) / Double(2).squareRoot()
        b1 = Matrix.zeros(1, hidden)
        w2 = random.randn(hidden, 2) / Double(hidden).squareRoot()
        b2 = Matrix.zeros(1, 2)
    }

    public init(w1: Matrix, b1: Matrix, w2: Matrix, b2: Matrix) {
        (self.w1, self.b1, self.w2, self.b2) = (w1, b1, w2, b2)
    }

    /// The same model with one weight moved to the next representable double (up or down):
    /// a perturbation as small as one rounding, to measure how much the run depends on rounding.
    public func nudged(_ nudge: MoonsNudge) -> MoonsModel {
        var model = self
        switch nudge.matrix {
        case .w1: model.w1[flat: nudge.index] = nudge.up ? w1[flat: nudge.index].nextUp : w1[flat: nudge.index].nextDown
        case .w2: model.w2[flat: nudge.index] = nudge.up ? w2[flat: nudge.index].nextUp : w2[flat: nudge.index].nextDown
        }
        return model
    }
}

/// One starting weight moved by one ulp, written `w1.2+` or `w2.0-` (flat, row-major index).
public struct MoonsNudge: Sendable, Hashable, CustomStringConvertible {
    public enum Weights: String, Sendable { case w1, w2 }
    public var matrix: Weights
    public var index: Int
    public var up: Bool

    public init(_ matrix: Weights, _ index: Int, up: Bool) {
        (self.matrix, self.index, self.up) = (matrix, index, up)
    }

    public init?(_ text: String) {
        let lowered = text.lowercased()
        guard lowered.count >= 5, let sign = lowered.last, sign == "+" || sign == "-",
            let weights = Weights(rawValue: String(lowered.prefix(2))),
            lowered.dropFirst(2).first == ".",
            let index = Int(lowered.dropFirst(3).dropLast()), index >= 0
        else { return nil }
        self.init(weights, index, up: sign == "+")
    }

    public var description: String { "\(matrix.rawValue).\(index)\(up ? "+" : "-")" }

    /// Every one-ulp nudge of a model with `hidden` units: each of the 4H weights, up and down.
    public static func all(hidden: Int) -> [MoonsNudge] {
        [Weights.w1, .w2].flatMap { matrix in
            (0..<(2 * hidden)).flatMap { index in
                [MoonsNudge(matrix, index, up: true), MoonsNudge(matrix, index, up: false)]
            }
        }
    }
}

/// How the matrix products of a run are summed.
public enum MoonsProducts: String, CaseIterable, Sendable {
    /// Plain loops, left to right, no fused multiply-add (`referenceMatmul`): the same bits
    /// whichever BLAS is installed. The book checks and the figures use it.
    case plain
    /// OpenBLAS's `dgemm` (`matmul`), as NumPy does: its kernels, and so the last bits, depend
    /// on the CPU and the OpenBLAS build.
    case blas

    func product(_ a: Matrix, _ b: Matrix) -> Matrix {
        switch self {
        case .plain: return referenceMatmul(a, b)
        case .blas: return matmul(a, b)
        }
    }
}

/// How seed 001 trains the network (`build_model`), with the notes' values as defaults.
public struct MoonsTraining: Sendable {
    public var hidden = 3
    public var passes = 20_000
    /// ε, the learning rate of full-batch gradient descent (学习率).
    public var epsilon = 0.01
    /// λ, the weight of the L2 penalty (正规化权重), added to dW1 and dW2 only.
    public var lambda = 0.01
    /// d of the exercise's annealing ε = ε0 / (1 + d·t), or nil for a constant ε.
    public var anneal: Double?
    /// The seed `build_model` gives `np.random.seed` before drawing the weights.
    public var seed: UInt32 = 0
    /// The loss is computed after the update of every pass i with i % printEvery == 0.
    public var printEvery = 1000
    public var products = MoonsProducts.plain

    public init(
        hidden: Int = 3, passes: Int = 20_000, epsilon: Double = 0.01, lambda: Double = 0.01,
        anneal: Double? = nil, seed: UInt32 = 0, printEvery: Int = 1000, products: MoonsProducts = .plain
    ) {
        (self.hidden, self.passes, self.epsilon, self.lambda) = (hidden, passes, epsilon, lambda)
        (self.anneal, self.seed, self.printEvery, self.products) = (anneal, seed, printEvery, products)
    }

    /// The exercise: the same run with ε0 / (1 + d·t), d = 10e-3 as the notes write it.
    public static let notesAnnealing = 10e-3

    /// The step size of pass i, `epsilon / (1+d*i)` when annealing.
    func stepSize(pass i: Int) -> Double {
        guard let d = anneal else { return epsilon }
        return epsilon / (1 + d * Double(i))
    }
}

/// The losses a run printed (or recorded), by pass.
public struct MoonsRun: Sendable {
    public var model: MoonsModel
    /// `(i, calculate_loss(model))` after the update of pass i, in pass order.
    public var losses: [(pass: Int, loss: Double)]
    /// The weights after the passes the run was asked to keep.
    public var snapshots: [Int: MoonsModel] = [:]

    public func loss(after pass: Int) -> Double? { losses.first { $0.pass == pass }?.loss }
}

/// seed 001's network, computed in the order of the notes' NumPy code.
///
/// Where NumPy's order fixes the last bits it is kept: `np.sum(x, axis=1)` of two numbers,
/// `np.sum(x, axis=0)` row after row, `np.sum` of the 200 log-probabilities pairwise,
/// `1./num_examples * data_loss` rather than a division, `W += -epsilon * dW`. The elementwise
/// steps are plain loops rather than `Matrix` operators: a run is 20000 passes, and the tests
/// run several in a debug build.
public enum MoonsNetwork {
    /// The forward pass: the tanh layer's output a1 and the softmax probabilities. The notes
    /// exponentiate the scores without subtracting their maximum, and so does this.
    static func forward(_ model: MoonsModel, _ x: Matrix, products: MoonsProducts = .plain) -> (
        a1: Matrix, probs: Matrix
    ) {
        var a1 = products.product(x, model.w1)
        let hidden = model.hidden
        a1.storage.withUnsafeMutableBufferPointer { a in
            model.b1.storage.withUnsafeBufferPointer { b in
                for row in 0..<x.rows {
                    for unit in 0..<hidden { a[row * hidden + unit] = tanh(a[row * hidden + unit] + b[unit]) }
                }
            }
        }
        var probs = products.product(a1, model.w2)
        probs.storage.withUnsafeMutableBufferPointer { p in
            for row in 0..<x.rows {
                let e0 = exp(p[2 * row] + model.b2[flat: 0]), e1 = exp(p[2 * row + 1] + model.b2[flat: 1])
                let total = e0 + e1
                p[2 * row] = e0 / total
                p[2 * row + 1] = e1 / total
            }
        }
        return (a1, probs)
    }

    /// `calculate_loss`: the mean cross-entropy plus λ/2·(ΣW1² + ΣW2²)/N — the quantity whose
    /// gradient the training step follows (both are sums over examples, scaled by 1/N only here).
    public static func loss(
        _ model: MoonsModel, x: Matrix, y: [Int], lambda: Double,
        products: MoonsProducts = .plain
    ) -> Double {
        let probs = forward(model, x, products: products).probs
        let correctLogProbs = Matrix(row: y.enumerated().map { -log(probs[$0.offset, $0.element]) })
        var dataLoss = correctLogProbs.sum()
        dataLoss += lambda / 2 * ((model.w1 * model.w1).sum() + (model.w2 * model.w2).sum())
        return 1.0 / Double(x.rows) * dataLoss
    }

    /// `predict`: the class of highest probability for each row.
    public static func predict(_ model: MoonsModel, _ x: Matrix, products: MoonsProducts = .plain) -> [Int] {
        forward(model, x, products: products).probs.argmaxPerRow()
    }

    public static func accuracy(_ model: MoonsModel, x: Matrix, y: [Int]) -> Double {
        Double(zip(predict(model, x), y).filter { $0 == $1 }.count) / Double(y.count)
    }

    /// The gradient of the summed loss, N·`calculate_loss`, as the notes' backward pass computes
    /// it: δ3 = ŷ − y, δ2 = δ3·W2ᵀ ∘ (1 − a1²), dW2 = a1ᵀδ3, dW1 = xᵀδ2, biases by column sums,
    /// and λW added to dW2 and dW1 only (b1 and b2 have no regularisation term).
    ///
    /// `delta3 = probs` aliases the array, so the notes subtract 1 from the probabilities
    /// themselves; nothing reads `probs` afterwards, so the alias changes no value.
    static func gradient(
        _ model: MoonsModel, x: Matrix, xTransposed: Matrix, y: [Int], lambda: Double,
        products: MoonsProducts = .plain
    ) -> MoonsModel {
        let (a1, probs) = forward(model, x, products: products)
        var delta3 = probs
        for (row, label) in y.enumerated() { delta3[row, label] -= 1 }
        var dW2 = products.product(a1.transposed, delta3)
        let db2 = columnSums(delta3)
        // delta2 = delta3.dot(W2.T) * (1 - np.power(a1, 2))
        var delta2 = products.product(delta3, model.w2.transposed)
        delta2.storage.withUnsafeMutableBufferPointer { d in
            a1.storage.withUnsafeBufferPointer { a in
                for q in 0..<d.count { d[q] = d[q] * (1 - a[q] * a[q]) }
            }
        }
        var dW1 = products.product(xTransposed, delta2)
        let db1 = columnSums(delta2)
        addScaled(&dW2, lambda, model.w2)
        addScaled(&dW1, lambda, model.w1)
        return MoonsModel(w1: dW1, b1: db1, w2: dW2, b2: db2)
    }

    /// One pass of `build_model`'s loop: the gradient, then `W += -epsilon * dW` for each parameter.
    static func step(
        _ model: inout MoonsModel, x: Matrix, xTransposed: Matrix, y: [Int], lambda: Double,
        stepSize: Double, products: MoonsProducts
    ) {
        let g = gradient(model, x: x, xTransposed: xTransposed, y: y, lambda: lambda, products: products)
        addScaled(&model.w1, -stepSize, g.w1)
        addScaled(&model.b1, -stepSize, g.b1)
        addScaled(&model.w2, -stepSize, g.w2)
        addScaled(&model.b2, -stepSize, g.b2)
    }

    /// `np.sum(m, axis=0)`: the rows added one after another, as NumPy does along axis 0.
    static func columnSums(_ m: Matrix) -> Matrix {
        var sums = [Double](repeating: 0, count: m.cols)
        m.storage.withUnsafeBufferPointer { p in
            for row in 0..<m.rows {
                for col in 0..<m.cols { sums[col] += p[row * m.cols + col] }
            }
        }
        return Matrix(row: sums)
    }

    /// `target += scale * m` as NumPy evaluates it: the product first, then the sum.
    static func addScaled(_ target: inout Matrix, _ scale: Double, _ m: Matrix) {
        precondition(target.count == m.count, "addScaled: \(target.shapeDescription) += \(m.shapeDescription)")
        target.storage.withUnsafeMutableBufferPointer { t in
            m.storage.withUnsafeBufferPointer { p in
                for q in 0..<t.count { t[q] = t[q] + scale * p[q] }
            }
        }
    }

    /// `build_model(nn_hdim, num_passes, print_loss=True)`: trains from `start` (by default
    /// the seeded weights) and records the loss after every pass `recordAfter` accepts (by
    /// default the notes' i % 1000 == 0), keeping the weights after the passes `keepModelsAfter`
    /// names. `progress` hears of every finished pass.
    public static func train(
        _ training: MoonsTraining, x: Matrix, y: [Int], from start: MoonsModel? = nil,
        recordAfter: ((Int) -> Bool)? = nil, keepModelsAfter: Set<Int> = [],
        progress: (Int) -> Void = { _ in }
    ) -> MoonsRun {
        var model = start ?? MoonsModel(hidden: training.hidden, seed: training.seed)
        let record = recordAfter ?? { $0 % training.printEvery == 0 }
        let xTransposed = x.transposed
        var losses: [(pass: Int, loss: Double)] = []
        var snapshots: [Int: MoonsModel] = [:]
        for i in 0..<training.passes {
            step(
                &model, x: x, xTransposed: xTransposed, y: y, lambda: training.lambda,
                stepSize: training.stepSize(pass: i), products: training.products)
            if record(i) {
                losses.append((i, loss(model, x: x, y: y, lambda: training.lambda, products: training.products)))
            }
            if keepModelsAfter.contains(i) { snapshots[i] = model }
            progress(i + 1)
        }
        return MoonsRun(model: model, losses: losses, snapshots: snapshots)
    }
}
