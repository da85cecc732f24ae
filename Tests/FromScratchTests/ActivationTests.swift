import Foundation
import XCTest

@testable import FromScratch

final class ActivationTests: XCTestCase {
    /// Every derivative against the central difference, away from the kinks at 0.
    func testDerivativesMatchTheNumericalDerivative() {
        let points = [-4.0, -1.3, -0.2, 0.3, 1.7, 3.9]
        for activation in Activation.allCases {
            for x in points {
                let numerical = numericalDerivative({ activation($0) }, at: x, h: 1e-5)
                XCTAssertEqual(activation.derivative(x), numerical, accuracy: 1e-8, "\(activation) at \(x)")
            }
        }
    }

    func testValuesAndSpecialPoints() {
        XCTAssertEqual(Activation.step(0), 0, "the book's step is x > 0")
        XCTAssertEqual(Activation.sigmoid(0), 0.5)
        XCTAssertEqual(Activation.relu(-2), 0)
        XCTAssertEqual(Activation.tanh(0), 0)
        XCTAssertEqual(Activation.leakyRelu(-2), -2 * Activation.leakySlope)
        XCTAssertEqual(Activation.sigmoid(-800), 0, "no nan for very negative inputs")
        XCTAssertEqual(Activation.sigmoid(800), 1)
        XCTAssertEqual(Activation.relu.derivative(0), 0)
        XCTAssertEqual(Activation.sigmoid.derivative(0), 0.25, "the largest the sigmoid's slope gets")
    }

    func testMatrixFormAppliesElementwise() {
        XCTAssertEqual(Activation.relu(Matrix([[-1, 2], [3, -4]])).storage, [0, 2, 3, 0])
        XCTAssertEqual(Activation.tanh.derivative(Matrix(row: [0])).storage, [1])
    }

    func testNaiveSoftmaxOverflowsWhereTheShiftedOneDoesNot() {
        let scores = Matrix(row: [1010, 1000, 990])
        XCTAssertTrue(softmax(scores, subtractingMax: false).storage.allSatisfy(\.isNaN))
        XCTAssertFalse(softmax(scores).storage.contains { $0.isNaN })
        let small = Matrix(row: [0.3, 2.9, 4.0])
        for (a, b) in zip(softmax(small).storage, softmax(small, subtractingMax: false).storage) {
            // Mathematically equal; the two roundings may differ by an ulp or two.
            XCTAssertEqual(a, b, accuracy: 4 * a.ulp, "the shift changes nothing mathematically")
        }
    }
}
