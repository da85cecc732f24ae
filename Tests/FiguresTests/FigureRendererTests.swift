import Foundation
import XCTest

@testable import FigureRendering
@testable import Figures

final class FigureRendererTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func sample(_ plot: String = "plot $line using 1:2 with lines title \"y = x^2\"") -> Figure {
        var figure = Figure(name: "sample", caption: "A test figure")
        figure.data("line", rows: (0...10).map { [Double($0), Double($0 * $0)] })
        figure.gnuplot("set xlabel \"x\"", plot)
        return figure
    }

    func testScriptIsSelfContainedWithInlineData() throws {
        let script = try FigureRenderer().script(for: sample())
        XCTAssertTrue(script.contains("$line << EOD"))
        XCTAssertTrue(script.contains("if (!exists(\"out\")) out = 'sample.png'"))
        XCTAssertTrue(script.contains("set terminal pngcairo"))
        XCTAssertFalse(script.contains(folder.path), "the script names no absolute path")
    }

    func testRenderWritesPNGAndScriptAndIsByteIdenticalOnRepeat() throws {
        let png = try FigureRenderer().render(sample(), into: folder)
        let first = try Data(contentsOf: png)
        XCTAssertEqual(Array(first.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG file")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sample.gp").path))
        try FigureRenderer().render(sample(), into: folder)
        XCTAssertEqual(try Data(contentsOf: png), first)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary files stay behind")
    }

    func testTheScriptReRendersTheSamePNGWithPlainGnuplot() throws {
        let png = try FigureRenderer().render(sample(), into: folder)
        let again = folder.appendingPathComponent("again.png")
        let gnuplot = Process()
        gnuplot.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gnuplot.arguments = ["gnuplot", "-e", "out='again.png'", "sample.gp"]
        gnuplot.currentDirectoryURL = folder
        try gnuplot.run()
        gnuplot.waitUntilExit()
        XCTAssertEqual(gnuplot.terminationStatus, 0)
        XCTAssertEqual(try Data(contentsOf: again), try Data(contentsOf: png))
    }

    func testAFailedRenderNamesTheFigureQuotesGnuplotAndKeepsThePreviousPNG() throws {
        let png = try FigureRenderer().render(sample(), into: folder)
        let before = try Data(contentsOf: png)
        XCTAssertThrowsError(try FigureRenderer().render(sample("plot $line using 1:2 with linez"), into: folder)) {
            error in
            guard case let FigureError.renderFailed(figure, status, says) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(figure, "sample")
            XCTAssertNotEqual(status, 0)
            XCTAssertTrue(says.contains("unrecognized plot type"), says)
            XCTAssertTrue("\(error)".contains("figure 'sample'"))
        }
        XCTAssertEqual(try Data(contentsOf: png), before, "the previous figure is intact")
        let script = try String(contentsOf: folder.appendingPathComponent("sample.gp"), encoding: .utf8)
        XCTAssertFalse(script.contains("linez"), "the previous script is intact")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    func testMissingGnuplotIsReportedAsSuch() {
        XCTAssertThrowsError(try FigureRenderer(gnuplotCommand: "/nonexistent/gnuplot").render(sample(), into: folder))
        { error in
            XCTAssertEqual(error as? FigureError, .gnuplotMissing)
            XCTAssertTrue("\(error)".contains("--no-figures"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sample.png").path))
    }

    func testPreviewDrawsInTheTerminal() throws {
        let text = try FigureRenderer().preview(sample())
        XCTAssertTrue(text.contains("y = x²"), text)  // typeset, as every figure text
        XCTAssertGreaterThan(text.split(separator: "\n").count, 10)
    }

    func testGridBlocksAreSeparatedByBlankLines() throws {
        var figure = Figure(name: "grid", caption: "grid")
        figure.data("g", rows: [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 2]], blockRows: 2)
        figure.gnuplot("splot $g with lines")
        let script = try FigureRenderer().script(for: figure)
        let block = script.components(separatedBy: "$g << EOD\n")[1].components(separatedBy: "EOD")[0]
        XCTAssertEqual(block.components(separatedBy: "\n\n").count, 2, block)
    }

    /// A matrix block is its rows of whole numbers and nothing else: no `e` line, which gnuplot's
    /// `matrix` would read as a row; and gnuplot draws it.
    func testMatrixBlocksHoldOnlyTheirRows() throws {
        var figure = Figure(name: "levels", caption: "levels")
        figure.matrix("m", rows: [[0, 255, 7], [12, 0, 255]])
        figure.gnuplot("set cbrange [0:255]", "plot $m matrix with image")
        let script = try FigureRenderer().script(for: figure)
        XCTAssertTrue(script.contains("$m << EOD\n0 255 7\n12 0 255\nEOD\n"), script)
        XCTAssertTrue(FileManager.default.fileExists(atPath: try FigureRenderer().render(figure, into: folder).path))
    }

    /// A diverged run's NaN never reaches gnuplot: the figure is refused by name and nothing is written.
    func testNonFiniteDataIsRefusedByName() {
        var figure = Figure(name: "diverged", caption: "A diverged run")
        figure.data("loss", rows: [[0, 2.3], [1, .nan], [2, .infinity]])
        figure.gnuplot("plot $loss using 1:2 with lines")
        XCTAssertThrowsError(try FigureRenderer().render(figure, into: folder)) { error in
            XCTAssertEqual(error as? FigureError, .nonFiniteData(figure: "diverged", block: "loss"))
            XCTAssertTrue("\(error)".contains("diverged or overflowed"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "nothing written")
    }

    /// A gnuplot that hangs is stopped after the time limit; the previous figure stays, nothing
    /// temporary is left.
    func testAHangingGnuplotIsStoppedAndThePreviousFigureKept() throws {
        let png = try FigureRenderer().render(sample(), into: folder)
        let before = try Data(contentsOf: png)
        let hanging = folder.appendingPathComponent("hanging-gnuplot")
        try "#!/bin/sh\nsleep 600\n".write(to: hanging, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hanging.path)
        XCTAssertThrowsError(
            try FigureRenderer(gnuplotCommand: hanging.path, timeLimit: 1)
                .render(sample("plot $line using 1:2 with points"), into: folder)
        ) { error in
            XCTAssertTrue("\(error)".contains("did not finish within 1 s"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: png), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    /// Two renders of one figure at once, with different data, leave one render's pair: its PNG
    /// beside its own script, never the other's.
    func testConcurrentRendersLeaveAMatchingPair() throws {
        func figure(_ slope: Double) -> Figure {
            var figure = Figure(name: "race", caption: "A race")
            figure.data("line", rows: (0...10).map { [Double($0), slope * Double($0)] })
            figure.gnuplot("plot $line using 1:2 with lines")
            return figure
        }
        var pairs: [(gp: Data, png: Data)] = []
        for slope in [1.0, -1.0] {
            let alone = folder.appendingPathComponent("alone-\(slope)")
            let png = try FigureRenderer().render(figure(slope), into: alone)
            pairs.append((try Data(contentsOf: alone.appendingPathComponent("race.gp")), try Data(contentsOf: png)))
        }
        let shared = folder.appendingPathComponent("shared")
        for _ in 0..<5 {
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                _ = try? FigureRenderer().render(figure(i == 0 ? 1 : -1), into: shared)
            }
            let gp = try Data(contentsOf: shared.appendingPathComponent("race.gp"))
            let png = try Data(contentsOf: shared.appendingPathComponent("race.png"))
            XCTAssertTrue(pairs.contains { $0.gp == gp && $0.png == png }, "a mixed pair")
        }
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: shared.path).sorted(), ["race.gp", "race.png"])
    }
}
