import BookChecks
import Figures
import Foundation
import FromScratch

/// The histograms of DLfS figs 6-10, 6-11, 6-13 and 6-14: one panel per layer, "1-layer" to
/// "5-layer", as `weight_init_activation_histogram.py` draws them.
public enum ActivationHistogramFigures {
    /// The book's script caps ReLU's y axis at 7000 of its 100000 activations per layer
    /// (`plt.ylim(0, 7000)`), so that the bar holding the zeros does not flatten the rest.
    public static let reluAxisShare = 0.07

    /// Panels per row: the book's single row of five would print its text too small, so three
    /// and two.
    public static let panelsPerRow = 3

    static func name(_ f: Activation) -> String {
        switch f {
        case .sigmoid: return "Sigmoid"
        case .relu: return "ReLU"
        case .tanh: return "tanh"
        default: return f.rawValue
        }
    }

    /// "weights std 0.01", "Xavier weights, std sqrt(1/100) = 0.1".
    static func weightsText(_ setup: ActivationHistograms.Setup) -> String {
        let scale = significant(setup.weightInit.scale(inputs: setup.units))
        switch setup.weightInit {
        case let .std(std): return "weights std \(general(std))"
        case .xavier: return "Xavier weights, std sqrt(1/\(setup.units)) = \(scale)"
        case .he: return "He weights, std sqrt(2/\(setup.units)) = \(scale)"
        }
    }

    /// Which of the book's figures a run redraws.
    static func bookFigure(_ setup: ActivationHistograms.Setup) -> String {
        switch (setup.activation, setup.weightInit) {
        case (.sigmoid, .std(1)): return "DLfS 6.2.2, fig 6-10"
        case (.sigmoid, .std(0.01)): return "DLfS 6.2.2, fig 6-11"
        case (.sigmoid, .xavier): return "DLfS 6.2.2, fig 6-13"
        case (.relu, .std(0.01)), (.relu, .xavier), (.relu, .he): return "DLfS 6.2.3, fig 6-14"
        default: return "DLfS 6.2"
        }
    }

