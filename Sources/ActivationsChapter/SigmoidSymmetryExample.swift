import BookChecks
import Foundation
import FromScratch

/// Seed 004 §1.3 lists among the sigmoid's traits 不是中心对称的 ("not centrally symmetric"). It is:
/// σ(x) + σ(−x) = 1, so its graph is symmetric about the point (0, 0.5). What the notes mean is
/// that it is not centred on 0 (its outputs are all positive), unlike tanh, which is odd.
enum SigmoidSymmetryExample: WorkedExample {
    static let rows: [String: () -> Finding] = ["sigmoid-symmetry": finding]

    static let grid = stride(from: -10.0, through: 10.0, by: 0.01).map { $0 }

    static func finding() -> Finding {
        let x = Matrix(row: grid)
        let s = Activation.sigmoid(x).storage, mirrored = Activation.sigmoid(-1 * x).storage
        // Point symmetry about (0, 0.5): σ(−x) − 0.5 = −(σ(x) − 0.5), up to rounding.
        let largest = zip(s, mirrored).map { abs($0 + $1 - 1) }.max()!
        let tanhOdd = grid.map { abs(tanh($0) + tanh(-$0)) }.max()!
        let mean = s.reduce(0, +) / Double(s.count)
        return Finding(
            .claim(
                holds: largest > 1e-12,
                detail: String(
                    format: "σ(x) + σ(-x) = 1 to %.1e at %d points in [-10, 10]: the graph is symmetric about (0, 0.5)",
                    largest, grid.count)),
            erratum: Erratum(
                reproducedBy: "reading it as 'not centred on 0' (不以0为中心)",
                reproduction: .claim(
                    holds: s.allSatisfy { $0 > 0 } && abs(mean - 0.5) < 1e-12 && tanhOdd == 0,
                    detail: String(
                        format:
                            "every output is positive, their mean over the symmetric grid %.12f, where tanh(x) + tanh(-x) = 0 "
                            + "exactly", mean)),
                why:
                    "A function is centrally symmetric (中心对称) when its graph is symmetric about a point; the sigmoid's "
                    + "is, about (0, 0.5), because 1/(1 + e^-x) + 1/(1 + e^x) = 1. The property the notes contrast with tanh "
                    + "(是中心对称的, and symmetric about the origin) is being centred on 0: sigmoid outputs are all positive, "
                    + "so the next layer's inputs are too."))
    }
}
