import XCTest

@testable import FromScratch

/// The optimizers of DLfS 6.1 against steps worked out by hand (exact decimals, or 40-digit
/// decimal arithmetic where a square root or 1e-7 enters).
final class OptimizerTests: XCTestCase {
    /// A one-parameter problem: w starts at `start` and sees `gradients` one update at a time.
    private func walk<O: Optimizer>(_ optimizer: inout O, start: Double = 0, gradients: [Double]) -> [Double] {
        var params: NamedMatrices = ["w": Matrix(row: [start])]
        return gradients.map { g in
            optimizer.update(&params, gradients: ["w": Matrix(row: [g])])
            return params["w"]![flat: 0]
        }
    }

    func testSGDStepsAgainstTheGradient() {
        var sgd = SGD(learningRate: 0.1)
        var params: NamedMatrices = ["W": Matrix([[1, -2]]), "b": Matrix(row: [3])]
        sgd.update(&params, gradients: ["W": Matrix([[0.5, 1]]), "b": Matrix(row: [-2])])
        XCTAssertEqual(params["W"]!.storage, [0.95, -2.1])
        XCTAssertEqual(params["b"]!.storage, [3.2])
    }

    /// Constant gradient 1, lr 0.1, μ 0.9: v = -0.1, -0.19, -0.271; w = -0.1, -0.29, -0.561.
    func testMomentumBuildsUpSpeedUnderAConstantGradient() {
        var book = Momentum(learningRate: 0.1, momentum: 0.9)
        let path = walk(&book, gradients: [1, 1, 1])
        for (w, expected) in zip(path, [-0.1, -0.29, -0.561]) { XCTAssertEqual(w, expected, accuracy: 1e-15) }
        XCTAssertEqual(book.velocity["w"]![flat: 0], -0.271, accuracy: 1e-15)
        // The notes' form keeps the sum of gradients, 1, 1.9, 2.71, and walks the same path.
        var notes = Momentum(learningRate: 0.1, momentum: 0.9, form: .notes)
        let notesPath = walk(&notes, gradients: [1, 1, 1])
        for (a, b) in zip(path, notesPath) { XCTAssertEqual(a, b, accuracy: 1e-15) }
        XCTAssertEqual(notes.velocity["w"]![flat: 0], 2.71, accuracy: 1e-15)
    }

    /// μ = 0 is plain SGD (seed 004: 退化为标准小批量梯度下降).
    func testMomentumZeroIsSGD() {
        var momentum = Momentum(learningRate: 0.3, momentum: 0)
        var sgd = SGD(learningRate: 0.3)
        let gradients = [2.0, -1, 0.5, 4]
        XCTAssertEqual(walk(&momentum, start: 1, gradients: gradients), walk(&sgd, start: 1, gradients: gradients))
    }

    /// Eq. 7, the book's class: w = 0 + 0.81·0 − 1.9·0.1 = −0.19 and v = −0.1; then
    /// w = −0.19 + 0.81·(−0.1) − 0.19 = −0.461 and v = −0.19: Sutskever's look-ahead points x + μv
    /// (x = −0.1, −0.29).
    func testNesterovStepsTheLookAheadPoint() {
        var nesterov = Nesterov(learningRate: 0.1, momentum: 0.9)
        let path = walk(&nesterov, gradients: [1, 1])
        XCTAssertEqual(path[0], -0.19, accuracy: 1e-15)
        XCTAssertEqual(path[1], -0.461, accuracy: 1e-15)
        XCTAssertEqual(nesterov.velocity["w"]![flat: 0], -0.19, accuracy: 1e-15)
    }

    /// Under a constant gradient Nesterov settles to momentum's speed, -lr·g/(1 - μ) = -1 per step.
    func testNesterovReachesMomentumsSpeed() {
        var nesterov = Nesterov(learningRate: 0.1, momentum: 0.9)
        let path = walk(&nesterov, gradients: Array(repeating: 1, count: 400))
        XCTAssertEqual(path[399] - path[398], -1, accuracy: 1e-12)
    }

    /// w = 1, g = 2, lr 0.1: h = 4 and w = 1 - 0.2/(2 + 1e-7) = 0.90000000499999975...
    func testAdaGradDividesByTheRootOfTheSummedSquares() {
        var adagrad = AdaGrad(learningRate: 0.1)
        let path = walk(&adagrad, start: 1, gradients: [2, 2, 2])
        XCTAssertEqual(path[0], 0.90000000499999975, accuracy: 1e-16)
        XCTAssertEqual(adagrad.accumulator["w"]![flat: 0], 12)
        // The steps shrink like 1/√t under a constant gradient: 0.1·2/√(4t).
        XCTAssertEqual(path[1] - path[0], -0.2 / 8.0.squareRoot(), accuracy: 1e-8)
        XCTAssertEqual(path[2] - path[1], -0.2 / 12.0.squareRoot(), accuracy: 1e-8)
    }

    /// w = 1, g = 2, lr 0.1, ρ 0.99: h = 0.01·4 = 0.04, √h = 0.2, so the first step is
    /// 0.1·2/0.2 ≈ 1 — ten times lr·g/|g|, because h starts at 0 and is not bias-corrected.
    func testRMSpropFirstStepAndForgetting() {
        var rmsprop = RMSprop(learningRate: 0.1)
        let path = walk(&rmsprop, start: 1, gradients: [2] + Array(repeating: 0, count: 10))
        XCTAssertEqual(path[0], 4.99999750000125e-7, accuracy: 5e-16)  // 1 - 0.99999950000025: cancellation
        XCTAssertEqual(rmsprop.accumulator["w"]![flat: 0], 0.04 * pow(0.99, 10), accuracy: 2e-16)
        // With g = 0 the parameter stays where it is.
        XCTAssertEqual(path[10], path[0])
    }

