import ChapterTestSupport
import Foundation
import XCTest

/// `--help` of every tool and subcommand, as a reader first meets each one: compared with the
/// snapshots in `Snapshots/help/`, so a changed flag, default or wording shows up in review.
/// `DLFS_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests` rewrites them.
final class HelpSnapshotTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/help")

    /// Each tool's subcommands, read from its own help (so a new subcommand gets a snapshot too).
    func subcommands(of tool: String) throws -> [String] {
        let help = try runTool(tool, ["--help"], environment: ["COLUMNS": "100"]).stdout
        guard let start = help.range(of: "SUBCOMMANDS:") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first else {
                return nil
            }
            return String(word)
        }
    }

    func testEveryHelpMatchesItsSnapshot() throws {
        let update = ProcessInfo.processInfo.environment["DLFS_UPDATE_SNAPSHOTS"] == "1"
        var checked = 0
        for tool in [
            "activations", "losses", "derivatives", "gradient-descent", "backprop", "notes-networks", "optimizers",
            "regularization", "datasets",
        ] {
            for command in [[]] + (try subcommands(of: tool)).map({ [$0] }) {
                let run = try runTool(tool, command + ["--help"], environment: ["COLUMNS": "100"])
                XCTAssertEqual(run.status, 0, "\(tool) \(command) --help: \(run.stderr)")
                let name = ([tool] + command).joined(separator: "-") + ".txt"
                let url = Self.folder.appendingPathComponent(name)
                if update {
                    try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                    try run.stdout.write(to: url, atomically: true, encoding: .utf8)
                } else {
                    let expected = try? String(contentsOf: url, encoding: .utf8)
                    XCTAssertEqual(
                        run.stdout, expected, "\(name): the help changed (DLFS_UPDATE_SNAPSHOTS=1 rewrites it)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 45)
    }

    /// The defaults the help shows are the book's: a few that the chapters quote.
    func testTheHelpShowsTheBooksDefaults() throws {
        let defaults: [(tool: String, command: String, shown: String)] = [
            ("gradient-descent", "run", "(default: 0.1)"),  // DLfS 4.4.1: lr=0.1 in gradient_descent's call
            ("gradient-descent", "train-mnist", "(default: 10000)"),  // iters_num
            ("derivatives", "diff", "(default: 0.0001)"),  // h = 1e-4
            ("losses", "cross-entropy", "(default: 1e-07)"),  // delta
        ]
        for (tool, command, shown) in defaults {
            let help = try runTool(tool, [command, "--help"], environment: ["COLUMNS": "100"]).stdout
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(help.contains(shown), "\(tool) \(command) --help should show \(shown):\n\(help)")
        }
    }
}
