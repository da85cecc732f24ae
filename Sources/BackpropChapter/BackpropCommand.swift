import ArgumentParser
import ChapterCommandLine

/// `backprop`: the examples of DLfS chapter 5, backpropagation.
public struct BackpropCommand: ParsableCommand {
    public static let configuration = CommandConfiguration.chapterTool(
        BackpropBook.self, abstract: "Backpropagation (误差反向传播法), DLfS 5.")

    public init() {}
}
