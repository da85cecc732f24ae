/// A figure as gnuplot sees it: named data blocks plus the commands that plot them.
///
/// A `Figure` is pure data, so the same figure can be written as a self-contained `.gp` script,
/// rendered to PNG, or previewed in a terminal, and tests can inspect it without gnuplot.
public struct Figure: Sendable {
    /// The file stem: `Figures/<topic>/<name>.png` and `.gp`.
    public var name: String
    /// One line describing the figure, written at the top of its script.
    public var caption: String
    /// Pixel size of the PNG.
    public var width = 900
    public var height = 640
    public var dataBlocks: [DataBlock] = []
    /// gnuplot commands after the shared style: labels, ranges, `plot`/`splot`.
    public var commands: [String] = []
    /// The Swift file that builds the figure (`Module/File.swift` under `Sources/`), named in the
    /// script's header so that a reader of a `.gp` finds the code behind it.
    public var source: String
    /// The command that regenerates the committed figure (`make losses`), when it is one of a
    /// chapter's; named in the script's header too.
    public var remake: String?

    public init(name: String, caption: String, width: Int = 900, height: Int = 640, source: String = #fileID) {
        precondition(
            name.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) },
            "Figure name '\(name)' must be a plain file stem")
        self.name = name
        self.caption = caption
        self.width = width
        self.height = height
        self.source = source
    }

    /// Adds a data block whose rows are `columns`-wide, and returns its gnuplot name (`$name`).
    @discardableResult
    public mutating func data(_ name: String, rows: [[Double]], blockRows: Int = 0) -> String {
        dataBlocks.append(DataBlock(name: name, rows: rows, blockRows: blockRows))
        return "$" + name
    }

    /// Adds an image's gray levels (whole numbers, such as 0-255) as a data block in gnuplot's
    /// `matrix` format, one line per scan line, to be plotted `matrix with image`; returns its
    /// gnuplot name. A 28x28 digit takes 28 short lines instead of 784 lines of triples.
    @discardableResult
    public mutating func matrix(_ name: String, rows values: [[Double]]) -> String {
        precondition(
            values.allSatisfy { $0.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 } },
            "matrix '\(name)': the levels must be whole numbers")
        dataBlocks.append(DataBlock(name: name, rows: values, isMatrix: true))
        return "$" + name
    }

    /// The commands as the script holds them, their titles and labels typeset (`Typography`).
    public var typesetCommands: [String] { commands.map(Typography.typesettingTexts) }

    /// Appends gnuplot commands.
    public mutating func gnuplot(_ lines: String...) { commands.append(contentsOf: lines) }
}

/// Inline data for gnuplot: `$name << EOD ... EOD`.
public struct DataBlock: Sendable {
    public var name: String
    public var rows: [[Double]]
    /// If > 0, a blank line after every `blockRows` rows (scan lines of a grid, separate curves).
    public var blockRows: Int
    /// Written as gnuplot's `matrix` format: rows of values, nothing after the last.
    public var isMatrix: Bool

    public init(name: String, rows: [[Double]], blockRows: Int = 0, isMatrix: Bool = false) {
        precondition(
            name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" },
            "data block name '\(name)' must be letters, digits and _")
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "data block '\(name)': rows of unequal width")
        self.name = name
        self.rows = rows
        self.blockRows = blockRows
        self.isMatrix = isMatrix
    }
}

/// The look shared by every figure of the book: font, line widths, grid, key. The font is 14,
/// larger only on a canvas so wide that 14 would print below 7 pt (`PrintRule`).
public enum FigureStyle {
    public static func preamble(width: Int, height: Int) -> String {
        """
        if (!exists("preview")) {
            set terminal pngcairo size \(width),\(height) enhanced font "DejaVu Sans,\(PrintRule.fontSize(width: width))" linewidth 2
            set output out
        }
        set encoding utf8
        set minussign
        set border linewidth 1
        set grid linecolor rgb "#d8d8d8" linewidth 0.5 dashtype 1
        set key box opaque samplen 3 spacing 1.2
        set tics nomirror out
        set border 3
        set style line 1 linecolor rgb "\(Palette.blue)" linewidth 2
        set style line 2 linecolor rgb "\(Palette.red)" linewidth 2 \(Palette.dash(1))
        set style line 3 linecolor rgb "\(Palette.green)" linewidth 2
        set style line 4 linecolor rgb "\(Palette.orange)" linewidth 2
        set style line 5 linecolor rgb "\(Palette.purple)" linewidth 2
        set style line 6 linecolor rgb "\(Palette.brown)" linewidth 2
        set style line 9 linecolor rgb "#9a9a9a" linewidth 1

        """
    }
}
