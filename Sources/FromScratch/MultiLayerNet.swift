import Foundation

/// The book's `MultiLayerNet` (`common/multi_layer_net.py`; DLfS 6.1.8, 6.2.4, 6.4):
/// Affine → activation → … → Affine → softmax with cross-entropy, with any list of hidden
/// sizes, a chosen initial weight scale and optional weight decay (权值衰减).
///
/// Parameters are named as the book names them, W1, b1, …, W(L), b(L), so that an `Optimizer`
/// can update them (`trainingStep`). Weights are drawn layer after layer, `scale·randn(n_in,
/// n_out)`, and biases start at zero, so after `RandomState(seed:)` they are NumPy's.
public final class MultiLayerNet {
    /// How the initial weights are scaled (权重初始值, DLfS 6.2).
    public enum WeightInit: Equatable, Sendable, CustomStringConvertible {
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
    /// λ of the L2 penalty ½·λ·ΣW² added to the loss (and λ·W to each weight gradient).
    public let weightDecayLambda: Double
    /// The Affine layers, first to last (L = hidden layers + 1).
    public let affineLayers: [AffineLayer]
    private let activationLayers: [Layer]
    private let lastLayer: SoftmaxWithLossLayer

    /// `lossDelta` is the δ inside the cross-entropy's log (the book's 1e-7); a gradient check
    /// sets it to 0, because backpropagation differentiates the loss without it (see chapter 5).
    public init(inputSize: Int, hiddenSizes: [Int], outputSize: Int, activation: Activation = .relu,
                weightInit: WeightInit = .he, weightDecayLambda: Double = 0, lossDelta: Double = crossEntropyDelta,
                random: inout RandomState) {
        precondition(activation == .relu || activation == .sigmoid,
                     "MultiLayerNet: the activation must be ReLU or sigmoid, as the book's, got \(activation.rawValue)")
        precondition(weightDecayLambda >= 0, "MultiLayerNet: weight decay must not be negative, got \(weightDecayLambda)")
        let sizes = [inputSize] + hiddenSizes + [outputSize]
        precondition(sizes.allSatisfy { $0 > 0 }, "MultiLayerNet: every layer needs at least one unit, got \(sizes)")
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.outputSize = outputSize
        self.activation = activation
        self.weightInit = weightInit
        self.weightDecayLambda = weightDecayLambda
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
    }

    /// W1, b1, W2, b2, …: every parameter's name, in the book's order.
    public var parameterNames: [String] {
        (1...affineLayers.count).flatMap { ["W\($0)", "b\($0)"] }
    }

    /// The parameters by name (copies; assigning writes them back into the layers).
    public var parameters: NamedMatrices {
        get {
            var result: NamedMatrices = [:]
            for (i, layer) in affineLayers.enumerated() {
                result["W\(i + 1)"] = layer.w
                result["b\(i + 1)"] = layer.b
            }
            return result
        }
        set {
            for (i, layer) in affineLayers.enumerated() {
                guard let w = newValue["W\(i + 1)"], let b = newValue["b\(i + 1)"] else {
                    preconditionFailure("MultiLayerNet: W\(i + 1) or b\(i + 1) is missing from the new parameters")
                }
                precondition(w.shape == layer.w.shape && b.shape == layer.b.shape,
                             "MultiLayerNet: W\(i + 1)/b\(i + 1) of shapes \(w.shapeDescription)/\(b.shapeDescription) "
                             + "for layers of \(layer.w.shapeDescription)/\(layer.b.shapeDescription)")
                layer.w = w
                layer.b = b
            }
        }
    }

    /// The scores before softmax.
    public func predict(_ x: Matrix) -> Matrix {
        var out = x
        for (affine, activation) in zip(affineLayers, activationLayers) { out = activation.forward(affine.forward(out)) }
        return affineLayers[affineLayers.count - 1].forward(out)
    }

    /// Mean cross-entropy of the batch plus the weight-decay penalty ½·λ·Σ‖W‖², added in the
    /// book's order. With λ = 0 the book adds exactly 0, so the penalty is not computed.
    public func loss(_ x: Matrix, labels: [Int]) -> Double {
        let scores = predict(x)
        var weightDecay = 0.0
        if weightDecayLambda != 0 {
            for layer in affineLayers { weightDecay += 0.5 * weightDecayLambda * layer.w.map { $0 * $0 }.sum() }
        }
        return lastLayer.forward(scores, labels: labels) + weightDecay
    }

    /// The share of rows whose highest score is the label, `batchSize` rows at a time.
    public func accuracy(_ x: Matrix, labels: [Int], batchSize: Int = 10_000) -> Double {
        precondition(x.rows == labels.count, "accuracy: \(x.rows) rows but \(labels.count) labels")
        var correct = 0
        for start in stride(from: 0, to: x.rows, by: batchSize) {
            let end = min(start + batchSize, x.rows)
            for (i, answer) in predict(x.rows(start..<end)).argmaxPerRow().enumerated() where answer == labels[start + i] {
                correct += 1
            }
        }
        return Double(correct) / Double(max(x.rows, 1))
    }

    /// Backpropagation: dW + λ·W for each weight, db for each bias.
    public func gradients(_ x: Matrix, labels: [Int]) -> NamedMatrices {
        _ = loss(x, labels: labels)
        var dout = affineLayers[affineLayers.count - 1].backward(lastLayer.backward())
        for (affine, activation) in zip(affineLayers, activationLayers).reversed() {
            dout = affine.backward(activation.backward(dout))
        }
        var grads: NamedMatrices = [:]
        for (i, layer) in affineLayers.enumerated() {
            grads["W\(i + 1)"] = weightDecayLambda == 0 ? layer.dW : layer.dW + weightDecayLambda * layer.w
            grads["b\(i + 1)"] = layer.db
        }
        return grads
    }

    /// The book's `numerical_gradient` method: every parameter nudged by ±h, the loss recomputed.
    /// Slow (two forward passes per parameter); for gradient checks on small nets.
    public func numericalGradients(_ x: Matrix, labels: [Int], h: Double = defaultDifferenceStep) -> NamedMatrices {
        var grads: NamedMatrices = [:]
        for (i, layer) in affineLayers.enumerated() {
            var dW = Matrix.zeros(like: layer.w)
            dW.storage = numericalGradient(count: dW.count, h: h, read: { layer.w[flat: $0] },
                                           write: { layer.w[flat: $0] = $1 }, f: { loss(x, labels: labels) })
            var db = Matrix.zeros(like: layer.b)
            db.storage = numericalGradient(count: db.count, h: h, read: { layer.b[flat: $0] },
                                           write: { layer.b[flat: $0] = $1 }, f: { loss(x, labels: labels) })
            grads["W\(i + 1)"] = dW
            grads["b\(i + 1)"] = db
        }
        return grads
    }

    /// One iteration of the book's training loops (`optimizer_compare_mnist.py` and its kin):
    /// gradients by backpropagation, the optimizer's update, then the loss on the same batch
    /// after the update, which is what the book records.
    @discardableResult
    public func trainingStep<O: Optimizer>(_ x: Matrix, labels: [Int], optimizer: inout O) -> Double {
        let grads = gradients(x, labels: labels)
        var params = parameters
        optimizer.update(&params, gradients: grads)
        parameters = params
        return loss(x, labels: labels)
    }
}
