import Figures
import Foundation

/// What a chapter tool checks: one or more parts, each with its own text and figures.
public protocol ChapterParts {
    static var parts: [any BookChapter.Type] { get }
}

/// One part of a chapter (losses, derivatives...): its text, its examples and its figures.
public protocol BookChapter: ChapterParts {
    /// The title printed above the table, e.g. "Chapter 4 — losses (DLfS 4.2)".
    static var title: String { get }
    /// The chapter text under `Chapters/`, which holds the printed values.
    static var textFile: String { get }
    /// The folder under `Figures/` for this part's figures.
    static var figureTopic: String { get }
    /// The tool that checks this part; `make <tool>` regenerates its table and figures.
    static var tool: String { get }
    /// Every example that answers a printed value, keyed by the row id of the chapter text.
    static var examples: [String: () -> Finding] { get }
    /// The figures the book shows for this part, with the book's parameters.
    static func figures() -> [Figure]
    /// Rows whose example takes minutes (a full MNIST training run): `make chapterN` checks
    /// them every time; the unit tests only when `DLFS_SLOW_CHECKS=1`, and test a short run instead.
    static var slowExamples: Set<String> { get }
    /// Figures that need a slow example's run; drawn by `check`, regenerated in tests as the rows.
    static func slowFigures() -> [Figure]
}

extension BookChapter {
    /// A part on its own is a tool's whole chapter.
    public static var parts: [any BookChapter.Type] { [Self.self] }

    public static var slowExamples: Set<String> { [] }
    public static func slowFigures() -> [Figure] { [] }

    /// Computes every row of the chapter text, in the text's order.
    ///
    /// Fails if the text lists a value no example computes, or an example has no row: each
    /// printed value lives in the text exactly once and is always checked.
    ///
    /// Rows in `skipping` are left out of the result (their examples must still exist).
    public static func check(root: URL, skipping: Set<String> = []) throws -> [CheckedRow] {
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

    public static func textURL(root: URL) -> URL {
        root.appendingPathComponent("Chapters").appendingPathComponent(textFile)
    }

    /// The figures `check` commits: the part's own, and with `slow` those of its slow runs, each
    /// naming the make target that regenerates it.
    public static func committedFigures(slow: Bool) -> [Figure] {
        (figures() + (slow ? slowFigures() : [])).map { figure in
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
        let fm = FileManager.default
        func isRoot(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
                && fm.fileExists(atPath: url.appendingPathComponent("Chapters").path)
        }
        if let env = ProcessInfo.processInfo.environment["DLFS_ROOT"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            if isRoot(url) { return url }
            throw BookCheckError.repositoryNotFound
        }
        var dir = URL(fileURLWithPath: fm.currentDirectoryPath)
        while dir.path != "/" {
            if isRoot(dir) { return dir }
            dir.deleteLastPathComponent()
        }
        throw BookCheckError.repositoryNotFound
    }
}
