import Figures
import Foundation
import FromScratch

/// The two figures of a training run (DLfS figs 4-11 and 4-12): the mini-batch loss per
/// iteration, and the accuracy on the training and test sets per epoch. Chapter 5's ReLU run
/// (DLfS 5.7.4) prints its accuracies but draws no figure: its figures are these two, for ReLU.
public enum LearningCurves {
    /// Every `stride`-th mini-batch loss (the raw curve is noise around its trend), with a
    /// running mean over `window` iterations on top.
    public static func lossFigure(_ run: MNISTTrainingRun, name: String, stride: Int = 10, window: Int = 100) -> Figure
    {
        // DLfS fig 4-11's two panels: the whole run, and its first 1000 iterations, every one of them.
        var figure = Figure(
            name: name,
            caption: "Mini-batch loss per iteration, \(describe(run.setup)) (\(bookFigure("4-11", run.setup)))",
            width: 1200,
            height: 600)
        let losses = run.history.losses
        let zoom = min(1000, losses.count)
        figure.data("first", rows: (0..<zoom).map { [Double($0), losses[$0]] })
        figure.data("loss", rows: Swift.stride(from: 0, to: losses.count, by: stride).map { [Double($0), losses[$0]] })
        var mean: [[Double]] = []
        var sum = 0.0
        for (i, loss) in losses.enumerated() {
            sum += loss
            if i >= window { sum -= losses[i - window] }
            if i >= window - 1, (i + 1) % stride == 0 { mean.append([Double(i), sum / Double(window)]) }
        }
        figure.data("mean", rows: mean)
        figure.gnuplot(
            "set multiplot layout 1,2 title \"Training loss, \(network(run.setup))\"",
            "set xlabel \"iteration\"", "set ylabel \"cross-entropy loss (mini-batch)\"",
            "set yrange [0:*]",
            "set key top right",
            "set title \"all \(losses.count) iterations\"",
            "set xrange [0:\(losses.count)]",
            "plot $loss using 1:2 with lines linecolor rgb \"#9ecae1\" linewidth 1 title \"loss (every \(stride)th)\", \\",
            "     $mean using 1:2 with lines linestyle 1 title \"mean over \(window)\"",
            "set title \"the first \(zoom), every one\"",
            "set xrange [0:\(zoom)]",
            "plot $first using 1:2 with lines linecolor rgb \"#9ecae1\" linewidth 1 title \"loss\"",
            "unset multiplot")
        return figure
    }

    public static func accuracyFigure(_ run: MNISTTrainingRun, name: String) -> Figure {
        var figure = Figure(
            name: name,
            caption: "Train and test accuracy per epoch, \(describe(run.setup)) (\(bookFigure("4-12", run.setup)))")
        let h = run.history
        figure.data("acc", rows: h.evaluatedAt.indices.map { [Double($0), h.trainAccuracy[$0], h.testAccuracy[$0]] })
        // A diverged run's accuracies are those of a net whose weights are NaN: the figure says so.
        let diverged =
            h.divergedAt.map {
                "\\nDIVERGED at iteration \($0) (the loss became \(h.losses[$0])): later points are of a broken net"
            } ?? ""
        let lastEpoch = max(h.evaluatedAt.count - 1, 1)
        let plot = [
            "plot $acc using 1:2 with linespoints \(Palette.trainLine) linewidth 2 pointtype 7 pointsize 0.8 title \"train\", \\",
            "     $acc using 1:3 with linespoints \(Palette.testLine) linewidth 2 pointtype 5 pointsize 0.8 title \"test\"",
        ]
        figure.gnuplot(
            "set multiplot",
            "set title \"Accuracy per epoch, \(network(run.setup))\(diverged)\"",
            "set xlabel \"epoch\"", "set ylabel \"accuracy\"",
            "set xrange [0:\(lastEpoch)]", "set yrange [0:1]",
            "set key at graph 0.97, 0.84 right top")
        figure.commands += plot
        // On the 0-1 scale the trained epochs crowd into a line near the top, train over test: an
        // inset zooms on them (all values from epoch 1 on, with a margin), where the gap shows.
        let trained = (h.trainAccuracy.dropFirst() + h.testAccuracy.dropFirst()).filter(\.isFinite)
        if lastEpoch >= 2, let low = trained.min(), let high = trained.max() {
            let margin = max((high - low) * 0.1, 0.002)
            // About four labelled ticks, at a round step.
            let step = [0.005, 0.01, 0.02, 0.05, 0.1].first { (high - low + 2 * margin) / $0 <= 5 } ?? 0.2
            figure.gnuplot(
                "set ytics \(step)",
                "set origin 0.33, 0.16", "set size 0.62, 0.5",
                "set xrange [1:\(lastEpoch)]",
                "set yrange [\(String(format: "%.3f", low - margin)):\(String(format: "%.3f", min(high + margin, 1)))]",
                "set title \"from epoch 1, zoomed\" offset 0,-0.5", "unset xlabel", "unset ylabel", "unset key",
                "set object 1 rectangle from graph 0, graph 0 to graph 1, graph 1 behind fillcolor rgb \"white\" fillstyle solid noborder"
            )
            figure.commands += plot
        }
        figure.gnuplot("unset multiplot")
        return figure
    }

