import XCTest

@testable import FromScratch

/// The penalties of seed 004 §5.3 (L2 = the book's weight decay, L1, elastic net) against values
/// and gradients worked out by hand, and against central differences.
final class PenaltyTests: XCTestCase {
    /// Σ|W| = 6 and ΣW² = 14 by hand; the zero tests the kink of |w|.
    private let w = Matrix([[1, -2], [0, 3]])

    func testValuesByHand() {
        // ½·0.1·14, 0.1·6, 0.1·(0.5·6 + 0.5·½·14) = 0.1·6.5.
        XCTAssertEqual(Penalty.l2(0.1).value(w), 0.7, accuracy: 1e-15)
        XCTAssertEqual(Penalty.l1(0.1).value(w), 0.6, accuracy: 1e-15)
        XCTAssertEqual(Penalty.elasticNet(0.1, l1Ratio: 0.5).value(w), 0.65, accuracy: 1e-15)
        XCTAssertEqual(Penalty.elasticNet(2, l1Ratio: 0.25).value(w), 2 * (0.25 * 6 + 0.75 * 7), accuracy: 1e-14)
        XCTAssertEqual(Penalty.none.value(w), 0)
        // The book's expression 0.5 * λ * np.sum(W**2) in its order: NumPy prints 0.7000000000000001.
        XCTAssertEqual(Penalty.l2(0.1).value(w), 0.7000000000000001)
    }

    func testGradientsByHand() {
        func assertGradient(_ penalty: Penalty, _ expected: [Double], line: UInt = #line) {
            let g = penalty.gradient(w)
            XCTAssertEqual(g.shape.rows, 2, line: line)
            XCTAssertEqual(g.shape.cols, 2, line: line)
            for (ours, hand) in zip(g.storage, expected) { XCTAssertEqual(ours, hand, accuracy: 1e-15, line: line) }
        }
        assertGradient(.l2(0.1), [0.1, -0.2, 0, 0.3])
        assertGradient(.l1(0.1), [0.1, -0.1, 0, 0.1])
        // λ(r·sign(w) + (1 − r)·w) with λ = 0.1, r = 0.5.
        assertGradient(.elasticNet(0.1, l1Ratio: 0.5), [0.1, -0.15, 0, 0.2])
        assertGradient(.none, [0, 0, 0, 0])
    }

    /// Away from 0 every penalty is smooth, so central differences agree to O(h²) plus rounding.
    func testGradientsAgreeWithCentralDifferences() {
        let away = Matrix([[0.7, -1.3, 2.1], [-0.4, 0.25, -3]])
        for penalty in [Penalty.l2(0.3), .l1(0.3), .elasticNet(0.3, l1Ratio: 0.4), .elasticNet(1.5, l1Ratio: 0.9)] {
            let numerical = numericalGradient({ penalty.value($0) }, at: away)
            for (ours, reference) in zip(penalty.gradient(away).storage, numerical.storage) {
                XCTAssertEqual(ours, reference, accuracy: 1e-9, "\(penalty)")
            }
        }
    }

    /// |w| has no derivative at 0; the penalty takes np.sign's 0 there, a valid subgradient, so a
    /// weight that is exactly 0 feels no L1 pull (the data's gradient alone decides whether it moves).
    func testL1GradientAtZeroIsZero() {
        let zeros = Matrix([[0, -0.0]])
        for penalty in [Penalty.l1(0.5), .elasticNet(0.5, l1Ratio: 0.7)] {
            XCTAssertEqual(penalty.gradient(zeros).storage, [0, 0], "\(penalty)")
        }
        // Either side of 0 the pull is ±λ, however small the weight.
        XCTAssertEqual(Penalty.l1(0.5).gradient(Matrix(row: [1e-300, -1e-300])).storage, [0.5, -0.5])
        XCTAssertTrue(Penalty.l1(0.5).gradient(Matrix(row: [.nan]))[flat: 0].isNaN)
    }

    /// r = 1 is L1 and r = 0 is L2, to the bit: the other term is multiplied by an exact 0, and
    /// λ·(½·S) and (½·λ)·S are the same double because halving is exact.
    func testElasticNetEndsAreL1AndL2() {
        let weights = [w, Matrix([[0.1, -0.7, 1e-3], [12.5, -0.0, 3.3]])]
        for m in weights {
            for lambda in [0.1, 0.3, 1.7] {
                let l1 = Penalty.l1(lambda), l2 = Penalty.l2(lambda)
                let atOne = Penalty.elasticNet(lambda, l1Ratio: 1), atZero = Penalty.elasticNet(lambda, l1Ratio: 0)
                XCTAssertEqual(atOne.value(m), l1.value(m))
                XCTAssertEqual(atOne.gradient(m), l1.gradient(m))
                XCTAssertEqual(atZero.value(m), l2.value(m))
                XCTAssertEqual(atZero.gradient(m), l2.gradient(m))
            }
        }
    }

    func testAddingToTheDataGradient() {
        let dW = Matrix([[0.5, 0.5], [-1, 0]])
        XCTAssertEqual(Penalty.l2(0.1).adding(to: dW, weights: w).storage[3], 0.3, accuracy: 1e-15)
        for (ours, hand) in zip(Penalty.l1(0.1).adding(to: dW, weights: w).storage, [0.6, 0.4, -1, 0.1]) {
            XCTAssertEqual(ours, hand, accuracy: 1e-15)
        }
        // λ = 0 leaves the gradient untouched, as the book's code with weight_decay_lambda = 0.
        XCTAssertEqual(Penalty.l1(0).adding(to: dW, weights: w), dW)
        XCTAssertFalse(Penalty.elasticNet(0, l1Ratio: 0.5).isActive)
        XCTAssertEqual(Penalty.none.adding(to: dW, weights: w), dW)
    }

    func testProblemsNameTheBadValue() {
        XCTAssertNil(Penalty.none.problem)
        XCTAssertNil(Penalty.l2(0).problem)
        XCTAssertNil(Penalty.elasticNet(0.1, l1Ratio: 0).problem)
        XCTAssertNil(Penalty.elasticNet(0.1, l1Ratio: 1).problem)
        let bad: [(Penalty, String)] = [
            (.l2(-0.1), "lambda must be a finite number >= 0, got -0.1"),
            (.l1(.infinity), "lambda must be a finite number >= 0, got inf"),
            (.l1(.nan), "lambda must be a finite number >= 0, got nan"),
            (.elasticNet(0.1, l1Ratio: 1.5), "l1 ratio must lie in [0, 1], got 1.5"),
            (.elasticNet(0.1, l1Ratio: -0.2), "l1 ratio must lie in [0, 1], got -0.2"),
            (.elasticNet(0.1, l1Ratio: .nan), "l1 ratio must lie in [0, 1], got nan"),
            (.elasticNet(-1, l1Ratio: 0.5), "lambda must be a finite number >= 0, got -1.0"),
        ]
        for (penalty, message) in bad {
            XCTAssertTrue(
                penalty.problem?.contains(message) == true, "\(penalty): \(penalty.problem ?? "no problem reported")")
        }
    }
}