    /// w = 1, g = 2, lr 0.1: m = 0.2, v = 0.004, lr_t = 0.1·√0.001/0.1, step ≈ lr:
    /// w = 0.90000015811363300881...
    func testAdamFirstStepIsAboutTheLearningRate() {
        var adam = Adam(learningRate: 0.1)
        let path = walk(&adam, start: 1, gradients: [2])
        XCTAssertEqual(path[0], 0.90000015811363300881, accuracy: 5e-16)
        XCTAssertEqual(adam.iteration, 1)
        XCTAssertEqual(adam.firstMoment["w"]![flat: 0], 0.2, accuracy: 1e-16)
        XCTAssertEqual(adam.secondMoment["w"]![flat: 0], 0.004, accuracy: 1e-17)
        // Bias correction makes the first step lr whatever the gradient's size (冷启动 undone).
        for g in [0.1, 1.0, 1e3] {
            var fresh = Adam(learningRate: 0.1)
            XCTAssertEqual(walk(&fresh, gradients: [g])[0], -0.1, accuracy: 1e-4, "g = \(g)")
        }
        // lr_t = lr·√(1 - β2ᵗ)/(1 - β1ᵗ): 0.1·√0.001/0.1 at t = 1, tending to lr.
        XCTAssertEqual(adam.correctedLearningRate(at: 1), 0.001.squareRoot(), accuracy: 1e-16)
        XCTAssertEqual(adam.correctedLearningRate(at: 100_000), 0.1, accuracy: 1e-12)
    }

    func testEveryParameterIsUpdatedOnItsOwn() {
        // Updating W and b together equals updating each alone: dictionary order cannot matter.
        let params: NamedMatrices = ["W": Matrix([[1, -2], [0.5, 3]]), "b": Matrix(row: [0.1, -0.2])]
        let grads: NamedMatrices = ["W": Matrix([[0.3, -1], [2, 0]]), "b": Matrix(row: [-0.5, 0.25])]
        for kind in OptimizerKind.allCases {
            var together = kind.make(learningRate: 0.05)
            var both = params
            for _ in 0..<3 { together.update(&both, gradients: grads) }
            for key in ["W", "b"] {
                var alone = kind.make(learningRate: 0.05)
                var one: NamedMatrices = [key: params[key]!]
                for _ in 0..<3 { alone.update(&one, gradients: [key: grads[key]!]) }
                XCTAssertEqual(one[key], both[key], "\(kind) \(key)")
            }
        }
    }

    func testTheBooksDefaults() {
        let books: [OptimizerKind: (name: String, rate: Double)] = [
            .sgd: ("SGD", 0.01), .momentum: ("Momentum", 0.01), .nesterov: ("Nesterov", 0.01),
            .adagrad: ("AdaGrad", 0.01), .rmsprop: ("RMSprop", 0.01), .adam: ("Adam", 0.001),
        ]
        XCTAssertEqual(Set(OptimizerKind.fromTheBook), Set(books.keys))
        for (kind, book) in books {
            XCTAssertEqual(kind.bookName, book.name)
            XCTAssertEqual(kind.defaultLearningRate, book.rate, "\(kind)")
        }
        XCTAssertEqual((OptimizerKind.adam.make() as? Adam)?.learningRate, 0.001)
        XCTAssertEqual((OptimizerKind.rmsprop.make() as? RMSprop)?.decayRate, 0.99)
        XCTAssertEqual((OptimizerKind.momentum.make() as? Momentum)?.momentum, 0.9)
    }

    // MARK: - Gradient clipping

    func testClippingByValueCutsEachElement() {
        let clipped = GradientClipping.byValue(1).applied(to: ["g": Matrix(row: [3, -0.5, -4, 1])])
        XCTAssertEqual(clipped["g"]!.storage, [1, -0.5, -1, 1])
    }

    /// ‖(W, b)‖ = √(4 + 1 + 0 + 4 + 16) = 5 > 2.5: everything is halved, the direction kept.
    func testClippingByGlobalNormScalesEverything() {
        let grads: NamedMatrices = ["W": Matrix([[2, -1], [0, 2]]), "b": Matrix(row: [4])]
        XCTAssertEqual(GradientClipping.globalNorm(grads), 5)
        let clipped = GradientClipping.byGlobalNorm(2.5).applied(to: grads)
        XCTAssertEqual(clipped["W"]!.storage, [1, -0.5, 0, 1])
        XCTAssertEqual(clipped["b"]!.storage, [2])
        XCTAssertEqual(GradientClipping.globalNorm(clipped), 2.5)
        // Below the threshold nothing changes.
        XCTAssertEqual(GradientClipping.byGlobalNorm(5).applied(to: grads)["W"], grads["W"])
        XCTAssertEqual(GradientClipping.byValue(4).applied(to: grads)["b"], grads["b"])
    }

    func testAClippedOptimizerSeesTheClippedGradient() {
        var clipped = Clipped(SGD(learningRate: 1), clipping: .byGlobalNorm(1))
        var params: NamedMatrices = ["w": Matrix(row: [0, 0])]
        clipped.update(&params, gradients: ["w": Matrix(row: [30, 40])])
        XCTAssertEqual(params["w"]!.storage[0], -0.6, accuracy: 1e-15)
        XCTAssertEqual(params["w"]!.storage[1], -0.8, accuracy: 1e-15)
    }
}
