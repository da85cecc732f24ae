import Figures
import Foundation

/// One worked example of the book or the notes: the rows of its chapter text it answers, and the
/// figures it draws. Its file also holds its computation and, where it has one, its subcommand.
///
/// A chapter part lists its examples once (`ChapterPart.workedExamples`); the table, the figures,
/// the slow rows and the tool's subcommands are all derived from that list.
public protocol WorkedExample {
    /// The values it computes, keyed by the row id of the chapter text.
    static var rows: [String: () -> Finding] { get }
    /// The figures it draws with the book's parameters; none when the data it needs is not there
    /// (its rows say so), an error when the data is there but cannot be read.
    static func figures() throws -> [Figure]
    /// Whether its rows take minutes (a full MNIST training run): `make chapterN` checks them every
    /// time; the unit tests only when `DLFS_SLOW_CHECKS=1`, and test a short run instead. The
    /// figures of a slow example are drawn from that run, so they are slow too.
    static var isSlow: Bool { get }
}

extension WorkedExample {
    public static var rows: [String: () -> Finding] { [:] }
    public static func figures() throws -> [Figure] { [] }
    public static var isSlow: Bool { false }
}

/// One part of a chapter (losses, derivatives...): its text, its figure folder, its examples, and
/// the tool of the same name that checks it.
public protocol ChapterPart {
    /// The chapter text under `Chapters/`, which holds the printed values, e.g. `04-losses.md`.
    static var textFile: String { get }
    /// Every worked example of the part, in the order of its text.
    static var workedExamples: [any WorkedExample.Type] { get }
}

extension ChapterPart {
    /// The folder under `Figures/` for this part's figures: the text's name without its chapter
    /// number (`04-losses.md` draws into `Figures/losses/`).
    public static var figureTopic: String {
        String(textFile.drop { $0.isNumber }.dropFirst().dropLast(".md".count))
    }

    /// The tool that checks this part; `make <tool>` regenerates its table and figures.
    public static var tool: String { figureTopic }

    /// The title above the table: the chapter text's own heading, so the part has one name.
    public static func title(root: URL) throws -> String {
        let text = try ChapterText(path: textURL(root: root).path)
        let heading = text.markdown.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return heading.hasPrefix("# ") ? String(heading.dropFirst(2)) : textFile
    }

    /// Every example's rows by id. Two examples answering one id is an error, not a silent choice.
    public static func examples() throws -> [String: () -> Finding] {
        var all: [String: () -> Finding] = [:]
        for example in workedExamples {
            for (id, finding) in example.rows {
                guard all[id] == nil else { throw BookCheckError.duplicateExample(textFile, id) }
                all[id] = finding
            }
        }
        return all
    }

    /// The rows whose examples are slow.
    public static var slowExamples: Set<String> {
        Set(workedExamples.filter { $0.isSlow }.flatMap { $0.rows.keys })
    }

    /// Computes every row of the chapter text, in the text's order.
    ///
    /// Fails if the text lists a value no example computes, or an example has no row: each
    /// printed value lives in the text exactly once and is always checked.
    ///
    /// Rows in `skipping` are left out of the result (their examples must still exist).
    public static func check(root: URL, skipping: Set<String> = []) throws -> [CheckedRow] {
        let examples = try examples()
        let text = try ChapterText(path: textURL(root: root).path)
        let rows = try text.rows()
        var seen = Set<String>()
        let checked = try rows.compactMap { row -> CheckedRow? in
            guard let example = examples[row.id] else { throw BookCheckError.unknownExample(text.path, row.id) }
            seen.insert(row.id)
            return skipping.contains(row.id) ? nil : CheckedRow(row: row, finding: example())
        }
        if let missing = examples.keys.sorted().first(where: { !seen.contains($0) }) {
            throw BookCheckError.unlistedExample(text.path, missing)
        }
        return checked
    }

    /// The chapter text of `edition`; the English one holds the rows, the others show the same.
    public static func textURL(root: URL, edition: Edition = .english) -> URL {
        edition.url(of: textFile, root: root)
    }

    /// The figures `check` commits: those of the fast examples, and with `slow` those of the slow
    /// ones too, each naming the make target that regenerates it.
    public static func committedFigures(slow: Bool) throws -> [Figure] {
        try workedExamples.filter { slow || !$0.isSlow }.flatMap { try $0.figures() }.map { figure in
            var figure = figure
            figure.remake = "make \(tool)"
            return figure
        }
    }

    public static func figuresURL(root: URL) -> URL {
        root.appendingPathComponent("Figures").appendingPathComponent(figureTopic)
    }
}

/// Finding the project folder, so the tools work from anywhere inside it.
public enum Repository {
    /// `$DLFS_ROOT`, else the nearest folder above the working directory holding `Package.swift`
    /// and `Chapters/`. Never the folder the tool was built in: run from elsewhere, `check` must
    /// not rewrite that project's texts and figures.
    public static func root() throws -> URL {
        if let env = ProcessInfo.processInfo.environment["DLFS_ROOT"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            if isRoot(url) { return url }
            throw BookCheckError.repositoryNotFound
        }
        if let found = root(above: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) { return found }
        throw BookCheckError.repositoryNotFound
    }

    /// The nearest folder at or above `start` that is the project's (the tests start from their
    /// own source file).
    public static func root(above start: URL) -> URL? {
        var dir = start
        while dir.path != "/" {
            if isRoot(dir) { return dir }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    private static func isRoot(_ url: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
            && fm.fileExists(atPath: url.appendingPathComponent("Chapters").path)
    }

    /// The offline copies of the data beside the project (`../shared/data`), where the developers'
    /// machines and CI keep them: MNIST's folder and the book's weights, for each that is there.
    /// The one place that knows where they live: the tools, the tests and the Makefile (through
    /// `datasets mnist --print-folder`) all come here.
    public static func offlineData(root: URL) -> [(variable: String, path: String)] {
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return [("MNIST_DIR", "mnist/t10k-labels-idx1-ubyte.gz"), ("DLFS_WEIGHTS", "dlfs/sample_weight.pkl")]
            .compactMap { variable, probe in
                let file = shared.appendingPathComponent(probe)
                guard FileManager.default.fileExists(atPath: file.path) else { return nil }
                return (variable, variable == "MNIST_DIR" ? file.deletingLastPathComponent().path : file.path)
            }
    }

    /// Points `MNIST_DIR` and `DLFS_WEIGHTS` at the offline copies when they are not set and the
    /// copies exist, so that nothing is downloaded that is already beside the project. A reader's
    /// clone has no `../shared`, and the tools fall back to the download cache as before.
    public static func useOfflineDataIfUnset(root: URL? = try? root()) {
        guard let root else { return }
        for (variable, path) in offlineData(root: root)
        where (ProcessInfo.processInfo.environment[variable] ?? "").isEmpty {
            setenv(variable, path, 1)
        }
    }
}
