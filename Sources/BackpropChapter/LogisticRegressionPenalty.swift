import BookChecks
import Foundation
import FromScratch

/// seed 002 §损失函数 writes the logistic cost's penalty as λ/(2n) Σ_(j=1)^n θ_j², with n the number of
/// examples (the 1/n before the first sum): the index runs past θ's d + 1 = 3 entries.
enum LogisticRegressionPenalty {
    struct IndexError: Error, CustomStringConvertible {
        let index: Int, entries: Int
        var description: String {
            "θ has \(entries) entries (θ0 the intercept, θ1, θ2) but Σ_(j=1)^n with n = \(MoonsData.samples) examples "
                + "reads θ\(index) ... θ\(MoonsData.samples)"
        }
    }

    /// The penalty's sum as printed: j from 1 to n.
    static func sumAsPrinted(_ theta: [Double], examples n: Int) throws -> Double {
        var sum = 0.0
        for j in 1...n {
            guard j < theta.count else { throw IndexError(index: j, entries: theta.count) }
            sum += theta[j] * theta[j]
        }
        return sum
    }

    static func finding() -> Finding {
        let data = MoonsData.moons()
        let fit = LogisticRegression.fit(x: data.x, y: data.y)
        let asPrinted: Ours
        do {
            asPrinted = .values([try sumAsPrinted(fit.theta, examples: data.x.rows)])
        } catch {
            asPrinted = .error("\(error)")
        }
        let gradient = LogisticRegression.gradient(fit.theta, x: data.x, y: data.y, lambda: fit.lambda)
        let largest = gradient.map(abs).max()!
        return Finding(
            asPrinted,
            erratum: Erratum(
                reproducedBy: "Σ_(j=1)^d θ_j² over the d = 2 features",
                reproduction: .claim(holds: largest < 1e-12, detail: String(
                    format: "the baseline minimises J(θ) with this penalty: |∇J| < 1e-12 at the fitted θ = (%.4f, %.4f, %.4f)",
                    fit.theta[0], fit.theta[1], fit.theta[2])),
                why: "The notes renamed the number of examples to n (Andrew Ng's m) but kept n as the upper limit of the "
                    + "penalty, where Ng's n is the number of features; j starts at 1 so that the intercept θ0 is not penalised."))
    }
}
