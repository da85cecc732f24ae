import Figures
import XCTest

/// `ImageGrid`: the pixel geometry of a grid of small images, row titles, and the text preview.
final class ImageGridTests: XCTestCase {
    func cells(_ count: Int, side: Int = 4) -> [ImageGrid.Cell] {
        (0..<count).map { k in
            ImageGrid.Cell(pixels: (0..<(side * side)).map { Double(($0 + k) % 2) }, caption: "c\(k)")
        }
    }

    func testRowTitlesAndFirstColumnGapWidenTheGrid() {
        var grid = ImageGrid(side: 4, columns: 3)
        grid.rowTitles = ["first", "second"]
        grid.rowTitleWidth = 100
        grid.firstColumnGap = 20
        grid.minimumWidth = 0
        let figure = grid.figure(name: "grid", caption: "c", title: "t", cells: cells(6))
        // 100 px of titles + 3 images of 90 px + 2 gaps of 10 px + 20 px after column 1 + 2 edges of 20 px.
        XCTAssertEqual(figure.width, 100 + 270 + 20 + 20 + 40)
        // Two rows: title 44 + 2 * (caption 26 + image 90) + one gap 10 + edge 20.
        XCTAssertEqual(figure.height, 44 + 2 * 116 + 10 + 20)
        XCTAssertEqual(figure.dataBlocks.map(\.name), (0..<6).map { "image\($0)" })
        // Each row's title is set with its first image only, and unset for the others.
        let titles = figure.commands.filter { $0.hasPrefix("set label 2") }
        XCTAssertEqual(titles.count, 2)
        XCTAssertTrue(titles[0].contains("\"first\"") && titles[0].hasSuffix(" right"), titles[0])
        XCTAssertEqual(figure.commands.filter { $0 == "unset label 2" }.count, 4)
        // The second image starts after the first one, its gap and the extra 20 px.
        let margins = figure.commands.filter { $0.hasPrefix("set lmargin") }
        XCTAssertEqual(
            margins[0],
            String(format: "set lmargin at screen %.5f; set rmargin at screen %.5f", 120.0 / 450, 210.0 / 450))
        XCTAssertEqual(
            margins[1],
            String(format: "set lmargin at screen %.5f; set rmargin at screen %.5f", 240.0 / 450, 330.0 / 450))
    }

    func testWithoutRowTitlesNoRowLabelIsTouched() {
        let figure = ImageGrid(side: 4, columns: 10).figure(name: "grid", caption: "c", title: "t", cells: cells(3))
        XCTAssertFalse(figure.commands.contains { $0.contains("label 2") })
        XCTAssertEqual(figure.width, 420, "the minimum width")
        XCTAssertEqual(figure.commands.filter { $0.hasSuffix("matrix with image") }.count, 3)
    }

    /// Each image is a `matrix` block of gray levels 0-255, one line a scan line, row 0 at the top:
    /// a 28x28 digit is 28 lines, not 784 lines of triples.
    func testImagesAreMatricesOfGrayLevels() {
        let cell = ImageGrid.Cell(pixels: [0, 0.5, 1, 1.0 / 255, 254.4 / 255, 0, 0, 0, 0], caption: "levels")
        let figure = ImageGrid(side: 3, columns: 1).figure(name: "grid", caption: "c", title: "t", cells: [cell])
        XCTAssertTrue(figure.dataBlocks[0].isMatrix)
        XCTAssertEqual(figure.dataBlocks[0].rows, [[0, 128, 255], [1, 254, 0], [0, 0, 0]])
        XCTAssertTrue(figure.commands.contains("set cbrange [0:255]"))
    }

    func testCaptionFontAndLift() {
        var grid = ImageGrid(side: 4, columns: 1)
        grid.captionFont = ",11"
        grid.captionLift = 30
        let figure = grid.figure(name: "grid", caption: "c", title: "t", cells: cells(1))
        let label = figure.commands.first { $0.hasPrefix("set label 1") }!
        XCTAssertTrue(label.hasSuffix("center font \",11\""), label)
        // The image's top edge is 44 + 26 px below the top of the figure; its caption 30 px above that edge.
        XCTAssertTrue(
            label.contains(
                String(format: ",%.5f center", Double(figure.height - 44 - 26 + 30) / Double(figure.height))), label)
    }

    func testTextPreviewOfAnOddSide() {
        // A 3 x 3 image: two text lines, the second from the last image row alone.
        let cell = ImageGrid.Cell(pixels: [0, 0, 0, 0, 0, 0, 1, 0, 1], caption: "odd")
        XCTAssertEqual(ImageGrid.textPreview([cell], side: 3), "odd\n\n@ @\n\n")
    }
}
