import ChapterTestSupport
import Foundation
import XCTest

/// The figures as printed: every committed PNG keeps its text inside the canvas, and the vector
/// output of `make figures` (tools/vector-figures) looks like the PNG, read back as pixels.
final class VectorOutputTests: XCTestCase {
    /// A grey image: ink per pixel, 0 (white) to 255 (black).
    struct Raster {
        let width: Int, height: Int
        let ink: [Double]

        /// Reads a binary PGM (P5, maxval 255), as netpbm and poppler write it.
        init(pgm data: Data) throws {
            // The header: magic, width, height, maxval, each followed by whitespace.
            var fields: [Int] = [], index = data.startIndex, token = ""
            while fields.count < 4 || token.isEmpty == false {
                guard index < data.endIndex else { throw RasterError("PGM header ends early") }
                let byte = data[index]
                index += 1
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    if !token.isEmpty {
                        fields.append(token == "P5" ? -1 : Int(token) ?? -2)
                        token = ""
                        if fields.count == 4 { break }
                    }
                } else {
                    token.append(Character(UnicodeScalar(byte)))
                }
            }
            guard fields.count == 4, fields[0] == -1, fields[3] == 255 else {
                throw RasterError("not a P5 PGM of maxval 255")
            }
            (width, height) = (fields[1], fields[2])
            let pixels = data[index...]
            guard pixels.count == width * height else {
                throw RasterError("PGM holds \(pixels.count) bytes, not \(width)x\(height)")
            }
            ink = pixels.map { 255 - Double($0) }
        }

        /// The share of all ink in each cell of an n x n grid: where on the page the drawing is.
        func inkByCell(_ n: Int) -> [Double] {
            var cells = [Double](repeating: 0, count: n * n)
            for y in 0..<height {
                for x in 0..<width { cells[(y * n / height) * n + x * n / width] += ink[y * width + x] }
            }
            let total = cells.reduce(0, +)
            return cells.map { $0 / total }
        }

