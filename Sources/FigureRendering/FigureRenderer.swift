import CGnuplot
import Figures
import Foundation
import TemporaryFiles

/// What can go wrong while drawing a figure, each case naming the figure and the cause.
public enum FigureError: Error, CustomStringConvertible, Equatable {
    case gnuplotMissing
    case cannotWrite(path: String, reason: String)
    case renderFailed(figure: String, status: Int32, gnuplotSays: String)
    case nonFiniteData(figure: String, block: String)

    public var description: String {
        switch self {
        case .gnuplotMissing:
            return "gnuplot was not found on PATH. Install it with `make deps` "
                + "(Debian: apt-get install gnuplot-nox), or run with --no-figures."
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .nonFiniteData(figure, block):
            return "figure '\(figure)' was not drawn: its data $\(block) holds NaN or infinite values "
                + "(the run diverged or overflowed; try a smaller learning rate or other inputs)"
        case let .renderFailed(figure, status, says):
            let quoted = says.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n")
            return "gnuplot failed to render figure '\(figure)' (exit status \(status)):\n\(quoted)"
        }
    }
}

/// Writes figures as `<name>.gp` + `<name>.png` and previews them, through gnuplot-iostream.
///
/// Nothing half-written is left behind: the script and the PNG are first written to temporary
/// files in the target folder and renamed only when gnuplot succeeded, so a failed render keeps
/// the previous figure intact.
public struct FigureRenderer: Sendable {
    /// The gnuplot command line; tests point it at a broken command to exercise failures.
    public var gnuplotCommand: String

    /// How long one gnuplot run may take before it is stopped (a figure takes well under a second).
    public var timeLimit: Int

