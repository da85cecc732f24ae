import ArgumentParser

/// `datasets`: the data sets of the book, for readers.
public struct DatasetsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "datasets", abstract: "The book's data sets.")
    public init() {}
}
