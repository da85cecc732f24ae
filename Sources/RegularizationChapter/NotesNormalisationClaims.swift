import BookChecks
import Foundation
import FromScratch

/// What seed 004 §4 says each initialisation and batch norm keeps the same: Xavier 使得这些权重的方差
/// 保持不变 ("keeps these weights' variance unchanged"), batch norm 调整权值分布使得输出与输入具有相同的
/// 分布 ("adjusts the weights' distribution so that output and input share one distribution").
/// What each keeps is the spread of the *activations*: the weights are only drawn, and batch norm
/// replaces the input's distribution by a standard one.
enum NotesNormalisationClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-004-xavier-variance-kept": xavierKeeps, "notes-004-batchnorm-distribution": batchNormDistribution,
    ]

    static func variance(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
    }

    /// 10 linear layers of 100 units, weights N(0, 1/100), 1000 inputs N(0, 1), seed 0: the signal's
    /// variance stays near 1 from layer to layer; the weights' is 1/100, set, not kept.
    static func xavierKeeps() -> Finding {
        var random = RandomState(seed: 0)
        var h = random.randn(1000, 100)
        var signal: [Double] = [], weight: [Double] = []
        for _ in 0..<10 {
            let w = random.randn(100, 100) * 0.1
            weight.append(variance(w.storage))
            h = referenceMatmul(h, w)
            signal.append(variance(h.storage))
        }
        let signalKept = signal.allSatisfy { (0.8...1.25).contains($0) }
        // The note's rule uses both fans; the line after it, N(0, 1/N), only the fan-in.
        let bothFans = 2.0 / (784 + 50), fanIn = 1.0 / 784
        return Finding(
            .claim(
                holds: abs(bothFans - fanIn) <= 0.05 * fanIn,
                detail: String(
                    format: "the weights' variance is chosen, 1/N, not carried from anything: %.4f to %.4f in the 10 "
                        + "layers (1/N = 0.01); and Glorot's fan-in and fan-out, 2/(n_in + n_out), is not the next line's "
                        + "N(0,1/N) unless n_in = n_out (784 -> 50: %.5f against %.5f)", weight.min()!, weight.max()!,
                    bothFans, fanIn)),
            erratum: Erratum(
                reproducedBy: "reading it of the activations' variance",
                reproduction: .claim(
                    holds: signalKept,
                    detail: String(
                        format:
                            "through 10 linear layers of Xavier weights the signal's variance stays between %.2f and "
                            + "%.2f, its input's being 1", signal.min()!, signal.max()!)),
                why:
                    "Xavier chooses each layer's weight variance, 1/N, so that the variance of the signal a layer passes "
                    + "on equals that of the signal it receives (DLfS 6.2.2: a broad spread of activations in every "
                    + "layer). The weights' own variance is not a quantity anything keeps. The note's 'numbers of input "
                    + "and output neurons' is Glorot's 2/(n_in + n_out); its next line, N(0, 1/N), is the book's "
                    + "fan-in form."))
    }

    /// Batch norm on the hand batch of `batchnorm-normalised` and on 100 examples of N(5, 9): the
    /// output's columns have mean 0 and variance 1 whatever the input's, and no weight is touched.
    static func batchNormDistribution() -> Finding {
        var random = RandomState(seed: 0)
        let batches = [BatchNormExamples.handBatch, random.normal(loc: 5, scale: 3, rows: 100, cols: 3)]
        var summaries: [String] = []
        var outputStandard = true, sameAsInput = true
        for x in batches {
            let y = BatchNormLayer(units: x.cols).forward(x, training: true)
            for column in 0..<x.cols {
                let input = (0..<x.rows).map { x[$0, column] }, output = (0..<y.rows).map { y[$0, column] }
                let (mi, vi) = (input.reduce(0, +) / Double(x.rows), variance(input))
                let (mo, vo) = (output.reduce(0, +) / Double(y.rows), variance(output))
                outputStandard = outputStandard && abs(mo) < 1e-12 && abs(vo - 1) < 1e-5
                sameAsInput = sameAsInput && abs(mi - mo) < 1e-6 && abs(vi - vo) < 1e-6
                if x.rows == 2 {
                    summaries.append(String(format: "mean %g, variance %g -> %.0f, %.6f", mi, vi, abs(mo), vo))
                }
            }
        }
        return Finding(
            .claim(
                holds: sameAsInput,
                detail: "the hand batch's columns: " + summaries.joined(separator: "; ")
                    + "; likewise for 100 examples of N(5, 9): the output's distribution is not the input's"),
            erratum: Erratum(
                reproducedBy: "reading it as normalising each unit's input over the batch",
                reproduction: .claim(
                    holds: outputStandard,
                    detail: "every output column has mean 0 and variance 1 (up to ε), for both batches"),
                why:
                    "Batch norm (DLfS 6.3.1) normalises activations, not weights, and gives them mean 0 and variance "
                    + "1 (then γ and β, which the note's list of steps leaves out, rescale and shift them): the point "
                    + "is that every layer sees the same standard spread, not that output and input match."))
    }
}
