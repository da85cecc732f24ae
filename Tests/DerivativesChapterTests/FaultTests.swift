import BookChecks
import ChapterTestSupport
import Foundation
import XCTest

/// Faults a reader's machine can have, for real: a file-size limit and a full disk while a figure
/// is written, standard output that cannot be written, results that overflow. Each is an error
/// that names it, and what was there before is left exactly as it was.
final class FaultTests: XCTestCase {
    let fm = FileManager.default

    /// A folder holding a figure pair drawn earlier, as a reader's previous run left it.
    func folderWithAFigure() throws -> (folder: URL, png: Data, script: Data) {
        let folder = fm.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let run = try runTool("derivatives", ["diff", "--figure", folder.appendingPathComponent("f.png").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        return (
            folder, try Data(contentsOf: folder.appendingPathComponent("f.png")),
            try Data(contentsOf: folder.appendingPathComponent("f.gp"))
        )
    }

    /// Runs a shell line with the built tools on PATH.
    func shell(_ line: String) throws -> (status: Int32, stdout: String, stderr: String) {
        // bash: its `ulimit -f` counts KiB (dash's counts 512-byte blocks).
        try runProgram(URL(fileURLWithPath: "/bin/bash"), ["-c", line], environment: ["PATH": pathWithTools])
    }

    /// A file-size limit (`ulimit -f`, in KiB) stops the script at 4 KiB, then the PNG at 30: each
    /// time the tool says which file and why, exits non-zero, and the previous pair is untouched.
    func testAFileSizeLimitKeepsThePreviousFigure() throws {
        let (folder, png, script) = try folderWithAFigure()
        defer { try? fm.removeItem(at: folder) }
        for (limit, message) in [(4, "cannot write \(folder.path)/f.gp: File too large"), (30, "incomplete PNG")] {
            let run = try shell("ulimit -f \(limit); exec derivatives diff --figure '\(folder.path)/f.png'")
            XCTAssertEqual(run.status, 1, "limit \(limit) KiB")
            XCTAssertTrue(run.stderr.contains(message), "limit \(limit) KiB: \(run.stderr)")
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("f.png")), png, "limit \(limit)")
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("f.gp")), script, "limit \(limit)")
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: folder.path).sorted(), ["f.gp", "f.png"])
        }
    }

    /// The case: `derivatives check` with Figures/derivatives nearly full. In a private
    /// mount namespace (root only) the folder becomes a small tmpfs holding the committed figures
    /// and a filler; the check must fail and leave every committed figure byte-identical.
    func testAFullDiskKeepsTheCommittedFigures() throws {
        let unshare = URL(fileURLWithPath: "/usr/bin/unshare")
        let probe = try runProgram(unshare, ["-m", "true"])
        guard probe.status == 0 else { throw XCTSkip("no private mount namespace here: \(probe.stderr)") }
        let figures = projectRoot.appendingPathComponent("Figures/derivatives").path
        let saved = fm.temporaryDirectory.appendingPathComponent("committed-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: saved) }
        try fm.copyItem(atPath: figures, toPath: saved.path)
        let line = """
            set -e
            mount -t tmpfs -o size=\(64 * 1024 * 1024) tmpfs '\(figures)'
            cp -p '\(saved.path)'/* '\(figures)'/
            # Fill what is left but 64 KiB: enough for nothing the check would write.
            free=$(df --output=avail -k '\(figures)' | tail -1)
            head -c $(( (free - 64) * 1024 )) /dev/zero > '\(figures)/.filler' || true
            set +e
            cd '\(projectRoot.path)' && derivatives check > /dev/null 2> /tmp/full-disk-$$.err
            status=$?
            rm -f '\(figures)/.filler'
            diff -r '\(saved.path)' '\(figures)' && echo same
            echo "status $status"; cat /tmp/full-disk-$$.err >&2; rm -f /tmp/full-disk-$$.err
            """
        let run = try runProgram(unshare, ["-m", "/bin/sh", "-c", line], environment: ["PATH": pathWithTools])
        XCTAssertTrue(run.stdout.contains("same"), "committed figures changed:\n\(run.stdout)\n\(run.stderr)")
        XCTAssertTrue(run.stdout.contains("status 1"), run.stdout + run.stderr)
        XCTAssertTrue(
            run.stderr.contains("No space left on device") || run.stderr.contains("incomplete PNG (is the disk full?)"),
            run.stderr)
    }

    /// Output to a full device or a closed descriptor is an error (EX_IOERR), not a silent 0.
    func testStandardOutputThatCannotBeWrittenIsAnError() throws {
        for redirect in [">/dev/full", ">&-"] {
            let run = try shell("exec losses mse \(redirect)")
            XCTAssertEqual(run.status, 74, redirect)
            XCTAssertTrue(run.stderr.contains("could not write the output to standard output"), run.stderr)
        }
    }

    /// A result that overflows is named and fails the run (65, EX_DATAERR), in every tool through
    /// the one print; a NaN that is the example's lesson is named as that and does not fail.
    func testNonFiniteResultsAreNamed() throws {
        for (tool, arguments) in [
            ("losses", ["cross-entropy", "--y=-1,2", "--label", "0"]), ("derivatives", ["diff", "--h", "1e308"]),
            ("gradient-descent", ["run", "--lr", "1e300", "--steps", "10"]),
        ] {
            let run = try runTool(tool, arguments)
            XCTAssertEqual(run.status, 65, "\(tool) \(arguments): \(run.stdout)")
            XCTAssertTrue(run.stderr.contains("NaN or infinite"), "\(tool) \(arguments): \(run.stderr)")
        }
        // A run whose accuracies print fine although its weights overflowed (chance-level argmax).
        let overfit = try runTool(
            "regularization", ["overfit", "--weight-decay", "1e6", "--epochs", "3"])
        XCTAssertEqual(overfit.status, 65, overfit.stderr)
        XCTAssertTrue(overfit.stderr.contains("the run diverged: its weights became NaN or infinite"), overfit.stderr)
        let lesson = try runTool("activations", ["softmax", "--scores", "1010,1000,990"])
        XCTAssertEqual(lesson.status, 0, lesson.stderr)
        XCTAssertTrue(lesson.stderr.contains("the overflow this example shows"), lesson.stderr)
    }

    /// Right answers where overflow gave wrong ones, and figures drawn from the run's own flags.
    func testOverflowingNormsAndFiguresFromTheFlags() throws {
        let clip = try runTool("optimizers", ["clip", "--by", "norm", "--gradient=1e200,1e200", "--threshold", "1"])
        XCTAssertTrue(clip.stdout.contains("clipped  [0.7071067811865475, 0.7071067811865475]"), clip.stdout)
        let folder = fm.temporaryDirectory.appendingPathComponent("momentum-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let run = try runTool(
            "optimizers",
            ["momentum", "--lr", "0.05", "--momentum", "0.5", "--figure", folder.appendingPathComponent("m.png").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let script = try String(contentsOf: folder.appendingPathComponent("m.gp"), encoding: .utf8)
        XCTAssertTrue(script.contains("lr 0.05, μ 0.5"), "the figure says the run's own lr and μ")
        XCTAssertTrue(script.contains("title \"μ = 0.5 (momentum)\""))
    }

    /// `--update-text` never writes a row's error message into a chapter text.
    func testUpdateTextWritesOnlyCompleteTables() throws {
        let text = projectRoot.appendingPathComponent("Chapters/03-activations.md")
        let before = try Data(contentsOf: text)
        defer { if (try? Data(contentsOf: text)) != before { try? before.write(to: text) } }
        let run = try runTool(
            "activations", ["check", "--no-figures", "--update-text"],
            environment: ["DLFS_WEIGHTS": "/nonexistent/sample_weight.pkl"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("--update-text left"), run.stderr)
        XCTAssertEqual(try Data(contentsOf: text), before, "the chapter text is as it was")
    }

    /// A data folder the user may not read is named as a permission problem, not as four missing
    /// files. Root reads every folder, so the tool runs as `nobody` (a copy of it, in a folder
    /// `nobody` may enter: the build folder of a fresh clone may be private).
    func testAnUnreadableDataFolderIsAPermissionError() throws {
        guard getuid() == 0, fm.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv to run the tool as another user")
        }
        let folder = URL(fileURLWithPath: "/tmp/unreadable-\(UUID().uuidString)")  // /tmp: open to all
        let locked = folder.appendingPathComponent("mnist")
        try fm.createDirectory(at: locked, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked.path)
        let tool = folder.appendingPathComponent("datasets")
        try fm.copyItem(at: toolURL("datasets"), to: tool)
        let run = try runProgram(
            URL(fileURLWithPath: "/usr/bin/setpriv"),
            ["--reuid=65534", "--regid=65534", "--clear-groups", tool.path, "mnist", "--dir", locked.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(
            run.stdout.contains("cannot read \(locked.path): permission denied"), run.stdout + run.stderr)
        XCTAssertFalse(run.stdout.contains("missing"), run.stdout)
    }
}
