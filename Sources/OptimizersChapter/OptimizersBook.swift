import BookChecks
import Figures
import FromScratch

/// Chapter 6, optimizers (参数的更新): DLfS 6.1 with seed 004 §3.
public enum OptimizersBook: BookChapter {
    public static let title = "Chapter 6 — optimizers (DLfS 6.1; seed 004 §3)"
    public static let textFile = "06-optimizers.md"
    public static let figureTopic = "optimizers"
    public static let tool = "optimizers"

    public static var examples: [String: () -> Finding] {
        [OptimizerPaths.rows, NesterovForm.rows, MomentumWalkthrough.rows, Accumulators.rows, ClippingExamples.rows, MNISTComparison.rows]
            .reduce(into: [:]) { all, rows in all.merge(rows) { first, _ in first } }
    }

    /// Four optimizers × 2000 iterations of a five-layer net: about a minute (see the text).
    public static let slowExamples: Set<String> = Set(MNISTComparison.rows.keys)

    public static func figures() -> [Figure] {
        [OptimizerFigures.comparison(paths: OptimizerPaths.entries.map { ($0, OptimizerPaths.path($0.kind)) }),
         OptimizerFigures.momentumWalkthrough(),
         OptimizerFigures.accumulators()]
    }

    public static func slowFigures() -> [Figure] {
        guard let run = try? MNISTComparison.run(MNISTComparison.Setup()) else { return [] }
        return [OptimizerFigures.mnistLosses(run)]
    }
}