    /// `gnuplotCommand` defaults to `$DLFS_GNUPLOT`, else `gnuplot`.
    public init(gnuplotCommand: String? = nil, timeLimit: Int = 120) {
        self.gnuplotCommand =
            gnuplotCommand ?? ProcessInfo.processInfo.environment["DLFS_GNUPLOT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "gnuplot"
        self.timeLimit = timeLimit
    }

    /// The script text of a figure: what `<name>.gp` holds.
    public func script(for figure: Figure) throws -> String {
        let temp = FileManager.default.temporaryDirectory
            .appendingPathComponent("figure-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).gp")
        defer { try? FileManager.default.removeItem(at: temp) }
        try writeScript(figure, to: temp.path, shownAs: "a scratch copy of \(figure.name).gp")
        return try String(contentsOf: temp, encoding: .utf8)
    }

    /// Renders `figure` into `directory` (created if needed) and returns the PNG's URL.
    @discardableResult
    public func render(_ figure: Figure, into directory: URL) throws -> URL {
        try renderKeepingSame(figure, into: directory).png
    }

    /// Renders `figure` into `directory`, unless the figure already there is the same figure up
    /// to OpenBLAS's kernel rounding (`KernelRounding`): then that pair is kept untouched, so a
    /// run on a machine with other BLAS kernels leaves the committed files as they are.
    public func renderKeepingSame(_ figure: Figure, into directory: URL) throws -> (png: URL, kept: Bool) {
        try requireGnuplot()
        try requireFiniteData(figure)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FigureError.cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
        let script = directory.appendingPathComponent(figure.name + ".gp")
        let png = directory.appendingPathComponent(figure.name + ".png")
        let tag = ".\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp"
        let tempScript = directory.appendingPathComponent("." + figure.name + ".gp" + tag)
        let tempPNG = directory.appendingPathComponent("." + figure.name + ".png" + tag)
        // Removed on every way out, a signal included.
        return try TemporaryFiles.removingOnExit([tempScript, tempPNG]) {
            try writeScript(figure, to: tempScript.path, shownAs: script.path)
            if let existing = try? String(contentsOf: script, encoding: .utf8), fm.fileExists(atPath: png.path),
                let fresh = try? String(contentsOf: tempScript, encoding: .utf8),
                existing != fresh, KernelRounding.sameFigure(existing, fresh)
            {
                return (png, true)
            }
            // gnuplot's messages name the files it was given: the reader should see the real names.
            try runGnuplot(
                figure: figure.name,
                commands: "out = \(quoted(tempPNG.path))\nload \(quoted(tempScript.path))\n",
                naming: [tempScript.path: script.path, tempPNG.path: png.path])
            guard fm.fileExists(atPath: tempPNG.path) else {
                throw FigureError.renderFailed(
                    figure: figure.name, status: 0,
                    gnuplotSays: "gnuplot exited normally but wrote no PNG")
            }
            guard Self.isCompletePNG(tempPNG) else {
                throw FigureError.cannotWrite(
                    path: png.path,
                    reason: "gnuplot wrote an incomplete PNG (is the disk full?); the previous figure is kept")
            }
            // The two renames under one lock on the folder, so that two runs drawing the same figure
            // at once leave one run's pair, never one's PNG beside the other's script.
            try whileLocking(directory) {
                try replace(png, with: tempPNG)
                try replace(script, with: tempScript)
            }
            return (png, false)
        }
    }

    /// Draws `figure` as text with gnuplot's `dumb` terminal and returns the drawing.
    public func preview(_ figure: Figure, columns: Int = 100, lines: Int = 32) throws -> String {
        try requireGnuplot()
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
        let tempScript = base.appendingPathExtension("gp"), output = base.appendingPathExtension("txt")
        return try TemporaryFiles.removingOnExit([tempScript, output]) {
            try writeScript(figure, to: tempScript.path, shownAs: "the preview of \(figure.name).gp")
            try runGnuplot(
                figure: figure.name,
                commands: """
                    preview = 1
                    set terminal dumb size \(columns),\(lines) aspect 2,1
                    set output \(quoted(output.path))
                    load \(quoted(tempScript.path))
                    unset output

                    """, naming: [tempScript.path: figure.name + ".gp (preview)"])
            return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        }
    }

    // MARK: - Internals

    /// Writes the script to `path`; errors name `shownPath` (the final name of a temporary file).
    private func writeScript(_ figure: Figure, to path: String, shownAs shownPath: String? = nil) throws {
        guard let stream = fsgp_open_script(path) else {
            throw FigureError.cannotWrite(path: shownPath ?? path, reason: String(cString: strerror(errno)))
        }
        fsgp_write(
            stream,
            """
            # \(figure.caption)
            # Drawn by Sources/\(figure.source)\(figure.remake.map { "; `\($0)` regenerates it" } ?? "").
            # Re-render with `gnuplot \(figure.name).gp` in this folder; it writes \(figure.name).png
            # (or the file named by the variable `out`).
            # Print width \(String(format: "%.2f", PrintRule.printCentimetres(width: figure.width))) cm \
            (\(Int(PrintRule.pixelsPerCentimetre)) px per cm, at most the \(Int(PrintRule.columnCentimetres))-cm column), \
            where no text is below \(Int(PrintRule.smallestPoints)) pt; `make figures FORMAT=pdf` draws it so.
            if (!exists("out")) out = \(quoted(figure.name + ".png"))

            """)
        fsgp_write(stream, FigureStyle.preamble(width: figure.width, height: figure.height))
        for block in figure.dataBlocks {
            let columns = block.rows.first?.count ?? 0
            let flat = block.rows.flatMap { $0 }
            flat.withUnsafeBufferPointer { values in
                if block.isMatrix {
                    fsgp_matrix_datablock(stream, block.name, values.baseAddress, block.rows.count, columns)
                } else {
                    fsgp_datablock(stream, block.name, values.baseAddress, block.rows.count, columns, block.blockRows)
                }
            }
        }
        let ending = "\n" + figure.typesetCommands.joined(separator: "\n") + "\n"
        fsgp_write(stream, ending)
        if fsgp_close(stream) != 0 {
            throw FigureError.cannotWrite(path: shownPath ?? path, reason: String(cString: strerror(errno)))
        }
        // Read back: a script cut short by a fault the stream did not report is not used.
        guard let written = try? String(contentsOfFile: path, encoding: .utf8), written.hasSuffix(ending) else {
            throw FigureError.cannotWrite(path: shownPath ?? path, reason: "the script on disk is incomplete")
        }
    }

    /// A PNG file is whole when it starts with the PNG signature and ends with the IEND chunk:
    /// gnuplot may exit 0 having written part of one onto a full disk.
    static func isCompletePNG(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url), data.count >= 8 + 12 else { return false }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let end: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        return Array(data.prefix(8)) == signature && Array(data.suffix(12)) == end
    }

