import Foundation

/// The two editions of the chapter texts: English under `Chapters/`, Chinese under `Chapters/zh/`,
/// one file name for both.
///
/// Everything computed is one source for both: the rows of the tables, the errata entries, the
/// numbers `make tables` fills into the prose, the figures. An edition only chooses the words
/// around them — the table's header, the verdict word, the labels of an erratum entry, the
/// headings of the errata page — and those words live here, side by side, so that a new label
/// cannot be added to one edition and forgotten in the other.
public enum Edition: String, CaseIterable, Sendable {
    case english = "en"
    case chinese = "zh"

    /// The folder of the edition's texts, relative to the project.
    public var folder: String { self == .english ? "Chapters" : "Chapters/zh" }

    /// The text `file` (e.g. `04-losses.md`) of this edition.
    public func url(of file: String, root: URL) -> URL {
        root.appendingPathComponent(folder).appendingPathComponent(file)
    }

    /// The header of a chapter's book-vs-ours table (the separator line follows it).
    var tableHeader: String {
        switch self {
        case .english: return "| id | example | source | printed | kind | ours | status |"
        case .chinese: return "| id | 例题 | 出处 | 印刷值 | 类型 | 我们的值 | 结果 |"
        }
    }

    /// The status cell: the symbols are shared, the word for an erratum is the edition's.
    public func statusWord(_ verdict: Verdict) -> String {
        verdict == .erratum && self == .chinese ? "勘误" : verdict.symbol
    }

    /// What an errata section says when the part has none.
    var noErrata: String { self == .english ? "No errata in this part." : "本部分没有勘误。" }

    /// The parts of one erratum entry. `source`, the reproduction's description and the
    /// explanation are the row's own (written once, in English); only these labels are the edition's.
    struct ErratumLabels {
        /// Opens and closes the source in "- **id** (source): …"; the errata page finds the
        /// source by them.
        let sourceOpen: String, sourceClose: String
        let printed: String, codeGives: String
        /// "<how it was reproduced> gives `value`".
        let reproducedGives: (String, String) -> String
        let outcomeOpen: String, outcomeClose: String, end: String
        let holds: String, doesNotHold: String, doesNotReproduce: String
        let uniqueMatch: (_ candidates: Int, _ space: String) -> String
        let oneOfSeveral: (_ others: Int, _ candidates: Int, _ space: String) -> String
        let noSearch: String
    }

    var erratumLabels: ErratumLabels {
        switch self {
        case .english:
            return ErratumLabels(
                sourceOpen: " (", sourceClose: "): ", printed: "printed ", codeGives: "; what the printed code gives: ",
                reproducedGives: { how, value in "; \(how) gives \(value)" }, outcomeOpen: " [",
                outcomeClose: "]", end: ". ",
                holds: "holds", doesNotHold: "does NOT hold", doesNotReproduce: "does NOT reproduce the print",
                uniqueMatch: { "reproduces the print: the one match among \($0) candidates of \($1)" },
                oneOfSeveral: {
                    "gives the print, as \($0) other of \($1) candidates of \($2) do: plausibly the explanation"
                },
                noSearch: "gives the print: plausibly the explanation, no search for others made")
        case .chinese:
            return ErratumLabels(
                sourceOpen: "（", sourceClose: "）：", printed: "印刷值 ", codeGives: "；印刷的代码给出 ",
                reproducedGives: { how, value in "；重现（\(how)）给出 \(value)" }, outcomeOpen: "［",
                outcomeClose: "］", end: "。说明：",
                holds: "成立", doesNotHold: "不成立", doesNotReproduce: "未能重现印刷值",
                uniqueMatch: { "重现了印刷值：\($1)，共 \($0) 个候选，唯一吻合" },
                oneOfSeveral: { "给出印刷值，但 \($2)，共 \($1) 个候选，另有 \($0) 个也给出：可能的解释" },
                noSearch: "给出印刷值：可能的解释，未搜索其他候选")
        }
    }

    /// The headings of the errata page's groups.
    var errataPageHeadings: (notes: String, seed: (String) -> String, bookText: String, bookCode: String) {
        switch self {
        case .english:
            return ("## In the study notes", { "### Seed \($0)" }, "## In the book's text", "## In the book's code")
        case .chinese: return ("## 学习笔记中的勘误", { "### 笔记 \($0)" }, "## 原书正文中的勘误", "## 原书代码中的勘误")
        }
    }
}
