extension Site {
    /// One stylesheet for every page: a readable column on a laptop and on a phone, CJK text in a
    /// CJK font where the reader's system has one, wide tables that scroll inside their box, and
    /// figures that shrink to the column.
    static let stylesheet = """
        :root {
          --text: #1d1d1f; --muted: #5f6368; --rule: #d9dce1; --link: #1f5fa8; --code-bg: #f4f5f7;
          --agrees: #1e7b34; --agrees-bg: #e6f4ea; --close: #8a5a00; --close-bg: #fff4d6;
          --erratum: #a4262c; --erratum-bg: #fde7e9; --fails: #ffffff; --fails-bg: #a4262c;
        }
        html { font-size: 17px; }
        body {
          margin: 0; color: var(--text); background: #fff; line-height: 1.6;
          font-family: "DejaVu Sans", "Noto Sans", "Helvetica Neue", Arial,
            "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
            "Microsoft YaHei", sans-serif;
        }
        header, main, footer { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
        header { border-bottom: 1px solid var(--rule); padding-top: 0.6rem; padding-bottom: 0.6rem; }
        /* The switch to the other language's edition of the page. */
        header a.language { float: right; margin-left: 1rem; font-size: 0.85rem; font-weight: bold; }
        nav.chapters { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; font-size: 0.85rem; }
        nav a[aria-current] { font-weight: bold; color: var(--text); }
        nav.neighbours { display: flex; justify-content: space-between; gap: 1rem; padding: 1.5rem 0;
          border-top: 1px solid var(--rule); margin-top: 2rem; font-size: 0.9rem; }
        a { color: var(--link); }
        h1 { font-size: 1.7rem; line-height: 1.3; margin-top: 1.5rem; }
        h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 1.1rem; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
        code { background: var(--code-bg); padding: 0.05em 0.25em; border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: var(--code-bg); padding: 0.8rem; overflow-x: auto; border-radius: 4px; line-height: 1.4; }
        pre code { background: none; padding: 0; overflow-wrap: normal; }
        .table-scroll { overflow-x: auto; margin: 1rem 0; border: 1px solid var(--rule); border-radius: 4px; }
        /* Wide tables may leave the text column, centred on it, up to the window's edges. */
        main .table-scroll { width: min(calc(100vw - 2rem), 80rem); margin-left: 50%; transform: translateX(-50%); }
        table { border-collapse: collapse; font-size: 0.8rem; line-height: 1.4; }
        th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #f8f9fa; position: sticky; top: 0; }
        td code { font-size: 0.95em; }
        td { min-width: 4.5rem; }
        /* A row's id stays on one line: the table scrolls sideways instead. */
        tr[id] > td:first-child code { white-space: nowrap; overflow-wrap: normal; }
        tr:target { outline: 2px solid var(--link); outline-offset: -2px; background: #eef4fc; }
        .row-anchor { text-decoration: none; }
        .row-source { margin-top: 0.25rem; font-size: 0.9em; color: var(--muted); }
        td.status { font-weight: bold; white-space: nowrap; }
        .status-agrees { color: var(--agrees); background: var(--agrees-bg); }
        .status-close { color: var(--close); background: var(--close-bg); }
        .status-erratum { color: var(--erratum); background: var(--erratum-bg); }
        .status-fails { color: var(--fails); background: var(--fails-bg); }
        table.contents td, table.contents th { font-size: 0.95rem; }
        tr.total td { font-weight: bold; }
        figure { margin: 1.5rem 0; }
        figure img { display: block; width: 100%; height: auto; margin: 0 auto; }
        figcaption { font-size: 0.9rem; color: var(--muted); margin-top: 0.5rem; }
        img { max-width: 100%; height: auto; }
        .formula { display: block; margin-top: 0.3rem; font-size: 1.1em; }
        blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
        @media (max-width: 600px) {
          html { font-size: 16px; }
          h1 { font-size: 1.4rem; }
          table { font-size: 0.78rem; }
        }

        """

    /// KaTeX over the page once it has loaded: \\( … \\) inline, \\[ … \\] and $$ … $$ displayed;
    /// code and preformatted text are left alone (KaTeX's auto-render skips them).
    static let mathScript = """
        document.addEventListener("DOMContentLoaded", function () {
          if (typeof renderMathInElement !== "function") { return; }
          renderMathInElement(document.querySelector("main"), {
            delimiters: [
              { left: "$$", right: "$$", display: true },
              { left: "\\\\[", right: "\\\\]", display: true },
              { left: "\\\\(", right: "\\\\)", display: false }
            ],
            throwOnError: false
          });
        });

        """
}
