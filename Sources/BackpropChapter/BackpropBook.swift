import BookChecks

/// Chapter 5, backpropagation (误差反向传播法): DLfS 5.4-5.7.
public enum BackpropBook: ChapterPart {
    public static let textFile = "05-backprop.md"

    public static let workedExamples: [any WorkedExample.Type] = [
        BuyingApples.self, GradientCheck.self, MNISTReLUTraining.self,
    ]
}
