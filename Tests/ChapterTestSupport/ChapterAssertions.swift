import BookChecks
import FigureRendering
import Figures
import Foundation
import XCTest

/// Assertions shared by the chapter test suites: book values, chapter text, figures, tools.

/// The project folder, found from this file the way the tools find it from theirs.
public let projectRoot = Repository.root(above: URL(fileURLWithPath: #filePath))!

/// The slow rows to leave out: all of them unless `DLFS_SLOW_CHECKS=1`.
public func skippedSlowRows<C: ChapterPart>(_ chapter: C.Type) -> Set<String> {
    ProcessInfo.processInfo.environment["DLFS_SLOW_CHECKS"] == "1" ? [] : C.slowExamples
}

/// Asserts every printed value of a chapter part: ✓, or an erratum among those expected.
public func assertBookValues<C: ChapterPart>(
    _ chapter: C.Type, errata expected: Set<String>,
    file: StaticString = #filePath, line: UInt = #line
) throws {
    let skipped = skippedSlowRows(C.self)
    let rows = try C.check(root: projectRoot, skipping: skipped)
    XCTAssertFalse(rows.isEmpty, file: file, line: line)
    for row in rows {
        XCTAssertNotEqual(
            row.verdict, .fail,
            "\(row.row.id) (\(row.row.source)): printed \(row.row.printed.text), ours \(row.ours)",
            file: file, line: line)
    }
    XCTAssertEqual(
        Set(rows.filter { $0.verdict == .erratum }.map(\.row.id)), expected.subtracting(skipped),
        "the errata of \(C.textFile)", file: file, line: line)
}

/// Asserts that both editions of the chapter text show what the code computes now (slow rows as
/// `assertBookValues`).
public func assertTextIsCurrent<C: ChapterPart>(_ chapter: C.Type, file: StaticString = #filePath, line: UInt = #line)
    throws
{
    let skipped = skippedSlowRows(C.self)
    let rows = try C.check(root: projectRoot, skipping: skipped)
    // Skipped rows keep the lines the text has for them.
    func withoutSkipped(_ markdown: String) -> [Substring] {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !skipped.contains { line.hasPrefix("| `\($0)` |") || line.hasPrefix("- **\($0)**") }
        }
    }
    for edition in Edition.allCases {
        let text = try ChapterText(path: C.textURL(root: projectRoot, edition: edition).path)
        XCTAssertEqual(
            withoutSkipped(try text.rewritten(with: rows, skipped: skipped, edition: edition)),
            withoutSkipped(text.markdown),
            "\(edition.folder)/\(C.textFile) shows stale results: run `make tables`", file: file, line: line)
    }
}

/// Draws a chapter part's figures into a temporary folder and compares them with the committed
/// `Figures/<topic>/`: byte for byte, except that data which only OpenBLAS's kernel rounding
/// changed (`KernelRounding`) leaves the committed pair standing; then re-renders every committed
/// `.gp` with gnuplot.
public func assertFiguresRegenerateIdentically<C: ChapterPart>(
    _ chapter: C.Type, file: StaticString = #filePath,
    line: UInt = #line
) throws {
    let fm = FileManager.default
    let temp = fm.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: temp) }
    let committed = C.figuresURL(root: projectRoot)
    let slow = ProcessInfo.processInfo.environment["DLFS_SLOW_CHECKS"] == "1"
    let figures = try C.committedFigures(slow: slow)
    for figure in figures {
        try FigureRenderer().render(figure, into: temp)
        let script = "\(figure.name).gp", png = "\(figure.name).png"
        let ours = try String(contentsOf: temp.appendingPathComponent(script), encoding: .utf8)
        let theirs = (try? String(contentsOf: committed.appendingPathComponent(script), encoding: .utf8)) ?? ""
        XCTAssertTrue(
            KernelRounding.sameFigure(ours, theirs),
            "Figures/\(C.figureTopic)/\(script) differs from a fresh render: rerun the chapter (make chapters)",
            file: file, line: line)
        if ours == theirs {
            XCTAssertEqual(
                try Data(contentsOf: temp.appendingPathComponent(png)),
                try? Data(contentsOf: committed.appendingPathComponent(png)),
                "Figures/\(C.figureTopic)/\(png) differs from a fresh render of the same script",
                file: file, line: line)
        }
        let rerender = Process()
        rerender.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        rerender.arguments = ["gnuplot", "-e", "out='\(temp.path)/\(figure.name).rerender.png'", "\(figure.name).gp"]
        rerender.currentDirectoryURL = committed
        try rerender.run()
        rerender.waitUntilExit()
        XCTAssertEqual(rerender.terminationStatus, 0, "gnuplot \(figure.name).gp", file: file, line: line)
        XCTAssertEqual(
            try? Data(contentsOf: temp.appendingPathComponent("\(figure.name).rerender.png")),
            try? Data(contentsOf: committed.appendingPathComponent("\(figure.name).png")),
            "the committed \(figure.name).gp re-renders its PNG", file: file, line: line)
    }
}

