import Foundation
import ParleyEngine
import ParleyNumerics

/// One step of a fan: the median and the central 50%, 80% and 95% of runs.
public struct FanStep: Sendable, Equatable {
    /// The 50th percentile.
    public var median: Double
    /// The 25th and 75th percentiles: the central 50% of runs.
    public var lower50: Double, upper50: Double
    /// The 10th and 90th percentiles: the central 80% of runs.
    public var lower80: Double, upper80: Double
    /// The 2.5th and 97.5th percentiles: the central 95% of runs.
    public var lower95: Double, upper95: Double

    /// Creates a step from its quantiles.
    public init(median: Double, lower50: Double, upper50: Double, lower80: Double, upper80: Double,
                lower95: Double, upper95: Double) {
        self.median = median
        self.lower50 = lower50
        self.upper50 = upper50
        self.lower80 = lower80
        self.upper80 = upper80
        self.lower95 = lower95
        self.upper95 = upper95
    }

    /// The step's quantiles read from one step's summary over runs.
    public init(summary: StreamingSummary) {
        self.init(median: summary.quantile(0.5),
                  lower50: summary.quantile(0.25), upper50: summary.quantile(0.75),
                  lower80: summary.quantile(0.1), upper80: summary.quantile(0.9),
                  lower95: summary.quantile(0.025), upper95: summary.quantile(0.975))
    }

    /// The bounds of the central band at `level`.
    public func interval(_ level: FanChart.Band) -> (lower: Double, upper: Double) {
        switch level {
        case .central95: (lower95, upper95)
        case .central80: (lower80, upper80)
        case .central50: (lower50, upper50)
        }
    }

    /// Whether every quantile is a finite number (an empty step's are NaN).
    public var isFinite: Bool {
        [median, lower50, upper50, lower80, upper80, lower95, upper95].allSatisfy(\.isFinite)
    }
}

/// The distribution of one series metric over time in one arm (a policy, an ensemble).
public struct Fan: Sendable, Equatable {
    /// What the fan shows, e.g. the policy's name.
    public var label: String
    /// One entry per step.
    public var steps: [FanStep]

    /// Creates a fan from its steps.
    public init(label: String, steps: [FanStep]) {
        self.label = label
        self.steps = steps
    }

    /// A fan from a series metric's per-step summaries (``MetricSummary/series``).
    public init(label: String, series: [StreamingSummary]) {
        self.init(label: label, steps: series.map(FanStep.init(summary:)))
    }
}

/// A fan chart of one series metric over time: per arm, the median as a line and the central
/// 50%, 80% and 95% of runs as nested bands. Several arms become small multiples on one shared
/// scale, followed by a panel that overlays their medians in distinct line styles and markers.
///
/// ```swift
/// let chart = FanChart(id: "fan-warheads", metric: "warheads_series", unit: "warheads",
///                      stepLabels: summary.stepLabels,
///                      fans: [Fan(label: "calibrated", series: summary.metrics[i].series)])
/// let svg = chart.svg()
/// ```
public struct FanChart: Sendable, Equatable {
    /// The bands of a fan, widest first (the order they are drawn in).
    public enum Band: Int, Sendable, CaseIterable {
        /// The 2.5th to 97.5th percentile.
        case central95 = 95
        /// The 10th to 90th percentile.
        case central80 = 80
        /// The 25th to 75th percentile.
        case central50 = 50
    }

    /// The SVG element's `id`, unique in the page; the title and description ids derive from it.
    public var id: String
    /// The metric's name.
    public var metric: String
    /// The metric's unit, shown on the vertical axis.
    public var unit: String?
    /// What the metric measures, in words, for the chart's description.
    public var about: String?
    /// The label of each step, for the time axis.
    public var stepLabels: [String]
    /// What a step is (`month`), for the time axis title.
    public var timeAxisTitle: String
    /// One fan per arm.
    public var fans: [Fan]
    /// Observed values per step (nil where nothing was observed), drawn as markers over every
    /// panel: what really happened, against what the runs say.
    public var observed: [Double?] = []
    /// What the observed markers are, for the legend and their titles.
    public var observedLabel: String = "observed"
    /// A step before which a vertical rule is drawn, with its label (e.g. where a backtest's
    /// fitting period ends and its test period begins).
    public var dividerStep: Int?
    public var dividerLabel: String?

