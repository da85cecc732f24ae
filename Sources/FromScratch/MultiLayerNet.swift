import Foundation

/// The book's `MultiLayerNet` and `MultiLayerNetExtend` (`common/multi_layer_net*.py`; DLfS
/// 6.1.8–6.5): Affine → [BatchNorm] → activation → [Dropout] → … → Affine → softmax with
/// cross-entropy, with any list of hidden sizes, a chosen initial weight scale, and optionally
/// a weight penalty (the book's weight decay, 权值衰减), batch normalisation and dropout.
///
/// Parameters are named as the book names them, W1, b1, …, W(L), b(L), and with batch norm
/// gamma1, beta1, … for the hidden layers, so that an `Optimizer` can update them
/// (`trainingStep`). Weights are drawn layer after layer, `scale·randn(n_in, n_out)`, biases
/// start at zero, γ at one and β at zero, so after `RandomState(seed:)` they are NumPy's.
public final class MultiLayerNet: Classifier, TrainableNetwork {
    /// How the initial weights are scaled (权重初始值, DLfS 6.2).
    public enum WeightInit: Hashable, Sendable, CustomStringConvertible {
        /// A fixed standard deviation, such as the book's 0.01.
        case std(Double)
        /// He initialisation, std √(2/n_in), for ReLU (the book's 'relu' or 'he').
        case he
        /// Xavier initialisation, std √(1/n_in), for sigmoid and tanh (the book's 'sigmoid' or 'xavier').
        case xavier

        /// The book's `weight_init_std` argument: a positive number, 'he'/'relu' or 'xavier'/'sigmoid'.
        public init?(_ text: String) {
            switch text.lowercased() {
            case "he", "relu": self = .he
            case "xavier", "sigmoid": self = .xavier
            default:
                guard let std = Double(text), std.isFinite, std > 0 else { return nil }
                self = .std(std)
            }
        }

        /// The standard deviation for a layer with `inputs` inputs (the book's `np.sqrt(2.0 / n)`).
        public func scale(inputs: Int) -> Double {
            switch self {
            case let .std(std): return std
            case .he: return (2.0 / Double(inputs)).squareRoot()
            case .xavier: return (1.0 / Double(inputs)).squareRoot()
            }
        }

        public var description: String {
            switch self {
            case let .std(std): return "std \(std)"
            case .he: return "He"
            case .xavier: return "Xavier"
            }
        }
    }

    public let inputSize: Int
    public let hiddenSizes: [Int]
    public let outputSize: Int
    public let activation: Activation
    public let weightInit: WeightInit
    /// The penalty on the weights added to the loss (and its gradient to each dW).
    public let penalty: Penalty
    /// λ of an L2 penalty ½·λ·ΣW² (the book's `weight_decay_lambda`); 0 for other penalties.
    public var weightDecayLambda: Double {
        if case let .l2(lambda) = penalty { return lambda }
        return 0
    }
    /// The Affine layers, first to last (L = hidden layers + 1).
    public let affineLayers: [AffineLayer]
    /// One per hidden layer, between its Affine and its activation; empty without batch norm.
    public let batchNormLayers: [BatchNormLayer]
    /// One per hidden layer, after its activation; empty without dropout.
    public let dropoutLayers: [DropoutLayer]
    private let activationLayers: [Layer]
    private let lastLayer: SoftmaxWithLossLayer

    /// `lossDelta` is the δ inside the cross-entropy's log (the book's 1e-7); a gradient check
    /// sets it to 0, because backpropagation differentiates the loss without it (see chapter 5).
    /// `weightDecayLambda` λ > 0 is shorthand for `penalty: .l2(λ)`.
    public init(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int, activation: Activation = .relu,
        weightInit: WeightInit = .he, weightDecayLambda: Double = 0, penalty: Penalty = .none,
        batchNorm: Bool = false, dropoutRatio: Double? = nil, lossDelta: Double = crossEntropyDelta,
        random: inout RandomState
    ) {
        precondition(
            activation == .relu || activation == .sigmoid,
            "MultiLayerNet: the activation must be ReLU or sigmoid, as the book's, got \(activation.rawValue)")
        precondition(
            weightDecayLambda >= 0,
            "MultiLayerNet: weight decay must not be negative, got \(weightDecayLambda)")
        precondition(
            weightDecayLambda == 0 || penalty == .none,
            "MultiLayerNet: give weightDecayLambda or penalty, not both")
        let penalty = weightDecayLambda > 0 ? Penalty.l2(weightDecayLambda) : penalty
        if let problem = penalty.problem { preconditionFailure("MultiLayerNet: \(problem)") }
        let sizes = [inputSize] + hiddenSizes + [outputSize]
        precondition(sizes.allSatisfy { $0 > 0 }, "MultiLayerNet: every layer needs at least one unit, got \(sizes)")
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.outputSize = outputSize
        self.activation = activation
        self.weightInit = weightInit
        self.penalty = penalty
        lastLayer = SoftmaxWithLossLayer(delta: lossDelta)
        var affines: [AffineLayer] = []
        for (inputs, outputs) in zip(sizes.dropLast(), sizes.dropFirst()) {
            let weights = weightInit.scale(inputs: inputs) * random.randn(inputs, outputs)
            affines.append(AffineLayer(weights: weights, bias: Matrix.zeros(1, outputs)))
        }
        // The first layer has no one to pass dx to: skip that product.
        affines.first?.computesInputGradient = false
        affineLayers = affines
        activationLayers = hiddenSizes.map { _ -> Layer in activation == .relu ? ReLULayer() : SigmoidLayer() }
        batchNormLayers = batchNorm ? hiddenSizes.map { BatchNormLayer(units: $0) } : []
        dropoutLayers = dropoutRatio.map { ratio in hiddenSizes.map { _ in DropoutLayer(ratio: ratio) } } ?? []
    }

