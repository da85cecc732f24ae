import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

@testable import LossesChapter

/// Chapter 4.2 (Chapters/04-losses.md): every printed value, the text, the figures, the tool.
final class LossesTests: XCTestCase {
    func testEveryPrintedValue() throws {
        try assertBookValues(
            LossesBook.self,
            errata: [
                "kl-far", "kl-near", "batch-cee-comment", "output-000-64", "listing-003-147", "notes-003-loss-badness",
                "mse-first-printings",
                "cee-first-printings",
            ])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(LossesBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(LossesBook.self) }

    func testKLErratumIsBaseTenNotBaseE() {
        // In the natural log the notes name, the value would print as 0.92.
        let finding = InformationExample.klFar()
        guard case let .values(natural) = finding.ours, case let .values(reproduced)? = finding.erratum?.reproduction
        else { return XCTFail("kl-far must be a numeric erratum") }
        XCTAssertEqual(String(format: "%.2f", natural[0]), "0.92")
        XCTAssertEqual(reproduced, [0.39])
    }

    /// The README's example output is what `make chapter4` prints first: each of its lines, in order,
    /// is a line of `losses check` (at the pipe width), the "⋮" lines standing for lines left out.
    func testTheREADMEShowsWhatTheToolPrints() throws {
        let readme = try String(contentsOf: projectRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = readme.components(separatedBy: "```\n$ make chapter4\n")[1].components(separatedBy: "```")[0]
        let shown = block.split(separator: "\n").map(String.init).filter { $0 != "⋮" }
        XCTAssertGreaterThan(shown.count, 10)
        let run = try runTool("losses", ["check", "--no-figures"])
        XCTAssertEqual(run.status, 0, run.stderr)
        var printed = run.stdout.split(separator: "\n").map(String.init)[...]
        for line in shown {
            guard let at = printed.firstIndex(of: line) else {
                return XCTFail("the README shows a line `losses check` does not print (in this order):\n\(line)")
            }
            printed = printed[(at + 1)...]
        }
    }

    /// In a reader's terminal: the table fits its width, verdicts coloured unless NO_COLOR says not.
    func testTheTableFitsTheTerminalItIsPrintedIn() throws {
        func lines(_ screen: String) -> [String] {
            screen.split(separator: "\n").map {
                $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            }
        }
        func widest(_ screen: String) -> Int { lines(screen).map { Terminal.width(of: $0) }.max() ?? 0 }
        let narrow = try runToolInTerminal("losses", ["check", "--no-figures"], columns: 96)
        XCTAssertTrue(narrow.contains("== Chapter 4.2"), narrow)
        XCTAssertLessThanOrEqual(widest(narrow), 96)
        XCTAssertGreaterThan(widest(narrow), 90, "the table uses the width it has")
        XCTAssertTrue(narrow.contains("\u{1B}[32m✓\u{1B}[0m"), "verdicts coloured on a terminal")
        let plain = try runToolInTerminal(
            "losses", ["check", "--no-figures"], columns: 96, environment: ["NO_COLOR": "1"])
        XCTAssertFalse(plain.contains("\u{1B}["), "NO_COLOR: no colour")
        let columns = try runToolInTerminal(
            "losses", ["check", "--no-figures"], columns: 96, environment: ["COLUMNS": "130"])
        XCTAssertLessThanOrEqual(widest(columns), 130)
        XCTAssertGreaterThan(widest(columns), 96, "COLUMNS wins over the terminal's size")
        let wide = try runToolInTerminal("losses", ["check", "--no-figures", "--wide"], columns: 96)
        XCTAssertGreaterThan(widest(wide), 200, "--wide prints cells whole")
        let piped = try runTool("losses", ["check", "--no-figures"], environment: ["COLUMNS": "200"])
        XCTAssertEqual(widest(piped.stdout), Terminal.pipeWidth, "a pipe gets the fixed width")
        XCTAssertFalse(piped.stdout.contains("\u{1B}["), "no colour in a pipe")
    }

    func testToolPrintsJSONRows() throws {
        let run = try runTool("losses", ["check", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [[String: String]]
        XCTAssertEqual(rows.count, 22)
        XCTAssertEqual(Set(rows[0].keys), ["id", "source", "printed", "kind", "ours", "status"])
        XCTAssertEqual(rows.first { $0["id"] == "mse-correct" }?["printed"], "0.09750000000000003")
        XCTAssertEqual(rows.first { $0["id"] == "mse-correct" }?["kind"], "repr")
        XCTAssertEqual(Set(rows.compactMap { $0["status"] }), ["ok", "erratum"])
    }

    func testExampleFlags() throws {
        let wrong = try runTool("losses", ["mse", "--label", "7"])
        XCTAssertEqual(
            Double(wrong.stdout.trimmingCharacters(in: .newlines)),
            MeanSquaredErrorExample.loss(y: LossExampleData.y, label: 7))
        let bad = try runTool("losses", ["mse", "--label", "12"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--label must be a class index from 0 to 9"), bad.stderr)
        let information = try runTool("losses", ["information", "--base", "10"])
        XCTAssertTrue(information.stdout.contains("KL(p||q)  = 0.3979400086720376"), information.stdout)
    }

    /// Outside a project `check` refuses, naming the way out, and writes nothing: it never falls
    /// back to the folder the tool was built in. An example subcommand still works there.
    func testCheckOutsideAProjectRefusesAndWritesNothing() throws {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("elsewhere-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let figures = projectRoot.appendingPathComponent("Figures/losses")
        let before = try fm.contentsOfDirectory(atPath: figures.path).sorted()
        let check = try runTool("losses", [], environment: ["DLFS_ROOT": ""], in: folder)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("cannot find the project folder"), check.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: folder.path), [])
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: figures.path).sorted(), before)
        let example = try runTool("losses", ["mse"], environment: ["DLFS_ROOT": ""], in: folder)
        XCTAssertEqual(example.status, 0, example.stderr)
    }

    /// SIGTERM in the middle of a render (here gnuplot hangs) leaves no temporary file in
    /// Figures/ and no gnuplot error file, and the committed pair untouched.
    /// SIGTERM, SIGHUP or SIGQUIT in the middle of a render: no temporary file is left, and the
    /// gnuplot child ends with the tool instead of running on to its time limit.
    func testATerminatedRenderLeavesNothingBehind() throws {
        for signal in [SIGTERM, SIGHUP, SIGQUIT] { try interruptRender(with: signal) }
    }

    func interruptRender(with signal: Int32) throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("interrupted-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        try fm.createDirectory(at: root.appendingPathComponent("Figures"), withIntermediateDirectories: true)
        for item in ["Package.swift", "Chapters", "Figures/losses"] {
            try fm.copyItem(at: projectRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        // A gnuplot that hangs, and says who it is so that the test can end it (a terminated tool
        // leaves it to the tool's time limit, and it holds the pipe that Process waits on).
        let hanging = root.appendingPathComponent("hanging-gnuplot"),
            pidFile = root.appendingPathComponent("gnuplot.pid")
        try "#!/bin/sh\necho $$ > '\(pidFile.path)'\nexec sleep 600\n".write(
            to: hanging, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hanging.path)
        let figures = root.appendingPathComponent("Figures/losses")
        let committed = try fm.contentsOfDirectory(atPath: figures.path).sorted()
        let errorFiles = {
            Set(try fm.contentsOfDirectory(atPath: fm.temporaryDirectory.path).filter { $0.hasPrefix("gnuplot-") })
        }
        let errorsBefore = try errorFiles()

        let bundle = Bundle(for: LossesTests.self).bundleURL
        let process = Process()
        process.executableURL = (bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
            .appendingPathComponent("losses")
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging([
            "DLFS_GNUPLOT": hanging.path, "DLFS_ROOT": "",
        ]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (up to a minute) until the first figure's temporary script is there, then stop the tool.
        var waited = 0
        while waited < 600, try !fm.contentsOfDirectory(atPath: figures.path).contains(where: { $0.hasSuffix(".tmp") })
        {
            usleep(100_000)
            waited += 1
        }
        XCTAssertLessThan(waited, 600, "the render never started")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        if let pid = Int32(
            (try? String(contentsOf: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        {
            var alive = 0
            while alive < 50, kill(pid, 0) == 0 {
                usleep(100_000)
                alive += 1
            }
            XCTAssertLessThan(alive, 50, "signal \(signal): gnuplot (pid \(pid)) still runs after the tool ended")
            kill(pid, SIGKILL)
        }
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "signal \(signal)")
        XCTAssertEqual(
            try fm.contentsOfDirectory(atPath: figures.path).sorted(), committed,
            "signal \(signal): no temporary file left")
        XCTAssertEqual(try errorFiles().subtracting(errorsBefore), [], "signal \(signal): no gnuplot error file left")
    }
}
