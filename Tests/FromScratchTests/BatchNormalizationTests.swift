import ChapterTestSupport
import XCTest

@testable import FromScratch

/// Batch normalisation and dropout against the book's layers (fixtures written by
/// `Tests/Fixtures/BookCode/generate.py` from the book's code at the pinned commit), and the
/// networks and training loop of chapter 6 built from them.
final class BatchNormalizationTests: XCTestCase {
    /// `np.random.seed(0)`; x = randn(5, 3)·2 + 1, γ = randn(3), β = randn(3), dout = randn(5, 3);
    /// forward (train), backward, a second batch randn(5, 3), then x in inference mode, against
    /// the book's `BatchNormalization` doing the same (`batch-normalization.json`).
    func testForwardBackwardAndRunningStatisticsAreTheBooksToTheLastBit() throws {
        var random = RandomState(seed: 0)
        let x = random.randn(5, 3) * 2 + 1
        let gamma = Matrix(row: random.randn(3)), beta = Matrix(row: random.randn(3))
        let dout = random.randn(5, 3)
        let layer = BatchNormLayer(gamma: gamma, beta: beta)
        let out = layer.forward(x, training: true)
        let dx = layer.backward(dout)
        _ = layer.forward(random.randn(5, 3), training: true)
        let inference = layer.forward(x, training: false)
        let book = try bookCodeFixture("batch-normalization.json")
        XCTAssertEqual(out.storage, try fixtureDoubles(book["out"]))
        XCTAssertEqual(dx.storage, try fixtureDoubles(book["dx"]))
        XCTAssertEqual(layer.dgamma.storage, try fixtureDoubles(book["dgamma"]))
        XCTAssertEqual(layer.dbeta.storage, try fixtureDoubles(book["dbeta"]))
        XCTAssertEqual(layer.runningMean.storage, try fixtureDoubles(book["running_mean"]))
        XCTAssertEqual(layer.runningVariance.storage, try fixtureDoubles(book["running_var"]))
        XCTAssertEqual(inference.storage, try fixtureDoubles(book["inference"]))
    }

    /// In training each column comes out with mean 0 and variance σ²/(σ² + ε), whatever its scale.
    func testTrainingOutputIsNormalisedPerColumn() {
        var random = RandomState(seed: 4)
        let x = Matrix(
            rows: 50, cols: 2,
            storage: zip(random.normal(loc: 100, scale: 0.01, count: 50), random.normal(loc: -3, scale: 40, count: 50))
                .flatMap { [$0, $1] })
        let out = BatchNormLayer(units: 2).forward(x, training: true)
        for c in 0..<2 {
            let column = (0..<50).map { out[$0, c] }
            let mean = column.reduce(0, +) / 50
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 50
            // Column 0 sits at 100 with spread 0.01: subtracting its mean leaves rounding of ~1e-14,
            // magnified 100-fold by the division by 0.01.
            XCTAssertEqual(mean, 0, accuracy: 1e-10)
            XCTAssertEqual(variance, 1, accuracy: c == 0 ? 0.02 : 1e-8, "column \(c): ε matters only for a tiny spread")
        }
    }

    /// The backward pass against central differences of Σ dout·out, for x, γ and β.
    func testBackwardMatchesNumericalGradients() {
        var random = RandomState(seed: 9)
        var x = random.randn(4, 3)
        let dout = random.randn(4, 3)
        let layer = BatchNormLayer(gamma: Matrix(row: [1.5, -0.5, 2]), beta: Matrix(row: [0.1, 0.2, 0.3]))
        _ = layer.forward(x, training: true)
        let dx = layer.backward(dout)
        func objective(_ x: Matrix) -> Double {
            (BatchNormLayer(gamma: layer.gamma, beta: layer.beta).forward(x, training: true) * dout).sum()
        }
        let numerical = numericalGradient({ objective($0) }, at: &x)
        for (a, b) in zip(dx.storage, numerical.storage) { XCTAssertEqual(a, b, accuracy: 1e-7) }
        var gamma = layer.gamma
        let dgamma = numericalGradient(
            { g in (BatchNormLayer(gamma: g, beta: layer.beta).forward(x, training: true) * dout).sum() }, at: &gamma)
        for (a, b) in zip(layer.dgamma.storage, dgamma.storage) { XCTAssertEqual(a, b, accuracy: 1e-7) }
    }

