import Foundation

/// One factor's bar in a tornado plot of sensitivity: a point value and an interval.
///
/// The sensitivity module fills it from whichever method it ran:
/// - one-at-a-time: `value` is the change in the output when the factor moves from its low to
///   its high setting, `lower` and `upper` the changes at the low and high setting;
/// - Morris screening: `value` is μ*, the interval its bootstrap interval;
/// - Sobol: `value` is a first-order or total index, the interval its bootstrap 95% interval.
///
/// ```swift
/// SensitivityBar(name: "verify_freeze", value: 0.31, lower: 0.24, upper: 0.38, unit: nil)
/// ```
public struct SensitivityBar: Sendable, Equatable, Hashable, Codable {
    /// The factor (parameter) name.
    public var name: String
    /// The point value: an effect or an index.
    public var value: Double
    /// The lower end of the interval (a confidence bound, or the effect at the low setting).
    public var lower: Double
    /// The upper end of the interval (a confidence bound, or the effect at the high setting).
    public var upper: Double
    /// The unit of `value`, if any (indices have none).
    public var unit: String?

    /// Creates a bar.
    public init(name: String, value: Double, lower: Double, upper: Double, unit: String? = nil) {
        self.name = name
        self.value = value
        self.lower = lower
        self.upper = upper
        self.unit = unit
    }
}

/// A tornado plot: one horizontal bar per factor from a baseline to its value, with a whisker
/// over its interval, the largest effect on top.
public struct TornadoChart: Sendable, Equatable {
    /// The SVG element's `id`, unique in the page.
    public var id: String
    /// The chart's title (`Sensitivity of warheads_jan_2025`).
    public var title: String
    /// What the bars measure (`total Sobol index`, `change in warheads`), for the axis.
    public var measure: String
    /// The factors, in any order; they are drawn by decreasing distance from the baseline.
    public var bars: [SensitivityBar]
    /// Where bars start: 0 for indices and effects, the output at the base case for levels.
    public var baseline: Double

    /// Creates a chart.
    public init(id: String, title: String, measure: String, bars: [SensitivityBar], baseline: Double = 0) {
        self.id = id
        self.title = title
        self.measure = measure
        self.bars = bars
        self.baseline = baseline
    }

    /// The bars in drawing order: largest |value − baseline| first, then by widest interval, then by name.
    public var sortedBars: [SensitivityBar] {
        bars.sorted { a, b in
            let size = (abs(a.value - baseline), abs(b.value - baseline))
            if size.0 != size.1 { return (size.0.isNaN ? -1 : size.0) > (size.1.isNaN ? -1 : size.1) }
            let width = (a.upper - a.lower, b.upper - b.lower)
            if width.0 != width.1 { return width.0 > width.1 }
            return a.name < b.name
        }
    }

    /// The unit shared by every bar, if they share one.
    private var commonUnit: String? {
        let units = Set(bars.map(\.unit))
        return units.count == 1 ? units.first ?? nil : nil
    }

    /// The chart as an SVG element.
    public func svg() -> String {
        let bars = sortedBars
        let width = 920.0
        let labelRight = 204.0
        let plot = (start: 216.0, end: 700.0)
        let valueColumn = 716.0
        let top = 34.0
        let rowHeight = 24.0
        let plotBottom = top + Double(max(1, bars.count)) * rowHeight + 6
        let height = plotBottom + 46
        let values = bars.flatMap { [$0.value, $0.lower, $0.upper] }.filter(\.isFinite) + [baseline]
        let ticks = Ticks(covering: values.min() ?? 0, values.max() ?? 1, count: 6)
        let scale = LinearScale(lower: ticks.lower, upper: ticks.upper, start: plot.start, end: plot.end)
        let c = Markup.coordinate
        let axisTitle = measure + (commonUnit.map { " (\($0))" } ?? "")
        return SVGCanvas.root(id: id, width: width, height: height, title: title, description: description,
                              className: "tornado-chart") { writer in
            writer.open("g", [("aria-hidden", "true"), ("font-weight", "600"), ("fill", SVGCanvas.ink)])
            writer.element("text", [("x", c(labelRight)), ("y", "20"), ("text-anchor", "end")], text: "factor")
            writer.element("text", [("x", c(plot.start)), ("y", "20")], text: SVGCanvas.fitted(axisTitle, width: plot.end - plot.start))
            writer.element("text", [("x", c(valueColumn)), ("y", "20")], text: "value [interval]")
            writer.close()
            SVGCanvas.horizontalAxis(&writer, scale: scale, y: plotBottom, ticks: ticks.labelled, title: axisTitle, gridTop: top)
            if bars.isEmpty {
                writer.element("text", [("x", c((plot.start + plot.end) / 2)), ("y", c(top + 16)), ("text-anchor", "middle"),
                                        ("fill", SVGCanvas.ink), ("font-style", "italic")], text: "no factors")
            }
            for (row, bar) in bars.enumerated() {
                let y = top + (Double(row) + 0.5) * rowHeight
                let unitText = bar.unit.map { " \($0)" } ?? ""
                let text = "\(bar.name): \(Markup.number(bar.value))\(unitText), interval \(Markup.number(bar.lower)) to \(Markup.number(bar.upper))"
                writer.open("g", [("class", "row"), ("data-factor", bar.name)])
                writer.element("text", [("x", c(labelRight)), ("y", c(y + 4)), ("text-anchor", "end"), ("fill", SVGCanvas.ink)],
                               text: SVGCanvas.fitted(bar.name, width: labelRight - 12))
                if bar.value.isFinite {
                    let from = scale(min(baseline, bar.value))
                    let to = scale(max(baseline, bar.value))
                    writer.titled("rect", [("class", "bar"), ("x", c(from)), ("y", c(y - 7)), ("width", c(max(1, to - from))),
                                           ("height", "14"), ("fill", bar.value >= baseline ? SVGCanvas.bandFills[1] : "#ffffff"),
                                           ("stroke", SVGCanvas.ink), ("stroke-width", "1")], title: text)
                }
                if bar.lower.isFinite, bar.upper.isFinite {
                    SVGCanvas.whisker(&writer, from: scale(bar.lower), to: scale(bar.upper), y: y, cap: 4, width: 1.3, title: text)
                }
                writer.element("text", [("x", c(valueColumn)), ("y", c(y + 4)), ("fill", SVGCanvas.ink)],
                               text: "\(Markup.number(bar.value)) [\(Markup.number(bar.lower)), \(Markup.number(bar.upper))]")
                writer.close()
                writer.newline()
            }
            let base = c(scale(baseline))
            writer.element("line", [("class", "baseline"), ("x1", base), ("x2", base), ("y1", c(top - 4)), ("y2", c(plotBottom)),
                                    ("stroke", SVGCanvas.ink), ("stroke-width", "1.4"), ("aria-hidden", "true")])
        }
    }

    /// The chart in words: the factors from the most to the least influential.
    public var description: String {
        var sentences = ["Tornado plot of \(measure)" + (commonUnit.map { " (\($0))" } ?? "")
            + " for \(bars.count) factor\(bars.count == 1 ? "" : "s"), largest first. Each bar runs from \(Markup.number(baseline)) "
            + "to the factor's value (hollow when below it); the whisker spans its interval."]
        for bar in sortedBars {
            sentences.append("\(bar.name): \(Markup.number(bar.value)) (\(Markup.number(bar.lower)) to \(Markup.number(bar.upper))).")
        }
        return sentences.joined(separator: " ")
    }
}
