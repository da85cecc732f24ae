import BookChecks

/// Chapter 5, the notes' networks: seed 001's moons network and seed 002's 4-layer sigmoid net.
public enum NotesNetworksBook: ChapterPart {
    public static let textFile = "05-notes-networks.md"

    public static let workedExamples: [any WorkedExample.Type] = [
        LogisticRegression.self, MoonsExamples.self, MoonsHiddenSizes.self, SigmoidNetExamples.self,
        ParameterGradientsExample.self, BackpropScaleExample.self, NotesMoonsListings.self, NotesMoonsClaims.self,
    ]
}
