import BookChecks
import FromScratch

/// 梯度下降法 on f(x0, x1) = x0² + x1² from (-3, 4), 100 steps, numerical gradients
/// (seed 000 §4.3, DLfS 4.4.1).
///
/// The end points are not where the mathematics alone would put them. Each step multiplies x by
/// (1 − 2·lr), but the numerical gradient stops working at both ends of the scale: when |x| is
/// below about h·2⁻⁵³ ≈ 1e-20, x ± h rounds to ±h and the gradient becomes exactly 0 (lr 0.2
/// stalls at ~1e-21 instead of reaching 0.6¹⁰⁰·3 ≈ 2e-22); when |x| is above h·2⁵³ ≈ 1e12, x ± h
/// rounds to x and again the gradient is 0 (lr 10 stalls at ~1e13 instead of growing by 19× per
/// step forever).
public enum GradientDescentRuns {
    public static let start = Matrix(row: [-3.0, 4.0])
    public static let steps = 100

    /// One of the book's runs.
    public struct Run: Sendable {
        public let learningRate: Double
        /// The figure's file stem.
        public var figureName: String { "path-lr-\(GradientDescentRuns.label(learningRate))" }
    }

    /// Every learning rate the notes and the book try, each with a figure.
    public static let runs = [0.2, 1, 0.01, 0.1, 10, 1e-10].map(Run.init)

    /// The rate as the figure names and titles write it: 10, 0.2, 1e-10. Whole numbers only as
    /// integers where an integer can hold them (`--lr 1e19` is written 1e+19, not trapped).
    public static func label(_ lr: Double) -> String {
        if lr == 1e-10 { return "1e-10" }
        if lr == lr.rounded(), abs(lr) < 1e15 { return String(Int(lr)) }
        return "\(lr)"
    }

    public static func path(learningRate lr: Double, from start: Matrix = start, steps: Int = steps) -> DescentPath {
        gradientDescent(BookFunctions.function2, from: start, learningRate: lr, steps: steps)
    }

    static func endPoint(_ lr: Double) -> Finding { .values(path(learningRate: lr).end.storage) }

    /// seed 000 §4.3.3 says lr = 1 and prints the end point of lr = 0.1.
    static func notesLearningRateOne() -> Finding {
        Finding(
            .values(path(learningRate: 1).end.storage),
            erratum: Erratum(
                reproducedBy: "lr = 0.1 (DLfS 4.4.1's value)",
                reproduction: .values(path(learningRate: 0.1).end.storage),
                why: "With lr = 1 each step maps x to x − 2x = −x, so the run jumps between (−3, 4) and (3, −4) and "
                    + "ends, after an even number of steps, at (−3, 4). The printed end point is the book's lr = 0.1 "
                    + "result to every digit: the notes ran lr = 0.1 and wrote 1 (the point the notes make, that too "
                    + "large a rate fails, is true of lr = 1, which never converges)."))
    }
}

