import BookChecks

/// Chapter 4, losses (损失函数): DLfS 4.2 with seeds 000, 003 and 004.
public enum LossesBook: ChapterPart {
    public static let textFile = "04-losses.md"

    public static let workedExamples: [any WorkedExample.Type] = [
        HandwrittenFives.self, AccuracyIsNoLoss.self, MeanSquaredErrorExample.self, CrossEntropyExample.self,
        MiniBatchCrossEntropyExample.self,
        FirstPrintingsExample.self, InformationExample.self, RelativeEntropyClaims.self, LossDirectionExample.self,
        NotesLossListings.self,
    ]
}
