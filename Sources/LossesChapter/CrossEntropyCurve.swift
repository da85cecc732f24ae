import Figures
import Foundation
import FromScratch

/// DLfS fig 4-3: the curve y = -log x that cross-entropy follows, with the book's two answers.
public enum CrossEntropyCurve {
    public static func figure() -> Figure {
        var figure = Figure(name: "cross-entropy-curve", caption: "Cross-entropy of one answer: -log(y) against y (DLfS fig 4-3)")
        let xs = arange(0.002, 1.0005, 0.002)
        figure.data("curve", rows: xs.map { [$0, -log($0)] })
        let right = LossExampleData.y[LossExampleData.correctLabel]
        let wrong = LossExampleData.yWrong[LossExampleData.correctLabel]
        figure.data("answers", rows: [[right, -log(right + crossEntropyDelta)], [wrong, -log(wrong + crossEntropyDelta)]])
        figure.gnuplot(
            // DLfS fig 4-3 draws log y itself, below the axis; the loss is that curve mirrored.
            "set title \"Cross-entropy error of the correct class: -log y\\n(DLfS fig 4-3 draws log y; the loss is its mirror image)\"",
            "set xlabel \"y  (probability given to the correct class)\"",
            "set ylabel \"-log y\"",
            "set xrange [0:1]",
            "set yrange [0:5]",
            "set key top right",
            "set label 1 \"y = 0.6: 0.51\" at 0.6,0.51 offset 1,1.2",
            "set label 2 \"y = 0.1: 2.30\" at 0.1,2.3 offset 1.5,0.6",
            "plot $curve using 1:2 with lines linestyle 1 title \"-log y\", \\",
            "     $answers using 1:2 with points pointtype 7 pointsize 1.6 linecolor rgb \"#d62728\" title \"the book's two answers\"")
        return figure
    }
}
