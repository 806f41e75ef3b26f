/// The report's only style sheet, inlined in its `<head>`: system fonts (nothing to download),
/// a readable measure, tables that scroll rather than overflow, and print rules that keep each
/// chart on one page.
enum ReportStyle {
    static let css = """

        :root { color-scheme: light; --ink: #1a1a1a; --muted: #5a5a5a; --rule: #d0d0d0; --band: #f2f2f2; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; padding: 1.5rem 1.25rem 3rem; max-width: 1180px; color: var(--ink); background: #fff;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.4rem; margin: 2.2rem 0 .6rem; padding-top: .6rem; border-top: 2px solid var(--ink); }
        h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
        p { max-width: 72ch; }
        .lede { font-size: 1.05rem; color: var(--muted); margin-top: 0; }
        .facts { display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; margin: .8rem 0 0; }
        .facts div { display: flex; gap: .4rem; }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; }
        nav.contents { margin-top: 1.2rem; padding: .6rem 1rem; border: 1px solid var(--rule); }
        nav.contents h2 { border: 0; margin: 0; padding: 0; font-size: 1.1rem; }
        nav.contents ol { margin: .3rem 0; padding-left: 1.4rem; }
        nav.contents ol ol { columns: 2; font-size: .93rem; }
        a { color: #0b4f8a; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; }
        pre.command { padding: .7rem .9rem; border: 1px solid var(--rule); background: var(--band); overflow-x: auto;
          white-space: pre-wrap; word-break: break-all; }
        figure.chart-figure { margin: 1.1rem 0 1.6rem; }
        figure.chart-figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: .92rem; color: var(--muted); margin-top: .2rem; max-width: 90ch; }
        figcaption strong { color: var(--ink); }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; font-size: .9rem; margin: .4rem 0 1rem; }
        caption { text-align: left; font-weight: 600; padding: .2rem 0; }
        th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid var(--rule); }
        thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
        tbody tr:nth-child(even) { background: var(--band); }
        tbody th { font-weight: 400; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.source { max-width: 34ch; font-size: .85rem; }
        td.claim, th.claim { max-width: 52ch; }
        .muted { color: var(--muted); font-size: .85rem; }
        .verdict { white-space: nowrap; font-weight: 600; }
        .verdict-inconclusive { font-style: italic; font-weight: 400; }
        footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          nav.contents { break-after: page; }
          figure.chart-figure, table tr { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
          .table-wrap { overflow: visible; }
        }

        """
}
