import BookChecks
import Figures
import FromScratch

/// Chapter 6, part 2: what keeps training healthy — initial weights, batch normalisation,
/// regularisation against overfitting, hyperparameter search (DLfS 6.2–6.5; seeds 002, 004).
///
/// Each topic keeps its rows in one file of this folder (`rows`), and its figures beside them.
public enum RegularizationBook: BookChapter {
    public static let title = "Chapter 6 — initialisation, batch norm, regularisation, search (DLfS 6.2-6.5; seeds 002, 004)"
    public static let textFile = "06-regularization.md"
    public static let figureTopic = "regularization"
    public static let tool = "regularization"

    /// Every topic's rows; a topic added here is checked by `check` and the tests.
    static let topics: [[String: () -> Finding]] = [
        ActivationHistograms.rows, InitComparison.rows, BatchNormExamples.rows, BatchNormExperiment.rows,
        OverfittingRun.rows, PenaltyExamples.rows, AugmentationExamples.rows, SearchCoverage.rows, HyperparameterSearch.rows,
    ]

    public static var examples: [String: () -> Finding] {
        topics.reduce(into: [:]) { all, rows in all.merge(rows) { first, _ in first } }
    }

    /// The MNIST training experiments: about two minutes together on two cores (see the text).
    public static let slowExamples: Set<String> = Set(
        [InitComparison.rows, BatchNormExperiment.rows, OverfittingRun.rows, HyperparameterSearch.rows].flatMap(\.keys))

    public static func figures() -> [Figure] {
        ActivationHistograms.figures() + PenaltyExamples.figures() + AugmentationExamples.figures() + SearchCoverage.figures()
    }

    public static func slowFigures() -> [Figure] {
        var figures: [Figure] = []
        if let run = try? InitComparison.run(InitComparison.Setup()) { figures.append(run.figure()) }
        if let run = try? BatchNormExperiment.run(BatchNormExperiment.Setup()) { figures.append(run.figure()) }
        figures += OverfittingRun.chapterFigures()
        if let run = try? HyperparameterSearch.run(HyperparameterSearch.Setup()) {
            figures += [run.bestTrialsFigure(), run.mapFigure()]
        }
        return figures
    }
}
