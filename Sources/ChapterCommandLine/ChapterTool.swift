import ArgumentParser
import BookChecks

/// A worked example a reader can rerun with parameters of their own: its subcommands, whose flags
/// default to the book's values, live in the example's file.
public protocol RunnableExample: WorkedExample {
    static var commands: [any ParsableCommand.Type] { get }
}

extension CommandConfiguration {
    /// A chapter part's tool, named after the part, derived from its list of worked examples:
    /// `check` first and by default, then each runnable example's subcommands in the list's order.
    public static func chapterTool<Part: ChapterPart>(_ part: Part.Type, abstract: String) -> CommandConfiguration {
        let commands = Part.workedExamples.flatMap { ($0 as? any RunnableExample.Type)?.commands ?? [] }
        return CommandConfiguration(
            commandName: Part.tool, abstract: abstract,
            subcommands: [CheckCommand<Part>.self] + commands,
            defaultSubcommand: CheckCommand<Part>.self)
    }
}
