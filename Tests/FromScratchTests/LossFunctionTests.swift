import Foundation
import XCTest

@testable import FromScratch

final class LossFunctionTests: XCTestCase {
    let y = Matrix([
        [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0],
        [0.7, 0.1, 0.1, 0.0, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0],
    ])

    func testCrossEntropyOfOneHotIsMinusLogOfTheCorrectClass() {
        let loss = crossEntropyError(Matrix(row: [0.3, 0.6, 0.1]), oneHot: oneHot(1, classes: 3), delta: 0)
        XCTAssertEqual(loss, -log(0.6))
    }

    func testDeltaKeepsZeroProbabilitiesFromPoisoningTheSum() {
        // Without δ, 0 * log(0) = 0 * -inf = nan, exactly as in NumPy: the reason for δ.
        XCTAssertTrue(crossEntropyError(Matrix(row: y.row(0)), oneHot: oneHot(2, classes: 10), delta: 0).isNaN)
        XCTAssertFalse(crossEntropyError(Matrix(row: y.row(0)), oneHot: oneHot(2, classes: 10)).isNaN)
    }

    func testBatchCrossEntropyAveragesRowsAndAcceptsBothLabelForms() {
        let labels = [2, 0]
        let byIndex = crossEntropyError(y, labels: labels)
        let byOneHot = crossEntropyError(batch: y, oneHot: Matrix(labels.map { oneHot($0, classes: 10).storage }))
        XCTAssertEqual(byIndex, byOneHot)
        XCTAssertEqual(byIndex, -(log(0.6 + 1e-7) + log(0.7 + 1e-7)) / 2, accuracy: 1e-15)
    }

    func testMeanSquaredErrorIsHalfTheSquaredDistance() {
        XCTAssertEqual(meanSquaredError(Matrix(row: [1, 2]), Matrix(row: [0, 0])), 2.5)
    }

    func testSoftmaxSumsToOneAndSurvivesLargeInputs() {
        let p = softmax(Matrix([[1010, 1000, 990], [0.3, 2.9, 4.0]]))
        for r in 0..<2 { XCTAssertEqual(Matrix(row: p.row(r)).sum(), 1, accuracy: 1e-15) }
        XCTAssertFalse(p.storage.contains { $0.isNaN })
        XCTAssertEqual(p[0, 0], 1 / (1 + exp(-10) + exp(-20)), accuracy: 1e-15)
    }
}

final class InformationTheoryTests: XCTestCase {
    let p = [0.2, 0.5, 0.3], q = [0.1, 0.6, 0.3]

    func testCrossEntropyIsEntropyPlusRelativeEntropy() {
        XCTAssertEqual(crossEntropy(p, q), entropy(p) + klDivergence(p, q), accuracy: 1e-15)
        XCTAssertEqual(crossEntropy(p, q, base: 2), entropy(p, base: 2) + klDivergence(p, q, base: 2), accuracy: 1e-15)
    }

    func testRelativeEntropyIsZeroOnlyForEqualDistributions() {
        XCTAssertEqual(klDivergence(p, p), 0)
        XCTAssertGreaterThan(klDivergence(p, q), 0)
        XCTAssertNotEqual(klDivergence(p, q), klDivergence(q, p), "KL is not symmetric")
    }

    func testZeroProbabilitiesContributeNothing() {
        XCTAssertEqual(entropy([0, 0, 1]), 0)
        XCTAssertEqual(klDivergence([0, 0, 1], [0.3, 0.3, 0.4], base: 10), -log10(0.4))
    }
}

final class NumericalDifferentiationTests: XCTestCase {
    func testCentralDifferenceIsSecondOrderAndForwardFirstOrder() {
        // For f = x^3 at 1: central error h^2 (= f'''h^2/6 * 6/6), forward error ~ 3h.
        let f: (Double) -> Double = { $0 * $0 * $0 }
        let central = numericalDerivative(f, at: 1, h: 1e-3)
        let forward = numericalDerivative(f, at: 1, h: 1e-3, scheme: .forward)
        XCTAssertEqual(central - 3, 1e-6, accuracy: 1e-9)
        XCTAssertEqual(forward - 3, 3e-3, accuracy: 1e-5)
    }

    func testGradientRestoresItsInputAndHandlesAnyShape() {
        var x = Matrix([[1, -2, 3], [0.5, 0, -1]])
        let before = x
        let grad = numericalGradient({ m in m.map { $0 * $0 * $0 }.sum() }, at: &x)
        XCTAssertEqual(x, before, "every nudged element is put back")
        for i in 0..<x.count { XCTAssertEqual(grad[flat: i], 3 * x[flat: i] * x[flat: i], accuracy: 1e-7) }
    }

    func testGradientDescentRecordsEveryPointAndContracts() {
        let path = gradientDescent(
            { $0.map { $0 * $0 }.sum() }, from: Matrix(row: [-3, 4]), learningRate: 0.1, steps: 10)
        XCTAssertEqual(path.points.count, 11)
        XCTAssertEqual(path.points[0].storage, [-3, 4])
        // Each step multiplies x by 1 - 2*lr = 0.8.
        XCTAssertEqual(path.end[flat: 0], -3 * pow(0.8, 10), accuracy: 1e-9)
    }
}