    /// Creates a chart.
    public init(id: String, metric: String, unit: String? = nil, about: String? = nil, stepLabels: [String],
                timeAxisTitle: String = "step", fans: [Fan]) {
        self.id = id
        self.metric = metric
        self.unit = unit
        self.about = about
        self.stepLabels = stepLabels
        self.timeAxisTitle = timeAxisTitle
        self.fans = fans
    }

    /// The title: the metric and its unit.
    public var title: String {
        "\(metric) over time" + (unit.map { " (\($0))" } ?? "")
    }

    /// The number of steps drawn (the longest fan).
    var stepCount: Int { fans.map(\.steps.count).max() ?? 0 }

    /// The chart as an SVG element.
    public func svg() -> String {
        let layout = Layout(fanCount: fans.count)
        let (low, high) = valueRange
        let ticks = Ticks(covering: low, high, count: max(3, Int(layout.plotHeight / 42)))
        let stepTicks = Ticks.stepIndices(steps: stepCount, atMost: max(2, Int(layout.plotWidth / 78)))
        return SVGCanvas.root(id: id, width: layout.width, height: layout.height, title: title,
                              description: description, className: "fan-chart") { writer in
            for (index, fan) in fans.enumerated() {
                let origin = layout.origin(ofPanel: index)
                drawPanel(&writer, fan: fan, origin: origin, layout: layout, ticks: ticks, stepTicks: stepTicks,
                          showsUnit: index % layout.columns == 0)
            }
            if layout.hasOverlay {
                let origin = layout.origin(ofPanel: fans.count)
                drawOverlay(&writer, origin: origin, layout: layout, ticks: ticks, stepTicks: stepTicks,
                            showsUnit: fans.count % layout.columns == 0)
            }
            writer.element("text", [("x", Markup.coordinate(layout.width / 2)), ("y", Markup.coordinate(layout.legendTop - 24)),
                                    ("text-anchor", "middle"), ("fill", SVGCanvas.ink), ("font-style", "italic"),
                                    ("aria-hidden", "true")], text: timeAxisTitle)
            drawLegend(&writer, top: layout.legendTop, layout: layout)
        }
    }

    /// The smallest 2.5th and the largest 97.5th percentile over every fan and step.
    var valueRange: (Double, Double) {
        let steps = fans.flatMap(\.steps).filter(\.isFinite)
        let seen = observed.compactMap { $0 }.filter(\.isFinite)
        guard let low = steps.map(\.lower95).min(), let high = steps.map(\.upper95).max() else {
            return (seen.min() ?? 0, max(seen.max() ?? 1, (seen.min() ?? 0) + 1))
        }
        return (min(low, steps.map(\.median).min() ?? low, seen.min() ?? low), max(high, steps.map(\.median).max() ?? high, seen.max() ?? high))
    }

    /// Where the panels go: one large panel for a single fan; otherwise a grid of small
    /// multiples, three to a row, the last of them the overlay of medians.
    struct Layout {
        var panelCount: Int
        var hasOverlay: Bool
        var columns: Int
        var rows: Int
        var panelWidth: Double
        var panelHeight: Double
        let margin = (left: 62.0, right: 16.0, top: 26.0, bottom: 26.0)
        let outer = 8.0

        init(fanCount: Int) {
            hasOverlay = fanCount > 1
            panelCount = max(1, fanCount + (hasOverlay ? 1 : 0))
            columns = min(3, panelCount)
            rows = (panelCount + columns - 1) / columns
            panelWidth = panelCount == 1 ? 760 : 360
            panelHeight = panelCount == 1 ? 290 : 220
        }

        var plotWidth: Double { panelWidth - margin.left - margin.right }
        var plotHeight: Double { panelHeight - margin.top - margin.bottom }
        var width: Double { Double(columns) * panelWidth + 2 * outer }
        var legendTop: Double { outer + Double(rows) * panelHeight + 44 }
        var legendRows: Int { hasOverlay ? 2 : 1 }
        var height: Double { legendTop + Double(legendRows) * 22 + 6 }

        func origin(ofPanel index: Int) -> (x: Double, y: Double) {
            (outer + Double(index % columns) * panelWidth, outer + Double(index / columns) * panelHeight)
        }
    }