/// Runs a built tool the way a reader would and returns its exit status and output.
public func runTool(
    _ name: String, _ arguments: [String], environment: [String: String] = [:],
    in directory: URL = projectRoot
) throws -> (status: Int32, stdout: String, stderr: String) {
    try runProgram(toolURL(name), arguments, environment: environment, in: directory)
}

/// Runs any program and returns its exit status and output (a shell line with the built tools on
/// `PATH`, `unshare`).
public func runProgram(
    _ program: URL, _ arguments: [String], environment: [String: String] = [:],
    in directory: URL = projectRoot
) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

/// The shell's `PATH` with the built tools first, for shell lines that run them.
public var pathWithTools: String {
    toolURL("derivatives").deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
}

/// Runs a built tool in a pseudo-terminal (util-linux's `script`) `columns` wide, as a reader's
/// terminal would run it; returns what the terminal received, line ends as "\n".
public func runToolInTerminal(
    _ name: String, _ arguments: [String], columns: Int, environment: [String: String] = [:]
) throws -> String {
    let command = (["stty", "cols", "\(columns);", "exec", toolURL(name).path] + arguments)
        .joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", command, "/dev/null"]
    process.currentDirectoryURL = projectRoot
    var inherited = ProcessInfo.processInfo.environment
    for variable in ["COLUMNS", "NO_COLOR"] { inherited[variable] = nil }
    process.environment = inherited.merging(environment) { $1 }.merging(["TERM": "xterm"]) { $1 }
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let received = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: received, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
}

/// A built tool: on Linux the test bundle is the build folder itself; elsewhere it is an .xctest inside it.
public func toolURL(_ name: String) -> URL {
    let bundle = Bundle(for: ToolLocator.self).bundleURL
    let folder = bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
    return folder.appendingPathComponent(name)
}

private final class ToolLocator {}

/// Runs `tool` with each set of bad `arguments` and asserts that it fails with an error naming
/// the problem (`message` in its stderr).
public func assertToolRejects(
    _ tool: String, _ cases: [([String], String)],
    file: StaticString = #filePath, line: UInt = #line
) throws {
    for (arguments, message) in cases {
        let run = try runTool(tool, arguments)
        XCTAssertNotEqual(run.status, 0, "\(arguments)", file: file, line: line)
        XCTAssertTrue(run.stderr.contains(message), "\(arguments): \(run.stderr)", file: file, line: line)
    }
}

/// Runs `tool` with `arguments` plus `--figure <temp folder>/<name>.png`, as a reader redoing an
/// exercise would, and asserts that it succeeds and leaves the PNG with its `.gp` script beside it.
/// Returns the run for the caller's checks of its output.
@discardableResult
public func runToolWritingFigure(
    _ tool: String, _ arguments: [String], name: String,
    file: StaticString = #filePath, line: UInt = #line
) throws
    -> (status: Int32, stdout: String, stderr: String)
{
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(tool)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let png = folder.appendingPathComponent("\(name).png").path
    let run = try runTool(tool, arguments + ["--figure", png])
    XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
    XCTAssertTrue(FileManager.default.fileExists(atPath: png), "\(arguments): no \(name).png", file: file, line: line)
    XCTAssertTrue(
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name).gp").path),
        "\(arguments): no \(name).gp", file: file, line: line)
    return run
}

/// The offline data for the tools the tests run, as the tools find it themselves.
public func useOfflineDataIfPresent() { Repository.useOfflineDataIfUnset(root: projectRoot) }

/// The book's repository at the commit the project pins; `Tests/Fixtures/BookCode/generate.py`
/// runs it and writes the fixtures that `bookCodeFixture` reads.
public let pinnedBookCommit = "07b11618cdb5d5f78ad45464de0730efc07b0a4a"

/// The `values` of a fixture written by `Tests/Fixtures/BookCode/generate.py`, after checking that
/// it was made from the pinned commit. Floats are stored as Python repr strings.
public func bookCodeFixture(_ name: String) throws -> [String: Any] {
    let url = projectRoot.appendingPathComponent("Tests/Fixtures/BookCode").appendingPathComponent(name)
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    guard let object, object["commit"] as? String == pinnedBookCommit, let values = object["values"] as? [String: Any]
    else { throw FixtureError.notFromThePinnedCommit(name) }
    return values
}

public enum FixtureError: Error { case notFromThePinnedCommit(String), malformed(String) }

/// A list of repr strings of a fixture as the doubles they name.
public func fixtureDoubles(_ any: Any?) throws -> [Double] {
    guard let texts = any as? [String] else { throw FixtureError.malformed("\(any ?? "nil")") }
    return try texts.map(fixtureDouble)
}

/// A repr string of a fixture as the double it names.
public func fixtureDouble(_ any: Any?) throws -> Double {
    guard let text = any as? String, let value = Double(text) else { throw FixtureError.malformed("\(any ?? "nil")") }
    return value
}
