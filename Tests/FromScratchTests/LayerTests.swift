import XCTest

@testable import FromScratch

/// Every layer's backward pass against the numerical gradient of its forward pass.
final class LayerTests: XCTestCase {
    var random = RandomState(seed: 3)

    /// d/dx of sum(forward(x) ∘ g) for a fixed g is what backward(g) must return.
    func assertBackwardMatchesNumerical(_ layer: Layer, x: Matrix, file: StaticString = #filePath, line: UInt = #line) {
        let g = random.randn(x.rows, layer.forward(x).cols)
        let numerical = numericalGradient({ (layer.forward($0) * g).sum() }, at: x, h: 1e-5)
        _ = layer.forward(x)
        let backward = layer.backward(g)
        for i in 0..<x.count {
            XCTAssertEqual(backward[flat: i], numerical[flat: i], accuracy: 1e-8, file: file, line: line)
        }
    }

    func testReLUAndSigmoid() {
        // Inputs kept away from ReLU's kink at 0.
        let x = Matrix([[-1.2, 0.7, 2.0], [0.3, -0.4, -2.5]])
        assertBackwardMatchesNumerical(ReLULayer(), x: x)
        assertBackwardMatchesNumerical(SigmoidLayer(), x: x)
    }

    func testAffineInputWeightAndBiasGradients() {
        let w = random.randn(3, 4), b = random.randn(1, 4), x = random.randn(2, 3)
        let layer = AffineLayer(weights: w, bias: b)
        assertBackwardMatchesNumerical(layer, x: x)
        let g = random.randn(2, 4)
        _ = layer.forward(x)
        _ = layer.backward(g)
        let dW = numericalGradient({ ((matmul(x, $0) + b) * g).sum() }, at: w, h: 1e-5)
        for i in 0..<w.count { XCTAssertEqual(layer.dW[flat: i], dW[flat: i], accuracy: 1e-8) }
        XCTAssertEqual(layer.db.storage, g.sum(axis: 0).storage)
    }

    func testSoftmaxWithLossBackwardIsYMinusTOverN() {
        let x = random.randn(3, 5), labels = [4, 0, 2]
        let layer = SoftmaxWithLossLayer(delta: 0)
        let numerical = numericalGradient(
            { SoftmaxWithLossLayer(delta: 0).forward($0, labels: labels) }, at: x, h: 1e-5)
        _ = layer.forward(x, labels: labels)
        let dx = layer.backward()
        for i in 0..<x.count { XCTAssertEqual(dx[flat: i], numerical[flat: i], accuracy: 1e-9) }
    }

    func testTwoLayerNetBackpropEqualsNumericalGradient() {
        for activation in [Activation.relu, .sigmoid] {
            var random = RandomState(seed: 7)
            let net = TwoLayerNet(
                inputSize: 6, hiddenSize: 5, outputSize: 3, activation: activation, weightInitStd: 0.5,
                lossDelta: 0, random: &random)
            let x = random.randn(4, 6), labels = [0, 2, 1, 2]
            let numerical = net.numericalGradients(x, labels: labels, h: 1e-5)
            let backprop = net.gradients(x, labels: labels)
            for parameter in TwoLayerNet.parameterNames {
                let diff = (backprop[parameter]! - numerical[parameter]!).storage.map(abs).max()!
                XCTAssertLessThan(diff, 1e-8, "\(activation) \(parameter)")
            }
        }
    }

    func testMultiplyAndAddNodes() {
        var multiply = MultiplyNode()
        XCTAssertEqual(multiply.forward(3, 4), 12)
        XCTAssertEqual(multiply.backward(2).dx, 8, "upstream times the other input")
        XCTAssertEqual(multiply.backward(2).dy, 6)
        XCTAssertEqual(AddNode().backward(5).dx, 5)
    }

    /// BLAS adds in its own order: each element may differ from the plain loop by rounding only,
    /// at most 1e-12 relative to Σ|a_ik b_kj| (the scale rounding errors of a dot product have).
    func testMatmulMatchesTheReferenceProduct() {
        for (m, k, n) in [(1, 1, 1), (3, 2, 4), (100, 784, 50), (37, 129, 10), (128, 100, 100)] {
            let a = random.randn(m, k), b = random.randn(k, n)
            let fast = matmul(a, b), reference = referenceMatmul(a, b)
            let scale = referenceMatmul(a.map(abs), b.map(abs))
            for i in 0..<fast.count {
                XCTAssertEqual(fast[flat: i], reference[flat: i], accuracy: 1e-12 * scale[flat: i], "\(m)x\(k)x\(n)")
            }
        }
    }

    /// ReLU's backward pass works eight entries at a time plus a tail: against the plain rule on a
    /// 5x7 batch (four blocks of eight and three more), with a zero and minus infinity among the inputs.
    func testReLUBackwardMasksEveryEntryBeyondBlocksOfEight() {
        var random = RandomState(seed: 21)
        var x = random.randn(5, 7)
        x[0, 0] = 0
        x[4, 6] = -.infinity
        let layer = ReLULayer()
        let y = layer.forward(x)
        let dout = random.randn(5, 7)
        let dx = layer.backward(dout)
        for i in 0..<35 { XCTAssertEqual(dx[flat: i], y[flat: i] > 0 ? dout[flat: i] : 0, "entry \(i)") }
        XCTAssertEqual(y.storage.filter { $0 > 0 }.count, x.storage.filter { $0 > 0 }.count)
    }
}
