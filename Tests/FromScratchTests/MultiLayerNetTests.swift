import XCTest

@testable import FromScratch

/// The book's `MultiLayerNet`: shapes and names, initial scales, gradients and weight decay.
final class MultiLayerNetTests: XCTestCase {
    private func smallNet(
        _ activation: Activation = .relu, weightInit: MultiLayerNet.WeightInit = .he,
        lambda: Double = 0, lossDelta: Double = crossEntropyDelta, seed: UInt32 = 3
    ) -> MultiLayerNet {
        var random = RandomState(seed: seed)
        return MultiLayerNet(
            inputSize: 5, hiddenSizes: [4, 3], outputSize: 3, activation: activation,
            weightInit: weightInit, weightDecayLambda: lambda, lossDelta: lossDelta, random: &random)
    }

    private let batch: (x: Matrix, labels: [Int]) = {
        var random = RandomState(seed: 11)
        return (random.randn(6, 5), [0, 2, 1, 1, 0, 2])
    }()

    func testLayersAndNamesFollowTheBook() {
        let net = smallNet()
        XCTAssertEqual(net.parameterNames, ["W1", "b1", "W2", "b2", "W3", "b3"])
        let params = net.params
        XCTAssertEqual(Set(params.keys), Set(net.parameterNames))
        XCTAssertEqual(params["W1"]!.shapeDescription, "(5, 4)")
        XCTAssertEqual(params["W2"]!.shapeDescription, "(4, 3)")
        XCTAssertEqual(params["W3"]!.shapeDescription, "(3, 3)")
        XCTAssertEqual(params["b2"], Matrix.zeros(1, 3))
        XCTAssertEqual(net.predict(batch.x).shapeDescription, "(6, 3)")
    }

    /// scale · randn(n_in, n_out), layer after layer from one stream: He √(2/n_in), Xavier √(1/n_in).
    func testInitialWeightsAreTheBooksDraws() {
        for (weightInit, scales) in [
            (MultiLayerNet.WeightInit.he, [(2.0 / 5).squareRoot(), (2.0 / 4).squareRoot(), (2.0 / 3).squareRoot()]),
            (.xavier, [(1.0 / 5).squareRoot(), (1.0 / 4).squareRoot(), (1.0 / 3).squareRoot()]),
            (.std(0.01), [0.01, 0.01, 0.01]),
        ] {
            let net = smallNet(weightInit: weightInit)
            var random = RandomState(seed: 3)
            let expected = [
                scales[0] * random.randn(5, 4), scales[1] * random.randn(4, 3), scales[2] * random.randn(3, 3),
            ]
            XCTAssertEqual(net.affineLayers.map(\.w), expected, "\(weightInit)")
        }
    }

    func testWeightInitArgumentsAsTheBookSpellsThem() {
        XCTAssertEqual(MultiLayerNet.WeightInit("relu"), .he)
        XCTAssertEqual(MultiLayerNet.WeightInit("He"), .he)
        XCTAssertEqual(MultiLayerNet.WeightInit("sigmoid"), .xavier)
        XCTAssertEqual(MultiLayerNet.WeightInit("0.01"), .std(0.01))
        XCTAssertNil(MultiLayerNet.WeightInit("tanh"))
        XCTAssertNil(MultiLayerNet.WeightInit("-1"))
        XCTAssertEqual(MultiLayerNet.WeightInit.he.scale(inputs: 100), 0.02.squareRoot())
    }

    /// Backpropagation against the numerical gradient, for both activations and with weight decay.
    /// Without the log's δ (which backpropagation ignores, chapter 5) they agree to ~1e-10.
    func testBackpropagationMatchesNumericalGradients() {
        for (activation, lambda) in [(Activation.relu, 0.0), (.sigmoid, 0.0), (.relu, 0.1)] {
            let net = smallNet(activation, lambda: lambda, lossDelta: 0)
            let analytic = net.gradients(batch.x, labels: batch.labels)
            let numerical = net.numericalGradients(batch.x, labels: batch.labels)
            for name in net.parameterNames {
                let difference = zip(analytic[name]!.storage, numerical[name]!.storage).map { abs($0 - $1) }.max()!
                XCTAssertLessThan(difference, 1e-8, "\(activation) λ \(lambda) \(name)")
            }
        }
    }

    /// loss(λ) − loss(0) = ½·λ·Σ‖W‖² for the same weights; gradients differ by λ·W.
    func testWeightDecayAddsThePenaltyAndItsGradient() {
        let plain = smallNet(), decayed = smallNet(lambda: 0.1)
        let penalty = plain.affineLayers.map { 0.5 * 0.1 * $0.w.map { $0 * $0 }.sum() }.reduce(0, +)
        XCTAssertEqual(
            decayed.loss(batch.x, labels: batch.labels) - plain.loss(batch.x, labels: batch.labels), penalty,
            accuracy: 1e-14)
        let g0 = plain.gradients(batch.x, labels: batch.labels), g1 = decayed.gradients(batch.x, labels: batch.labels)
        XCTAssertEqual(g1["W2"]!.storage, (g0["W2"]! + 0.1 * plain.params["W2"]!).storage)
        XCTAssertEqual(g1["b2"], g0["b2"])
    }

    func testParametersWriteBackIntoTheLayers() {
        let net = smallNet()
        var params = net.params
        params["b3"] = Matrix(row: [1, 2, 3])
        net.params = params
        XCTAssertEqual(net.affineLayers[2].b, Matrix(row: [1, 2, 3]))
    }

    /// Training steps on one batch lower its loss (each optimizer, book defaults raised for speed).
    func testTrainingStepsLowerTheLoss() {
        for kind in OptimizerKind.allCases {
            let net = smallNet()
            // RMSprop's and Adam's steps are about lr (RMSprop's first one 10·lr) whatever the gradient.
            var optimizer = kind.make(learningRate: kind == .adam || kind == .rmsprop ? 0.01 : 0.1)
            let before = net.loss(batch.x, labels: batch.labels)
            var after = before
            for _ in 0..<50 { after = net.trainingStep(batch.x, labels: batch.labels, optimizer: &optimizer) }
            XCTAssertLessThan(after, 0.5 * before, "\(kind)")
        }
    }

    func testAccuracyCountsArgmaxHits() {
        let net = smallNet()
        let predicted = net.predict(batch.x).argmaxPerRow()
        let hits = zip(predicted, batch.labels).filter { $0 == $1 }.count
        XCTAssertEqual(net.accuracy(batch.x, labels: batch.labels, batchSize: 4), Double(hits) / 6)
    }
}
