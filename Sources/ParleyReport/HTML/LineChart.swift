import Foundation

/// A line chart of several series over steps on one panel: each series a thin line told apart
/// by dash pattern and marker, and one emphasised series (a forecast) drawn thick on top.
///
/// ```swift
/// let chart = LineChart(id: "trajectory", title: "Positions by round", stepLabels: ["0", "1", "2"],
///                       series: [LineChart.Series(label: "UK", values: [10, 10, 9.5])])
/// let svg = chart.svg()
/// ```
public struct LineChart: Sendable, Equatable {
    /// One line.
    public struct Series: Sendable, Equatable {
        /// What the line shows.
        public var label: String
        /// One value per step (NaN for none).
        public var values: [Double]
        /// Whether the line is the chart's main series (drawn thick, solid, last).
        public var isEmphasised: Bool

        /// Creates a series.
        public init(label: String, values: [Double], isEmphasised: Bool = false) {
            self.label = label
            self.values = values
            self.isEmphasised = isEmphasised
        }
    }

    /// The SVG element's `id`, unique in the page.
    public var id: String
    /// The chart's title.
    public var title: String
    /// What the chart shows, in words, for its description.
    public var about: String?
    /// The label of each step on the horizontal axis.
    public var stepLabels: [String]
    /// What a step is (`round`).
    public var stepTitle: String
    /// What the values are, for the vertical axis.
    public var valueTitle: String
    /// The lines.
    public var series: [Series]

    /// Creates a chart.
    public init(id: String, title: String, about: String? = nil, stepLabels: [String], stepTitle: String = "round",
                valueTitle: String = "position", series: [Series]) {
        self.id = id
        self.title = title
        self.about = about
        self.stepLabels = stepLabels
        self.stepTitle = stepTitle
        self.valueTitle = valueTitle
        self.series = series
    }

    var stepCount: Int { max(stepLabels.count, series.map(\.values.count).max() ?? 0) }

    /// The chart as an SVG element.
    public func svg() -> String {
        let margin = (left: 62.0, right: 16.0, top: 18.0, bottom: 44.0)
        let width = 760.0, plotHeight = 300.0
        let plotWidth = width - margin.left - margin.right
        let legendColumns = 4, legendRows = (series.count + legendColumns - 1) / legendColumns
        let height = margin.top + plotHeight + margin.bottom + Double(legendRows) * 20 + 8
        let values = series.flatMap(\.values).filter(\.isFinite)
        let ticks = Ticks(covering: values.min() ?? 0, values.max() ?? 1, count: 7)
        let steps = stepCount
        let x = LinearScale(lower: 0, upper: Double(max(1, steps - 1)), start: margin.left, end: margin.left + plotWidth)
        let y = LinearScale(lower: ticks.lower, upper: ticks.upper, start: margin.top + plotHeight, end: margin.top)
        let c = Markup.coordinate
        return SVGCanvas.root(id: id, width: width, height: height, title: title, description: description, className: "line-chart") { writer in
            SVGCanvas.verticalAxis(&writer, scale: y, x: x.start, ticks: ticks.labelled, gridRight: x.end)
            let labelled = Ticks.stepIndices(steps: steps, atMost: 12).map { (value: Double($0), label: $0 < stepLabels.count ? stepLabels[$0] : "\($0)") }
            SVGCanvas.horizontalAxis(&writer, scale: x, y: y.start, ticks: labelled, title: stepTitle)
            SVGCanvas.verticalTitle(&writer, valueTitle, x: 14, y: (y.start + y.end) / 2)
            let ordered = series.enumerated().sorted { ($0.element.isEmphasised ? 1 : 0, $0.offset) < ($1.element.isEmphasised ? 1 : 0, $1.offset) }
            for (index, line) in ordered {
                let points = line.values.enumerated().filter { $0.element.isFinite }.map { (x(Double($0.offset)), y($0.element)) }
                guard !points.isEmpty else { continue }
                var attributes: [(String, String)] = [("class", line.isEmphasised ? "forecast" : "series"), ("data-series", line.label),
                                                      ("d", "M" + points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " L")),
                                                      ("fill", "none"), ("stroke", SVGCanvas.ink),
                                                      ("stroke-width", line.isEmphasised ? "3" : "1.1"), ("stroke-linejoin", "round")]
                let dash = line.isEmphasised ? "" : SVGCanvas.lineDashes[index % SVGCanvas.lineDashes.count]
                if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
                if !line.isEmphasised { attributes.append(("stroke-opacity", "0.75")) }
                writer.titled("path", attributes, title: "\(line.label): " + line.values.map { Markup.number($0) }.joined(separator: " → "))
                if let last = points.last {
                    SVGCanvas.marker(&writer, .at(index), x: last.0, y: last.1, size: line.isEmphasised ? 4.5 : 3, filled: line.isEmphasised || index % 2 == 0,
                                     title: nil)
                }
            }
            writer.open("g", [("class", "legend"), ("aria-hidden", "true")])
            for (index, line) in series.enumerated() {
                let left = margin.left + Double(index % legendColumns) * (plotWidth / Double(legendColumns))
                let top = margin.top + plotHeight + margin.bottom + Double(index / legendColumns) * 20
                var attributes: [(String, String)] = [("x1", c(left)), ("x2", c(left + 26)), ("y1", c(top - 4)), ("y2", c(top - 4)),
                                                      ("stroke", SVGCanvas.ink), ("stroke-width", line.isEmphasised ? "3" : "1.1")]
                let dash = line.isEmphasised ? "" : SVGCanvas.lineDashes[index % SVGCanvas.lineDashes.count]
                if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
                writer.element("line", attributes)
                SVGCanvas.marker(&writer, .at(index), x: left + 26, y: top - 4, size: line.isEmphasised ? 4.5 : 3,
                                 filled: line.isEmphasised || index % 2 == 0, title: nil)
                writer.element("text", [("x", c(left + 34)), ("y", c(top)), ("fill", SVGCanvas.ink)],
                               text: SVGCanvas.fitted(line.label, width: plotWidth / Double(legendColumns) - 40))
            }
            writer.close()
        }
    }

    /// The chart in words: what is drawn, and each series' first and last value.
    public var description: String {
        var sentences = ["Line chart" + (about.map { " of \($0)" } ?? "") + " over \(stepCount) \(stepTitle)\(stepCount == 1 ? "" : "s")."]
        for line in series {
            let finite = line.values.filter(\.isFinite)
            guard let first = finite.first, let last = finite.last else { continue }
            sentences.append("\(line.label)\(line.isEmphasised ? " (thick line)" : ""): from \(Markup.number(first)) to \(Markup.number(last)).")
        }
        return sentences.joined(separator: " ")
    }
}