    private func scales(origin: (x: Double, y: Double), layout: Layout, ticks: Ticks) -> (x: LinearScale, y: LinearScale) {
        let left = origin.x + layout.margin.left
        let top = origin.y + layout.margin.top
        let steps = stepCount
        let x = LinearScale(lower: steps > 1 ? 0 : -0.5, upper: steps > 1 ? Double(steps - 1) : 0.5,
                            start: left, end: left + layout.plotWidth)
        let y = LinearScale(lower: ticks.lower, upper: ticks.upper, start: top + layout.plotHeight, end: top)
        return (x, y)
    }

    /// The x positions of a fan's finite steps (a single step is drawn as a short plateau).
    private func points(of fan: Fan, x: LinearScale) -> [(x: Double, step: FanStep)] {
        let finite = fan.steps.enumerated().filter { $0.element.isFinite }
        if stepCount == 1, let only = finite.first {
            return [(x(-0.3), only.element), (x(0.3), only.element)]
        }
        return finite.map { (x(Double($0.offset)), $0.element) }
    }

    private func drawFrame(
        _ writer: inout MarkupWriter, title: String, origin: (x: Double, y: Double), layout: Layout, scales: (x: LinearScale, y: LinearScale),
        ticks: Ticks, stepTicks: [Int], showsUnit: Bool
    ) {
        let c = Markup.coordinate
        writer.element("text", [("class", "panel-title"), ("x", c(scales.x.start)), ("y", c(origin.y + 16)), ("fill", SVGCanvas.ink),
                                ("font-weight", "600")], text: SVGCanvas.fitted(title, width: layout.plotWidth))
        SVGCanvas.verticalAxis(&writer, scale: scales.y, x: scales.x.start, ticks: ticks.labelled, gridRight: scales.x.end)
        let labelled = stepTicks.map { (value: Double($0), label: $0 < stepLabels.count ? stepLabels[$0] : "\($0)") }
        let xTicks = stepCount == 1 ? [(value: 0.0, label: stepLabels.first ?? "0")] : labelled
        SVGCanvas.horizontalAxis(&writer, scale: scales.x, y: scales.y.start, ticks: xTicks, title: nil)
        if showsUnit {
            SVGCanvas.verticalTitle(&writer, unit ?? metric, x: origin.x + 12, y: (scales.y.start + scales.y.end) / 2)
        }
    }

    private func drawPanel(
        _ writer: inout MarkupWriter, fan: Fan, origin: (x: Double, y: Double), layout: Layout, ticks: Ticks, stepTicks: [Int],
        showsUnit: Bool
    ) {
        let scales = scales(origin: origin, layout: layout, ticks: ticks)
        writer.open("g", [("class", "panel"), ("data-fan", fan.label)])
        drawFrame(&writer, title: fan.label, origin: origin, layout: layout, scales: scales, ticks: ticks, stepTicks: stepTicks,
                  showsUnit: showsUnit)
        let points = points(of: fan, x: scales.x)
        let c = Markup.coordinate
        for (index, band) in Band.allCases.enumerated() where !points.isEmpty {
            let upper = points.map { "\(c($0.x)),\(c(scales.y($0.step.interval(band).upper)))" }
            let lower = points.reversed().map { "\(c($0.x)),\(c(scales.y($0.step.interval(band).lower)))" }
            writer.titled("path", [("class", "band"), ("data-band", "\(band.rawValue)"),
                                   ("d", "M" + (upper + lower).joined(separator: " L") + " Z"),
                                   ("fill", SVGCanvas.bandFills[index]), ("stroke", "none")],
                          title: "\(fan.label): central \(band.rawValue)% of runs")
            let edges = "M" + upper.joined(separator: " L") + " M" + lower.reversed().joined(separator: " L")
            var edgeAttributes: [(String, String)] = [("class", "band-edge"), ("data-band", "\(band.rawValue)"), ("d", edges),
                                                      ("fill", "none"), ("stroke", SVGCanvas.ink), ("stroke-width", "0.8"),
                                                      ("aria-hidden", "true")]
            if !SVGCanvas.bandDashes[index].isEmpty { edgeAttributes.append(("stroke-dasharray", SVGCanvas.bandDashes[index])) }
            writer.element("path", edgeAttributes)
        }
        if !points.isEmpty {
            let median = points.map { "\(c($0.x)),\(c(scales.y($0.step.median)))" }
            writer.titled("path", [("class", "median"), ("d", "M" + median.joined(separator: " L")), ("fill", "none"),
                                   ("stroke", SVGCanvas.ink), ("stroke-width", "2.2"), ("stroke-linejoin", "round")],
                          title: "\(fan.label): median")
        }
        drawObserved(&writer, scales: scales)
        writer.close()
        writer.newline()
    }