    public var usesBatchNorm: Bool { !batchNormLayers.isEmpty }
    public var dropoutRatio: Double? { dropoutLayers.first?.ratio }

    /// W1, b1, W2, b2, …, then (with batch norm) gamma1, beta1, …: every parameter's name.
    public var parameterNames: [String] {
        (1...affineLayers.count).flatMap { ["W\($0)", "b\($0)"] }
            + (0..<batchNormLayers.count).flatMap { ["gamma\($0 + 1)", "beta\($0 + 1)"] }
    }

    /// The book's `self.params`, by name (copies; assigning writes them back into the layers).
    public var params: NamedMatrices {
        get {
            var result: NamedMatrices = [:]
            for (i, layer) in affineLayers.enumerated() {
                result["W\(i + 1)"] = layer.w
                result["b\(i + 1)"] = layer.b
            }
            for (i, layer) in batchNormLayers.enumerated() {
                result["gamma\(i + 1)"] = layer.gamma
                result["beta\(i + 1)"] = layer.beta
            }
            return result
        }
        set {
            func take(_ name: String, like old: Matrix) -> Matrix {
                guard let new = newValue[name] else {
                    preconditionFailure("MultiLayerNet: \(name) is missing from the new parameters")
                }
                precondition(
                    new.shape == old.shape || old.count == 0,  // empty: handed over by takeParams
                    "MultiLayerNet: \(name) of shape \(new.shapeDescription) "
                        + "for a layer of \(old.shapeDescription)")
                return new
            }
            for (i, layer) in affineLayers.enumerated() {
                layer.w = take("W\(i + 1)", like: layer.w)
                layer.b = take("b\(i + 1)", like: layer.b)
            }
            for (i, layer) in batchNormLayers.enumerated() {
                layer.gamma = take("gamma\(i + 1)", like: layer.gamma)
                layer.beta = take("beta\(i + 1)", like: layer.beta)
            }
        }
    }

    /// The parameters, moved out of the layers (which are left empty until they are assigned
    /// back), so that an optimizer can update the only copy in place rather than copy it.
    public func takeParams() -> NamedMatrices {
        let taken = params
        let empty = Matrix.zeros(0, 0)
        for layer in affineLayers { (layer.w, layer.b) = (empty, empty) }
        for layer in batchNormLayers { (layer.gamma, layer.beta) = (empty, empty) }
        return taken
    }

    /// The scores before softmax. Batch norm uses its running statistics and dropout scales
    /// by (1 − ratio), as the book's `predict(x, train_flg=False)`.
    public func predict(_ x: Matrix) -> Matrix {
        scores(x, training: false) { _ in preconditionFailure("MultiLayerNet: inference draws no random numbers") }
    }

    /// `predict` for rows `range` of a data set, the first layer's product reading the rows
    /// where they lie (`InputRows`): an evaluation does not copy the images out first.
    public func scores(rows range: Range<Int>, of x: some InputRows) -> Matrix {
        let first = affineLayers[0]
        return scores(
            afterFirstProduct: x.product(rows: range, times: first.w, addingRows: first.b), training: false
        ) { _ in preconditionFailure("MultiLayerNet: inference draws no random numbers") }
    }

    /// The forward pass. In training, batch norm uses the batch's statistics and dropout draws
    /// its masks from `uniforms`.
    private func scores(_ x: Matrix, training: Bool, uniforms: (Int) -> [Double]) -> Matrix {
        scores(afterFirstProduct: affineLayers[0].forward(x), training: training, uniforms: uniforms)
    }

