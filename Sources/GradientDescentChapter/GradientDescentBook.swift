import BookChecks

/// Chapter 4, gradient descent (梯度下降法): DLfS 4.4.1 with seed 000 §4.3, and DLfS 4.5's training.
public enum GradientDescentBook: ChapterPart {
    public static let textFile = "04-gradient-descent.md"

    public static let workedExamples: [any WorkedExample.Type] = [
        GradientDescentRuns.self, MNISTSigmoidTraining.self, NotesDescentClaims.self, NotesDescentListing.self,
    ]
}
