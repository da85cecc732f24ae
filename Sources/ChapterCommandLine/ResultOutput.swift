import Foundation

/// What every example subcommand prints goes through here (this `print` shadows the standard
/// library's in the modules that import ChapterCommandLine): a printed value that is NaN or
/// infinite is named on standard error, and the tool exits with status 65, so that an overflow or
/// a diverged run is never printed as a result. One mechanism for every tool, not a check per command.
public func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(text, terminator: terminator)
    ResultOutput.inspect(text)
}

public enum ResultOutput {
    nonisolated(unsafe) static var inLesson = false
    nonisolated(unsafe) static var failsTheRun = false

    /// Prints, in `body`, a value whose point is that it overflows (the book's softmax without the
    /// shift, DLfS 3.5.2): a NaN there is still named, as what the example shows, and does not fail
    /// the run.
    public static func showingOverflow(_ body: () -> Void) {
        inLesson = true
        defer { inLesson = false }
        body()
    }

    /// The words Swift prints for non-finite doubles, standing alone.
    static let pattern = try! NSRegularExpression(pattern: #"(?<![A-Za-z_])[-+]?(nan|inf|infinity)(?![A-Za-z_])"#)

    static func inspect(_ text: String) {
        guard pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else { return }
        if inLesson {
            FileHandle.standardError.write(
                Data("note: the NaN above is the overflow this example shows, not a result\n".utf8))
            return
        }
        failsTheRun = true
        FileHandle.standardError.write(
            Data(
                ("error: a value printed above is NaN or infinite: the computation overflowed or diverged "
                    + "(a step too large, a value beyond the range of a double); it is not a result\n").utf8))
    }
}