    func testEpsilonIsTheBooks10eMinus7() {
        XCTAssertEqual(BatchNormLayer.epsilon, 1e-6, "the book writes 10e-7, which is 1e-6")
    }

    /// `np.random.seed(1); np.random.rand(2, 3) > 0.2` is [T, T, F, T, F, F]: those entries pass.
    func testDropoutMasksAreNumPysDraws() {
        var random = RandomState(seed: 1)
        let layer = DropoutLayer(ratio: 0.2)
        let x = Matrix([[1, 2, 3], [4, 5, 6]])
        let y = layer.forward(x, training: true) { random.rand($0) }
        XCTAssertEqual(y.storage, [1, 2, 0, 4, 0, 0])
        XCTAssertEqual(layer.backward(Matrix([[1, 1, 1], [1, 1, 1]])).storage, [1, 1, 0, 1, 0, 0])
        XCTAssertEqual(layer.forward(x, training: false) { _ in [] }.storage, x.storage.map { $0 * 0.8 })
    }

    private let batch: (x: Matrix, labels: [Int]) = {
        var random = RandomState(seed: 11)
        return (random.randn(6, 5), [0, 2, 1, 1, 0, 2])
    }()

    /// With batch norm the book's extended net has gamma/beta per hidden layer, and backprop
    /// matches the numerical gradient of the training-mode loss.
    func testBatchNormNetGradientsMatchNumericalOnes() {
        for penalty in [Penalty.none, .l2(0.1), .elasticNet(0.05, l1Ratio: 0.5)] {
            var random = RandomState(seed: 3)
            let net = MultiLayerNet(
                inputSize: 5, hiddenSizes: [4, 3], outputSize: 3, penalty: penalty, batchNorm: true,
                lossDelta: 0, random: &random)
            XCTAssertEqual(
                net.parameterNames, ["W1", "b1", "W2", "b2", "W3", "b3", "gamma1", "beta1", "gamma2", "beta2"])
            let analytic = net.gradients(batch.x, labels: batch.labels)
            let numerical = net.numericalGradients(batch.x, labels: batch.labels, h: 1e-5)
            for name in net.parameterNames {
                let difference = zip(analytic[name]!.storage, numerical[name]!.storage).map { abs($0 - $1) }.max()!
                XCTAssertLessThan(difference, 1e-7, "\(penalty) \(name)")
            }
        }
    }

    /// The penalty's value is added to the loss and its gradient to each dW (biases untouched).
    func testPenaltiesEnterLossAndGradients() {
        func net(_ penalty: Penalty) -> MultiLayerNet {
            var random = RandomState(seed: 3)
            return MultiLayerNet(inputSize: 5, hiddenSizes: [4], outputSize: 3, penalty: penalty, random: &random)
        }
        let plain = net(.none)
        for penalty in [Penalty.l1(0.1), .l2(0.1), .elasticNet(0.1, l1Ratio: 0.3)] {
            let penalised = net(penalty)
            let expected = plain.affineLayers.map { penalty.value($0.w) }.reduce(0, +)
            XCTAssertEqual(
                penalised.loss(batch.x, labels: batch.labels) - plain.loss(batch.x, labels: batch.labels), expected,
                accuracy: 1e-14)
            let g0 = plain.gradients(batch.x, labels: batch.labels),
                g1 = penalised.gradients(batch.x, labels: batch.labels)
            XCTAssertEqual(g1["W1"]!, g0["W1"]! + penalty.gradient(plain.affineLayers[0].w))
            XCTAssertEqual(g1["b1"], g0["b1"])
        }
        XCTAssertEqual(net(.l2(0.25)).weightDecayLambda, 0.25)
    }

