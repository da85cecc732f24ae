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
        // The evidence comes from the same section of the notes: its network cost J(Θ), whose penalty
        // sums every weight but the bias ones, is the logistic cost for a net with no hidden layer and
        // one output unit (Θ^(1) = θ). It must equal the cost with Σ_(j=1)^d, not one with θ0 in it.
        let lambda = fit.lambda
        let n = Double(data.x.rows)
        let network = SigmoidNet(layerSizes: [2, 1], thetas: [Matrix(rows: 1, cols: 3, storage: fit.theta)])
        let networkCost = network.cost(
            data.x, Matrix(rows: data.y.count, cols: 1, storage: data.y.map(Double.init)),
            lambda: lambda)
        let overFeatures = LogisticRegression.cost(fit.theta, x: data.x, y: data.y, lambda: lambda)
        let withIntercept = overFeatures + lambda / (2 * n) * fit.theta[0] * fit.theta[0]
        // The two costs add the same terms in other orders: rounding only (measured 1e-16 relative).
        let agrees =
            abs(networkCost - overFeatures) <= 1e-12 * overFeatures
            && abs(networkCost - withIntercept) > 1e-6 * overFeatures
        return Finding(
            asPrinted,
            erratum: Erratum(
                reproducedBy: "Σ_(j=1)^d θ_j² over the d = 2 features",
                reproduction: .claim(
                    holds: agrees,
                    detail: String(
                        format:
                            "the notes' own network cost J(Θ) (same section), for a 2-1 net with Θ = θ = (%.4f, %.4f, %.4f) "
                            + "and λ = %g, is %.15f; this cost %.15f (difference %.1e, bound 1e-12 relative); with θ0 penalised too %.15f",
                        fit.theta[0], fit.theta[1], fit.theta[2], lambda, networkCost, overFeatures,
                        abs(networkCost - overFeatures),
                        withIntercept)),
                why:
                    "The notes renamed the number of examples to n (Andrew Ng's m) but kept n as the upper limit of the "
                    + "penalty, where Ng's n is the number of features; j starts at 1 so that the intercept θ0 is not penalised."
            ))
    }
}