    /// The forward pass from the first Affine layer's output on (with no hidden layer, that
    /// output is the scores).
    private func scores(afterFirstProduct first: consuming Matrix, training: Bool, uniforms: (Int) -> [Double])
        -> Matrix
    {
        guard !activationLayers.isEmpty else { return first }
        // Consumed, so that the activation below changes the only copy in place.
        var out = consume first
        for (i, (affine, activation)) in zip(affineLayers, activationLayers).enumerated() {
            if i > 0 { out = affine.forward(consume out) }
            if usesBatchNorm { out = batchNormLayers[i].forward(out, training: training) }
            out = activation.forward(consume out)
            if !dropoutLayers.isEmpty { out = dropoutLayers[i].forward(out, training: training, uniforms: uniforms) }
        }
        return affineLayers[affineLayers.count - 1].forward(consume out)
    }

    /// The weights' penalty, layer after layer in the book's order. With no penalty the book
    /// adds exactly 0, so nothing is computed.
    private var weightPenalty: Double {
        guard penalty.isActive else { return 0 }
        var total = 0.0
        for layer in affineLayers { total += penalty.value(layer.w) }
        return total
    }

    /// Mean cross-entropy of the batch plus the weight penalty, in inference mode (the book's
    /// `loss(x, t)` with its default `train_flg=False`).
    public func loss(_ x: Matrix, labels: [Int]) -> Double {
        lastLayer.forward(predict(x), labels: labels) + weightPenalty
    }

    /// Backpropagation (the training-mode loss, then every layer backward): dW plus the
    /// penalty's gradient for each weight, db for each bias, dγ and dβ for each batch norm.
    /// A net with dropout needs the random stream for its masks: use `gradients(_:labels:random:)`.
    public func gradients(_ x: Matrix, labels: [Int]) -> NamedMatrices {
        precondition(
            dropoutLayers.isEmpty,
            "MultiLayerNet: a net with dropout needs gradients(_:labels:random:) for its masks")
        return backpropagate(x, labels: labels) { _ in [] }
    }

    /// Backpropagation drawing dropout's masks from `random`, as the book's code draws them from
    /// NumPy's global stream between the mini-batches.
    public func gradients(_ x: Matrix, labels: [Int], random: inout RandomState) -> NamedMatrices {
        backpropagate(x, labels: labels) { random.rand($0) }
    }

    private func backpropagate(_ x: Matrix, labels: [Int], uniforms: (Int) -> [Double]) -> NamedMatrices {
        _ = lastLayer.forward(scores(x, training: true, uniforms: uniforms), labels: labels)
        var dout = affineLayers[affineLayers.count - 1].backward(lastLayer.backward())
        for i in stride(from: activationLayers.count - 1, through: 0, by: -1) {
            if !dropoutLayers.isEmpty { dout = dropoutLayers[i].backward(dout) }
            dout = activationLayers[i].backward(consume dout)
            if usesBatchNorm { dout = batchNormLayers[i].backward(dout) }
            dout = affineLayers[i].backward(consume dout)
        }
        var grads: NamedMatrices = [:]
        for (i, layer) in affineLayers.enumerated() {
            grads["W\(i + 1)"] = penalty.adding(to: layer.dW, weights: layer.w)
            grads["b\(i + 1)"] = layer.db
        }
        for (i, layer) in batchNormLayers.enumerated() {
            grads["gamma\(i + 1)"] = layer.dgamma
            grads["beta\(i + 1)"] = layer.dbeta
        }
        return grads
    }

    /// The book's `numerical_gradient` method: every parameter nudged by ±h, the loss recomputed
    /// (in training mode, as the book's, so batch norm normalises by the batch). Slow (two
    /// forward passes per parameter); for gradient checks on small nets without dropout.
    public func numericalGradients(_ x: Matrix, labels: [Int], h: Double = defaultDifferenceStep) -> NamedMatrices {
        precondition(
            dropoutLayers.isEmpty,
            "MultiLayerNet: a numerical gradient needs a deterministic loss; this net has dropout")
        let trainingLoss = {
            self.lastLayer.forward(self.scores(x, training: true) { _ in [] }, labels: labels) + self.weightPenalty
        }
        func numerical(_ matrix: Matrix, read: (Int) -> Double, write: (Int, Double) -> Void) -> Matrix {
            var grad = Matrix.zeros(like: matrix)
            grad.storage = numericalGradient(count: grad.count, h: h, read: read, write: write, f: trainingLoss)
            return grad
        }
        var grads: NamedMatrices = [:]
        for (i, layer) in affineLayers.enumerated() {
            grads["W\(i + 1)"] = numerical(layer.w, read: { layer.w[flat: $0] }, write: { layer.w[flat: $0] = $1 })
            grads["b\(i + 1)"] = numerical(layer.b, read: { layer.b[flat: $0] }, write: { layer.b[flat: $0] = $1 })
        }
        for (i, layer) in batchNormLayers.enumerated() {
            grads["gamma\(i + 1)"] = numerical(
                layer.gamma, read: { layer.gamma[flat: $0] },
                write: { layer.gamma[flat: $0] = $1 })
            grads["beta\(i + 1)"] = numerical(
                layer.beta, read: { layer.beta[flat: $0] },
                write: { layer.beta[flat: $0] = $1 })
        }
        return grads
    }
}
