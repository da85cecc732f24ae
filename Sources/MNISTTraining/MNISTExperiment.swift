import BookChecks
import ChapterCommandLine
import Datasets
import Figures

/// A worked example that is one long MNIST experiment (chapter 6's comparisons of optimizers,
/// initial weights, batch norm, the search): its rows and its figures come from a run with the
/// book's set-up, computed once per process. It takes minutes, so it is a slow example.
public protocol MNISTExperiment: RunnableExample {
    associatedtype Setup
    /// The book's set-up.
    static var bookSetup: Setup { get }
    static func run(_ setup: Setup, showProgress: Bool) throws -> Self
    /// The figures drawn from one run.
    func figuresOfRun() -> [Figure]
}

extension MNISTExperiment {
    public static var isSlow: Bool { true }

    public static func figures() throws -> [Figure] {
        guard let run = try unlessMNISTIsAbsent({ try run(bookSetup, showProgress: true) }) else { return [] }
        return run.figuresOfRun()
    }
}