        var totalInk: Double { ink.reduce(0, +) }
    }

    struct RasterError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs a shell line (programs from Debian's poppler-utils, netpbm, librsvg2-bin; `make deps`)
    /// and reads the PGM it writes to its output.
    func raster(_ shellLine: String) throws -> Raster {
        let (status, _, stderr) = try runProgram(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", shellLine + " > \"$0\"", folder.appendingPathComponent("out.pgm").path])
        XCTAssertEqual(status, 0, "\(shellLine): \(stderr)")
        return try Raster(pgm: Data(contentsOf: folder.appendingPathComponent("out.pgm")))
    }

    func raster(png: URL) throws -> Raster { try raster("pngtopnm '\(png.path)' | ppmtopgm") }

    /// A vector figure drawn at `width` x `height` pixels, as the PNG is.
    func raster(vector: URL, width: Int, height: Int) throws -> Raster {
        if vector.pathExtension == "pdf" {
            return try raster("pdftoppm -gray -scale-to-x \(width) -scale-to-y \(height) -singlefile '\(vector.path)'")
        }
        return try raster(
            "rsvg-convert -w \(width) -h \(height) -b white '\(vector.path)' | pngtopnm | ppmtopgm")
    }

    /// How far apart two drawings of one figure are: the total variation distance between their
    /// ink over a 16 x 16 grid (0 the same, 1 nothing in common), and their total ink's ratio. A
    /// collapsed panel, a title moved onto another, a key over the curves moves the ink between
    /// cells; markers or lines drawn at another size change the total.
    func distance(_ a: Raster, _ b: Raster) -> (cells: Double, inkRatio: Double) {
        let (p, q) = (a.inkByCell(16), b.inkByCell(16))
        return (zip(p, q).map { abs($0 - $1) }.reduce(0, +) / 2, b.totalInk / a.totalInk)
    }

    /// Within this, two drawings are the same figure. Measured: the PDF and SVG of six multi-panel
    /// figures are 0.007-0.041 from their PNGs with 0.95-1.00 of their ink; gnuplot's own svg
    /// terminal, whose text metrics collapse the panels of `optimizer-paths`, is 0.26 away with
    /// 1.33 of the ink.
    static let sameFigure = (cells: 0.08, inkRatio: 0.9...1.1)

    /// Multi-panel figures of every layout the project uses: 3 x 2 with a two-line title, 2 x 3,
    /// 3 x 3 with a legend cell, side by side, stacked image grid.
    static let multiPanel = [
        "optimizers/optimizer-paths", "gradient-descent/path-lr", "notes-networks/moons-hidden-sizes",
        "regularization/overfit-dropout", "regularization/augmented-digits",
    ]

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var figures: URL { projectRoot.appendingPathComponent("Figures") }

    func testPDFAndSVGLookLikeThePNG() throws {
        let scripts = Self.multiPanel.map { figures.appendingPathComponent($0 + ".gp").path }
        for format in ["pdf", "svg"] {
            let (status, _, stderr) = try runProgram(
                projectRoot.appendingPathComponent("tools/vector-figures"), [format, folder.path] + scripts)
            XCTAssertEqual(status, 0, stderr)
        }
        for name in Self.multiPanel {
            let png = try raster(png: figures.appendingPathComponent(name + ".png"))
            for format in ["pdf", "svg"] {
                let vector = try raster(
                    vector: folder.appendingPathComponent("\(name).\(format)"), width: png.width, height: png.height)
                let (cells, inkRatio) = distance(png, vector)
                XCTAssertLessThanOrEqual(cells, Self.sameFigure.cells, "\(name).\(format): the ink lies elsewhere")
                XCTAssertTrue(
                    Self.sameFigure.inkRatio.contains(inkRatio), "\(name).\(format): \(inkRatio) of the PNG's ink")
            }
        }
    }

    /// The measure would catch what the issue saw: gnuplot's svg terminal, fed the same script at
    /// the same size, overprints titles and collapses `optimizer-paths`' panels.
    func testTheMeasureRejectsCollapsedPanels() throws {
        let name = "optimizers/optimizer-paths"
        let png = try raster(png: figures.appendingPathComponent(name + ".png"))
        let svg = folder.appendingPathComponent("direct.svg")
        let setup =
            "preview=1; set terminal svg size 567,329 fontscale 0.61 linewidth 0.91 enhanced font 'DejaVu Sans,16'"
        let (status, _, stderr) = try runProgram(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["gnuplot", "-e", "\(setup); set output '\(svg.path)'", "optimizer-paths.gp"],
            in: figures.appendingPathComponent("optimizers"))
        XCTAssertEqual(status, 0, stderr)
        let (cells, _) = distance(png, try raster(vector: svg, width: png.width, height: png.height))
        XCTAssertGreaterThan(cells, 2 * Self.sameFigure.cells)
    }

    /// No committed figure draws into its outermost 2 pixels: text there has run off the canvas
    /// (the right column's titles of `moons-hidden-sizes` once did).
    func testNoFigureRunsOffItsCanvas() throws {
        let pngs = try FileManager.default.subpathsOfDirectory(atPath: figures.path).filter { $0.hasSuffix(".png") }
        XCTAssertGreaterThanOrEqual(pngs.count, 52)
        for name in pngs.sorted() {
            let image = try raster(png: figures.appendingPathComponent(name))
            let (w, h) = (image.width, image.height)
            let edgeColumns: [Int] = [0, 1, w - 2, w - 1], edgeRows: [Int] = [0, 1, h - 2, h - 1]
            var edge: [Int] = []
            for y in 0..<h { edge += edgeColumns.map { y * w + $0 } }
            for x in 0..<w { edge += edgeRows.map { $0 * w + x } }
            let inked = edge.filter { image.ink[$0] > 60 }.count
            XCTAssertEqual(inked, 0, "\(name): \(inked) inked pixels on the canvas's edge")
        }
    }
}
