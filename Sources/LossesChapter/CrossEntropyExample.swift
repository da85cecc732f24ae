import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// 交叉熵误差 (cross-entropy error), seed 000 §4.1.2 and DLfS 4.2.2: -sum(t * log(y + 1e-7)).
enum CrossEntropyExample: RunnableExample {
    static let rows = LossExampleData.rows("cee") { loss(y: $0, label: $1) }
    static let commands: [any ParsableCommand.Type] = [CrossEntropy.self]

    /// DLfS fig 4-3: the curve y = -log x that cross-entropy follows, with the book's two answers.
    static func figures() -> [Figure] { [figure()] }

    static func figure() -> Figure {
        var figure = Figure(
            name: "cross-entropy-curve", caption: "Cross-entropy of one answer: −log(y) against y (DLfS fig 4-3)")
        let xs = arange(0.002, 1.0005, 0.002)
        figure.data("curve", rows: xs.map { [$0, -log($0)] })
        let right = LossExampleData.y[LossExampleData.correctLabel]
        let wrong = LossExampleData.yWrong[LossExampleData.correctLabel]
        figure.data(
            "answers", rows: [[right, -log(right + crossEntropyDelta)], [wrong, -log(wrong + crossEntropyDelta)]])
        figure.gnuplot(
            // DLfS fig 4-3 draws log y itself, below the axis; the loss is that curve mirrored.
            "set title \"Cross-entropy error of the correct class: −log y\\n(DLfS fig 4-3 draws log y; the loss is its mirror image)\"",
            "set xlabel \"y (probability given to the correct class)\"",
            "set ylabel \"−log y\"",
            "set xrange [0:1]",
            "set yrange [0:5]",
            "set key top right",
            "set label 1 \"y = 0.6: 0.51\" at 0.6,0.51 offset 1,1.2",
            "set label 2 \"y = 0.1: 2.30\" at 0.1,2.3 offset 1.5,0.6",
            "plot $curve using 1:2 with lines linestyle 1 title \"−log y\", \\",
            "     $answers using 1:2 with points pointtype 7 pointsize 1.6 linecolor rgb \"#d62728\" title \"the book's two answers\""
        )
        return figure
    }

    static func loss(y: [Double], label: Int, delta: Double = crossEntropyDelta) -> Double {
        crossEntropyError(Matrix(row: y), oneHot: oneHot(label, classes: y.count), delta: delta)
    }
}

extension CrossEntropyExample {
    /// `losses cross-entropy`: the loss of an output and label of the reader's choice.
    struct CrossEntropy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cross-entropy", abstract: "交叉熵误差: -sum(t * log(y + delta)) (seed 000 §4.1.2).")
        @OptionGroup var prediction: LossExampleData.Prediction
        @Option(help: "The constant added inside the log so log(0) never happens.")
        var delta = crossEntropyDelta

        func validate() throws { try FlagCheck.positive(delta, "--delta") }

        func run() {
            print(CrossEntropyExample.loss(y: prediction.y.values, label: prediction.label, delta: delta))
        }
    }
}
