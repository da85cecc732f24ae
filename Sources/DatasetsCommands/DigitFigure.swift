import Datasets
import Figures
import Foundation
import FromScratch

/// A grid of MNIST digits, each drawn as a 28 x 28 gray image with its label above it.
public enum DigitFigure {
    /// At most this many digits in a row of the grid.
    public static let columnsPerRow = 10

    /// Pixel geometry of the PNG: each digit is a 90 px square, 10 px apart, its label in a
    /// 26 px band above it, the figure title in 44 px at the top.
    static let imagePixels = 90, gap = 10, labelBand = 26, titleBand = 44, edge = 20

    /// The first `count` images of `images` (N x 784, pixels in [0, 1]) with their labels.
    ///
    /// Every digit gets its own plot placed at exact screen coordinates (no automatic layout),
    /// so images are square, evenly spaced, and labels never overlap the row above.
    public static func figure(images: Matrix, labels: [Int], count: Int, setName: String) -> Figure {
        precondition(count >= 1 && count <= images.rows, "DigitFigure: cannot draw \(count) of \(images.rows) digits")
        precondition(images.cols == MNIST.pixelsPerImage, "DigitFigure: images must have 784 columns")
        let columns = min(count, columnsPerRow)
        let rows = (count + columns - 1) / columns
        let gridWidth = columns * imagePixels + (columns - 1) * gap
        let width = max(420, gridWidth + 2 * edge)
        let height = titleBand + rows * (labelBand + imagePixels) + (rows - 1) * gap + edge
        var figure = Figure(name: "mnist-digits",
                            caption: "The first \(count) \(setName) digits of MNIST with their labels",
                            width: width, height: height)
        func x(_ pixels: Int) -> String { String(format: "%.5f", Double(pixels) / Double(width)) }
        func y(_ pixels: Int) -> String { String(format: "%.5f", Double(pixels) / Double(height)) }

        let side = MNIST.imageSide
        figure.gnuplot(
            "unset grid",
            "unset border",
            "unset tics",
            "unset key",
            "unset colorbox",
            "set palette gray",
            "set cbrange [0:1]",
            "set xrange [-0.5:\(Double(side) - 0.5)]",
            // Row 0 of an image is its top line.
            "set yrange [\(Double(side) - 0.5):-0.5]",
            "set multiplot title \"First \(count) \(setName) digits of MNIST\"")
        let left0 = (width - gridWidth) / 2
        for index in 0..<count {
            let (row, column) = index.quotientAndRemainder(dividingBy: columns)
            let left = left0 + column * (imagePixels + gap)
            let top = height - titleBand - labelBand - row * (labelBand + imagePixels + gap)
            // (column, row, pixel) triples, one scan line per image row. (Not gnuplot's `matrix`
            // format: the inline-data end marker the data block carries would break its grid.)
            let pixels = images.row(index)
            let triples = (0..<(side * side)).map { [Double($0 % side), Double($0 / side), pixels[$0]] }
            let block = figure.data("digit\(index)", rows: triples, blockRows: side)
            figure.gnuplot(
                "set lmargin at screen \(x(left)); set rmargin at screen \(x(left + imagePixels))",
                "set bmargin at screen \(y(top - imagePixels)); set tmargin at screen \(y(top))",
                "set label 1 \"\(labels[index])\" at screen \(x(left + imagePixels / 2)),\(y(top + 12)) center",
                "plot \(block) using 1:2:3 with image")
        }
        figure.gnuplot("unset multiplot")
        return figure
    }

    /// The digits as text, for a terminal (gnuplot's text terminal cannot draw images): each
    /// digit 28 characters wide and 14 lines tall (a character is about twice as tall as wide),
    /// darker characters for brighter pixels, its label above it.
    public static func textPreview(images: Matrix, labels: [Int], count: Int, perLine: Int = 3) -> String {
        precondition(count >= 1 && count <= images.rows, "DigitFigure: cannot preview \(count) of \(images.rows) digits")
        let shades = Array(" .:-=+*#%@")
        let side = MNIST.imageSide
        var text = ""
        for start in stride(from: 0, to: count, by: perLine) {
            let indices = Array(start..<min(start + perLine, count))
            text += trimmingTrailingSpaces(indices.map { "label \(labels[$0])".padding(toLength: side, withPad: " ", startingAt: 0) }
                .joined(separator: "  ")) + "\n"
            for line in 0..<(side / 2) {
                let pieces = indices.map { index in
                    String((0..<side).map { column -> Character in
                        // Two image rows per text line: their brighter pixel decides the shade.
                        let upper = images[index, 2 * line * side + column]
                        let lower = images[index, (2 * line + 1) * side + column]
                        let level = Int((max(upper, lower) * Double(shades.count - 1)).rounded())
                        return shades[min(max(level, 0), shades.count - 1)]
                    })
                }
                text += trimmingTrailingSpaces(pieces.joined(separator: "  ")) + "\n"
            }
            text += "\n"
        }
        return text
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        String(line.reversed().drop { $0 == " " }.reversed())
    }
}
