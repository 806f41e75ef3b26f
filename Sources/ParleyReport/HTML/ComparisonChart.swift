import Foundation
import ParleyAnalysis

/// A policy comparison of one metric, as two dot-and-whisker panels sharing one row per policy:
/// on the left each policy's mean and the central 80% of runs; on the right the mean paired
/// difference from the reference policy with its 95% confidence interval, against a dashed
/// zero line. A filled marker on the right means the interval excludes zero; hollow, it does not.
///
/// ```swift
/// let chart = ComparisonChart(id: "compare-warheads", comparison: result.metrics[0], runs: result.runs)
/// let svg = chart.svg()
/// ```
public struct ComparisonChart: Sendable, Equatable {
    /// The SVG element's `id`, unique in the page.
    public var id: String
    /// The metric across the arms; the first outcome is the reference.
    public var comparison: MetricComparison
    /// What the metric measures, in words, for the description.
    public var about: String?
    /// Paired runs per arm.
    public var runs: Int

    /// Creates a chart.
    public init(id: String, comparison: MetricComparison, about: String? = nil, runs: Int) {
        self.id = id
        self.comparison = comparison
        self.about = about
        self.runs = runs
    }

    /// The reference arm's name.
    public var reference: String { comparison.outcomes.first?.arm ?? "" }

    /// The title: the metric and its unit.
    public var title: String {
        "\(comparison.metric) by policy" + (comparison.unit.map { " (\($0))" } ?? "")
    }

    private struct Layout {
        let width = 980.0
        let labelRight = 168.0
        let left = (start: 180.0, end: 548.0)
        let right = (start: 596.0, end: 964.0)
        let top = 40.0
        let rowHeight = 26.0
        var rows: Int
        var plotBottom: Double { top + Double(rows) * rowHeight + 6 }
        var height: Double { plotBottom + 64 }
        func rowCentre(_ row: Int) -> Double { top + (Double(row) + 0.5) * rowHeight }
    }

