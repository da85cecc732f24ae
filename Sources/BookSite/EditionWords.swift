import BookChecks

/// The site's own words in each edition: its navigation, the names of the statuses, the label of
/// a figure's caption, the contents page.
extension Edition {
    /// The folder of the edition's pages in the site ("" for the English ones at the top).
    var siteFolder: String { self == .english ? "" : "zh/" }
    /// From a page of this edition up to the site's top folder.
    var toSiteTop: String { self == .english ? "" : "../" }

    var htmlLanguage: String { self == .english ? "en" : "zh-Hans" }

    /// The other edition, and how the switch to it names itself (in its own language).
    var other: (edition: Edition, label: String) {
        self == .english ? (.chinese, "中文") : (.english, "English")
    }

    var contents: String { self == .english ? "Contents" : "目录" }

    /// How a caption in the texts begins (`*Figure — …*`).
    var figureWord: String { self == .english ? "Figure" : "图" }

    var exploreLabel: String { self == .english ? "Read the values with the mouse →" : "用鼠标读取数值 →" }

    /// Each status, as the table cell has it (`statusWord`), and its name on the page.
    var statusNames: [(mark: String, name: String)] {
        let names =
            self == .english ? ["agrees", "close", "erratum", "fails"] : ["一致", "接近", "勘误", "不符"]
        return zip([Verdict.ok, .withinSpread, .erratum, .fail], names).map { (statusWord($0), $1) }
    }

    var siteTitle: String { self == .english ? "Deep Learning from Scratch, checked" : "深度学习入门，逐个数字核对" }

    /// The contents page's text around its table of counts.
    func contentsPage(table: String) -> String {
        switch self {
        case .english:
            return """
                <h1>\(siteTitle)</h1>
                <p>A companion to the textbook 《深度学习入门:基于Python的理论与实现》 (<em>Deep Learning from Scratch</em>),
                chapters 3–6, and to five Chinese study notes about it. Every number the book and the notes print is
                recomputed by Swift code and set beside the printed value: <strong>agrees</strong> when they match at the
                precision printed, <strong>close</strong> when only the last digits differ for a stated reason, and
                <strong>erratum</strong> when the print is wrong and the page says what the author really computed.
                Every figure is redrawn from real data. <a href="zh/index.html" lang="zh-Hans">本书另有中文版。</a></p>
                \(table)
                <h2>Run it</h2>
                <p>From a clone of the repository, on Debian or Ubuntu with Swift:</p>
                <pre><code>make chapter4   # installs what is missing, then prints book vs ours and redraws the figures
                make test       # every check and unit test
                make book       # this site, into .build/book/</code></pre>
                """
        case .chinese:
            return """
                <h1>\(siteTitle)</h1>
                <p>这是《深度学习入门：基于Python的理论与实现》第 3–6 章以及五篇相关中文学习笔记的配套项目。书和笔记印出的每一个数字，都由 Swift 代码重新计算，并与印刷值并排列出：两者在印出的精度内相同时记为<strong>一致</strong>；只有最后几位因已说明的原因不同时记为<strong>接近</strong>；印刷值有误时记为<strong>勘误</strong>，并说明作者实际算的是什么。每一幅图都用真实数据重新绘制。表格中的例题说明和勘误条目的解释由代码生成，两个版本共用，保持英文原文。<a href="../index.html" lang="en">English edition</a></p>
                \(table)
                <h2>运行</h2>
                <p>在装有 Swift 的 Debian 或 Ubuntu 上，克隆仓库后：</p>
                <pre><code>make chapter4   # 安装缺少的软件包，打印原书与我们的值，重新绘图
                make test       # 全部检查和单元测试
                make book       # 本网站，生成到 .build/book/</code></pre>
                """
        }
    }

    /// The contents table's first column and last row.
    var chapterColumn: String { self == .english ? "chapter" : "章节" }
    var allRows: String { self == .english ? "all rows" : "全部行" }
}
