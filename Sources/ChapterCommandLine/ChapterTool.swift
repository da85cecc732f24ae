import ArgumentParser
import BookChecks

/// A worked example a reader can rerun with parameters of their own: its subcommands, whose flags
/// default to the book's values, live in the example's file.
public protocol RunnableExample: WorkedExample {
    static var commands: [any ParsableCommand.Type] { get }
}

extension CommandConfiguration {
    /// A chapter tool's command line, derived from its parts' lists of worked examples: `check`
    /// first and by default, then each runnable example's subcommand in the order of the lists.
    public static func chapterTool<Chapter: ChapterParts>(
        _ chapter: Chapter.Type, name: String, abstract: String
    ) -> CommandConfiguration {
        let examples = Chapter.parts.flatMap { $0.workedExamples }
        let commands = examples.flatMap { ($0 as? any RunnableExample.Type)?.commands ?? [] }
        return CommandConfiguration(
            commandName: name, abstract: abstract,
            subcommands: [CheckCommand<Chapter>.self] + commands,
            defaultSubcommand: CheckCommand<Chapter>.self)
    }
}