    /// The chart as an SVG element.
    public func svg() -> String {
        let outcomes = comparison.outcomes
        let layout = Layout(rows: outcomes.count)
        let levels = outcomes.flatMap { [$0.mean, $0.lower, $0.upper] }.filter(\.isFinite)
        let levelTicks = Ticks(covering: levels.min() ?? 0, levels.max() ?? 1, count: 5)
        let differences = outcomes.dropFirst().flatMap { outcome -> [Double] in
            [outcome.difference, outcome.differenceInterval?.lower, outcome.differenceInterval?.upper].compactMap { $0 }
        }.filter(\.isFinite) + [0]
        let differenceTicks = Ticks(covering: differences.min() ?? -1, differences.max() ?? 1, count: 5)
        let levelScale = LinearScale(lower: levelTicks.lower, upper: levelTicks.upper, start: layout.left.start, end: layout.left.end)
        let differenceScale = LinearScale(lower: differenceTicks.lower, upper: differenceTicks.upper,
                                          start: layout.right.start, end: layout.right.end)
        let unitText = comparison.unit.map { " \($0)" } ?? ""
        let c = Markup.coordinate
        return SVGCanvas.root(id: id, width: layout.width, height: layout.height, title: title, description: description,
                              className: "comparison-chart") { writer in
            writer.open("g", [("class", "panel-titles"), ("aria-hidden", "true"), ("font-weight", "600"), ("fill", SVGCanvas.ink)])
            writer.element("text", [("x", c(layout.left.start)), ("y", "18")], text: "mean and central 80% of runs")
            writer.element("text", [("x", c(layout.right.start)), ("y", "18")],
                           text: SVGCanvas.fitted("difference from \(reference): mean and 95% CI", width: layout.right.end - layout.right.start))
            writer.close()
            for row in outcomes.indices where row % 2 == 1 {
                writer.element("rect", [("class", "stripe"), ("x", "8"), ("y", c(layout.top + Double(row) * layout.rowHeight)),
                                        ("width", c(layout.width - 16)), ("height", c(layout.rowHeight)), ("fill", "#f2f2f2"),
                                        ("aria-hidden", "true")])
            }
            SVGCanvas.horizontalAxis(&writer, scale: levelScale, y: layout.plotBottom, ticks: levelTicks.labelled,
                                     title: comparison.unit ?? comparison.metric, gridTop: layout.top)
            SVGCanvas.horizontalAxis(&writer, scale: differenceScale, y: layout.plotBottom, ticks: differenceTicks.labelled,
                                     title: "difference" + (comparison.unit.map { " (\($0))" } ?? ""), gridTop: layout.top)
            let zero = c(differenceScale(0))
            writer.element("line", [("class", "zero-line"), ("x1", zero), ("x2", zero), ("y1", c(layout.top - 4)),
                                    ("y2", c(layout.plotBottom)), ("stroke", SVGCanvas.ink), ("stroke-width", "1.2"),
                                    ("stroke-dasharray", "4 3"), ("aria-hidden", "true")])
            for (row, outcome) in outcomes.enumerated() {
                let y = layout.rowCentre(row)
                writer.open("g", [("class", "row"), ("data-arm", outcome.arm)])
                writer.element("text", [("x", c(layout.labelRight)), ("y", c(y + 4)), ("text-anchor", "end"), ("fill", SVGCanvas.ink),
                                        ("font-weight", row == 0 ? "600" : "400")],
                               text: SVGCanvas.fitted(outcome.arm, width: layout.labelRight - 12))
                let spread = "\(outcome.arm): mean \(Markup.number(outcome.mean))\(unitText); central 80% of runs from "
                    + "\(Markup.number(outcome.lower)) to \(Markup.number(outcome.upper))"
                if outcome.lower.isFinite, outcome.upper.isFinite {
                    SVGCanvas.whisker(&writer, from: levelScale(outcome.lower), to: levelScale(outcome.upper), y: y, cap: 5, title: spread)
                }
                if outcome.mean.isFinite {
                    SVGCanvas.marker(&writer, .at(row), x: levelScale(outcome.mean), y: y, filled: true, title: spread)
                }
                if row == 0 {
                    writer.element("text", [("x", c(differenceScale(0) + 6)), ("y", c(y + 4)), ("fill", SVGCanvas.ink),
                                            ("font-style", "italic")], text: "reference")
                } else if let difference = outcome.difference, difference.isFinite {
                    let interval = outcome.differenceInterval
                    let excludesZero = interval.map { !$0.contains(0) && $0.lower.isFinite && $0.upper.isFinite } ?? false
                    let text = "\(outcome.arm) − \(reference): \(Markup.signedNumber(difference))\(unitText)"
                        + (interval.map { ", 95% CI [\(Markup.signedNumber($0.lower)), \(Markup.signedNumber($0.upper))]" } ?? "")
                        + (excludesZero ? ", excludes zero" : ", includes zero")
                    if let interval, interval.lower.isFinite, interval.upper.isFinite {
                        SVGCanvas.whisker(&writer, from: differenceScale(interval.lower), to: differenceScale(interval.upper), y: y,
                                          cap: 5, title: text)
                    }
                    SVGCanvas.marker(&writer, .at(row), x: differenceScale(difference), y: y, filled: excludesZero, title: text,
                                     className: excludesZero ? "marker differs" : "marker overlaps-zero")
                }
                writer.close()
                writer.newline()
            }
            let legendY = layout.height - 8
            writer.open("g", [("class", "legend"), ("aria-hidden", "true")])
            SVGCanvas.marker(&writer, .circle, x: layout.right.start + 4, y: legendY - 4, size: 4, filled: true, title: nil)
            writer.element("text", [("x", c(layout.right.start + 14)), ("y", c(legendY)), ("fill", SVGCanvas.ink)],
                           text: "95% CI excludes 0")
            SVGCanvas.marker(&writer, .circle, x: layout.right.start + 150, y: legendY - 4, size: 4, filled: false, title: nil)
            writer.element("text", [("x", c(layout.right.start + 160)), ("y", c(legendY)), ("fill", SVGCanvas.ink)],
                           text: "95% CI includes 0")
            writer.element("text", [("x", c(layout.left.start)), ("y", c(legendY)), ("fill", SVGCanvas.ink)],
                           text: "whiskers: 10th–90th percentile of \(runs) runs")
            writer.close()
        }
    }

    /// The chart in words: each policy's mean and spread, and each difference with its interval.
    public var description: String {
        let unitText = comparison.unit.map { " \($0)" } ?? ""
        var sentences = ["Dot-and-whisker comparison of \(comparison.metric)" + (about.map { " (\($0))" } ?? "")
            + " over \(runs) paired runs per policy. Left: each policy's mean (marker) and central 80% of runs (whisker). "
            + "Right: the mean paired difference from \(reference) with its 95% confidence interval; the dashed line is zero, "
            + "and a filled marker means the interval excludes zero."]
        for (index, outcome) in comparison.outcomes.enumerated() {
            var sentence = "\(outcome.arm): mean \(Markup.number(outcome.mean))\(unitText), 80% of runs between "
                + "\(Markup.number(outcome.lower)) and \(Markup.number(outcome.upper))"
            if index == 0 {
                sentence += " (reference)."
            } else if let difference = outcome.difference {
                sentence += "; difference \(Markup.signedNumber(difference))"
                if let interval = outcome.differenceInterval {
                    sentence += ", 95% CI \(Markup.signedNumber(interval.lower)) to \(Markup.signedNumber(interval.upper))"
                }
                sentence += "."
            } else {
                sentence += "."
            }
            sentences.append(sentence)
        }
        return sentences.joined(separator: " ")
    }
}
