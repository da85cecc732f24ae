import BookChecks

/// Chapter 3, activation functions and the output layer (激活函数, 输出层): DLfS 3.2-3.6
/// with seeds 003 and 004.
public enum ActivationsBook: ChapterPart {
    public static let textFile = "03-activations.md"

    public static let workedExamples: [any WorkedExample.Type] = [
        ActivationFunctions.self, SigmoidSymmetryExample.self, SoftmaxExample.self, MNISTSamples.self,
        BookNetworkExample.self,
        ArgmaxAxisExample.self, NotesNumPyClaims.self, NotesActivationClaims.self, GradientFlowClaims.self,
        TanhAndLeakyClaims.self,
        NotesActivationListings.self,
    ]
}
