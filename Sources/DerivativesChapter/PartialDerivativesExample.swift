import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// 偏导数 of x0² + x1² at (3, 4), one variable at a time (DLfS 4.3.3).
enum PartialDerivativesExample: RunnableExample {
    static let rows: [String: () -> Finding] = ["partial-x0": withRespectToX0, "partial-x1": withRespectToX1]
    static let commands: [any ParsableCommand.Type] = [Partial.self]

    /// The book fixes the other variable as `4.0**2.0` and `3.0**2.0`.
    static func withRespectToX0() -> Finding {
        .value(numericalDerivative({ x0 in x0 * x0 + 4.0 * 4.0 }, at: 3.0))
    }

    static func withRespectToX1() -> Finding {
        .value(numericalDerivative({ x1 in 3.0 * 3.0 + x1 * x1 }, at: 4.0))
    }
}

extension PartialDerivativesExample {
    /// `derivatives partial`: another point.
    struct Partial: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Partial derivatives of x0^2 + x1^2, one variable at a time (DLfS 4.3.3).")
        @Option(help: "The point (x0,x1).") var at = NumberList([3, 4])

        func validate() throws {
            guard at.values.count == 2 else { throw ValidationError("--at needs two numbers x0,x1") }
        }

        func run() {
            let (x0, x1) = (at.values[0], at.values[1])
            print("df/dx0 = \(numericalDerivative({ v in v * v + x1 * x1 }, at: x0))")
            print("df/dx1 = \(numericalDerivative({ v in x0 * x0 + v * v }, at: x1))")
        }
    }
}
