import Foundation
import ParleyAnalysis
import ParleyEngine
import ParleyLanguage

/// The HTML tables of the report: parameters, claims, metric summaries and comparison numbers.
enum ReportTables {
    /// A table with a header row; cells are markup already escaped, one class per column.
    static func table(caption: String?, className: String, columns: [(heading: String, className: String)],
                              rows: [[String]]) -> String {
        var writer = MarkupWriter()
        writer.open("div", [("class", "table-wrap")])
        writer.open("table", [("class", className)])
        if let caption { writer.element("caption", text: caption) }
        writer.open("thead")
        writer.open("tr")
        for column in columns { writer.element("th", [("scope", "col"), ("class", column.className)], text: column.heading) }
        writer.close()
        writer.close()
        writer.open("tbody")
        for row in rows {
            writer.newline()
            writer.open("tr")
            for (index, cell) in row.enumerated() {
                let name = index == 0 ? "th" : "td"
                writer.open(name, index == 0 ? [("scope", "row"), ("class", columns[index].className)]
                                             : [("class", columns[index].className)])
                writer.insert(cell)
                writer.close()
            }
            writer.close()
        }
        writer.close()
        writer.close()
        writer.close()
        writer.newline()
        return writer.text
    }

    private static func text(_ value: String) -> String { Markup.escape(value) }

    private static func code(_ value: String) -> String { "<code>" + Markup.escape(value) + "</code>" }

    private static func muted(_ value: String) -> String { "<span class=\"muted\">" + Markup.escape(value) + "</span>" }

    private static let dash = "<span class=\"muted\">—</span>"

    /// Name, value, distribution, range, unit and source of every parameter.
    static func parameters(_ scenario: Scenario) -> String {
        let rows = scenario.parameters.map { parameter -> [String] in
            var name = code(parameter.name)
            if let description = parameter.provenance.description, !description.isEmpty {
                name += "<br>" + muted(description)
            }
            let value: String
            switch parameter.type {
            case .boolean: value = parameter.value != 0 ? "true" : "false"
            case .date: value = parameter.value.isFinite ? CalendarDate.fromDayNumber(Int(parameter.value)).description : "n/a"
            case .number: value = Markup.number(parameter.value, significantDigits: 4)
            }
            var range: String = dash
            if parameter.minimum != nil || parameter.maximum != nil {
                range = text("\(parameter.minimum.map { Markup.number($0, significantDigits: 4) } ?? "−∞") – "
                    + "\(parameter.maximum.map { Markup.number($0, significantDigits: 4) } ?? "∞")")
            } else if let support = parameter.distribution?.support, support.lowerBound.isFinite, support.upperBound.isFinite {
                range = text("\(Markup.number(support.lowerBound, significantDigits: 4)) – \(Markup.number(support.upperBound, significantDigits: 4))")
            }
            return [
                name, text(value), parameter.distribution.map { code($0.description) } ?? muted("fixed"), range,
                parameter.provenance.unit.map(text) ?? dash, parameter.provenance.source.map(text) ?? dash,
            ]
        }
        return table(caption: "\(scenario.parameters.count) parameters", className: "parameters",
                     columns: [("name", "name"), ("value", "number"), ("distribution", "distribution"), ("range", "number"),
                               ("unit", "unit"), ("source", "source")],
                     rows: rows)
    }

    /// One row per claim: the claim, its metric, what it expects, both arms' means, the effect
    /// with its 95% CI, and the verdict in words and a symbol.
    static func claims(_ verdicts: [ClaimVerdict]) -> String {
        let rows = verdicts.map { verdict -> [String] in
            var claim = code(verdict.claim) + "<br>" + text(verdict.statement)
            if let source = verdict.source, !source.isEmpty { claim += "<br>" + muted("Source: " + source) }
            let unit = verdict.unit.map { " " + $0 } ?? ""
            let expects: String
            switch verdict.expectation {
            case .increase: expects = "increase by ≥ \(Markup.number(verdict.margin))\(unit)"
            case .decrease: expects = "decrease by ≥ \(Markup.number(verdict.margin))\(unit)"
            case .noEffect: expects = "no effect: |difference| < \(Markup.number(verdict.margin))\(unit)"
            }
            let symbol: String
            switch verdict.verdict {
            case .supported: symbol = "✔"
            case .contradicted: symbol = "✘"
            case .inconclusive: symbol = "?"
            }
            let effect = "\(Markup.signedNumber(verdict.effect)) [\(Markup.signedNumber(verdict.interval.lower)), "
                + "\(Markup.signedNumber(verdict.interval.upper))]"
            return [
                claim, code(verdict.metric) + (verdict.unit.map { "<br>" + muted($0) } ?? ""), text(expects),
                text(Markup.number(verdict.baselineMean)), text(Markup.number(verdict.alternativeMean)), text(effect),
                "<span class=\"verdict verdict-\(verdict.verdict.rawValue)\"><span aria-hidden=\"true\">\(symbol)</span> "
                    + text(verdict.verdict.rawValue) + "</span>",
            ]
        }
        return table(caption: nil, className: "claims",
                     columns: [("claim", "claim"), ("metric", "name"), ("claim expects", "expects"), ("baseline mean", "number"),
                               ("alternative mean", "number"), ("difference [95% CI]", "number"), ("verdict", "verdict")],
                     rows: rows)
    }

    /// One row per metric: mean, standard deviation, 10th, 50th and 90th percentiles, unit.
    static func metrics(_ summary: EnsembleSummary, scenario: Scenario) -> String {
        let rows = summary.metrics.map { metric -> [String] in
            let about = scenario.metrics.first { $0.name == metric.name }?.provenance.description
            let s = metric.summary
            return [
                code(metric.name) + (about.map { "<br>" + muted($0) } ?? ""), text(metric.kind.rawValue),
                text(Markup.number(s.mean)), text(Markup.number(s.standardDeviation)), text(Markup.number(s.quantile(0.1))),
                text(Markup.number(s.quantile(0.5))), text(Markup.number(s.quantile(0.9))), metric.unit.map(text) ?? dash,
            ]
        }
        return table(caption: nil, className: "metrics",
                     columns: [("metric", "name"), ("kind", "unit"), ("mean", "number"), ("sd", "number"), ("p10", "number"),
                               ("median", "number"), ("p90", "number"), ("unit", "unit")],
                     rows: rows)
    }

    /// The comparison's numbers: per metric and policy, the mean, the central 80% of runs, and
    /// the paired difference with its 95% CI.
    static func comparison(_ result: PolicyComparisonResult) -> String {
        var rows: [[String]] = []
        for metric in result.metrics {
            for (index, outcome) in metric.outcomes.enumerated() {
                rows.append([
                    index == 0 ? code(metric.metric) : "", text(outcome.arm), text(Markup.number(outcome.mean)),
                    text("\(Markup.number(outcome.lower)) – \(Markup.number(outcome.upper))"),
                    outcome.difference.map { text(Markup.signedNumber($0)) } ?? muted("reference"),
                    outcome.differenceInterval.map { text("[\(Markup.signedNumber($0.lower)), \(Markup.signedNumber($0.upper))]") } ?? "",
                    index == 0 ? metric.unit.map(text) ?? "" : "",
                ])
            }
        }
        return table(caption: nil, className: "comparison",
                     columns: [("metric", "name"), ("policy", "name"), ("mean", "number"), ("80% of runs", "number"),
                               ("difference", "number"), ("95% CI", "number"), ("unit", "unit")],
                     rows: rows)
    }
}
