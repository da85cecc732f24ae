import Foundation

/// Markdown to HTML by cmark-gfm, GitHub's own fork of the CommonMark reference implementation
/// (Debian's `cmark-gfm`): the chapter texts come out as a code host shows them, tables and all.
enum Markdown {
    /// The HTML of `markdown`, with GitHub's table, autolink and strikethrough extensions. Raw HTML
    /// is kept (`--unsafe`): the texts are the project's own, and their comments mark the values
    /// `make tables` fills in.
    static func html(_ markdown: String) throws -> String {
        let program = try Program.find("cmark-gfm", installedBy: "cmark-gfm")
        let arguments = [
            "--unsafe", "--extension", "table", "--extension", "autolink", "--extension", "strikethrough", "--to",
            "html",
        ]
        return String(decoding: try Program.run(program, arguments, input: Data(markdown.utf8)), as: UTF8.self)
    }
}
