import Foundation

/// Drawing primitives shared by the charts: the accessible `<svg>` root, axes, markers and
/// line styles. Shapes and dash patterns, not colour alone, tell series apart, so every chart
/// reads in black-and-white print.
enum SVGCanvas {
    /// The font size of tick labels and legends, in SVG units.
    static let fontSize = 12.0
    /// Roughly how wide a character of the chart font is, for laying out labels without metrics.
    static let characterWidth = 6.6

    /// The ink of axes, medians and markers.
    static let ink = "#1a1a1a"
    /// Fills of the 95%, 80% and 50% bands: one hue, luminance falling, so that they stay
    /// distinct when printed in grey.
    static let bandFills = ["#dce7f3", "#a8c3e2", "#5f8cc4"]
    /// The dash pattern of each band's edges (95% dotted, 80% dashed, 50% solid).
    static let bandDashes = ["1.5 2.5", "5 3", ""]
    /// Dash patterns that tell series apart in black and white, in order of use.
    static let lineDashes = ["", "7 4", "2 3", "10 3 2 3", "14 4 4 4", "3 6"]

    /// A complete `<svg>` element: `role="img"`, labelled by its `<title>` and described by its
    /// `<desc>`, sized by `width` × `height` and a matching `viewBox`.
    static func root(
        id: String, width: Double, height: Double, title: String, description: String, className: String,
        body: (inout MarkupWriter) -> Void
    ) -> String {
        var writer = MarkupWriter()
        writer.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "chart " + className),
            ("width", Markup.coordinate(width)), ("height", Markup.coordinate(height)),
            ("viewBox", "0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))"),
            ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"),
            ("font-size", Markup.coordinate(fontSize)),
        ])
        writer.element("title", [("id", "\(id)-title")], text: title)
        writer.element("desc", [("id", "\(id)-desc")], text: description)
        writer.newline()
        body(&writer)
        writer.close()
        return writer.text
    }

    /// A horizontal axis at `y` across `scale`'s range: a baseline, ticks, labels and a title.
    static func horizontalAxis(
        _ writer: inout MarkupWriter, scale: LinearScale, y: Double, ticks: [(value: Double, label: String)],
        title: String?, gridTop: Double? = nil
    ) {
        writer.open("g", [("class", "axis x-axis"), ("aria-hidden", "true")])
        if let gridTop {
            for tick in ticks {
                let x = Markup.coordinate(scale(tick.value))
                writer.element("line", [("x1", x), ("x2", x), ("y1", Markup.coordinate(gridTop)), ("y2", Markup.coordinate(y)),
                                        ("stroke", "#d0d0d0"), ("stroke-width", "0.75")])
            }
        }
        writer.element("line", [("x1", Markup.coordinate(scale.start)), ("x2", Markup.coordinate(scale.end)),
                                ("y1", Markup.coordinate(y)), ("y2", Markup.coordinate(y)), ("stroke", ink)])
        for tick in ticks {
            let x = Markup.coordinate(scale(tick.value))
            writer.element("line", [("x1", x), ("x2", x), ("y1", Markup.coordinate(y)), ("y2", Markup.coordinate(y + 5)),
                                    ("stroke", ink)])
            writer.element("text", [("x", x), ("y", Markup.coordinate(y + 17)), ("text-anchor", "middle"), ("fill", ink)],
                           text: tick.label)
        }
        if let title {
            writer.element("text", [("x", Markup.coordinate((scale.start + scale.end) / 2)), ("y", Markup.coordinate(y + 33)),
                                    ("text-anchor", "middle"), ("fill", ink), ("font-style", "italic")], text: title)
        }
        writer.close()
    }

    /// A vertical axis at `x` along `scale`'s range, with light grid lines across to `gridRight`.
    static func verticalAxis(
        _ writer: inout MarkupWriter, scale: LinearScale, x: Double, ticks: [(value: Double, label: String)],
        gridRight: Double?
    ) {
        writer.open("g", [("class", "axis y-axis"), ("aria-hidden", "true")])
        for tick in ticks {
            let y = Markup.coordinate(scale(tick.value))
            if let gridRight {
                writer.element("line", [("x1", Markup.coordinate(x)), ("x2", Markup.coordinate(gridRight)), ("y1", y), ("y2", y),
                                        ("stroke", "#d0d0d0"), ("stroke-width", "0.75")])
            }
            writer.element("line", [("x1", Markup.coordinate(x - 5)), ("x2", Markup.coordinate(x)), ("y1", y), ("y2", y),
                                    ("stroke", ink)])
            writer.element("text", [("x", Markup.coordinate(x - 8)), ("y", Markup.coordinate(scale(tick.value) + 4)),
                                    ("text-anchor", "end"), ("fill", ink)], text: tick.label)
        }
        writer.element("line", [("x1", Markup.coordinate(x)), ("x2", Markup.coordinate(x)),
                                ("y1", Markup.coordinate(scale.start)), ("y2", Markup.coordinate(scale.end)), ("stroke", ink)])
        writer.close()
    }

    /// A rotated axis title, centred on `y`, reading bottom to top.
    static func verticalTitle(_ writer: inout MarkupWriter, _ title: String, x: Double, y: Double) {
        writer.element("text", [("x", "0"), ("y", "0"), ("text-anchor", "middle"), ("fill", ink), ("font-style", "italic"),
                                ("transform", "translate(\(Markup.coordinate(x)) \(Markup.coordinate(y))) rotate(-90)")],
                       text: title)
    }

    /// The marker shapes, in order of use: each series or policy gets its own.
    enum Marker: CaseIterable {
        case circle, square, diamond, triangleUp, triangleDown, hexagon

        /// The marker of the `index`-th series.
        static func at(_ index: Int) -> Marker { allCases[index % allCases.count] }
    }

    /// A marker of `shape` centred at (`x`, `y`), filled or hollow, with a tooltip title.
    static func marker(
        _ writer: inout MarkupWriter, _ shape: Marker, x: Double, y: Double, size: Double = 4.5, filled: Bool,
        title: String?, className: String = "marker"
    ) {
        let fill = filled ? ink : "#ffffff"
        let style: [(String, String)] = [("class", className), ("fill", fill), ("stroke", ink), ("stroke-width", "1.5")]
        let c = Markup.coordinate
        let shapeElement: (name: String, attributes: [(String, String)])
        switch shape {
        case .circle:
            shapeElement = ("circle", [("cx", c(x)), ("cy", c(y)), ("r", c(size))])
        case .square:
            let side = size * 1.7
            shapeElement = ("rect", [("x", c(x - side / 2)), ("y", c(y - side / 2)), ("width", c(side)), ("height", c(side))])
        case .diamond:
            let r = size * 1.3
            shapeElement = ("path", [("d", "M\(c(x)),\(c(y - r)) L\(c(x + r)),\(c(y)) L\(c(x)),\(c(y + r)) L\(c(x - r)),\(c(y)) Z")])
        case .triangleUp, .triangleDown:
            let r = size * 1.3
            let sign = shape == .triangleUp ? 1.0 : -1.0
            shapeElement = ("path", [("d", "M\(c(x)),\(c(y - sign * r)) L\(c(x + r)),\(c(y + sign * r * 0.8)) L\(c(x - r)),\(c(y + sign * r * 0.8)) Z")])
        case .hexagon:
            let r = size * 1.2
            let points = (0..<6).map { k -> String in
                let angle = Double(k) * Double.pi / 3
                return "\(c(x + r * cos(angle))),\(c(y + r * sin(angle)))"
            }
            shapeElement = ("polygon", [("points", points.joined(separator: " "))])
        }
        if let title {
            writer.titled(shapeElement.name, shapeElement.attributes + style, title: title)
        } else {
            writer.element(shapeElement.name, shapeElement.attributes + style)
        }
    }

    /// A whisker from `from` to `to` at height `y`, with end caps of half-height `cap`.
    static func whisker(_ writer: inout MarkupWriter, from: Double, to: Double, y: Double, cap: Double, width: Double = 1.5,
                        title: String?) {
        let c = Markup.coordinate
        let d = "M\(c(from)),\(c(y)) L\(c(to)),\(c(y)) M\(c(from)),\(c(y - cap)) L\(c(from)),\(c(y + cap)) "
            + "M\(c(to)),\(c(y - cap)) L\(c(to)),\(c(y + cap))"
        let attributes: [(String, String)] = [("class", "whisker"), ("d", d), ("fill", "none"), ("stroke", ink),
                                              ("stroke-width", c(width))]
        if let title { writer.titled("path", attributes, title: title) } else { writer.element("path", attributes) }
    }

    /// `text` cut to about `width` SVG units, with an ellipsis when shortened.
    static func fitted(_ text: String, width: Double) -> String {
        let limit = max(4, Int(width / characterWidth))
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
