import BookChecks
import Figures
import FromScratch

/// DLfS 4.2.5 (fig 4-4): why accuracy cannot be the loss. Accuracy changes only when an answer
/// flips, like a step function, which is flat everywhere but at its jump: its slope, 0, tells a
/// weight nothing. A sigmoid's slope is never 0, so a small change of a weight always shows.
enum AccuracyIsNoLoss: WorkedExample {
    static func figures() -> [Figure] { [figure()] }

    /// Where the slopes are drawn, and the half-width of each tangent segment.
    static let points: [Double] = [-3.5, -1.2, 1.2, 3.5], reach = 0.9

    /// The tangent of `activation` at each point, as a two-point segment (blank-line separated).
    static func tangents(_ activation: Activation) -> [[Double]] {
        points.flatMap { x0 -> [[Double]] in
            let (y0, slope) = (activation(x0), activation.derivative(x0))
            return [[x0 - reach, y0 - slope * reach], [x0 + reach, y0 + slope * reach]]
        }
    }

    static func figure() -> Figure {
        var figure = Figure(
            name: "accuracy-is-no-loss",
            caption: "Step function and sigmoid with their slopes: 0 almost everywhere against never 0 (DLfS fig 4-4)",
            width: 1000, height: 460)
        let xs = arange(-5, 5.0001, 0.05)
        figure.data("sigmoid", rows: xs.map { [$0, Activation.sigmoid($0)] })
        figure.data("step", rows: [[-5, 0], [0, 0], [0, 1], [5, 1]])
        for activation in [Activation.step, .sigmoid] {
            figure.data("\(activation)Tangents", rows: tangents(activation), blockRows: 2)
            figure.data(
                "\(activation)Points", rows: points.map { [$0, activation($0), activation.derivative($0)] })
        }
        let panels: [(Activation, String)] = [
            (.step, "Step function: slope 0 wherever it is defined"),
            (.sigmoid, "Sigmoid: the slope is never 0"),
        ]
        figure.gnuplot(
            "set multiplot layout 1,2 title \"Why accuracy is no loss: a small change of x shows only in a curve with a slope\" font \",15\"",
            "set xrange [-5:5]", "set yrange [-0.15:1.15]", "set xtics 2", "set ytics 0.5",
            "set xlabel \"x\"", "set ylabel \"y\"", "unset key")
        // The slopes' labels in the smallest font that still prints at 7 pt.
        let labelFont = PrintRule.smallestFontSize(width: figure.width)
        for (index, (activation, title)) in panels.enumerated() {
            figure.gnuplot(
                "set title \"\(panelLetter(index)) \(title)\"",
                "plot $\(activation == .step ? "step" : "sigmoid") using 1:2 with lines "
                    + "\(Palette.line(Palette.color(activation))) linewidth 2\(activation == .step ? " " + Palette.dash(1) : ""), \\",
                "     $\(activation)Tangents using 1:2 with lines linecolor rgb \"black\" linewidth 1.5, \\",
                "     $\(activation)Points using 1:2 with points pointtype 7 pointsize 0.9 linecolor rgb \"black\", \\",
                // Labels on the side of the curve that stays free: below it left of 0, above it right of 0.
                "     $\(activation)Points using 1:($1 < 0 ? $2 : NaN):(sprintf(\"slope %.2g\", $3)) "
                    + "with labels left offset 1,-0.7 font \",\(labelFont)\", \\",
                "     $\(activation)Points using 1:($1 > 0 ? $2 : NaN):(sprintf(\"slope %.2g\", $3)) "
                    + "with labels right offset -1,0.7 font \",\(labelFont)\"")
        }
        figure.gnuplot("unset multiplot")
        return figure
    }
}
