import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// The baseline of seed 001: a logistic regression (逻辑回归) on the moons, fitted by our own code
/// where the notes call scikit-learn's `LogisticRegressionCV`.
///
/// It minimises seed 002's cost, J(θ) = −1/n Σ [y log h + (1 − y) log(1 − h)] + λ/(2n) Σ_(j=1)^d θ_j²,
/// with h = σ(θ0 + θ1·x0 + θ2·x1), the intercept θ0 unpenalised and d = 2 features (the notes write
/// the sum's upper limit as n, the number of examples: an erratum of this part). This is
/// scikit-learn's L2 objective ½‖w‖² + C·Σ log-loss divided by n·C, with λ = 1/C.
public struct LogisticRegression: Sendable, RunnableExample {
    /// Seed 002's regularised cost, which the fit minimises (seed 001 draws the baseline it gives).
    public static let rows: [String: () -> Finding] = ["logistic-cost-penalty": LogisticRegressionPenalty.finding]
    public static let commands: [any ParsableCommand.Type] = [LogisticRegressionCommand.self]

    public static func figures() -> [Figure] {
        let data = MoonsData.moons()
        return [MoonsFigures.logisticRegression(fit(x: data.x, y: data.y), data: data)]
    }

    /// θ0 (intercept), θ1, θ2.
    public let theta: [Double]
    public let lambda: Double

    /// λ = 1/C for the C that `LogisticRegressionCV()` picked on the notes' 200 points when we ran
    /// it (scikit-learn 1.9.1: 5-fold cross-validation over Cs = logspace(-4, 4, 10) chose 10^(4/9)).
    public static let notesLambda = pow(10, -4.0 / 9)

    /// The design matrix [1, x0, x1].
    static func design(_ x: Matrix) -> Matrix {
        Matrix(rows: x.rows, cols: 3, storage: (0..<x.rows).flatMap { [1.0, x[$0, 0], x[$0, 1]] })
    }

    static func probabilities(_ theta: [Double], _ design: Matrix) -> [Double] {
        matmul(design, Matrix(column: theta)).storage.map { Activation.sigmoid($0) }
    }

    /// J(θ) as above.
    public static func cost(_ theta: [Double], x: Matrix, y: [Int], lambda: Double) -> Double {
        let h = probabilities(theta, design(x))
        let n = Double(y.count)
        let logLikelihood = zip(h, y).map { $1 == 1 ? log($0) : log(1 - $0) }.reduce(0, +)
        return -logLikelihood / n + lambda / (2 * n) * theta.dropFirst().map { $0 * $0 }.reduce(0, +)
    }

    /// ∇J(θ) = 1/n Xᵀ(h − y) + λ/n·(0, θ1, θ2).
    public static func gradient(_ theta: [Double], x: Matrix, y: [Int], lambda: Double) -> [Double] {
        let design = design(x)
        let h = probabilities(theta, design)
        let n = Double(y.count)
        let residual = Matrix(column: zip(h, y).map { $0 - Double($1) })
        var gradient = (matmul(design.transposed, residual) / n).storage
        for j in 1..<3 { gradient[j] += lambda / n * theta[j] }
        return gradient
    }

    /// Newton's method from θ = 0: the cost is convex, so a few steps reach the minimum.
    public static func fit(x: Matrix, y: [Int], lambda: Double = notesLambda, maxSteps: Int = 50) -> LogisticRegression
    {
        let design = design(x)
        let n = Double(y.count)
        var theta = [0.0, 0.0, 0.0]
        for _ in 0..<maxSteps {
            let h = probabilities(theta, design)
            let g = gradient(theta, x: x, y: y, lambda: lambda)
            // Hessian 1/n Xᵀ S X + λ/n·diag(0, 1, 1), S = diag(h(1 − h)).
            var hessian = [[Double]](repeating: [0, 0, 0], count: 3)
            for row in 0..<design.rows {
                let weight = h[row] * (1 - h[row]) / n
                for r in 0..<3 { for c in 0..<3 { hessian[r][c] += weight * design[row, r] * design[row, c] } }
            }
            for j in 1..<3 { hessian[j][j] += lambda / n }
            let step = solve(hessian, g)
            theta = zip(theta, step).map { $0 - $1 }
            if step.map(abs).max()! < 1e-14 { break }
        }
        return LogisticRegression(theta: theta, lambda: lambda)
    }

    /// Solves a small system by Gaussian elimination with partial pivoting.
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
        var a = matrix, b = rhs
        let n = b.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let factor = a[row][col] / a[col][col]
                for k in col..<n { a[row][k] -= factor * a[col][k] }
                b[row] -= factor * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (b[row] - ((row + 1)..<n).map { a[row][$0] * x[$0] }.reduce(0, +)) / a[row][row]
        }
        return x
    }

    /// The class, 1 where θ·[1, x0, x1] > 0 (h > 0.5).
    public func predict(_ x: Matrix) -> [Int] {
        matmul(Self.design(x), Matrix(column: theta)).storage.map { $0 > 0 ? 1 : 0 }
    }

    public func accuracy(x: Matrix, y: [Int]) -> Double {
        Double(zip(predict(x), y).filter { $0 == $1 }.count) / Double(y.count)
    }

    /// The boundary θ0 + θ1·x0 + θ2·x1 = 0 as x1 at a given x0.
    public func boundary(atX0 x0: Double) -> Double { -(theta[0] + theta[1] * x0) / theta[2] }
}

/// `notes-networks logistic-regression`: seed 001's baseline, fitted by Newton's method on seed 002's cost.
struct LogisticRegressionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logistic-regression",
        abstract:
            "Fit seed 001's logistic-regression baseline to the moons (our Newton's method, seed 002's regularised cost)."
    )

    @Option(name: .customLong("lambda"), help: "λ of the penalty λ/(2n)·(θ1² + θ2²); λ = 1/C in scikit-learn's terms.")
    var lambda = LogisticRegression.notesLambda
    @Option(name: .customLong("data-seed"), help: "The seed before make_moons (the notes: 0).") var dataSeed = 0
    @OptionGroup var figure: ExampleFigureOptions

    func validate() throws {
        guard lambda.isFinite, lambda >= 0 else {
            throw ValidationError("--lambda must be a number >= 0, got \(lambda)")
        }
        guard (0...Int(UInt32.max)).contains(dataSeed) else {
            throw ValidationError(
                "--data-seed must be between 0 and 4294967295 (numpy.random.seed's range), got \(dataSeed)")
        }
    }

    func run() throws {
        let data = MoonsData.moons(seed: UInt32(dataSeed))
        let fit = LogisticRegression.fit(x: data.x, y: data.y, lambda: lambda)
        print("theta (intercept, x0, x1): \(fit.theta)")
        print("J(theta) = \(LogisticRegression.cost(fit.theta, x: data.x, y: data.y, lambda: lambda))")
        print("training accuracy \(fit.accuracy(x: data.x, y: data.y))")
        try figure.show(MoonsFigures.logisticRegression(fit, data: data, name: "logistic-regression"))
    }
}
