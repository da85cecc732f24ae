import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

@testable import FromScratch
@testable import NotesNetworksChapter

/// Why seed 001's constant-ε trace is checked the way it is: the evidence, asserted.
final class NotesMoonsRoundingTests: XCTestCase {
    func printed(_ id: String) throws -> PrintedValue {
        let rows = try ChapterText(path: NotesNetworksBook.textURL(root: projectRoot).path).rows()
        return try XCTUnwrap(rows.first { $0.id == id }).printed
    }

    /// Up to pass 1000 one-ulp nudges change the loss by a few ulps at most; by pass 2000 they
    /// have moved it in the fourth decimal.
    func testRoundingTakesOverBetweenPass1000And2000() {
        let at2000 = MoonsExamples.roundingEnsemble.map { $0.run.loss(after: 2000)! }
        XCTAssertGreaterThan(at2000.max()! - at2000.min()!, 1e-4)
        var short = MoonsExamples.constant
        short.passes = 1001
        let data = MoonsData.moons()
        let start = MoonsModel(hidden: 3, seed: 0)
        let reference = MoonsExamples.constantRun.loss(after: 1000)!
        for nudge in [MoonsNudge(.w1, 0, up: true), MoonsNudge(.w2, 5, up: false)] {
            let run = MoonsNetwork.train(short, x: data.x, y: data.y, from: start.nudged(nudge))
            XCTAssertEqual(run.loss(after: 1000)!, reference, accuracy: 1e-15, "\(nudge)")
        }
    }

    /// Both phases of the orbit occur among the nudged runs: which one the even passes show is
    /// not a property of the code.
    func testBothPhasesOccur() {
        let counts = MoonsExamples.phaseCounts()
        XCTAssertGreaterThan(counts.upper, 0)
        XCTAssertGreaterThan(counts.lower, 0)
        XCTAssertEqual(counts.upper + counts.lower, MoonsExamples.roundingEnsemble.count)
    }

    /// From pass 3000 on the run alternates between two losses that differ in the fourth decimal.
    func testTheOrbitHasPeriodTwo() {
        let run = MoonsExamples.constantRun
        for pass in stride(from: 3000, to: 20_000, by: 1000) {
            let (before, here, after) = (run.loss(after: pass - 1)!, run.loss(after: pass)!, run.loss(after: pass + 1)!)
            XCTAssertGreaterThan(abs(here - after), 4e-4, "pass \(pass)")
            XCTAssertEqual(before, after, accuracy: 2e-7, "pass \(pass)")
        }
    }

    /// The orbit's upper value does not depend on the phase: every nudged run gives the same six
    /// decimals at pass 3000 (where the orbit has just formed and the runs differ most).
    func testTheUpperValueIsTheSameInEveryRun() {
        let reference = String(format: "%.6f", MoonsRounding.upperValue(of: MoonsExamples.constantRun, at: 3000)!)
        for member in MoonsExamples.roundingEnsemble {
            XCTAssertEqual(
                String(format: "%.6f", MoonsRounding.upperValue(of: member.run, at: 3000)!), reference,
                member.nudge?.description ?? "notes")
        }
    }

    /// The print is the upper value and not the lower one, at every printed pass.
    func testThePrintIsTheUpperValueNotTheLower() throws {
        let passes = Array(stride(from: 3000, to: 20_000, by: 1000))
        let run = MoonsExamples.constantRun
        let orbit = try printed("moons-loss-orbit")
        XCTAssertTrue(orbit.agrees(with: passes.map { MoonsRounding.upperValue(of: run, at: $0)! }))
        XCTAssertFalse(orbit.agrees(with: passes.map { MoonsRounding.lowerValue(of: run, at: $0)! }))
    }

    /// The loss at pass 2000 lies inside the nudged runs' spread, which is far wider than the
    /// printed precision: no single run can be expected to give its six decimals.
    func testThePrintAt2000LiesInTheSpread() throws {
        let values = MoonsExamples.roundingEnsemble.map { $0.run.loss(after: 2000)! }
        XCTAssertGreaterThan(values.max()! - values.min()!, 1000 * 0.5e-6)
        XCTAssertTrue(try printed("moons-loss-2000").lies(in: values.min()!...values.max()!))
    }

