import Foundation

/// The book's two-layer network (DLfS 4.5 and 5.7): Affine → activation → Affine → softmax with
/// cross-entropy. Chapter 4 uses a sigmoid hidden layer, chapter 5 ReLU.
///
/// Gradients come two ways: `numericalGradients` (chapter 4's method, slow and simple) and
/// `gradients` (backpropagation, chapter 5). The gradient check compares them.
public final class TwoLayerNet: Classifier {
    public enum Parameter: String, CaseIterable, Sendable { case w1 = "W1", b1, w2 = "W2", b2 }

    public let affine1: AffineLayer
    public let affine2: AffineLayer
    public let hidden: Layer
    public let activation: Activation
    private let lastLayer: SoftmaxWithLossLayer

    /// Weights drawn as the book does, `std * randn(in, out)` (W1 first, then W2), biases zero.
    /// `lossDelta` is the δ of the cross-entropy (the book's code: 1e-7).
    public init(
        inputSize: Int, hiddenSize: Int, outputSize: Int, activation: Activation = .relu,
        weightInitStd: Double = 0.01, lossDelta: Double = crossEntropyDelta, random: inout RandomState
    ) {
        lastLayer = SoftmaxWithLossLayer(delta: lossDelta)
        precondition(activation == .relu || activation == .sigmoid, "TwoLayerNet: hidden layer must be ReLU or sigmoid")
        affine1 = AffineLayer(
            weights: weightInitStd * random.randn(inputSize, hiddenSize),
            bias: Matrix.zeros(1, hiddenSize))
        affine2 = AffineLayer(
            weights: weightInitStd * random.randn(hiddenSize, outputSize),
            bias: Matrix.zeros(1, outputSize))
        self.activation = activation
        hidden = activation == .relu ? ReLULayer() : SigmoidLayer()
        affine1.computesInputGradient = false
    }

    /// An independent net with the same weights (and the same δ), e.g. to evaluate on
    /// another thread while this one trains on.
    public func copy() -> TwoLayerNet {
        TwoLayerNet(copying: self)
    }

    private init(copying other: TwoLayerNet) {
        affine1 = AffineLayer(weights: other.affine1.w, bias: other.affine1.b)
        affine2 = AffineLayer(weights: other.affine2.w, bias: other.affine2.b)
        activation = other.activation
        hidden = other.activation == .relu ? ReLULayer() : SigmoidLayer()
        lastLayer = SoftmaxWithLossLayer(delta: other.lastLayer.delta)
        affine1.computesInputGradient = false
    }

    /// The scores before softmax (argmax of these is the predicted class).
    public func predict(_ x: Matrix) -> Matrix {
        affine2.forward(hidden.forward(affine1.forward(x)))
    }

    public func loss(_ x: Matrix, labels: [Int]) -> Double {
        lastLayer.forward(predict(x), labels: labels)
    }

    /// `predict` for rows `range` of `x`, for evaluation: the rows are read where they lie, and
    /// nothing is kept for a backward pass (the hidden layer is a fresh one), so several threads
    /// may evaluate one network at once. The same arithmetic as `predict`, bit for bit.
    public func scores(rows range: Range<Int>, of x: Matrix) -> Matrix {
        let hidden: Layer = activation == .relu ? ReLULayer() : SigmoidLayer()
        let h = hidden.forward(matmul(rows: range, of: x, affine1.w, addingRows: affine1.b))
        return matmul(h, affine2.w, transposingA: false, transposingB: false, addingRows: affine2.b)
    }

    public subscript(parameter: Parameter) -> Matrix {
        get {
            switch parameter {
            case .w1: return affine1.w
            case .b1: return affine1.b
            case .w2: return affine2.w
            case .b2: return affine2.b
            }
        }
        set {
            switch parameter {
            case .w1: affine1.w = newValue
            case .b1: affine1.b = newValue
            case .w2: affine2.w = newValue
            case .b2: affine2.b = newValue
            }
        }
    }

    /// Backpropagation: one forward pass, one backward pass.
    public func gradients(_ x: Matrix, labels: [Int]) -> [Parameter: Matrix] {
        _ = loss(x, labels: labels)
        let dout = lastLayer.backward()
        _ = affine1.backward(hidden.backward(affine2.backward(dout)))
        return [.w1: affine1.dW, .b1: affine1.db, .w2: affine2.dW, .b2: affine2.db]
    }

    /// Chapter 4's way: nudge every parameter by ±h and watch the loss.
    public func numericalGradients(
        _ x: Matrix, labels: [Int], h: Double = defaultDifferenceStep,
        of parameters: [Parameter] = Parameter.allCases
    ) -> [Parameter: Matrix] {
        var result: [Parameter: Matrix] = [:]
        for parameter in parameters {
            let layer = parameter == .w1 || parameter == .b1 ? affine1 : affine2
            let isWeight = parameter == .w1 || parameter == .w2
            var grad = Matrix.zeros(like: self[parameter])
            grad.storage = numericalGradient(
                count: grad.count, h: h,
                read: { isWeight ? layer.w[flat: $0] : layer.b[flat: $0] },
                write: { if isWeight { layer.w[flat: $0] = $1 } else { layer.b[flat: $0] = $1 } },
                f: { loss(x, labels: labels) })
            result[parameter] = grad
        }
        return result
    }

    /// One step of gradient descent (SGD) with the given gradients.
    public func update(with grads: [Parameter: Matrix], learningRate lr: Double) {
        for (parameter, grad) in grads { self[parameter] = self[parameter] - lr * grad }
    }

    /// One SGD step on a mini-batch: backpropagation, then every parameter updated in place.
    public func trainingStep(_ x: Matrix, labels: [Int], learningRate lr: Double) {
        _ = gradients(x, labels: labels)
        affine1.descend(learningRate: lr)
        affine2.descend(learningRate: lr)
    }
}
