import Foundation

/// The book's two-layer network (`ch05/two_layer_net.py`; DLfS 4.5 and 5.7): Affine1 →
/// activation → Affine2, then softmax with cross-entropy. Chapter 4 uses a sigmoid hidden layer,
/// chapter 5 ReLU.
///
/// Gradients come two ways: `numericalGradients` (chapter 4's method, slow and simple) and
/// `gradients` (backpropagation, chapter 5). The gradient check compares them. An `Optimizer`
/// trains the net through `params` (`TrainableNetwork`), as it trains `MultiLayerNet`.
public final class TwoLayerNet: Classifier, TrainableNetwork {
    /// The book's parameter names, in its order.
    public static let parameterNames = ["W1", "b1", "W2", "b2"]

    public let affine1: AffineLayer
    public let affine2: AffineLayer
    public let activation: Activation
    /// The book's `self.layers`, an ordered dictionary: Affine1, Relu1 (or Sigmoid1), Affine2.
    public let layers: [Layer]
    let lastLayer: SoftmaxWithLossLayer

    /// Weights drawn as the book does, `std * randn(in, out)` (W1 first, then W2), biases zero.
    /// `lossDelta` is the δ of the cross-entropy (the book's code: 1e-7).
    public convenience init(
        inputSize: Int, hiddenSize: Int, outputSize: Int, activation: Activation = .relu,
        weightInitStd: Double = 0.01, lossDelta: Double = crossEntropyDelta, random: inout RandomState
    ) {
        precondition(activation == .relu || activation == .sigmoid, "TwoLayerNet: hidden layer must be ReLU or sigmoid")
        let w1 = weightInitStd * random.randn(inputSize, hiddenSize)
        let w2 = weightInitStd * random.randn(hiddenSize, outputSize)
        self.init(
            affine1: AffineLayer(weights: w1, bias: Matrix.zeros(1, hiddenSize)),
            affine2: AffineLayer(weights: w2, bias: Matrix.zeros(1, outputSize)),
            activation: activation, lossDelta: lossDelta)
    }

    init(affine1: AffineLayer, affine2: AffineLayer, activation: Activation, lossDelta: Double) {
        self.affine1 = affine1
        self.affine2 = affine2
        self.activation = activation
        layers = [affine1, Self.hiddenLayer(activation), affine2]
        lastLayer = SoftmaxWithLossLayer(delta: lossDelta)
        affine1.computesInputGradient = false  // nothing comes before it to pass dx to
    }

    static func hiddenLayer(_ activation: Activation) -> Layer {
        activation == .relu ? ReLULayer() : SigmoidLayer()
    }

    /// The scores before softmax (argmax of these is the predicted class).
    public func predict(_ x: Matrix) -> Matrix {
        var x = x
        for layer in layers { x = layer.forward(x) }
        return x
    }

    public func loss(_ x: Matrix, labels: [Int]) -> Double {
        lastLayer.forward(predict(x), labels: labels)
    }

    /// The book's `self.params`: W1, b1, W2, b2.
    public var params: NamedMatrices {
        get { ["W1": affine1.w, "b1": affine1.b, "W2": affine2.w, "b2": affine2.b] }
        set {
            (affine1.w, affine1.b, affine2.w, affine2.b) = (
                newValue["W1"]!, newValue["b1"]!, newValue["W2"]!, newValue["b2"]!
            )
        }
    }

    public func takeParams() -> NamedMatrices {
        let taken = params
        let empty = Matrix.zeros(0, 0)
        (affine1.w, affine1.b, affine2.w, affine2.b) = (empty, empty, empty, empty)
        return taken
    }

    /// Backpropagation (the book's `gradient`): one forward pass, then every layer backward.
    public func gradients(_ x: Matrix, labels: [Int]) -> NamedMatrices {
        _ = loss(x, labels: labels)
        var dout = lastLayer.backward()
        for layer in layers.reversed() { dout = layer.backward(dout) }
        return ["W1": affine1.dW, "b1": affine1.db, "W2": affine2.dW, "b2": affine2.db]
    }

    /// Chapter 4's way (the book's `numerical_gradient`): nudge every parameter by ±h and watch
    /// the loss.
    public func numericalGradients(
        _ x: Matrix, labels: [Int], h: Double = defaultDifferenceStep, of names: [String] = parameterNames
    ) -> NamedMatrices {
        var result: NamedMatrices = [:]
        for name in names {
            let layer = name.hasSuffix("1") ? affine1 : affine2
            let isWeight = name.hasPrefix("W")
            var grad = Matrix.zeros(like: isWeight ? layer.w : layer.b)
            grad.storage = numericalGradient(
                count: grad.count, h: h,
                read: { isWeight ? layer.w[flat: $0] : layer.b[flat: $0] },
                write: { if isWeight { layer.w[flat: $0] = $1 } else { layer.b[flat: $0] = $1 } },
                f: { loss(x, labels: labels) })
            result[name] = grad
        }
        return result
    }
}
