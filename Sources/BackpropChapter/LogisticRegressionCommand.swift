import ArgumentParser
import BookChecks
import Foundation
import FromScratch

/// `backprop logistic-regression`: seed 001's baseline, fitted by Newton's method on seed 002's cost.
struct LogisticRegressionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logistic-regression",
        abstract: "Fit seed 001's logistic-regression baseline to the moons (our Newton's method, seed 002's regularised cost).")

    @Option(name: .customLong("lambda"), help: "λ of the penalty λ/(2n)·(θ1² + θ2²); λ = 1/C in scikit-learn's terms.")
    var lambda = LogisticRegression.notesLambda
    @Option(name: .customLong("data-seed"), help: "The seed before make_moons (the notes: 0).") var dataSeed = 0
    @OptionGroup var figure: ExampleFigureOptions

    func validate() throws {
        guard lambda.isFinite, lambda >= 0 else { throw ValidationError("--lambda must be a number >= 0, got \(lambda)") }
        guard (0...Int(UInt32.max)).contains(dataSeed) else {
            throw ValidationError("--data-seed must be between 0 and 4294967295 (numpy.random.seed's range), got \(dataSeed)")
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
