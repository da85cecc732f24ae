import Foundation

/// A grid of small gray images, each with a caption above it: MNIST digits, or digits beside
/// their transformed versions.
///
/// Every image gets its own plot placed at exact screen coordinates (no automatic layout of
/// gnuplot's multiplot), so the images are square, evenly spaced, and no caption overlaps the
/// row above. Pixel values are drawn on a fixed gray scale, 0 black to 1 white, so that images
/// side by side can be compared by brightness.
public struct ImageGrid: Sendable {
    /// One image (side×side, row-major, row 0 the top line) and the caption above it.
    public struct Cell: Sendable {
        public var pixels: [Double]
        public var caption: String

        public init(pixels: [Double], caption: String) {
            self.pixels = pixels
            self.caption = caption
        }
    }

    /// The images' side in pixels of the data (28 for MNIST).
    public var side: Int
    /// Images per row of the grid; the cells fill the grid row by row.
    public var columns: Int
    /// Pixel geometry of the PNG: each image is an `imagePixels` square, `gap` apart, its caption
    /// in a `captionBand` above it, the title in `titleBand` at the top, `edge` around it all.
    public var imagePixels = 90
    public var gap = 10
    public var captionBand = 26
    public var titleBand = 44
    public var edge = 20
    /// The PNG is at least this wide, so that a short grid still has room for its title.
    public var minimumWidth = 420
    /// Extra space after the first column, to set it apart (the originals before their variants).
    public var firstColumnGap = 0
    /// The captions' font, e.g. ",11" (empty: the figure's font).
    public var captionFont = ""
    /// How far above an image's top edge its caption's anchor sits (more for two-line captions).
    public var captionLift = 12
    /// A title left of each row of images (none if empty), in a band `rowTitleWidth` wide.
    public var rowTitles: [String] = []
    public var rowTitleWidth = 0

    public init(side: Int, columns: Int) {
        precondition(side >= 1, "ImageGrid: the image side must be positive, got \(side)")
        precondition(columns >= 1, "ImageGrid: at least one column, got \(columns)")
        self.side = side
        self.columns = columns
    }

    /// The grid of `cells`, titled `title` (which may hold `\n` for a second line: give it a
    /// taller `titleBand`).
    public func figure(name: String, caption: String, title: String, cells: [Cell]) -> Figure {
        precondition(!cells.isEmpty, "ImageGrid: no images to draw")
        for (index, cell) in cells.enumerated() {
            precondition(
                cell.pixels.count == side * side,
                "ImageGrid: image \(index) has \(cell.pixels.count) pixels, a \(side)x\(side) image has \(side * side)")
        }
        let columnCount = min(cells.count, columns)
        let rows = (cells.count + columnCount - 1) / columnCount
        precondition(
            rowTitles.isEmpty || rowTitles.count == rows,
            "ImageGrid: \(rowTitles.count) row titles for \(rows) rows")
        let extra = columnCount > 1 ? firstColumnGap : 0
        let titles = rowTitles.isEmpty ? 0 : rowTitleWidth
        let gridWidth = titles + columnCount * imagePixels + (columnCount - 1) * gap + extra
        let width = max(minimumWidth, gridWidth + 2 * edge)
        let height = titleBand + rows * (captionBand + imagePixels) + (rows - 1) * gap + edge
        var figure = Figure(name: name, caption: caption, width: width, height: height)
        func x(_ pixels: Int) -> String { String(format: "%.5f", Double(pixels) / Double(width)) }
        func y(_ pixels: Int) -> String { String(format: "%.5f", Double(pixels) / Double(height)) }
        let font = captionFont.isEmpty ? "" : " font \"\(captionFont)\""

        figure.gnuplot(
            "unset grid",
            "unset border",
            "unset tics",
            "unset key",
            "unset colorbox",
            "set palette gray",
            "set cbrange [0:255]",
            "set xrange [-0.5:\(Double(side) - 0.5)]",
            // Row 0 of an image is its top line.
            "set yrange [\(Double(side) - 0.5):-0.5]",
            "set multiplot title \"\(title)\"")
        let left0 = (width - gridWidth) / 2 + titles
        func rowTop(_ row: Int) -> Int { height - titleBand - captionBand - row * (captionBand + imagePixels + gap) }
        for (index, cell) in cells.enumerated() {
            let (row, column) = index.quotientAndRemainder(dividingBy: columnCount)
            let left = left0 + column * (imagePixels + gap) + (column > 0 ? extra : 0)
            let top = rowTop(row)
            // The gray level 0-255 of each pixel, one scan line a row: a PNG shows no finer shades.
            let levels = (0..<side).map { r in (0..<side).map { c in (255 * cell.pixels[r * side + c]).rounded() } }
            let block = figure.matrix("image\(index)", rows: levels)
            figure.gnuplot(
                "set lmargin at screen \(x(left)); set rmargin at screen \(x(left + imagePixels))",
                "set bmargin at screen \(y(top - imagePixels)); set tmargin at screen \(y(top))",
                "set label 1 \"\(cell.caption)\" at screen \(x(left + imagePixels / 2)),\(y(top + captionLift)) center\(font)"
            )
            // Every plot draws every label that is set: a row's title goes with its first image only.
            if !rowTitles.isEmpty {
                figure.gnuplot(
                    column == 0
                        ? "set label 2 \"\(rowTitles[row])\" at screen \(x(left0 - gap)),\(y(top - imagePixels / 2)) right"
                        : "unset label 2")
            }
            figure.gnuplot("plot \(block) matrix with image")
        }
        figure.gnuplot("unset multiplot")
        return figure
    }

    /// The images as text, for a terminal (gnuplot's text terminal cannot draw images): each
    /// image `side` characters wide and side/2 lines tall (a character is about twice as tall as
    /// wide), darker characters for brighter pixels, its caption (cut to `side` characters) above
    /// it, `perLine` images side by side.
    public static func textPreview(_ cells: [Cell], side: Int, perLine: Int = 3) -> String {
        precondition(
            side >= 1 && perLine >= 1, "ImageGrid.textPreview: side \(side) and perLine \(perLine) must be positive")
        for (index, cell) in cells.enumerated() {
            precondition(
                cell.pixels.count == side * side,
                "ImageGrid.textPreview: image \(index) has \(cell.pixels.count) pixels, a \(side)x\(side) image has \(side * side)"
            )
        }
        let shades = Array(" .:-=+*#%@")
        var text = ""
        for start in stride(from: 0, to: cells.count, by: perLine) {
            let group = cells[start..<min(start + perLine, cells.count)]
            text +=
                trimmingTrailingSpaces(
                    group.map { $0.caption.padding(toLength: side, withPad: " ", startingAt: 0) }
                        .joined(separator: "  ")) + "\n"
            for line in 0..<((side + 1) / 2) {
                let pieces = group.map { cell in
                    String(
                        (0..<side).map { column -> Character in
                            // Two image rows per text line: their brighter pixel decides the shade.
                            let upper = cell.pixels[2 * line * side + column]
                            let lower = 2 * line + 1 < side ? cell.pixels[(2 * line + 1) * side + column] : 0
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
