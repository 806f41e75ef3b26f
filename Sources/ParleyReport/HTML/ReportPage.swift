/// The page every report shares: head and inline style, a header with the title, lede and
/// facts, a table of contents, one `<section>` per section, and the footer.
enum ReportPage {
    /// The whole page as one HTML document.
    static func render(title: String, lede: String, facts: String, sections: [HTMLReport.Section]) -> String {
        var page = MarkupWriter()
        page.insert("<!doctype html>\n")
        page.open("html", [("lang", "en")])
        page.newline()
        page.open("head")
        page.insert("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.insert("<meta name=\"generator\" content=\"Parley\">\n")
        page.element("title", text: title)
        page.newline()
        page.open("style")
        page.insert(ReportStyle.css)
        page.close()
        page.newline()
        page.close()
        page.newline()
        page.open("body")
        page.newline()
        page.open("header", [("class", "report-header")])
        page.element("h1", text: title)
        if !lede.isEmpty { page.element("p", [("class", "lede")], text: lede) }
        page.insert(facts)
        page.close()
        page.newline()
        page.open("nav", [("aria-labelledby", "contents-heading"), ("class", "contents")])
        page.element("h2", [("id", "contents-heading")], text: "Contents")
        page.open("ol")
        for section in sections {
            page.open("li")
            page.element("a", [("href", "#" + section.id)], text: section.heading)
            if !section.entries.isEmpty {
                page.open("ol")
                for entry in section.entries {
                    page.open("li")
                    page.element("a", [("href", "#" + entry.id)], text: entry.heading)
                    page.close()
                }
                page.close()
            }
            page.close()
        }
        page.close()
        page.close()
        page.newline()
        page.open("main")
        for section in sections {
            page.newline()
            page.open("section", [("id", section.id), ("aria-labelledby", section.id + "-heading")])
            page.element("h2", [("id", section.id + "-heading")], text: section.heading)
            page.insert(section.body)
            page.close()
        }
        page.newline()
        page.close()
        page.newline()
        page.open("footer")
        page.element("p", text: "Made with Parley. Every chart is an SVG image with a text description; hover over a band, "
            + "line or marker for its values. The charts use shapes and line styles, not colour alone, so they print in black and white.")
        page.close()
        page.newline()
        page.close()
        page.newline()
        page.close()
        page.newline()
        return page.text
    }

    /// The header's list of facts (term and value).
    static func facts(_ facts: [(String, String)]) -> String {
        var writer = MarkupWriter()
        writer.open("dl", [("class", "facts")])
        for (term, value) in facts {
            writer.open("div")
            writer.element("dt", text: term)
            writer.element("dd", text: value)
            writer.close()
        }
        writer.close()
        return writer.text
    }
}
