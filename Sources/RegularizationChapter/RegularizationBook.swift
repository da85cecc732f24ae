import BookChecks

/// Chapter 6, part 2: what keeps training healthy — initial weights, batch normalisation,
/// regularisation against overfitting, hyperparameter search (DLfS 6.2–6.5; seeds 002, 004).
///
/// Each topic keeps its rows, its figures and its subcommand in one file of this folder.
public enum RegularizationBook: ChapterPart {
    public static let textFile = "06-regularization.md"

    /// The MNIST training experiments (`isSlow`) take about two minutes together on two cores.
    public static let workedExamples: [any WorkedExample.Type] = [
        ActivationHistograms.self, InitComparison.self, BatchNormExamples.self, BatchNormExperiment.self,
        NotesNormalisationClaims.self, OverfittingRun.self, PenaltyExamples.self, AugmentationExamples.self,
        SearchCoverage.self,
        HyperparameterSearch.self,
    ]
}
