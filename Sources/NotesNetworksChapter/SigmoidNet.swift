import Foundation
import FromScratch

/// seed 002's network: L layers of sigmoid units (the notes take L = 4), K outputs, the
/// regularised cross-entropy cost J(Θ), and its gradient by the δ recursion.
///
/// Θ^(l) maps layer l to layer l + 1: it is s_(l+1) × (s_l + 1), column 0 multiplying the bias unit
/// a_0 = 1 that the notes' formulas leave implicit (their penalty Σ_(i=1)^(s_l) starts after it,
/// so bias weights are not penalised). Examples are rows: A^(l) is n × s_l.
///
/// Products go through `referenceMatmul`, summed in one fixed order, so that units holding equal
/// weights compute bitwise equal values: the symmetry demonstration compares them with ==.
public struct SigmoidNet: Sendable {
    public var layerSizes: [Int]
    /// Θ^(1) ... Θ^(L−1).
    public var thetas: [Matrix]

    /// All-zero weights (the initialisation seed 002 warns against).
    public static func zeros(layerSizes: [Int]) -> SigmoidNet {
        SigmoidNet(
            layerSizes: layerSizes, thetas: zip(layerSizes, layerSizes.dropFirst()).map { Matrix.zeros($1, $0 + 1) })
    }

    /// Random weights (随机初始化), Θ^(l) uniform in [−ε, ε], drawn with NumPy's `uniform` after
    /// `numpy.random.seed(seed)`, Θ^(1) first, row by row. The notes give no ε; by default each layer
    /// takes ε = √6 / √(s_l + s_(l+1)), the rule of Andrew Ng's course the notes follow.
    public static func random(layerSizes: [Int], epsilon: Double? = nil, seed: UInt32) -> SigmoidNet {
        var random = RandomState(seed: seed)
        let thetas = zip(layerSizes, layerSizes.dropFirst()).map { inputs, outputs in
            let bound = epsilon ?? initialisationBound(inputs, outputs)
            return Matrix(
                rows: outputs, cols: inputs + 1,
                storage: random.uniform(low: -bound, high: bound, count: outputs * (inputs + 1)))
        }
        return SigmoidNet(layerSizes: layerSizes, thetas: thetas)
    }

    /// √6 / √(s_in + s_out).
    public static func initialisationBound(_ inputs: Int, _ outputs: Int) -> Double {
        6.0.squareRoot() / Double(inputs + outputs).squareRoot()
    }

    public init(layerSizes: [Int], thetas: [Matrix]) {
        precondition(
            layerSizes.count >= 2 && layerSizes.allSatisfy { $0 >= 1 }, "SigmoidNet: bad layer sizes \(layerSizes)")
        precondition(
            thetas.count == layerSizes.count - 1
                && zip(thetas, zip(layerSizes, layerSizes.dropFirst())).allSatisfy {
                    $0.rows == $1.1 && $0.cols == $1.0 + 1
                },
            "SigmoidNet: weight shapes do not fit layer sizes \(layerSizes)")
        self.layerSizes = layerSizes
        self.thetas = thetas
    }

    /// g, the sigmoid.
    static func g(_ z: Matrix) -> Matrix { Activation.sigmoid(z) }

    /// [1, A]: the bias unit put in front of every row.
    static func withBias(_ a: Matrix) -> Matrix {
        Matrix(rows: a.rows, cols: a.cols + 1, storage: (0..<a.rows).flatMap { [1.0] + a.row($0) })
    }

    /// Forward propagation (前向传播): a^(1) = x, z^(l+1) = Θ^(l)a^(l), a^(l+1) = g(z^(l+1)).
    /// Returns a^(1) ... a^(L) (without bias units); a^(L) = h_Θ(x).
    public func forward(_ x: Matrix) -> [Matrix] {
        precondition(x.cols == layerSizes[0], "SigmoidNet: \(x.cols) inputs for an input layer of \(layerSizes[0])")
        var activations = [x]
        for theta in thetas {
            activations.append(Self.g(referenceMatmul(Self.withBias(activations.last!), theta.transposed)))
        }
        return activations
    }

