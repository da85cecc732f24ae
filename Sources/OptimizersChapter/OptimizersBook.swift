import BookChecks

/// Chapter 6, optimizers (参数的更新): DLfS 6.1 with seed 004 §3.
public enum OptimizersBook: ChapterPart {
    public static let textFile = "06-optimizers.md"

    public static let workedExamples: [any WorkedExample.Type] = [
        OptimizerPaths.self, NesterovForm.self, MomentumWalkthrough.self, Accumulators.self, ClippingExamples.self,
        MNISTComparison.self, AdamSectionNumber.self, AdaGradDeltaClaim.self, NotesMomentumClaims.self,
        NotesAdaGradDirections.self,
    ]
}