    /// The observed markers and the divider, over a panel.
    private func drawObserved(_ writer: inout MarkupWriter, scales: (x: LinearScale, y: LinearScale)) {
        let c = Markup.coordinate
        if let step = dividerStep, step > 0, step < stepCount {
            let x = scales.x(Double(step) - 0.5)
            writer.element("line", [("class", "divider"), ("x1", c(x)), ("x2", c(x)), ("y1", c(scales.y.start)), ("y2", c(scales.y.end)),
                                    ("stroke", SVGCanvas.ink), ("stroke-width", "1.2"), ("stroke-dasharray", "2 3"), ("aria-hidden", "true")])
            if let label = dividerLabel {
                writer.element("text", [("x", c(x + 4)), ("y", c(scales.y.end + 12)), ("fill", SVGCanvas.ink), ("font-style", "italic"),
                                        ("aria-hidden", "true")], text: label)
            }
        }
        for (step, value) in observed.enumerated() where step < stepCount {
            guard let value, value.isFinite else { continue }
            let label = step < stepLabels.count ? stepLabels[step] : "\(step)"
            SVGCanvas.marker(&writer, .at(1), x: scales.x(Double(step)), y: scales.y(value), size: 4, filled: true,
                             title: "\(observedLabel), \(label): \(Markup.number(value))")
        }
    }

    private func drawOverlay(
        _ writer: inout MarkupWriter, origin: (x: Double, y: Double), layout: Layout, ticks: Ticks, stepTicks: [Int], showsUnit: Bool
    ) {
        let scales = scales(origin: origin, layout: layout, ticks: ticks)
        let c = Markup.coordinate
        writer.open("g", [("class", "panel overlay")])
        drawFrame(&writer, title: "medians compared", origin: origin, layout: layout, scales: scales, ticks: ticks,
                  stepTicks: stepTicks, showsUnit: showsUnit)
        for (index, fan) in fans.enumerated() {
            let points = points(of: fan, x: scales.x)
            guard !points.isEmpty else { continue }
            var attributes: [(String, String)] = [
                ("class", "median"), ("data-fan", fan.label),
                ("d", "M" + points.map { "\(c($0.x)),\(c(scales.y($0.step.median)))" }.joined(separator: " L")),
                ("fill", "none"), ("stroke", SVGCanvas.ink), ("stroke-width", "1.6"),
            ]
            let dash = SVGCanvas.lineDashes[index % SVGCanvas.lineDashes.count]
            if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
            writer.titled("path", attributes, title: "\(fan.label): median")
            let markerSteps = stepCount == 1 ? [0] : stepTicks
            for step in markerSteps where step < fan.steps.count && fan.steps[step].isFinite {
                SVGCanvas.marker(&writer, .at(index), x: scales.x(Double(step)), y: scales.y(fan.steps[step].median), size: 3.2,
                                 filled: index % 2 == 0, title: nil)
            }
        }
        writer.close()
        writer.newline()
    }

