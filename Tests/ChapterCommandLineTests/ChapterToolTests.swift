import ArgumentParser
import BookChecks
import XCTest

@testable import ChapterCommandLine

private struct Hello: ParsableCommand {}
private struct Bye: ParsableCommand {}

private enum Runnable: RunnableExample {
    static let rows: [String: () -> Finding] = ["a": { .value(1) }]
    static let commands: [any ParsableCommand.Type] = [Hello.self, Bye.self]
}
private enum Quiet: WorkedExample {}

private enum Part: ChapterPart {
    static let textFile = "01-part.md"
    static let workedExamples: [any WorkedExample.Type] = [Quiet.self, Runnable.self]
}

final class ChapterToolTests: XCTestCase {
    /// `check` comes first and is the default; then every runnable example's commands, in list order.
    func testSubcommandsAreDerivedFromTheExamples() {
        let configuration = CommandConfiguration.chapterTool(Part.self, abstract: "")
        XCTAssertEqual(configuration.commandName, "part")
        XCTAssertEqual(configuration.subcommands.map { $0._commandName }, ["check", "hello", "bye"])
        XCTAssertTrue(configuration.defaultSubcommand == CheckCommand<Part>.self)
    }
}
