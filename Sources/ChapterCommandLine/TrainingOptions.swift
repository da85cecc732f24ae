import ArgumentParser

/// The book's values for a run over mini-batches of MNIST: the defaults of its flags.
public protocol MiniBatchDefaults {
    /// Mini-batches (iterations) in the book's run.
    static var iterations: Int { get }
    /// Images per mini-batch in the book's run.
    static var batchSize: Int { get }
    /// The fewest iterations the example can report on (a smoothed curve needs its window).
    static var fewestIterations: Int { get }
}

/// `--iterations` and `--batch-size`, shared by every run over mini-batches, each defaulting to
/// the book's run of the example (`Book`) and checked in one place.
public struct MiniBatchOptions<Book: MiniBatchDefaults>: ParsableArguments {
    @Option(help: "Iterations (mini-batches).") public var iterations = Book.iterations
    @Option(help: "Images per mini-batch (at most 60000).") public var batchSize = Book.batchSize

    public init() {}

    public func validate() throws {
        try FlagCheck.within(iterations, Book.fewestIterations...1_000_000, "--iterations")
        try FlagCheck.within(batchSize, 1...60_000, "--batch-size")
    }
}

/// The book's learning rate for an example trained with SGD.
public protocol LearningRateDefault {
    static var learningRate: Double { get }
}

/// `--lr`, SGD's learning rate (学习率), defaulting to the book's and checked in one place.
public struct LearningRateOption<Book: LearningRateDefault>: ParsableArguments {
    @Option(parsing: .unconditional, help: "SGD's learning rate (学习率).") public var lr = Book.learningRate

    public init() {}

    public func validate() throws { try FlagCheck.positive(lr, "--lr") }
}
