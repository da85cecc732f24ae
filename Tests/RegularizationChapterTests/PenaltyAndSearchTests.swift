import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

@testable import FromScratch
@testable import RegularizationChapter

/// Seed 004 §5.3 and §6 (Chapters/06-regularization.md): the penalties' worked examples, the
/// closed-form minimisers, grid search against random search, and the two subcommands.
final class PenaltyAndSearchTests: XCTestCase {
    private let prefixes = ["penalty-", "search-coverage-"]

    /// Every row of these two parts is listed in the chapter text and agrees with its printed value.
    ///
    /// Only these rows are checked here, so that another part's unfinished rows do not hide a
    /// failure of ours (the whole table is `RegularizationTests.testEveryPrintedValue`).
    func testTheRowsHold() throws {
        let text = try ChapterText(path: RegularizationBook.textURL(root: projectRoot).path)
        let listed = try text.rows().filter { row in prefixes.contains { row.id.hasPrefix($0) } }
        let ours = Set(PenaltyExamples.rows.keys).union(SearchCoverage.rows.keys)
        XCTAssertEqual(
            Set(listed.map(\.id)), ours, "Chapters/06-regularization.md must list exactly the penalty and search rows")
        for row in listed {
            guard let example = PenaltyExamples.rows[row.id] ?? SearchCoverage.rows[row.id] else { continue }
            let finding = example()
            XCTAssertEqual(
                finding.verdict(for: row.printed), Verdict.ok,
                "\(row.id): printed \(row.printed.text), ours \(finding.ours)")
        }
    }

    // MARK: - Penalties

    /// The hand closed forms against golden-section minimisation for several λ and r, including
    /// a on both edges of the dead zone.
    func testClosedFormMinimisersAgreeWithNumericalMinimisation() {
        let penalties: [Penalty] = [
            .none, .l2(0.1), .l2(2), .l1(0.1), .l1(1.3), .elasticNet(0.1, l1Ratio: 0.5),
            .elasticNet(1, l1Ratio: 0.2), .elasticNet(3, l1Ratio: 0.9),
        ]
        for penalty in penalties {
            for a in PenaltyExamples.scan(halfWidth: 4, points: 161) + [1.3, -1.3, 1.3000001, 0.45, 2.7] {
                XCTAssertEqual(
                    PenaltyExamples.minimiser(penalty, at: a), PenaltyExamples.numericalMinimiser(penalty, at: a),
                    accuracy: 1e-7, "\(penalty), a = \(a)")
            }
        }
    }

    /// Soft thresholding by hand, and its defining property: the minimum is where 0 lies in the
    /// objective's subdifferential, w − a + λ·∂|w| ∋ 0.
    func testSoftThresholding() {
        XCTAssertEqual(PenaltyExamples.softThreshold(2.5, 1), 1.5)
        XCTAssertEqual(PenaltyExamples.softThreshold(-2.5, 1), -1.5)
        XCTAssertEqual(PenaltyExamples.softThreshold(0.7, 1), 0)
        XCTAssertEqual(PenaltyExamples.softThreshold(-1, 1), 0)
        for a in [-2.0, -0.4, 0.3, 1.7] {
            let w = PenaltyExamples.minimiser(.l1(0.5), at: a)
            if w == 0 {
                XCTAssertLessThanOrEqual(abs(a), 0.5)
            } else {
                XCTAssertEqual(w - a + 0.5 * (w > 0 ? 1 : -1), 0, accuracy: 1e-15)
            }
        }
        // L2 shrinks by the same factor, however small the weight: 1e-9 stays 1e-9/(1 + λ).
        XCTAssertEqual(PenaltyExamples.minimiser(.l2(1), at: 1e-9), 5e-10)
    }

    /// The hand rows of the shrinkage example (λ = 1, r = 0.5), from the closed forms.
    func testShrinkageExampleByHand() {
        let a = PenaltyExamples.unpenalised
        XCTAssertEqual(a.map { PenaltyExamples.minimiser(.l2(1), at: $0) }, [-1.25, -0.4, 0.15, 0.75])
        XCTAssertEqual(a.map { PenaltyExamples.minimiser(.l1(1), at: $0) }, [-1.5, 0, 0, 0.5])
        let elastic = a.map { PenaltyExamples.minimiser(.elasticNet(1, l1Ratio: 0.5), at: $0) }
        for (ours, hand) in zip(elastic, [-2 / 1.5, -0.3 / 1.5, 0, 1 / 1.5]) {
            XCTAssertEqual(ours, hand, accuracy: 1e-15)
        }
    }

    // MARK: - Grid and random search

