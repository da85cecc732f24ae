import Foundation
import XCTest

@testable import FigureRendering
@testable import Figures

/// A figure regenerated under other BLAS kernels is the same figure only if nothing but data
/// rounding changed, and by less than the tolerance.
final class KernelRoundingTests: XCTestCase {
    func script(_ rows: [[Double]], title: String = "loss", blockRows: Int = 0) throws -> String {
        var figure = Figure(name: "curve", caption: "A test curve")
        figure.data("loss", rows: rows, blockRows: blockRows)
        figure.gnuplot("plot $loss using 1:2 with lines title \"\(title)\"")
        return try FigureRenderer().script(for: figure)
    }

    let rows: [[Double]] = [[0, 2.3], [1, 1.0], [2, 0.05], [3, 0]]

    func testIdenticalScriptsAgree() throws {
        XCTAssertTrue(KernelRounding.sameFigure(try script(rows), try script(rows)))
    }

    func testLastBitsOfTheDataAgree() throws {
        var nudged = rows
        nudged[2][1] = 0.05.nextUp.nextUp.nextUp  // a few ulps, as two kernel sets give
        nudged[3][1] = 1e-15  // 0 against cancellation noise: judged by the column's scale (2.3)
        let a = try script(rows), b = try script(nudged)
        XCTAssertNotEqual(a, b, "the nudge shows in the script's 19 digits")
        XCTAssertTrue(KernelRounding.sameFigure(a, b))
    }

    func testADataChangeBeyondTheToleranceIsAnotherFigure() throws {
        var moved = rows
        moved[2][1] = 0.05 + 2.3 * 2e-9
        XCTAssertFalse(KernelRounding.sameFigure(try script(rows), try script(moved)))
        XCTAssertTrue(KernelRounding.sameFigure(try script(rows), try script(moved), relativeTolerance: 1e-8))
    }

    func testAnyChangeOutsideTheDataIsAnotherFigure() throws {
        XCTAssertFalse(KernelRounding.sameFigure(try script(rows), try script(rows, title: "Loss")))
        XCTAssertFalse(KernelRounding.sameFigure(try script(rows), try script(Array(rows.dropLast()))), "a row fewer")
        XCTAssertFalse(
            KernelRounding.sameFigure(try script(rows), try script(rows, blockRows: 2)), "blocks split differently")
        var nan = rows
        nan[1][1] = .nan
        XCTAssertFalse(KernelRounding.sameFigure(try script(rows), try script(nan)), "a NaN is never rounding")
    }

    func testTheRendererKeepsTheCommittedPairWhenOnlyRoundingChanged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func figure(_ rows: [[Double]]) -> Figure {
            var figure = Figure(name: "curve", caption: "A test curve")
            figure.data("loss", rows: rows)
            figure.gnuplot("plot $loss using 1:2 with lines")
            return figure
        }
        let renderer = FigureRenderer()
        XCTAssertFalse(try renderer.renderKeepingSame(figure(rows), into: folder).kept)
        let gp = folder.appendingPathComponent("curve.gp")
        let committed = try Data(contentsOf: gp)
        var nudged = rows
        nudged[1][1] = 1.0.nextUp
        XCTAssertTrue(try renderer.renderKeepingSame(figure(nudged), into: folder).kept)
        XCTAssertEqual(try Data(contentsOf: gp), committed, "the committed script stays byte for byte")
        nudged[1][1] = 1.5
        XCTAssertFalse(try renderer.renderKeepingSame(figure(nudged), into: folder).kept)
        XCTAssertNotEqual(try Data(contentsOf: gp), committed, "a real change is drawn")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files stay behind")
    }
}
