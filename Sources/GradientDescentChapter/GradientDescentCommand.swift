import ArgumentParser
import ChapterCommandLine

/// `gradient-descent`: the runs of DLfS 4.4.1 and seed 000 §4.3, and DLfS 4.5's MNIST training.
public struct GradientDescentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        GradientDescentBook.self,
        abstract: "Gradient descent on x0^2 + x1^2 (梯度下降法), DLfS 4.4.1.")

    public init() {}
}
