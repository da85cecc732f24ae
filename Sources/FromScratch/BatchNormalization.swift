import Foundation

/// Batch normalisation (批归一化, DLfS 6.3; seed 004 §4.2), the book's `BatchNormalization`
/// layer (`common/layers.py`) for 2-D input.
///
/// In training each column (unit) of the mini-batch is centred on its batch mean and divided by
/// its batch standard deviation √(σ² + ε), then scaled by γ and shifted by β, which are learned.
/// Every unit's input thus keeps mean ≈ 0 and variance ≈ 1 whatever the weights before it do,
/// so signals neither die out nor saturate. At inference there is no batch to average over, so
/// the layer uses running averages of the batch statistics, updated at every training step
/// with momentum 0.9.
///
/// The arithmetic follows the book's expressions in the book's order, so results are NumPy's.
public final class BatchNormLayer {
    /// The book's ε, written `10e-7` there, which is 1e-6.
    public static let epsilon = 10e-7

    public var gamma: Matrix
    public var beta: Matrix
    /// The weight of the old running average at each update (the book's 0.9).
    public let momentum: Double
    /// Running mean and variance for inference; zeros until the first training batch.
    public private(set) var runningMean: Matrix
    public private(set) var runningVariance: Matrix
    public private(set) var dgamma: Matrix
    public private(set) var dbeta: Matrix

    // What the training forward pass keeps for the backward one.
    private var batchSize = 0
    private var centred = Matrix.zeros(0, 0)
    private var normalised = Matrix.zeros(0, 0)
    private var standardDeviation = Matrix.zeros(0, 0)

    /// γ = 1 and β = 0 for `units` units, as the book's `MultiLayerNetExtend` starts them.
    public convenience init(units: Int, momentum: Double = 0.9) {
        self.init(gamma: Matrix(rows: 1, cols: units, repeating: 1), beta: Matrix.zeros(1, units), momentum: momentum)
    }

    public init(gamma: Matrix, beta: Matrix, momentum: Double = 0.9) {
        precondition(
            gamma.rows == 1 && beta.rows == 1 && gamma.cols == beta.cols,
            "BatchNormLayer: gamma \(gamma.shapeDescription) and beta \(beta.shapeDescription) "
                + "must be rows of one length")
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        runningMean = Matrix.zeros(like: gamma)
        runningVariance = Matrix.zeros(like: gamma)
        dgamma = Matrix.zeros(like: gamma)
        dbeta = Matrix.zeros(like: beta)
    }

    public var units: Int { gamma.cols }

    /// γ·x̂ + β, where x̂ is normalised by the batch's statistics (`training`) or the running ones.
    public func forward(_ x: Matrix, training: Bool) -> Matrix {
        precondition(x.cols == units, "BatchNorm forward: input of shape \(x.shapeDescription) for \(units) units")
        let n = Double(x.rows)
        var xn: Matrix
        if training {
            precondition(x.rows > 0, "BatchNorm forward: an empty batch has no statistics")
            let mean = x.sum(axis: 0) / n
            let xc = x - mean
            let variance = (xc * xc).sum(axis: 0) / n
            let std = (variance + Self.epsilon).map { $0.squareRoot() }
            xn = xc / std
            batchSize = x.rows
            centred = xc
            normalised = xn
            standardDeviation = std
            runningMean = momentum * runningMean + (1 - momentum) * mean
            runningVariance = momentum * runningVariance + (1 - momentum) * variance
        } else {
            xn = (x - runningMean) / (runningVariance + Self.epsilon).map { $0.squareRoot() }
        }
        return gamma * xn + beta
    }

    /// The book's backward pass through the normalisation: from dout to dx, keeping dγ and dβ.
    public func backward(_ dout: Matrix) -> Matrix {
        precondition(
            dout.rows == batchSize && dout.cols == units,
            "BatchNorm backward: gradient of shape \(dout.shapeDescription) "
                + "after a training batch of \(batchSize)x\(units)")
        let n = Double(batchSize)
        dbeta = dout.sum(axis: 0)
        dgamma = (normalised * dout).sum(axis: 0)
        let dxn = gamma * dout
        var dxc = dxn / standardDeviation
        let dstd = -((dxn * centred) / (standardDeviation * standardDeviation)).sum(axis: 0)
        let dvar = 0.5 * dstd / standardDeviation
        dxc += (2.0 / n) * centred * dvar
        let dmu = dxc.sum(axis: 0)
        return dxc - dmu / n
    }
}

/// Dropout (随机失活, DLfS 6.4.3; seed 004 §5.1): in training each unit is silenced with
/// probability `ratio`, a fresh choice for every example and step, so no unit can rely on
/// another being there; at inference every unit stays and the output is scaled by (1 − ratio),
/// the expected share that was on during training (the book's form, not "inverted" dropout).
public final class DropoutLayer {
    public let ratio: Double
    private var mask: [Bool] = []

    public init(ratio: Double) {
        precondition(ratio >= 0 && ratio < 1, "DropoutLayer: the dropout ratio must lie in [0, 1), got \(ratio)")
        self.ratio = ratio
    }

    /// In training, keeps an entry where a uniform draw exceeds the ratio (`np.random.rand(*x.shape)
    /// > ratio`); `uniforms(n)` must return n draws in [0, 1), row-major, as `np.random.rand`.
    public func forward(_ x: Matrix, training: Bool, uniforms: (Int) -> [Double]) -> Matrix {
        guard training else { return x * (1.0 - ratio) }
        let draws = uniforms(x.count)
        precondition(draws.count == x.count, "Dropout forward: \(draws.count) draws for \(x.count) entries")
        mask = draws.map { $0 > ratio }
        var y = x
        y.zeroUnless(mask)
        return y
    }

    /// Passes the gradient through the units that were on.
    public func backward(_ dout: Matrix) -> Matrix {
        precondition(
            dout.count == mask.count,
            "Dropout backward: gradient of shape \(dout.shapeDescription) for \(mask.count) entries")
        var dx = dout
        dx.zeroUnless(mask)
        return dx
    }
}
