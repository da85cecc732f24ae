import Datasets
import Figures
import Foundation
import FromScratch

/// A grid of MNIST digits, each drawn as a 28 x 28 gray image with its label above it (the
/// layout is `ImageGrid`'s, shared with the augmentation figures of chapter 6).
public enum DigitFigure {
    /// At most this many digits in a row of the grid.
    public static let columnsPerRow = 10

    /// The first `count` images of `images` (N x 784, pixels in [0, 1]) with their labels, laid
    /// out by `ImageGrid` (90 px digits, 10 px apart, ten to a row).
    public static func figure(images: some InputRows, labels: [Int], count: Int, setName: String) -> Figure {
        precondition(count >= 1 && count <= images.rows, "DigitFigure: cannot draw \(count) of \(images.rows) digits")
        precondition(images.cols == MNIST.pixelsPerImage, "DigitFigure: images must have 784 columns")
        let cells = (0..<count).map { ImageGrid.Cell(pixels: images.row($0), caption: "\(labels[$0])") }
        return ImageGrid(side: MNIST.imageSide, columns: columnsPerRow)
            .figure(
                name: "mnist-digits", caption: "The first \(count) \(setName) digits of MNIST with their labels",
                title: "First \(count) \(setName) digits of MNIST", cells: cells)
    }

    /// The digits as text, for a terminal (gnuplot's text terminal cannot draw images), three
    /// to a line, each under "label N" (`ImageGrid.textPreview`).
    public static func textPreview(images: some InputRows, labels: [Int], count: Int, perLine: Int = 3) -> String {
        precondition(
            count >= 1 && count <= images.rows, "DigitFigure: cannot preview \(count) of \(images.rows) digits")
        let cells = (0..<count).map { ImageGrid.Cell(pixels: images.row($0), caption: "label \(labels[$0])") }
        return ImageGrid.textPreview(cells, side: MNIST.imageSide, perLine: perLine)
    }
}
