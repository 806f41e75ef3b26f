import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyScenarios
import Testing

/// A shipped scenario, compiled.
func shipped(_ name: String) throws -> Scenario {
    let text = try #require(ShippedScenarios.text(named: name))
    return try ScenarioLoader(shippedScenario: { ShippedScenarios.text(named: $0) }).load(text: text, file: "\(name).yaml")
}

/// An ensemble of a scenario with few runs, parameters drawn under uncertainty.
func runEnsemble(_ scenario: Scenario, runs: Int, seed: UInt64 = 1, policies: [String: String] = [:]) async throws -> EnsembleSummary {
    var configuration = RunConfiguration(scenario: scenario, seed: seed, samplesUncertainParameters: true)
    for (actor, policy) in policies { try configuration.choosePolicy(policy, forActor: actor, in: scenario) }
    return try await Ensemble.run(Simulation(scenario: scenario, configuration: configuration),
                                  options: EnsembleOptions(runs: runs, threads: 2))
}

/// A paired comparison of an actor's policies with few runs.
func runComparison(_ scenario: Scenario, actor: String, policies: [String]? = nil, runs: Int, seed: UInt64 = 1,
                fixing fixed: [String: String] = [:]) async throws -> PolicyComparisonResult {
    var base = RunConfiguration(scenario: scenario, seed: seed, samplesUncertainParameters: true)
    for (other, policy) in fixed { try base.choosePolicy(policy, forActor: other, in: scenario) }
    let arms = try PolicyComparison.arms(of: scenario, actor: actor, policies: policies, base: base)
    return try await PolicyComparison.run(scenario, arms: arms, options: EnsembleOptions(runs: runs, threads: 2))
}

/// One element of a parsed SVG: its name, attributes, text, and the `data-fan` of the panel it is in.
struct ParsedElement {
    var name: String
    var attributes: [String: String]
    var text = ""
    var panel: String?
    var depth: Int
    /// The text of the element's own `<title>` child: its tooltip and accessible name.
    var tooltip: String?
}

/// An SVG parsed with Foundation's XMLParser: failing to parse means the chart is not well-formed XML.
struct ParsedSVG {
    var elements: [ParsedElement]

    init(_ markup: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = collector
        let parsed = parser.parse()
        if !parsed {
            Issue.record("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")", sourceLocation: sourceLocation)
            throw ParseFailure()
        }
        elements = collector.elements
    }

    struct ParseFailure: Error {}

    var root: ParsedElement? { elements.first }

    /// Elements named `name`.
    func all(_ name: String) -> [ParsedElement] { elements.filter { $0.name == name } }

    /// Elements whose `class` attribute contains `className` as a word.
    func classed(_ className: String) -> [ParsedElement] {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains { $0 == className } }
    }

    /// The text of the root's direct `<title>` child.
    var title: String? { elements.first { $0.name == "title" && $0.depth == 1 }?.text }
    /// The text of the root's direct `<desc>` child.
    var desc: String? { elements.first { $0.name == "desc" && $0.depth == 1 }?.text }
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [ParsedElement] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        let panel = attributes["data-fan"] ?? open.last.flatMap { elements[$0].panel }
        elements.append(ParsedElement(name: elementName, attributes: attributes, panel: panel, depth: open.count))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let closed = open.removeLast()
        if elementName == "title", let parent = open.last { elements[parent].tooltip = elements[closed].text }
    }
}

/// Every `<svg …>…</svg>` in a page, in order.
func svgElements(in html: String) -> [String] {
    var result: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        result.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return result
}

/// The points of a path made only of M, L and Z commands with `x,y` pairs.
func pathPoints(_ d: String) -> [(x: Double, y: Double)] {
    d.split(whereSeparator: { $0 == " " || $0 == "M" || $0 == "L" || $0 == "Z" })
        .compactMap { pair -> (Double, Double)? in
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
            return (x, y)
        }
}

/// The attributes that hold numbers or lists of numbers in the charts.
let numericAttributes: Set<String> = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "d", "points",
                                      "viewBox", "stroke-width", "font-size"]

/// Checks that every numeric attribute of every element is made of finite numbers only.
func expectFiniteCoordinates(_ svg: ParsedSVG, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for element in svg.elements {
        for (name, value) in element.attributes where numericAttributes.contains(name) || name == "transform" {
            let lowered = value.lowercased()
            #expect(!lowered.contains("nan") && !lowered.contains("inf"), "\(element.name) \(name)=\"\(value)\"",
                    sourceLocation: sourceLocation)
            guard numericAttributes.contains(name) else { continue }
            let numbers = value.split(whereSeparator: { " ,MLZ".contains($0) }).filter { !$0.isEmpty }
            for number in numbers {
                let parsed = Double(number)
                #expect(parsed?.isFinite == true, "\(element.name) \(name)=\"\(value)\"", sourceLocation: sourceLocation)
            }
        }
    }
}

/// Checks the accessibility contract of a chart: `role="img"`, labelled by its own title and desc.
func expectAccessibleChart(_ svg: ParsedSVG, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let root = svg.root else {
        Issue.record("empty SVG", sourceLocation: sourceLocation)
        return
    }
    #expect(root.name == "svg", sourceLocation: sourceLocation)
    #expect(root.attributes["role"] == "img", sourceLocation: sourceLocation)
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
    let labelledBy = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
    let ids = Set(svg.elements.compactMap { $0.attributes["id"] })
    #expect(labelledBy.count == 2 && labelledBy.allSatisfy(ids.contains), sourceLocation: sourceLocation)
    #expect(svg.title?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(svg.desc?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(Double(root.attributes["width"] ?? "") ?? 0 > 0, sourceLocation: sourceLocation)
    #expect(Double(root.attributes["height"] ?? "") ?? 0 > 0, sourceLocation: sourceLocation)
}

/// A name full of characters that must be escaped in HTML and XML.
let hostileName = "a<b & \"c\" 'd'>"
