import ArgumentParser
import FigureRendering
import Figures
import Foundation
import FromScratch
import XCTest

@testable import Datasets
@testable import DatasetsCommands

/// The `datasets` command: flag validation, the moons CSV, the MNIST report and digit figure.
final class DatasetsCommandTests: XCTestCase {
    func assertRejected(
        _ arguments: [String], mentioning flag: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try DatasetsCommand.parseAsRoot(arguments), file: file, line: line) { error in
            let message = DatasetsCommand.message(for: error)
            XCTAssertTrue(message.contains(flag), "'\(message)' should name \(flag)", file: file, line: line)
        }
    }

    func testInvalidFlagsAreRefusedWithAClearMessage() {
        assertRejected(["moons", "--samples", "-1"], mentioning: "--samples")
        assertRejected(["moons", "--noise", "-0.1"], mentioning: "--noise")
        assertRejected(["moons", "--noise", "nan"], mentioning: "--noise")
        assertRejected(["moons", "--seed", "4294967296"], mentioning: "--seed")
        assertRejected(["moons", "--seed", "-1"], mentioning: "--seed")
        assertRejected(["mnist", "--show", "0"], mentioning: "--show")
        assertRejected(["mnist", "--show", "101"], mentioning: "--show")
        assertRejected(["mnist", "--figure", "digits.png"], mentioning: "--show")
        assertRejected(["mnist", "--preview"], mentioning: "--show")
        assertRejected(["mnist", "--mirror", "https://example.org/"], mentioning: "--download")
        assertRejected(["mnist", "--download", "--mirror", "ftp://example.org/"], mentioning: "--mirror")
        // Once accepted and then failed as "unsupported URL": a local folder is --dir's job.
        assertRejected(["mnist", "--download", "--mirror", "file:///tmp/mnist/"], mentioning: "--dir or MNIST_DIR")
    }

    func testValidFlagsParse() throws {
        let moons = try XCTUnwrap(
            try DatasetsCommand.parseAsRoot(["moons", "--samples", "200", "--noise", "0.2", "--seed", "0"])
                as? MoonsCommand)
        XCTAssertEqual(moons.samples, 200)
        XCTAssertEqual(moons.noise, 0.2)
        let mnist = try XCTUnwrap(
            try DatasetsCommand.parseAsRoot(["mnist", "--dir", "/tmp/m", "--show", "12", "--preview"]) as? MNISTCommand)
        XCTAssertEqual(mnist.show, 12)
        XCTAssertEqual(mnist.dir, "/tmp/m")
    }

    /// The CSV holds the fixture's points, each double printed so it reads back unchanged.
    func testMoonsCSVRoundTripsTheDrawnPoints() throws {
        let command = try XCTUnwrap(
            try DatasetsCommand.parseAsRoot(["moons", "--samples", "200", "--noise", "0.2", "--seed", "0"])
                as? MoonsCommand)
        let (x, y) = command.draw()
        let lines = MoonsCommand.csv(x: x, y: y).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "x0,x1,label")
        XCTAssertEqual(lines.count, 202, "header, 200 points, and the final newline")
        let expected = try MakeMoonsTests.fixture().cases[0]
        XCTAssertEqual(expected.samples, 200)
        for (row, line) in lines.dropFirst().prefix(200).enumerated() {
            let fields = line.split(separator: ",")
            XCTAssertEqual(fields.count, 3)
            XCTAssertEqual(Double(String(fields[0])), x[row, 0])
            XCTAssertEqual(Double(String(fields[1])), x[row, 1])
            XCTAssertEqual(Int(String(fields[2])), expected.y[row])
            XCTAssertEqual(Double(String(fields[0]))!, expected.x[2 * row], accuracy: 1e-15)
        }
    }

    func testMoonsFigurePlotsBothClasses() {
        var random = RandomState(seed: 0)
        let (x, y) = makeMoons(samples: 20, noise: 0.1, random: &random)
        let figure = MoonsCommand.figure(x: x, y: y, title: "t")
        XCTAssertEqual(figure.dataBlocks.map(\.name), ["moon0", "moon1"])
        XCTAssertEqual(figure.dataBlocks.map(\.rows.count), [10, 10])
        let oneClass = MoonsCommand.figure(x: Matrix(rows: 1, cols: 2, storage: [1, 0.5]), y: [1], title: "t")
        XCTAssertEqual(oneClass.dataBlocks.map(\.name), ["moon1"])
        XCTAssertFalse(oneClass.commands.joined().contains("$moon0"))
    }

    func testDigitFigureLaysOutAGridOfLabelledImages() throws {
        let images = Matrix(rows: 12, cols: 784, storage: (0..<(12 * 784)).map { Double($0 % 256) / 255 })
        let labels = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6]
        let figure = DigitFigure.figure(images: images, labels: labels, count: 12, setName: "test")
        XCTAssertEqual(figure.dataBlocks.count, 12)
        XCTAssertTrue(figure.dataBlocks.allSatisfy { $0.isMatrix && $0.rows.count == 28 && $0.rows[0].count == 28 })
        // A matrix of gray levels: row r, column c of digit 1 is pixel 28 r + c of its image, times 255.
        XCTAssertEqual(figure.dataBlocks[1].rows[0][0], (255 * images[1, 0]).rounded())
        XCTAssertEqual(figure.dataBlocks[1].rows[1][1], (255 * images[1, 29]).rounded())
        XCTAssertEqual(figure.dataBlocks[1].rows[27][27], (255 * images[1, 783]).rounded())
        let script = figure.commands.joined(separator: "\n")
        XCTAssertTrue(script.contains("set multiplot title \"First 12 test digits of MNIST\""), script)
        XCTAssertEqual(figure.commands.filter { $0.hasSuffix("matrix with image") }.count, 12)
        XCTAssertEqual(
            figure.commands.filter { $0.hasPrefix("set label 1") }.map { $0.split(separator: "\"")[1] },
            labels.map { "\($0)"[...] })
        // No Chinese, which DejaVu, the figures' font, cannot draw.
        XCTAssertFalse(
            script.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "figure text has no CJK")
        // Two rows of ten: 10 * 90 px digits + 9 * 10 px gaps + 2 * 20 px edges.
        XCTAssertEqual(figure.width, 1030)
        XCTAssertEqual(figure.commands.filter { $0.contains("lmargin at screen 0.01942;") }.count, 2, "one per row")
    }

    func testDigitFigureRendersToPNG() throws {
        guard (try? FigureRenderer().script(for: Figure(name: "probe", caption: "probe"))) != nil,
            FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot")
        else {
            throw XCTSkip("gnuplot is not installed")
        }
        let folder = try TestData.temporaryFolder(self)
        let images = Matrix(rows: 3, cols: 784, storage: (0..<(3 * 784)).map { Double(($0 * 37) % 256) / 255 })
        let png = try FigureRenderer().render(
            DigitFigure.figure(images: images, labels: [1, 2, 3], count: 3, setName: "test"), into: folder)
        let bytes = try Data(contentsOf: png)
        XCTAssertEqual(Array(bytes.prefix(4)), [0x89, 0x50, 0x4e, 0x47], "a PNG file")
    }

    func testTextPreviewShadesTheDigits() {
        var pixels = [Double](repeating: 0, count: 2 * 784)
        for row in 10..<18 { pixels[784 + row * 28 + 14] = 1 }  // a vertical stroke in digit 2
        let text = DigitFigure.textPreview(
            images: Matrix(rows: 2, cols: 784, storage: pixels), labels: [4, 1], count: 2)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "label 4                       label 1")
        XCTAssertEqual(lines.count, 1 + 14 + 1 + 1, "label line, 14 lines of pixels, a blank line, the end")
        // Image rows 10-17 are text lines 5-8; column 14 of the second digit is at 30 + 14.
        for line in 1...14 {
            let expected = (6...9).contains(line) ? String(repeating: " ", count: 44) + "@" : ""
            XCTAssertEqual(String(lines[line]), expected, "line \(line)")
        }
    }

    func testMNISTReportOnTheRealFiles() throws {
        let directory = try TestData.requireMNIST()
        let report = MNISTReport.make(directory: directory, source: .environment)
        XCTAssertTrue(report.filesAreGood, report.text)
        XCTAssertTrue(report.text.contains("(chosen by MNIST_DIR)"), report.text)
        XCTAssertEqual(report.text.components(separatedBy: "size ok, sha256 ok").count - 1, 4, report.text)
        // README: "training label counts 5923 6742 5958 6131 5842 5421 5918 6265 5851 5949".
        let trainLine = try XCTUnwrap(report.text.split(separator: "\n").first { $0.hasPrefix("train (60000)") })
        XCTAssertEqual(
            trainLine.split(separator: " ").suffix(10).map(String.init),
            ["5923", "6742", "5958", "6131", "5842", "5421", "5918", "6265", "5851", "5949"])
        XCTAssertTrue(report.text.contains("test (10000)"), report.text)
    }

    func testMNISTReportOnAnEmptyCacheExplainsWhatToDo() throws {
        let folder = try TestData.temporaryFolder(self)
        try TestData.write([1, 2, 3], to: MNISTFile.testLabels.url(in: folder))
        let report = MNISTReport.make(directory: folder, source: .userCache)
        XCTAssertFalse(report.filesAreGood)
        XCTAssertEqual(report.text.components(separatedBy: "  missing").count - 1, 3, report.text)
        XCTAssertTrue(report.text.contains("3 bytes: size WRONG (expected 4542)"), report.text)
        XCTAssertTrue(report.text.contains("datasets mnist --download"), report.text)
        XCTAssertFalse(report.text.contains("class counts"), report.text)
    }
}
