import Foundation

/// Probability integral transform (PIT) histograms, one small panel per forecaster: the share of
/// forecasts whose observation fell in each tenth of the forecast distribution. A calibrated
/// forecaster's bars are flat at 1/10 (the dashed line); a U shape means intervals too narrow,
/// a hump too wide, a slope a forecast biased low (mass on the right) or high (on the left).
///
/// ```swift
/// PITChart(id: "pit-missiles", target: "missiles", panels: [("model", bins), ("hawkes", hawkesBins)])
/// ```
public struct PITChart: Sendable, Equatable {
    /// The SVG element's `id`, unique in the page.
    public var id: String
    /// What was forecast (`missiles`).
    public var target: String
    /// One panel per forecaster: its name and its histogram's bins (shares summing to 1).
    public var panels: [(name: String, bins: [Double])]

    /// Creates a chart.
    public init(id: String, target: String, panels: [(name: String, bins: [Double])]) {
        self.id = id
        self.target = target
        self.panels = panels
    }

    public static func == (lhs: PITChart, rhs: PITChart) -> Bool {
        lhs.id == rhs.id && lhs.target == rhs.target && lhs.panels.map(\.name) == rhs.panels.map(\.name)
            && lhs.panels.map(\.bins) == rhs.panels.map(\.bins)
    }

    /// The title.
    public var title: String { "PIT histograms, \(target)" }

    /// The chart in words: each forecaster's bins.
    public var description: String {
        var sentences = ["Probability integral transform histograms of \(target), one panel per forecaster, ten bins each; "
            + "a calibrated forecaster's bars lie at 0.1, the dashed line."]
        for panel in panels {
            sentences.append("\(panel.name): " + panel.bins.map { Markup.number($0) }.joined(separator: ", ") + ".")
        }
        return sentences.joined(separator: " ")
    }

    /// The chart as an SVG element.
    public func svg() -> String {
        let columns = 4
        let panelWidth = 220.0, panelHeight = 150.0, gap = 14.0
        let plot = (left: 34.0, right: 8.0, top: 22.0, bottom: 24.0)
        let rows = max(1, (panels.count + columns - 1) / columns)
        let width = Double(columns) * panelWidth + Double(columns - 1) * gap
        let height = Double(rows) * panelHeight + Double(rows - 1) * gap
        let tallest = max(0.3, panels.flatMap(\.bins).filter(\.isFinite).max() ?? 0.3)
        let ticks = Ticks(covering: 0, tallest, count: 3)
        let c = Markup.coordinate
        return SVGCanvas.root(id: id, width: width, height: height, title: title, description: description, className: "pit-chart") { writer in
            for (index, panel) in panels.enumerated() {
                let x0 = Double(index % columns) * (panelWidth + gap), y0 = Double(index / columns) * (panelHeight + gap)
                let left = x0 + plot.left, right = x0 + panelWidth - plot.right
                let top = y0 + plot.top, bottom = y0 + panelHeight - plot.bottom
                let y = LinearScale(lower: ticks.lower, upper: ticks.upper, start: bottom, end: top)
                writer.open("g", [("class", "panel"), ("data-forecaster", panel.name)])
                writer.element("text", [("x", c(left)), ("y", c(y0 + 14)), ("font-weight", "600"), ("fill", SVGCanvas.ink)],
                               text: SVGCanvas.fitted(panel.name, width: right - left))
                writer.open("g", [("aria-hidden", "true")])
                for tick in ticks.labelled {
                    writer.element("line", [("x1", c(left)), ("x2", c(right)), ("y1", c(y(tick.value))), ("y2", c(y(tick.value))),
                                            ("stroke", "#d0d0d0"), ("stroke-width", "0.75")])
                    writer.element("text", [("x", c(left - 4)), ("y", c(y(tick.value) + 4)), ("text-anchor", "end"),
                                            ("fill", SVGCanvas.ink), ("font-size", "10")], text: tick.label)
                }
                writer.element("line", [("x1", c(left)), ("x2", c(right)), ("y1", c(bottom)), ("y2", c(bottom)), ("stroke", SVGCanvas.ink)])
                writer.element("text", [("x", c(left)), ("y", c(bottom + 14)), ("fill", SVGCanvas.ink), ("font-size", "10")], text: "0")
                writer.element("text", [("x", c(right)), ("y", c(bottom + 14)), ("text-anchor", "end"), ("fill", SVGCanvas.ink),
                                        ("font-size", "10")], text: "1")
                writer.close()
                let barWidth = (right - left) / Double(max(1, panel.bins.count))
                for (bin, share) in panel.bins.enumerated() where share.isFinite {
                    let lower = Double(bin) / Double(panel.bins.count), upper = Double(bin + 1) / Double(panel.bins.count)
                    writer.titled("rect", [("class", "bar"), ("x", c(left + Double(bin) * barWidth + 1)), ("y", c(y(share))),
                                           ("width", c(max(1, barWidth - 2))), ("height", c(max(0, bottom - y(share)))),
                                           ("fill", SVGCanvas.bandFills[1]), ("stroke", SVGCanvas.ink), ("stroke-width", "0.8")],
                                  title: "\(panel.name): \(Markup.number(share)) of PIT mass in [\(Markup.number(lower)), \(Markup.number(upper))]")
                }
                let uniform = 1 / Double(max(1, panel.bins.count))
                writer.element("line", [("class", "uniform"), ("x1", c(left)), ("x2", c(right)), ("y1", c(y(uniform))), ("y2", c(y(uniform))),
                                        ("stroke", SVGCanvas.ink), ("stroke-width", "1.2"), ("stroke-dasharray", "5 3"), ("aria-hidden", "true")])
                writer.close()
                writer.newline()
            }
        }
    }
}
