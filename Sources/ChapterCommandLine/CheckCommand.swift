import ArgumentParser
import BookChecks
import FigureRendering
import Figures
import Foundation

/// `check`: the default subcommand of every chapter tool.
///
/// Recomputes every printed value of the chapter's texts, prints book vs ours, redraws the
/// chapter's figures into `Figures/<topic>/`, and exits non-zero if any value is ✗.
public struct CheckCommand<Part: ChapterPart>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: "Recompute every value the book prints here, show book vs ours, redraw the figures.")
    }

    @Flag(help: "Print a JSON array (id, source, printed, kind, ours, status) instead of the table; draws no figures.")
    var json = false

    @Flag(name: .customLong("no-figures"), help: "Check the numbers only; draw no figure.")
    var noFigures = false

    @Flag(help: "Also draw each figure in the terminal (gnuplot's dumb terminal).")
    var preview = false

    @Flag(name: .customLong("update-text"), help: "Rewrite the ours/status cells and the errata of the chapter text.")
    var updateText = false

    @Flag(help: "Print every table cell whole, however wide (by default the table fits the terminal).")
    var wide = false

    public init() {}

    public func run() throws {
        let root = try Repository.root()
        let rows = try Part.check(root: root)
        let terminal = Terminal.standardOutput(wide: wide)
        var staleTexts: [String] = []
        if json {
            Swift.print(BookTable.json(rows))
        } else {
            Swift.print(BookTable.terminal(rows, title: try Part.title(root: root), terminal: terminal))
            for edition in Edition.allCases where try !textIsCurrent(rows, edition: edition, root: root) {
                staleTexts.append(edition.url(of: Part.textFile, root: root).path)
            }
            if !noFigures || preview { try drawFigures(root: root) }
            for edition in Edition.allCases where try !errataPageIsCurrent(edition: edition, root: root) {
                staleTexts.append(edition.url(of: ErrataPage.fileName, root: root).path)
            }
            if try !coverageMapIsCurrent(root: root, terminal: terminal) {
                staleTexts.append(
                    root.appendingPathComponent("Chapters").appendingPathComponent(CoverageMap.fileName).path)
            }
        }
        for path in staleTexts {
            let text = path.replacingOccurrences(of: root.path + "/", with: "")
            let message =
                "error: \(text) does not show what the code computes now (its ours/status cells or errata "
                + "are stale); `make tables` rewrites them, then review the diff"
            FileHandle.standardError.write(Data((terminal.wrapped(message, hanging: "  ") + "\n").utf8))
        }
        if rows.contains(where: { $0.verdict == .fail }) || !staleTexts.isEmpty { throw ExitCode(1) }
    }

    /// Whether the edition's `errata.md` regroups the errata its chapter texts hold now; with
    /// `--update-text` it is rewritten so.
    private func errataPageIsCurrent(edition: Edition, root: URL) throws -> Bool {
        let folder = root.appendingPathComponent(edition.folder)
        let path = folder.appendingPathComponent(ErrataPage.fileName).path
        guard let page = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BookCheckError.missingText(path)
        }
        let updated = try ErrataPage.rewritten(
            page, body: try ErrataPage.body(chaptersIn: folder, edition: edition), path: path)
        guard updated != page else { return true }
        guard updateText else { return false }
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
        Swift.print("rewrote \(path)")
        return true
    }

    /// Whether `Chapters/coverage.md` maps the notes as the judgments, the runs of the notes' code
    /// and the chapter tables have them now; with `--update-text` it is rewritten so. Without the
    /// notes beside the project (a reader's clone) there is nothing to map, and it says so.
    private func coverageMapIsCurrent(root: URL, terminal: Terminal) throws -> Bool {
        guard let body = try CoverageMap.currentBody(root: root) else {
            Swift.print(
                terminal.wrapped("coverage map not checked: the notes are not beside the project (../shared/seeds)"))
            return true
        }
        let path = root.appendingPathComponent("Chapters").appendingPathComponent(CoverageMap.fileName).path
        guard let page = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BookCheckError.missingText(path)
        }
        let updated = try CoverageMap.rewritten(page, body: body, path: path)
        guard updated != page else { return true }
        guard updateText else { return false }
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
        Swift.print("rewrote \(path)")
        return true
    }

    /// Whether the edition's chapter text shows `rows` as computed; with `--update-text` it is
    /// rewritten so, but only from a complete run: a row that could not be computed (data missing,
    /// say) leaves the text as it is, never an error message in its table.
    private func textIsCurrent(_ rows: [CheckedRow], edition: Edition, root: URL) throws -> Bool {
        let text = try ChapterText(path: Part.textURL(root: root, edition: edition).path)
        let updated = try text.rewritten(with: rows, edition: edition)
        guard updated != text.markdown else { return true }
        guard updateText else { return false }
        // An error is a result where it is what the printed code does (an erratum says so); on a
        // failing row it means the run could not compute the row.
        let uncomputed = rows.first { row in
            guard case .error = row.finding.ours else { return false }
            return row.verdict == .fail
        }
        if let failed = uncomputed {
            throw BookCheckError.incompleteRun(text.path, failed.row.id, failed.ours)
        }
        try updated.write(toFile: text.path, atomically: true, encoding: .utf8)
        Swift.print("rewrote the table and errata of \(text.path)")
        return true
    }

    private func drawFigures(root: URL) throws {
        let renderer = FigureRenderer()
        let folder = Part.figuresURL(root: root)
        for figure in try Part.committedFigures(slow: true) {
            if !noFigures {
                let (png, kept) = try renderer.renderKeepingSame(figure, into: folder)
                let path = png.path.replacingOccurrences(of: root.path + "/", with: "")
                Swift.print(
                    "figure: \(path)" + (kept ? " (kept: the new data differ only by BLAS kernel rounding)" : ""))
            }
            if preview { Swift.print(try renderer.preview(figure)) }
        }
    }
}

