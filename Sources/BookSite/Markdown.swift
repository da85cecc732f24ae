import Foundation

/// Markdown to HTML by cmark-gfm, GitHub's own fork of the CommonMark reference implementation
/// (Debian's `cmark-gfm`): the chapter texts come out as a code host shows them, tables and all.
enum Markdown {
    struct RenderError: Error, CustomStringConvertible {
        let description: String
    }

    /// The HTML of `markdown`, with GitHub's table, autolink and strikethrough extensions. Raw HTML
    /// is kept (`--unsafe`): the texts are the project's own, and their comments mark the values
    /// `make tables` fills in.
    static func html(_ markdown: String) throws -> String {
        // Looked up first: through /usr/bin/env a missing program would only be env's status 127.
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard let program = paths.map({ "\($0)/cmark-gfm" }).first(where: FileManager.default.isExecutableFile)
        else {
            throw RenderError(description: "cmark-gfm is not installed (Debian's cmark-gfm; make deps installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = [
            "--unsafe", "--extension", "table", "--extension", "autolink", "--extension",
            "strikethrough", "--to", "html",
        ]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, errors)
        do {
            try process.run()
        } catch {
            throw RenderError(description: "cannot run \(program): \(error)")
        }
        // Written from another thread, so that a long page cannot fill both pipes and stall.
        let writer = Thread {
            // If cmark-gfm dies, its status below says so; a broken pipe here must not crash us.
            try? input.fileHandleForWriting.write(contentsOf: Data(markdown.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RenderError(
                description: "cmark-gfm failed (status \(process.terminationStatus)): "
                    + (String(data: message, encoding: .utf8) ?? ""))
        }
        return String(decoding: html, as: UTF8.self)
    }
}