    /// The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten that is at least x.
    static func niceCeiling(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        let power = pow(10, floor(log10(x)))
        let step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].first { $0 * power >= x * (1 - 1e-12) }!
        return step * power
    }

    /// A tic step of 1, 2 or 5 times a power of ten giving two to five tics across `width`.
    static func ticStep(_ width: Double) -> Double {
        let power = pow(10, floor(log10(width / 4)))
        return [1, 2, 5, 10].map { $0 * power }.first { $0 >= width / 4 }!
    }

    /// The figure of one run: the histograms of its layers on `range`, same y axis in every panel.
    public static func histograms(
        _ setup: ActivationHistograms.Setup, layers: [ActivationHistograms.Layer]? = nil,
        bins: Int = 30, range: ClosedRange<Double>? = nil
    ) -> Figure {
        let layers = layers ?? ActivationHistograms.run(setup)
        let range = range ?? setup.bookRange
        let histograms = layers.map { ActivationHistograms.histogram($0, bins: bins, range: range) }
        let stats = layers.map { ActivationHistograms.statistics($0, activation: setup.activation) }
        let perLayer = Double(setup.inputs * setup.units)
        let tallest = Double(histograms.flatMap(\.counts).max() ?? 0)
        let cutsBars = setup.activation == .relu
        let top = cutsBars ? max(1, (reluAxisShare * perLayer).rounded()) : niceCeiling(1.05 * max(tallest, 1))
        let rangeText = "[\(general(range.lowerBound)), \(general(range.upperBound))]"

        var figure = Figure(
            name: setup.figureName,
            caption:
                "\(name(setup.activation)), \(weightsText(setup)): activations of \(layers.count) layers (\(bookFigure(setup))); "
                + "\(setup.inputs) random inputs through layers of \(setup.units) units, seed \(setup.seed)",
            width: 300 * min(layers.count, panelsPerRow) + 110,
            height: 540 + 450 * ((layers.count - 1) / panelsPerRow))
        let scope =
            cutsBars
            ? "y axis cut at \(general(top)) (▲: a cut bar)"
            : "same y axis in every panel"
        // Rows of three; the chapter text tells what the title leaves out (inputs, seed, the zeros).
        let columns = min(layers.count, panelsPerRow), rows = (layers.count + panelsPerRow - 1) / panelsPerRow
        let (height, width) = (Double(figure.height), Double(figure.width))
        figure.gnuplot(
            "set multiplot layout \(rows),\(columns) title \"\(name(setup.activation)), \(weightsText(setup))\\n"
                + "{/=14 \(setup.inputs * setup.units) activations a layer, \(bins) bins on \(rangeText); \(scope)}\" "
                + "font \",18\" margins \(String(format: "%.3f", 115 / width)),0.99,\(String(format: "%.3f", 80 / height)),"
                + "\(String(format: "%.3f", 1 - 150 / height)) spacing \(String(format: "%.3f", 40 / width)),\(String(format: "%.3f", 160 / height))",
            "set xrange [\(general(range.lowerBound)):\(general(range.upperBound))]",
            "set yrange [0:\(general(top))]",
            "set xtics \(general(ticStep(range.upperBound - range.lowerBound))) font \",13\"",
            "set mxtics 2",
            "set ytics font \",13\"",
            "set xlabel \"activation\" font \",14\"",
            "set key off",
            "set boxwidth \(general(histograms[0].binWidth)) absolute",
            "set style fill solid 0.85 border rgb \"white\"")
        for (k, (histogram, s)) in zip(histograms, stats).enumerated() {
            let drawn = zip(histogram.centers, histogram.counts).map { [$0, min(Double($1), top), Double($1)] }
            let block = figure.data("layer\(k + 1)", rows: drawn)
            let cut = drawn.filter { $0[2] > top }
            let note = panelNote(s, histogram, activation: setup.activation)
            // A mean of 1.7·10^{−5}: its exponent from a size that prints at 7 pt.
            let noteTitle = Typography.typeset(
                note.title, scriptsFrom: PrintRule.smallestFontSize(width: figure.width, withScripts: true))
            figure.gnuplot(
                "set title \"\(panelLetter(k)) \(k + 1)-layer\\n{/=13 \(noteTitle)}\" font \",16\"",
                note.inside.isEmpty
                    ? "unset label 2"
                    : "set label 2 \"\(note.inside)\" at graph 0.97, graph 0.94 right front font \",13\"",
                k % columns == 0 ? "set ylabel \"count\" font \",14\"" : "unset ylabel",
                k % columns == 0 ? "set format y \"%g\"" : "set format y \"\"")
            var plot = "plot \(block) using 1:2 with boxes linecolor rgb \"#1f77b4\""
            if !cut.isEmpty {
                let marks = figure.data("cut\(k + 1)", rows: cut.map { [$0[0], top] })
                // Each cut bar by its number, under the note at the right, where the bars are low.
                let bars = drawn.indices.filter { drawn[$0][2] > top }
                let counts = bars.map { "bar \($0 + 1): \(Int(drawn[$0][2]))" }.joined(separator: "\\n")
                figure.gnuplot(
                    "set label 1 \"cut bars (▲):\\n\(counts)\" at graph 0.97, graph 0.74 right front font \",13\" "
                        + "textcolor rgb \"#d62728\"")
                plot += ", \\\n     \(marks) using 1:2 with points pointtype 9 pointsize 1.6 linecolor rgb \"#d62728\""
            } else {
                figure.gnuplot("unset label 1")
            }
            figure.gnuplot(plot)
        }
        figure.gnuplot("unset multiplot")
        return figure
    }

    /// What a panel's histogram hides or flattens: mean and std under the title; for ReLU,
    /// inside the (empty) upper right, the zeros inside the first bar and the share beyond the
    /// range, which the histogram leaves out.
    static func panelNote(
        _ s: ActivationHistograms.LayerStatistics, _ histogram: ActivationHistograms.Histogram,
        activation: Activation
    ) -> (title: String, inside: String) {
        let percent = { (x: Double) in String(format: "%.1f%%", 100 * x) }
        let title = "mean \(figureValue(s.mean)), std \(figureValue(s.std))"
        guard activation == .relu else { return (title, "") }
        let total = histogram.counts.reduce(histogram.above + histogram.below, +)
        let beyond = Double(histogram.above) / Double(total)
        return (
            title,
            "exactly 0: \(percent(s.exactlyZero))\\nabove \(general(histogram.range.upperBound)): \(percent(beyond))"
        )
    }

}