    /// The process's signal handling for renders: SIGINT, SIGTERM, SIGHUP and SIGQUIT stop the
    /// gnuplot children and remove half-written files; a file-size limit is a write error.
    public static func installSignalHandlers() { TemporaryFiles.installSignalHandlers() }

    /// Feeds `commands` to a gnuplot process, capturing its error output.
    private func runGnuplot(figure: String, commands: String, naming realNames: [String: String] = [:]) throws {
        let fm = FileManager.default
        let errors = fm.temporaryDirectory.appendingPathComponent("gnuplot-\(UUID().uuidString).err")
        try TemporaryFiles.removingOnExit([errors]) {
            // coreutils' timeout stops a gnuplot that hangs (exit status 124); -k kills one that ignores TERM.
            let limited = fm.isExecutableFile(atPath: "/usr/bin/timeout") ? "/usr/bin/timeout -k 5 \(timeLimit) " : ""
            guard let process = fsgp_open_process("\(limited)\(gnuplotCommand) 2>\(quoted(errors.path))") else {
                throw FigureError.renderFailed(figure: figure, status: -1, gnuplotSays: "could not start gnuplot")
            }
            fsgp_write(process, commands)
            let status = fsgp_close(process)
            if !limited.isEmpty, status == 124 || status == 137 {
                throw FigureError.renderFailed(
                    figure: figure, status: status,
                    gnuplotSays: "gnuplot did not finish within \(timeLimit) s and was stopped")
            }
            let said = realNames.reduce((try? String(contentsOf: errors, encoding: .utf8)) ?? "") {
                $0.replacingOccurrences(of: $1.key, with: $1.value)
            }.trimmingCharacters(in: .whitespacesAndNewlines)
            // gnuplot reports a bad command with a non-zero exit; a warning alone (empty plot, bad
            // range) keeps status 0 but means the figure is not what was meant, so both fail.
            if status != 0 || !said.isEmpty {
                throw FigureError.renderFailed(
                    figure: figure, status: status,
                    gnuplotSays: said.isEmpty ? "(no message)" : said)
            }
        }
    }

    /// No committed figure plots NaN or infinity; such data mean a diverged run, which gnuplot
    /// would report only as an undefined variable, or draw as garbage.
    private func requireFiniteData(_ figure: Figure) throws {
        if let block = figure.dataBlocks.first(where: { $0.rows.contains { $0.contains { !$0.isFinite } } }) {
            throw FigureError.nonFiniteData(figure: figure.name, block: block.name)
        }
    }

    private func requireGnuplot() throws {
        let program = gnuplotCommand.split(separator: " ").first.map(String.init) ?? gnuplotCommand
        if program.contains("/") {
            if FileManager.default.isExecutableFile(atPath: program) { return }
            throw FigureError.gnuplotMissing
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(program)") {
            return
        }
        throw FigureError.gnuplotMissing
    }

    /// Runs `body` holding an exclusive `flock` on `directory` (Linux locks a folder like a file).
    private func whileLocking(_ directory: URL, _ body: () throws -> Void) throws {
        let descriptor = open(directory.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw FigureError.cannotWrite(path: directory.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw FigureError.cannotWrite(
                    path: directory.path, reason: "cannot lock: " + String(cString: strerror(errno)))
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        try body()
    }

    private func replace(_ destination: URL, with source: URL) throws {
        if rename(source.path, destination.path) != 0 {
            throw FigureError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }

    private func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