    /// J(Θ) = −1/n Σ_i Σ_k [y_k log h_k + (1 − y_k) log(1 − h_k)] + λ/(2n) Σ_l Σ_(i≥1) Σ_j (Θ^(l)_(j,i))².
    /// `y` is n × K, one-hot rows.
    public func cost(_ x: Matrix, _ y: Matrix, lambda: Double) -> Double {
        let h = forward(x).last!
        precondition(
            h.rows == y.rows && h.cols == y.cols,
            "SigmoidNet.cost: y is \(y.shapeDescription), h is \(h.shapeDescription)")
        let n = Double(x.rows)
        let logLikelihood = (y * h.map(log) + (1 - y) * (1 - h).map(log)).sum()
        return -logLikelihood / n + lambda / (2 * n) * penalty()
    }

    /// Σ over every weight but the bias columns of (Θ^(l)_(j,i))².
    func penalty() -> Double {
        thetas.map { theta in
            (0..<theta.rows).flatMap { j in (1..<theta.cols).map { i in theta[j, i] * theta[j, i] } }.reduce(0, +)
        }.reduce(0, +)
    }

    /// g'(z^(l)) = a^(l) ∘ (1 − a^(l)): the sigmoid's slope from its output, as the notes write it.
    public static func sigmoidSlope(fromOutput a: Matrix) -> Matrix { a * (1 - a) }

    /// Backpropagation (误差反向传播): δ^(L) = a^(L) − y, then
    /// δ^(l) = ((Θ^(l))ᵀ δ^(l+1)) ∘ g'(z^(l)) for L−1 ≥ l ≥ 2, dropping the entry of the bias unit;
    /// ∂J/∂Θ^(l) = 1/n Σ_i δ^(l+1) a^(l)ᵀ + λ/n Θ^(l) (bias column not penalised).
    /// Also returns the δs, δ^(2) ... δ^(L), each n × s_l.
    public func gradients(_ x: Matrix, _ y: Matrix, lambda: Double) -> (gradients: [Matrix], deltas: [Matrix]) {
        let a = forward(x)
        let n = Double(x.rows)
        var deltas = [a.last! - y]
        for l in stride(from: thetas.count - 1, through: 1, by: -1) {
            // Row i of δ^(l+1)·Θ^(l) is (Θ^(l))ᵀ δ^(l+1) for example i; column 0 belongs to the bias unit.
            let back = referenceMatmul(deltas[0], thetas[l])
            let withoutBias = Matrix(
                rows: back.rows, cols: back.cols - 1,
                storage: (0..<back.rows).flatMap { Array(back.row($0).dropFirst()) })
            deltas.insert(withoutBias * Self.sigmoidSlope(fromOutput: a[l]), at: 0)
        }
        let gradients = thetas.indices.map { l -> Matrix in
            var gradient = referenceMatmul(deltas[l].transposed, Self.withBias(a[l])) / n
            for j in 0..<gradient.rows {
                for i in 1..<gradient.cols { gradient[j, i] += lambda / n * thetas[l][j, i] }
            }
            return gradient
        }
        return (gradients, deltas)
    }

    /// The same gradient by central differences of `cost`, one weight at a time.
    public func numericalGradients(_ x: Matrix, _ y: Matrix, lambda: Double, h: Double = defaultDifferenceStep)
        -> [Matrix]
    {
        thetas.indices.map { l in
            var net = self
            return numericalGradient(
                { theta in
                    net.thetas[l] = theta
                    return net.cost(x, y, lambda: lambda)
                }, at: thetas[l], h: h)
        }
    }

    /// `steps` of full-batch gradient descent (梯度下降) with learning rate `rate`.
    public func trained(_ x: Matrix, _ y: Matrix, lambda: Double, rate: Double, steps: Int) -> SigmoidNet {
        var net = self
        for _ in 0..<steps {
            let gradients = net.gradients(x, y, lambda: lambda).gradients
            for l in net.thetas.indices { net.thetas[l] = net.thetas[l] - rate * gradients[l] }
        }
        return net
    }

    /// One-hot rows of K classes.
    public static func oneHot(_ labels: [Int], classes: Int) -> Matrix {
        var y = Matrix.zeros(labels.count, classes)
        for (row, label) in labels.enumerated() { y[row, label] = 1 }
        return y
    }
}
