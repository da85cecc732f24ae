import ArgumentParser
import ChapterCommandLine

/// `backprop`: the examples of DLfS chapter 5 and of the notes' own networks.
public struct BackpropCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        Chapter5.self, name: "backprop",
        abstract: "Backpropagation (误差反向传播法), DLfS 5, and the notes' networks (seeds 001, 002).")

    public init() {}
}
