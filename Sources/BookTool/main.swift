import BookSite
import Foundation

/// `book`: builds the reader's edition into .build/book (or the folder given), from the
/// repository the tool is run in. `make book` runs it.
let arguments = CommandLine.arguments.dropFirst()
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
// `standardizedFileURL`: `standardized` on a relative URL would drop a leading "..".
let output = URL(fileURLWithPath: arguments.first ?? ".build/book", relativeTo: root).standardizedFileURL
guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Chapters").path) else {
    FileHandle.standardError.write(Data("book: run it in the repository (no Chapters/ here)\n".utf8))
    exit(2)
}
let started = Date()
do {
    let built = try Site(root: root).build(into: output)
    print(
        String(
            format: "book: %d pages and %d figures in %@ (%.1f s); open %@/index.html", built.pages, built.figures,
            output.path, Date().timeIntervalSince(started), output.path))
} catch {
    FileHandle.standardError.write(Data("book: \(error)\n".utf8))
    exit(1)
}