    private func drawLegend(_ writer: inout MarkupWriter, top: Double, layout: Layout) {
        let c = Markup.coordinate
        writer.open("g", [("class", "legend"), ("aria-hidden", "true")])
        var x = layout.outer + layout.margin.left
        let y = top
        for (index, band) in Band.allCases.enumerated() {
            var attributes: [(String, String)] = [("x", c(x)), ("y", c(y - 10)), ("width", "22"), ("height", "12"),
                                                  ("fill", SVGCanvas.bandFills[index]), ("stroke", SVGCanvas.ink), ("stroke-width", "0.8")]
            if !SVGCanvas.bandDashes[index].isEmpty { attributes.append(("stroke-dasharray", SVGCanvas.bandDashes[index])) }
            writer.element("rect", attributes)
            let label = "central \(band.rawValue)% of runs"
            writer.element("text", [("x", c(x + 28)), ("y", c(y)), ("fill", SVGCanvas.ink)], text: label)
            x += 34 + Double(label.count) * SVGCanvas.characterWidth + 14
        }
        writer.element("line", [("x1", c(x)), ("x2", c(x + 22)), ("y1", c(y - 4)), ("y2", c(y - 4)), ("stroke", SVGCanvas.ink),
                                ("stroke-width", "2.2")])
        writer.element("text", [("x", c(x + 28)), ("y", c(y)), ("fill", SVGCanvas.ink)], text: "median")
        if observed.contains(where: { $0 != nil }) {
            let start = x + 28 + 6 * SVGCanvas.characterWidth + 18
            SVGCanvas.marker(&writer, .at(1), x: start + 6, y: y - 4, size: 4, filled: true, title: nil)
            writer.element("text", [("x", c(start + 16)), ("y", c(y)), ("fill", SVGCanvas.ink)], text: observedLabel)
        }
        if layout.hasOverlay {
            var x = layout.outer + layout.margin.left
            let y = top + 22
            writer.element("text", [("x", c(x)), ("y", c(y)), ("fill", SVGCanvas.ink), ("font-style", "italic")], text: "medians:")
            x += 64
            for (index, fan) in fans.enumerated() {
                var attributes: [(String, String)] = [("x1", c(x)), ("x2", c(x + 30)), ("y1", c(y - 4)), ("y2", c(y - 4)),
                                                      ("stroke", SVGCanvas.ink), ("stroke-width", "1.6")]
                let dash = SVGCanvas.lineDashes[index % SVGCanvas.lineDashes.count]
                if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
                writer.element("line", attributes)
                SVGCanvas.marker(&writer, .at(index), x: x + 15, y: y - 4, size: 3.2, filled: index % 2 == 0, title: nil)
                let label = SVGCanvas.fitted(fan.label, width: 150)
                writer.element("text", [("x", c(x + 36)), ("y", c(y)), ("fill", SVGCanvas.ink)], text: label)
                x += 48 + Double(label.count) * SVGCanvas.characterWidth
            }
        }
        writer.close()
    }

    /// The chart in words, for screen readers and for the page itself: what is drawn, and per
    /// arm the median's start and end and the spread of runs at the last step.
    public var description: String {
        let steps = stepCount
        let first = stepLabels.first ?? "the first step"
        let last = stepLabels.last ?? "the last step"
        var sentences = ["Fan chart of \(metric)" + (about.map { ", \($0)," } ?? "")
            + " over \(steps) \(timeAxisTitle)\(steps == 1 ? "" : "s") from \(first) to \(last)"
            + (fans.count > 1 ? ", one panel per arm (\(fans.map(\.label).joined(separator: ", "))) on a shared scale, then their medians overlaid." : ".")]
        sentences.append("Nested bands hold the central 95% (lightest, dotted edge), 80% (dashed edge) and 50% (darkest, solid edge) of runs; the thick line is the median.")
        let unitText = unit.map { " \($0)" } ?? ""
        for fan in fans {
            guard let start = fan.steps.first(where: \.isFinite), let end = fan.steps.last(where: \.isFinite) else {
                sentences.append("\(fan.label): no data.")
                continue
            }
            sentences.append("\(fan.label): the median goes from \(Markup.number(start.median)) to \(Markup.number(end.median))\(unitText); "
                + "at \(last) half the runs lie between \(Markup.number(end.lower50)) and \(Markup.number(end.upper50)), "
                + "95% between \(Markup.number(end.lower95)) and \(Markup.number(end.upper95)).")
        }
        let seen = observed.enumerated().compactMap { step, value in
            value.map { "\(step < stepLabels.count ? stepLabels[step] : "\(step)") \(Markup.number($0))" }
        }
        if !seen.isEmpty {
            sentences.append("Markers show the \(observedLabel) values: " + seen.joined(separator: ", ") + ".")
        }
        if let step = dividerStep, step < stepLabels.count, let label = dividerLabel {
            sentences.append("A dotted rule before \(stepLabels[step]) marks \(label).")
        }
        return sentences.joined(separator: " ")
    }
}
