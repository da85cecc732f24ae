import Foundation

/// Runs of an iterative method on a function of two variables, one panel each: the path of
/// points over contour ellipses of a bowl a·x² + b·y², the start as a square, and notes where a
/// path alone would mislead (a run that leaves the panel, or one that does not move).
///
/// Chapter 4 draws gradient descent at six rates on x0² + x1², chapter 6 the optimizers on
/// x²/20 + y²: one drawing for both.
public struct PathPanels: Sendable {
    public struct Panel: Sendable {
        public var title: String
        /// The start, then the point after each step.
        public var points: [(x: Double, y: Double)]
        /// The path's colour (`#rrggbb`).
        public var color: String
        /// The contour ellipses behind the path, by their half-axes.
        public var contours: [(x: Double, y: Double)]
        public var xRange: ClosedRange<Double>
        public var yRange: ClosedRange<Double>
        /// Lines of text in the panel's lower left corner.
        public var notes: [String] = []
        /// Tic step on both axes, where the panel's window needs its own.
        public var ticStep: Double?

        public init(
            title: String, points: [(x: Double, y: Double)], color: String, contours: [(x: Double, y: Double)],
            xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, notes: [String] = [], ticStep: Double? = nil
        ) {
            self.title = title
            self.points = points
            self.color = color
            self.contours = contours
            self.xRange = xRange
            self.yRange = yRange
            self.notes = notes
            self.ticStep = ticStep
        }
    }

    public var panels: [Panel]
    public var columns: Int
    /// Axis names, as gnuplot's enhanced text (`x_0`).
    public var xName = "x"
    public var yName = "y"
    /// Marked with a black + in every panel (the minimum), if any.
    public var mark: (x: Double, y: Double)?
    /// Tic step on both axes (gnuplot's choice if nil).
    public var ticStep: Double?
    /// Pixel size of one panel, title included.
    public var panelWidth = 300
    public var panelHeight = 380

    public init(panels: [Panel], columns: Int) {
        precondition(!panels.isEmpty, "PathPanels: no panel to draw")
        self.panels = panels
        self.columns = min(columns, panels.count)
    }

    /// The panels in a grid under `title` (a line of enhanced text; `\n` for a second).
    public func figure(name: String, caption: String, title: String, source: String = #fileID) -> Figure {
        let rows = (panels.count + columns - 1) / columns
        let titleBand = title.contains("\\n") ? 80 : 50
        var figure = Figure(
            name: name, caption: caption, width: columns * panelWidth + 40, height: rows * panelHeight + titleBand,
            source: source)
        // Room in pixels around the plots: tick labels and axis names left and below, each
        // panel's title above, so that nothing of one panel reaches into the next.
        let (left, right, bottom, top, across, down) = (90.0, 25.0, 85.0, Double(titleBand) + 45, 85.0, 125.0)
        let (w, h) = (Double(figure.width), Double(figure.height))
        func fraction(_ pixels: Double, of size: Double) -> String { String(format: "%.4f", pixels / size) }
        figure.gnuplot(
            "set multiplot layout \(rows),\(columns) title \"\(title)\" margins \(fraction(left, of: w)),"
                + "\(fraction(w - right, of: w)),\(fraction(bottom, of: h)),\(fraction(h - top, of: h)) "
                + "spacing \(fraction(across, of: w)),\(fraction(down, of: h))",
            // One unit as long on both axes, so that circles stay round and steps keep their angles.
            "set size ratio -1",
            // A map in a closed frame: contours that leave the panel end at its edge, not in the air.
            "set border 15",
            "set xlabel \"\(xName)\"", "set ylabel \"\(yName)\" offset 1,0",
            "set style textbox opaque noborder",
            "set key off")
        if let mark { figure.data("mark", rows: [[mark.x, mark.y]]) }
        // Exponents in titles and notes (10^{−12}) at a size that prints.
        let scriptSize = PrintRule.smallestFontSize(width: figure.width, withScripts: true)
        // Panels with the same contours share one block.
        var contourBlocks: [String] = []
        for (index, panel) in panels.enumerated() {
            let key = panel.contours.map { "\($0.x),\($0.y)" }.joined(separator: ";")
            let contourIndex = contourBlocks.firstIndex(of: key) ?? contourBlocks.count
            if contourIndex == contourBlocks.count {
                contourBlocks.append(key)
                figure.contours("contours\(contourIndex)", radii: panel.contours)
            }
            figure.data("path\(index)", rows: panel.points.map { [$0.x, $0.y] })
            figure.gnuplot(
                "set title \"\(panels.count > 1 ? panelLetter(index) + " " : "")\(Typography.typeset(panel.title, scriptsFrom: scriptSize))\"",
                "set xrange [\(general(panel.xRange.lowerBound)):\(general(panel.xRange.upperBound))]",
                "set yrange [\(general(panel.yRange.lowerBound)):\(general(panel.yRange.upperBound))]",
                (panel.ticStep ?? ticStep).map { "set xtics \(general($0)); set ytics \(general($0))" }
                    ?? "set xtics autofreq; set ytics autofreq",
                // gnuplot centres a label's lines on its position: lifted by half the extra lines
                // (a note's line, in the note's font, is 1.3 of the offset's character unit), the
                // last line sits just above the bottom axis.
                panel.notes.isEmpty
                    ? "unset label 1"
                    : "set label 1 \"\(Typography.typeset(panel.notes.joined(separator: "\\n"), scriptsFrom: scriptSize))\" "
                        + "at graph 0.04, graph 0.1 left front "
                        + "boxed offset 0,\(general(Double(panel.notes.count - 1) * 0.65)) textcolor rgb \"#333333\" font \",12\"",
                "plot $contours\(contourIndex) using 1:2 with lines linestyle 9, \\",
                "     $path\(index) using 1:2 with linespoints linecolor rgb \"\(panel.color)\" linewidth 1.5 pointtype 7 pointsize 0.7, \\",
                "     $path\(index) using 1:2 every ::0::0 with points pointtype 4 pointsize 2 linewidth 2 linecolor rgb \"black\""
                    + (mark == nil ? "" : ", \\"))
            if mark != nil {
                figure.gnuplot(
                    "     $mark using 1:2 with points pointtype 1 pointsize 1.8 linewidth 1.5 linecolor rgb \"black\"")
            }
        }
        figure.gnuplot("unset multiplot")
        return figure
    }
}
