import ChapterTestSupport
import Foundation
import XCTest

@testable import FromScratch
@testable import NotesNetworksChapter

/// seed 002's sigmoid net and seed 001's logistic-regression baseline.
final class NotesSigmoidNetTests: XCTestCase {
    /// The gradient check can fail: backprop for λ = 0 against the numerical gradient for λ = 1.
    func testTheGradientCheckSeesAWrongPenalty() {
        let (x, y, _) = SigmoidNetExamples.data()
        let net = SigmoidNetExamples.randomNet
        XCTAssertLessThan(
            SigmoidNetExamples.gradientCheck(net, x: x, y: y, lambda: 1), SigmoidNetExamples.gradientCheckBound)
        let backprop = net.gradients(x, y, lambda: 0).gradients
        let numerical = net.numericalGradients(x, y, lambda: 1)
        let worst = zip(backprop, numerical).flatMap { zip($0.storage, $1.storage).map { abs($0 - $1) } }.max()!
        XCTAssertGreaterThan(worst, 1e-3)
    }

    /// δ^(l) has the units of layer l (the bias unit's entry dropped), one row per example.
    func testDeltasHaveTheLayersShapes() {
        let (x, y, _) = SigmoidNetExamples.data()
        let deltas = SigmoidNetExamples.randomNet.gradients(x, y, lambda: 0.01).deltas
        XCTAssertEqual(deltas.map(\.cols), [5, 4, 2])
        XCTAssertTrue(deltas.allSatisfy { $0.rows == x.rows })
    }

    /// On all 200 moons (100 per class) Θ = 0 does not move at all: every output is 0.5, and the
    /// errors 0.5 − y cancel exactly. Hence the demonstration uses the first 100 (47 and 53).
    func testZeroIsStationaryOnTheBalancedMoons() {
        let (x, y, labels) = SigmoidNetExamples.data(examples: 200)
        XCTAssertEqual(labels.filter { $0 == 0 }.count, 100)
        let gradients = SigmoidNet.zeros(layerSizes: SigmoidNetExamples.layerSizes).gradients(x, y, lambda: 0.01)
            .gradients
        XCTAssertTrue(gradients.allSatisfy { $0.storage.allSatisfy { $0 == 0 } })
        let (_, _, first) = SigmoidNetExamples.data()
        XCTAssertNotEqual(first.filter { $0 == 0 }.count, first.count / 2)
    }

    /// The identity test compares with ==, and a random start fails it from the outset.
    func testRandomUnitsAreNotIdentical() {
        let x = SigmoidNetExamples.data().x
        XCTAssertFalse(SigmoidNetExamples.unitsIdentical(SigmoidNetExamples.randomNet, x: x))
        XCTAssertTrue(SigmoidNetExamples.unitsIdentical(SigmoidNet.zeros(layerSizes: [2, 5, 4, 2]), x: x))
        XCTAssertGreaterThan(SigmoidNetExamples.closestUnits(SigmoidNetExamples.randomNet).min()!, 0)
    }

    func testRandomWeightsStayWithinTheirBound() {
        let net = SigmoidNet.random(layerSizes: [2, 5, 4, 2], seed: 0)
        for (l, theta) in net.thetas.enumerated() {
            let bound = SigmoidNet.initialisationBound(net.layerSizes[l], net.layerSizes[l + 1])
            XCTAssertTrue(theta.storage.allSatisfy { abs($0) <= bound }, "Θ(\(l + 1))")
            XCTAssertGreaterThan(theta.storage.map(abs).max()!, bound / 2, "Θ(\(l + 1)) uses its range")
        }
    }

    /// The printed lines fail where the slips are; corrected, they are the network's forward pass.
    func testThePrintedForwardLines() throws {
        let net = SigmoidNetExamples.randomNet
        let x = SigmoidNetExamples.data().x
        XCTAssertThrowsError(try SigmoidNetExamples.evaluate(SigmoidNetExamples.printedLines, net: net, x: x)) {
            XCTAssertTrue("\($0)".hasPrefix("z(1) is used before anything computes it"), "\($0)")
        }
        XCTAssertThrowsError(try SigmoidNetExamples.evaluate(SigmoidNetExamples.lines(correcting: [2]), net: net, x: x))
        {
            XCTAssertTrue("\($0)".contains("Θ(2) is 4×6"), "\($0)")
        }
        XCTAssertEqual(
            try SigmoidNetExamples.evaluate(SigmoidNetExamples.lines(correcting: [2, 3]), net: net, x: x),
            net.forward(x).last!)
        // When layers 1 and 2 are equally wide the printed z(3) computes, and computes something else.
        let square = SigmoidNet.random(layerSizes: [2, 2, 3, 2], seed: 1)
        let slipped = try SigmoidNetExamples.evaluate(SigmoidNetExamples.lines(correcting: [2]), net: square, x: x)
        XCTAssertNotEqual(slipped, square.forward(x).last!)
    }

    func testLogisticRegressionIsAtItsMinimum() {
        let data = MoonsData.moons()
        let fit = LogisticRegression.fit(x: data.x, y: data.y)
        XCTAssertLessThan(
            LogisticRegression.gradient(fit.theta, x: data.x, y: data.y, lambda: fit.lambda).map(abs).max()!, 1e-12)
        let best = LogisticRegression.cost(fit.theta, x: data.x, y: data.y, lambda: fit.lambda)
        for j in 0..<3 {
            for delta in [-1e-3, 1e-3] {
                var moved = fit.theta
                moved[j] += delta
                XCTAssertGreaterThan(LogisticRegression.cost(moved, x: data.x, y: data.y, lambda: fit.lambda), best)
            }
        }
        // The line drawn is where the prediction changes.
        let x0 = 0.3, x1 = fit.boundary(atX0: x0)
        XCTAssertNotEqual(fit.predict(Matrix([[x0, x1 + 1e-6]])), fit.predict(Matrix([[x0, x1 - 1e-6]])))
        // A straight line cannot separate the moons as the network does.
        XCTAssertLessThan(
            fit.accuracy(x: data.x, y: data.y),
            MoonsNetwork.accuracy(MoonsExamples.constantRun.model, x: data.x, y: data.y) - 0.05)
    }

    func testThePenaltyAsPrintedRunsOffTheEndOfTheta() {
        XCTAssertThrowsError(try LogisticRegressionPenalty.sumAsPrinted([0.5, 1, -4], examples: 200)) {
            XCTAssertTrue("\($0)".contains("reads θ3"), "\($0)")
        }
        // With as many examples as features the printed sum is the right one.
        XCTAssertEqual(try LogisticRegressionPenalty.sumAsPrinted([0.5, 1, -4], examples: 2), 17)
    }
}