    /// The annealed run forgets rounding differences: nudged starts end within 1e-12 of each other
    /// at every printed pass, far inside six decimals.
    func testTheAnnealedRunIgnoresRounding() {
        var training = MoonsExamples.annealed
        training.passes = 3001
        let data = MoonsData.moons()
        let start = MoonsModel(hidden: 3, seed: 0)
        let reference = MoonsExamples.annealedRun
        for nudge in [MoonsNudge(.w1, 2, up: true), MoonsNudge(.w2, 3, up: false)] {
            let run = MoonsNetwork.train(training, x: data.x, y: data.y, from: start.nudged(nudge))
            for pass in [1000, 2000, 3000] {
                XCTAssertEqual(
                    run.loss(after: pass)!, reference.loss(after: pass)!, accuracy: 1e-12, "\(nudge), pass \(pass)")
            }
        }
    }

    /// Gradient descent with step ε is stable at a minimum only while ε·λmax < 2. The run starts
    /// inside that limit and is past it by pass 1000; the annealed step is far inside it there.
    func testTheConstantStepCrossesTheStabilityLimit() {
        let data = MoonsData.moons()
        let lambda = MoonsExamples.constant.lambda
        let atStart = MoonsSharpness.sharpness(MoonsModel(hidden: 3, seed: 0), x: data.x, y: data.y, lambda: lambda)
        let atPass1000 = MoonsSharpness.sharpness(
            MoonsExamples.constantRun.snapshots[999]!, x: data.x, y: data.y, lambda: lambda)
        XCTAssertLessThan(0.01 * atStart, 2)
        XCTAssertGreaterThan(0.01 * atPass1000, 2)
        let annealedModel = MoonsExamples.annealedRun.snapshots[999]!
        let annealedStep = MoonsExamples.annealed.stepSize(pass: 1000)
        XCTAssertLessThan(
            annealedStep * MoonsSharpness.sharpness(annealedModel, x: data.x, y: data.y, lambda: lambda), 0.5)
    }

    func testJacobiFindsKnownEigenvalues() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3; a diagonal matrix its diagonal.
        let found = MoonsSharpness.symmetricEigenvalues([[2, 1], [1, 2]])
        XCTAssertEqual(found[0], 1, accuracy: 1e-12)
        XCTAssertEqual(found[1], 3, accuracy: 1e-12)
        XCTAssertEqual(MoonsSharpness.symmetricEigenvalues([[5, 0, 0], [0, -1, 0], [0, 0, 2]]), [-1, 2, 5])
    }

    /// The Hessian is the derivative of the backpropagated gradient, which is the derivative of
    /// N·calculate_loss: checked along one direction by second differences of the loss.
    func testTheHessianMatchesTheLoss() {
        let data = MoonsData.moons()
        let model = MoonsModel(hidden: 3, seed: 0)
        let hessian = MoonsSharpness.hessian(model, x: data.x, y: data.y, lambda: 0.01)
        let point = MoonsSharpness.flatten(model)
        let direction = (0..<point.count).map { Double($0 % 3) - 1 }
        let h = 1e-4
        func summedLoss(_ t: Double) -> Double {
            let moved = MoonsSharpness.unflatten(zip(point, direction).map { $0 + t * $1 }, like: model)
            return Double(data.x.rows) * MoonsNetwork.loss(moved, x: data.x, y: data.y, lambda: 0.01)
        }
        let secondDifference = (summedLoss(h) - 2 * summedLoss(0) + summedLoss(-h)) / (h * h)
        let quadraticForm = (0..<point.count).map { r in
            (0..<point.count).map { c in direction[r] * hessian[r][c] * direction[c] }.reduce(0, +)
        }
        .reduce(0, +)
        XCTAssertEqual(secondDifference, quadraticForm, accuracy: 1e-3 * abs(quadraticForm))
    }
}