    func testGridAndRandomTrials() throws {
        let grid = SearchCoverage.grid()
        XCTAssertEqual(grid.count, 9)
        XCTAssertEqual(Set(grid.map(\.x)), [1.0 / 6, 0.5, 2.5 / 3])
        XCTAssertEqual(Set(grid.map(\.y)), [1.0 / 6, 0.5, 2.5 / 3])
        // numpy.random.seed(0); numpy.random.rand(9, 2) (`rand-9-2.json`).
        let random = SearchCoverage.random()
        let rows = try XCTUnwrap(try bookCodeFixture("rand-9-2.json")["rows"] as? [[String]])
        XCTAssertEqual(random.count, rows.count)
        for (trial, row) in zip(random, rows) {
            XCTAssertEqual(trial, SearchCoverage.Trial(x: try fixtureDouble(row[0]), y: try fixtureDouble(row[1])))
        }
        XCTAssertEqual(SearchCoverage.distinctX(grid), 3)
        XCTAssertEqual(SearchCoverage.distinctX(random), 9)
        // The best trials: the grid's at x = 5/6 (y = 1/2 adds the most h), random's row 5.
        XCTAssertEqual(SearchCoverage.best(grid), SearchCoverage.Trial(x: 2.5 / 3, y: 0.5))
        XCTAssertEqual(SearchCoverage.best(random), random[5])
        XCTAssertEqual(SearchCoverage.g(2.5 / 3), exp(-(2.0 / 15) * (2.0 / 15) / 0.02), accuracy: 1e-15)
    }

    /// The expected gaps: the closed forms against the quadratures and against a seeded Monte Carlo.
    func testExpectedGapToTheBestValue() {
        XCTAssertEqual(SearchCoverage.expectedGapOfGrid(valuesPerAxis: 3), 1.0 / 12)
        // E|U − V| of two uniforms.
        XCTAssertEqual(SearchCoverage.expectedGapOfRandom(trials: 1), 1.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(SearchCoverage.gridGapByQuadrature(valuesPerAxis: 3), 1.0 / 12, accuracy: 1e-9)
        // The midpoint rule's error grows with m (the integrand falls off as (1 − 2d)^m): 1e-3 relative
        // is far below what a wrong formula would give (m + 3 against m + 2 is 3% at m = 27).
        for m in [1, 3, 9, 27, 81] {
            let exact = SearchCoverage.expectedGapOfRandom(trials: m)
            XCTAssertEqual(SearchCoverage.randomGapByQuadrature(trials: m), exact, accuracy: 1e-3 * exact, "m = \(m)")
        }
        var state = RandomState(seed: 1)
        let draws = 20_000
        let mean =
            (0..<draws).reduce(0.0) { sum, _ in
                let best = state.randomSample()
                return sum + state.rand(9).map { abs($0 - best) }.min()!
            } / Double(draws)
        // Standard deviation of one draw < 0.06, so of the mean < 0.0005: 0.002 is four of them.
        XCTAssertEqual(mean, SearchCoverage.expectedGapOfRandom(trials: 9), accuracy: 0.002)
    }

    func testPerfectSquares() {
        XCTAssertEqual(SearchCoverage.perfectSquareRoot(9), 3)
        XCTAssertEqual(SearchCoverage.perfectSquareRoot(1), 1)
        XCTAssertEqual(SearchCoverage.perfectSquareRoot(10_000), 100)
        XCTAssertNil(SearchCoverage.perfectSquareRoot(8))
        XCTAssertNil(SearchCoverage.perfectSquareRoot(0))
        XCTAssertEqual(SearchCoverage.grid(trials: 16).count, 16)
        XCTAssertEqual(SearchCoverage.distinctX(SearchCoverage.grid(trials: 16)), 4)
    }

    // MARK: - The subcommands

    func testToolRunsAndFlagErrors() throws {
        let penalties = try runTool("regularization", ["penalties"])
        XCTAssertEqual(penalties.status, 0, penalties.stderr)
        XCTAssertTrue(penalties.stdout.contains("gradient [0.1, -0.2, 0.0, 0.30000000000000004]"), penalties.stdout)
        XCTAssertTrue(penalties.stdout.contains("value    0.6000000000000001"), penalties.stdout)
        let sparse = try runTool("regularization", ["penalties", "--lambda", "1", "--weights=-2.5,-0.8,0.3,1.5"])
        XCTAssertTrue(sparse.stdout.contains("w*       [-1.5, 0.0, 0.0, 0.5]"), sparse.stdout)
        let search = try runTool("regularization", ["search-coverage", "--trials", "16", "--seed", "3"])
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertTrue(search.stdout.contains("grid search: 16 trials, 4 distinct values of x"), search.stdout)
        XCTAssertTrue(search.stdout.contains("random search: 16 trials, 16 distinct values of x"), search.stdout)

        let errors: [([String], String)] = [
            (["penalties", "--lambda=-0.1"], "--lambda must be a finite number between 0 and 1e6"),
            (["penalties", "--lambda", "inf"], "--lambda must be a finite number between 0 and 1e6"),
            (["penalties", "--l1-ratio", "1.5"], "--l1-ratio must lie in [0, 1]"),
            (["penalties", "--weights", "1,x"], "--weights"),
            (["search-coverage", "--trials", "8"], "--trials must be a perfect square"),
            (["search-coverage", "--trials", "0"], "--trials must be between 1 and 10000"),
            (["search-coverage", "--seed=-1"], "--seed"),
        ]
        try assertToolRejects("regularization", errors)
    }

    func testFiguresForExercises() throws {
        for (arguments, name) in [
            (["penalties", "--lambda", "0.1"], "shrink"), (["search-coverage", "--trials", "25"], "search"),
        ] {
            try runToolWritingFigure("regularization", arguments, name: name)
        }
    }
}