/// Figure options of a single example: the reader chooses whether and where to draw it.
public struct ExampleFigureOptions: ParsableArguments {
    @Option(
        name: .customLong("figure"),
        help: ArgumentHelp(
            "Also write the example's figure to this PNG (a .gp script is written beside it).", valueName: "file.png"))
    public var figurePath: String?

    @Flag(help: "Draw the example's figure in the terminal.")
    public var preview = false

    public init() {}

    /// Refuses a figure path that could never be written before any work is done: the wrong kind
    /// of file, a name that is only an extension, a folder that cannot be written.
    public func validate() throws {
        guard let figurePath else { return }
        guard figurePath.hasSuffix(".png") else {
            throw ValidationError("--figure must name a .png file, got '\(figurePath)'")
        }
        let url = URL(fileURLWithPath: figurePath)
        guard url.lastPathComponent.count > 4, !url.lastPathComponent.hasPrefix(".") else {
            throw ValidationError("--figure needs a file name before .png (not a hidden name), got '\(figurePath)'")
        }
        // The nearest folder that exists must be writable: the render creates the rest.
        var folder = url.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError(
                "--figure: \(folder.path) is a file, not a folder, so '\(figurePath)' cannot be written")
        }
        guard access(folder.path, W_OK) == 0 else {
            throw ValidationError(
                "--figure: permission denied: cannot write into \(folder.path), so '\(figurePath)' cannot be written")
        }
    }

    /// Draws `figure` as the options ask.
    public func show(_ figure: Figure) throws {
        if let figurePath {
            guard figurePath.hasSuffix(".png") else {
                throw ValidationError("--figure must name a .png file, got '\(figurePath)'")
            }
            let url = URL(fileURLWithPath: figurePath)
            var named = figure
            named.name = url.deletingPathExtension().lastPathComponent
            let png = try FigureRenderer().render(named, into: url.deletingLastPathComponent())
            Swift.print("figure: \(png.path)")
        }
        if preview { Swift.print(try FigureRenderer().preview(figure)) }
    }
}

/// Validation helpers for example flags, so bad values are refused with a message naming them.
public enum FlagCheck {
    public static func positive(_ value: Double, _ flag: String) throws {
        guard value.isFinite, value > 0 else {
            throw ValidationError("\(flag) must be a positive number, got \(value)")
        }
    }
    public static func finite(_ value: Double, _ flag: String) throws {
        guard value.isFinite else { throw ValidationError("\(flag) must be a finite number, got \(value)") }
    }
    public static func nonNegative(_ value: Int, _ flag: String, max: Int = 10_000_000) throws {
        try within(value, 0...max, flag)
    }
    /// The range check of a number flag that sets how much work a run does (a grid's spacing, a
    /// noise level), so that no value can ask for a runaway: "--spacing must be between 0.01 and
    /// 4.25 (at most 425 arrows a side), got 1e-300".
    public static func between(_ value: Double, _ range: ClosedRange<Double>, _ flag: String, why: String = "") throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError(
                "\(flag) must be between \(shortestFlagValue(range.lowerBound)) and \(shortestFlagValue(range.upperBound))"
                    + (why.isEmpty ? "" : " (\(why))") + ", got \(shortestFlagValue(value))")
        }
    }
    static func shortestFlagValue(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
    /// The one range check of a whole-number flag: "--epochs must be between 1 and 1000, got 0".
    public static func within(_ value: Int, _ range: ClosedRange<Int>, _ flag: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }
}

/// `--seed`: what `numpy.random.seed(seed)` gets before an example draws anything (its weights,
/// its batches, its data), so that our draws are NumPy's legacy RandomState draws.
public struct SeedOption: ParsableArguments {
    @Option(help: "The seed numpy.random.seed gets before anything is drawn (0 to 4294967295).")
    public var seed: UInt32 = 0

    public init() {}
}