    /// Every fourth point of a smoothed curve is drawn (the smoothing leaves no detail finer
    /// than that); a marker every 100 iterations, as the book's `markevery=100`.
    public static let smoothedStride = 4

    /// Mini-batch losses of several runs over the same iterations, each smoothed as the book's
    /// `smooth_curve` (DLfS figs 6-9 and 6-15).
    public static func smoothedLosses(
        name: String, caption: String, title: String,
        series: [(title: String, losses: [Double])], colors: [String]? = nil, yMax: Double = 1,
        key: String = "top right"
    ) -> Figure {
        var figure = Figure(
            name: name,
            caption: caption
                + "; mini-batch loss smoothed as the book's smooth_curve (Kaiser window of 11 points, β 2)",
            width: 960, height: 660)
        let iterations = series.map(\.losses.count).min() ?? 0
        let curves = series.map { LossSmoothing.smoothCurve($0.losses) }
        figure.data(
            "loss",
            rows: stride(from: 0, to: iterations, by: smoothedStride).map { i in [Double(i)] + curves.map { $0[i] } })
        let pointTypes = [7, 2, 5, 9, 13, 11]
        // A marker every 100 iterations, each series' shifted by its share of the interval, so
        // that where the curves run together their markers still stand apart; the key shows line
        // and marker together.
        let interval = 100 / smoothedStride
        let plots = series.enumerated().flatMap { k, entry -> [String] in
            let style =
                (colors.map { "\(Palette.line($0[k])) linewidth 2" } ?? "linestyle \(k + 1)") + " \(Palette.dash(k))"
            let marker = "pointtype \(pointTypes[k % pointTypes.count]) pointsize 1.5"
            return [
                "$loss using 1:\(k + 2) with lines \(style) notitle",
                "$loss using 1:\(k + 2) every \(interval)::\(k * interval / series.count) with points \(style) \(marker) notitle",
                "keyentry with linespoints \(style) \(marker) title \"\(entry.title)\"",
            ]
        }
        figure.gnuplot(
            "set title \"\(title)\"",
            "set xlabel \"iterations\"", "set ylabel \"mini-batch loss (smoothed)\"",
            "set xrange [0:\(iterations)]", "set yrange [0:\(general(yMax))]",
            "set key \(key)",
            "plot " + plots.joined(separator: ", \\\n     "))
        return figure
    }

    /// The book's figure a run's figure answers: chapter 4's sigmoid run draws it; another run
    /// (chapter 5's ReLU) is drawn the same way, for comparison.
    static func bookFigure(_ number: String, _ setup: MNISTTrainingRun.Setup) -> String {
        setup.activation == .sigmoid
            ? "DLfS fig \(number)" : "drawn as DLfS fig \(number), for the \(setup.activation.rawValue) net of 5.7.4"
    }

    /// The network alone, for a title; `describe` adds the run's set-up, for the script's header.
    static func network(_ setup: MNISTTrainingRun.Setup) -> String {
        "784-\(setup.hiddenSize)-10 \(setup.activation.rawValue) net"
    }

    static func describe(_ setup: MNISTTrainingRun.Setup) -> String {
        "784-\(setup.hiddenSize)-10 \(setup.activation.rawValue), batch \(setup.batchSize), lr \(setup.learningRate), seed \(setup.seed)"
    }
}
