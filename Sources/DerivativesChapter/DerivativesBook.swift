import BookChecks

/// Chapter 4, derivatives and gradients (导数与梯度): DLfS 4.3-4.4.2 with seeds 000 and 003.
public enum DerivativesBook: ChapterPart {
    public static let textFile = "04-derivatives.md"

    public static let workedExamples: [any WorkedExample.Type] = [
        NumericalDiffExample.self, PartialDerivativesExample.self, GradientExample.self, GradientDirectionExample.self,
        SimpleNet.self, NotesGradientClaims.self, NotesDifferentiationClaims.self, NotesDerivativeListings.self,
    ]
}