    /// A dropout net draws its masks from the stream it is given, so two runs from one seed agree,
    /// and inference is deterministic.
    func testDropoutNetTrainsReproducibly() {
        func trained(seed: UInt32 = 5) -> Matrix {
            var random = RandomState(seed: seed)
            let net = MultiLayerNet(
                inputSize: 5, hiddenSizes: [4, 4], outputSize: 3, dropoutRatio: 0.5, random: &random)
            var sgd = SGD(learningRate: 0.1)
            for _ in 0..<5 {
                net.update(with: net.gradients(batch.x, labels: batch.labels, random: &random), optimizer: &sgd)
            }
            return net.predict(batch.x)
        }
        XCTAssertEqual(trained(), trained())
        // And the seed matters: a test that a constant result would also pass proves nothing.
        XCTAssertNotEqual(trained(seed: 6), trained())
    }

    /// The scripts' loops: 300 images in batches of 100 give 3 iterations per epoch; stopping at
    /// the 201st measurement is 601 updates, the book's Trainer makes int(301·3) = 903.
    /// One epoch length for every loop, the scripts' float: with batches of 128, 60000 images
    /// make 468.75 iterations, so `i % iter_per_epoch == 0` holds at 0, 1875, 3750, never at 468.
    func testAnEpochIsTheScriptsFloat() {
        let epoch = EpochLength(trainSize: 60_000, batchSize: 128)
        XCTAssertEqual(epoch.iterations, 468.75)
        XCTAssertEqual((0..<6000).filter(epoch.ends(after:)), [0, 1875, 3750, 5625])
        XCTAssertEqual(TrainingSchedule(batchSize: 128).epoch(trainSize: 60_000).iterations, 468.75)
        XCTAssertEqual(
            (0..<1801).filter(EpochLength(trainSize: 60_000, batchSize: 100).ends(after:)), [0, 600, 1200, 1800])
    }

    func testEpochSchedulesCountAsTheBooksLoops() {
        XCTAssertEqual(EpochSchedule(epochs: 201).updates(trainSize: 300), 601)
        XCTAssertEqual(EpochSchedule(epochs: 301, stop: .trainerIterations).updates(trainSize: 300), 903)
        XCTAssertEqual(EpochSchedule(epochs: 20).updates(trainSize: 1000), 191)
        XCTAssertEqual(EpochSchedule(epochs: 50, stop: .trainerIterations).updates(trainSize: 400), 200)
        // 1000 / 128 = 7.8125: only multiples of 125 are whole epochs, as in Python's float modulo.
        let odd = EpochSchedule(epochs: 3, batchSize: 128)
        XCTAssertEqual((0..<300).filter { odd.measures(after: $0, trainSize: 1000) }, [0, 125, 250])
    }

    /// Training in parallel gives exactly what training one after another gives.
    func testParallelSideBySideTrainingEqualsSequential() {
        var random = RandomState(seed: 2)
        let images = random.rand(40, 5), labels = (0..<40).map { $0 % 3 }
        func nets() -> [MultiLayerNet] {
            var r = RandomState(seed: 8)
            return (0..<3).map { _ in MultiLayerNet(inputSize: 5, hiddenSizes: [6], outputSize: 3, random: &r) }
        }
        let batches = SideBySideTraining.drawBatches(iterations: 20, trainSize: 40, batchSize: 8, random: &random)
        let optimizers: [any Optimizer] = [SGD(learningRate: 0.1), Momentum(), AdaGrad()]
        let parallel = SideBySideTraining.train(
            nets(), optimizers: optimizers, images: images, labels: labels, batches: batches)
        let sequentialNets = nets()
        for k in 0..<3 {
            var optimizer = optimizers[k]
            let losses = batches.map {
                sequentialNets[k].trainingStep(
                    images.gathering(rows: $0), labels: $0.map { labels[$0] }, optimizer: &optimizer)
            }
            XCTAssertEqual(parallel[k], losses)
        }
    }
}
