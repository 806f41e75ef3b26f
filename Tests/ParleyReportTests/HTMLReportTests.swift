import Foundation
import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyReport
import Testing

/// The korea-2021 inputs, computed once for every test that needs them: the calibrated
/// ensemble, a comparison of the US policies, the claims, and made-up sensitivity bars.
struct KoreaInputs: Sendable {
    var scenario: Scenario
    var ensemble: EnsembleSummary
    var comparison: PolicyComparisonResult
    var claims: [ClaimVerdict]
    var bars: [SensitivityBar]

    static let shared = Task<KoreaInputs, any Error> {
        let scenario = try shipped("korea-2021")
        let summary = try await runEnsemble(scenario, runs: 40, policies: ["us": "calibrated"])
        let compared = try await runComparison(scenario, actor: "us", runs: 30)
        let base = RunConfiguration(scenario: scenario, seed: 1, samplesUncertainParameters: true)
        let claims = try await ClaimEvaluation.evaluate(scenario, base: base, options: EnsembleOptions(runs: 12, threads: 2))
        let bars = scenario.parameters.prefix(6).enumerated().map { index, parameter in
            SensitivityBar(name: parameter.name, value: Double(index) - 2, lower: Double(index) - 2.5, upper: Double(index) - 1.5,
                           unit: "warheads")
        }
        return KoreaInputs(scenario: scenario, ensemble: summary, comparison: compared, claims: claims, bars: bars)
    }

    static let command = HTMLReport.commandLine(["parley", "compare", "korea-2021", "--runs", "30", "--report", "r&d <1>.html"])

    func report(title: String = "korea-2021: the US policies compared") -> HTMLReport {
        var report = HTMLReport(title: title, scenario: scenario, command: Self.command, seed: 1)
        report.addEnsemble(ensemble, label: "calibrated")
        report.addComparison(comparison)
        report.addSensitivity(bars, title: "Sensitivity of warheads_jan_2025", measure: "change in warheads",
                              method: "Made-up bars for the test.")
        report.addClaims(claims, runs: 12)
        return report
    }
}

/// The text of the `<section id="id">` of a page, if there is one.
func section(_ id: String, of html: String) -> String? {
    guard let start = html.range(of: "<section id=\"\(id)\"") else { return nil }
    guard let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return nil }
    return String(html[start.lowerBound..<end.upperBound])
}

/// Every `id="…"` value in a page.
func identifiers(in html: String) -> [String] {
    html.components(separatedBy: " id=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
}

func occurrences(of needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

@Suite struct HTMLReportTests {
    @Test func theReportIsOneSelfContainedHTMLDocument() async throws {
        let html = try await KoreaInputs.shared.value.report().render()
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</html>\n"))
        for forbidden in ["<script", "<link", " src=", "url(", "@import", "https://", "<iframe", "<img"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The only absolute URL is SVG's namespace name, which is never fetched.
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://") == false)
    }

    @Test func everySectionAskedForIsThereAndListedInTheContents() async throws {
        let html = try await KoreaInputs.shared.value.report().render()
        let nav = try #require(html.range(of: "<nav").flatMap { start in html.range(of: "</nav>").map { html[start.lowerBound..<$0.upperBound] } })
        for id in ["reproduce", "series", "metrics", "comparison", "sensitivity", "claims", "parameters"] {
            #expect(section(id, of: html) != nil, "section \(id)")
            #expect(nav.contains("href=\"#\(id)\""), "contents entry \(id)")
            #expect(html.contains("<h2 id=\"\(id)-heading\">"))
        }
        // Every link of the contents points at an element of the page.
        let ids = Set(identifiers(in: html))
        let targets = nav.components(separatedBy: "href=\"#").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(!targets.isEmpty && targets.allSatisfy(ids.contains))
    }

    @Test func theCommandAndSeedToReproduceAreShownEscaped() async throws {
        let html = try await KoreaInputs.shared.value.report().render()
        let reproduce = try #require(section("reproduce", of: html))
        #expect(reproduce.contains("<code>parley compare korea-2021 --runs 30 --report &#39;r&amp;d &lt;1&gt;.html&#39;</code>"))
        #expect(reproduce.contains("Seed: <code>1</code>"))
    }

    @Test func everyChartIsWellFormedAccessibleAndFinite() async throws {
        let html = try await KoreaInputs.shared.value.report().render()
        let charts = svgElements(in: html)
        #expect(charts.count > 10)
        for chart in charts {
            let svg = try ParsedSVG(chart)
            expectAccessibleChart(svg)
            expectFiniteCoordinates(svg)
            #expect(svg.elements.count > 20, "a chart with shapes")
        }
    }

    @Test func theNumberOfChartsFollowsFromTheInputs() async throws {
        let inputs = try await KoreaInputs.shared.value
        let html = inputs.report().render()
        let series = inputs.scenario.metrics.filter { $0.kind == .series }.count
        let others = inputs.scenario.metrics.count - series
        let periodic = inputs.scenario.metrics.filter { $0.periods != nil }.count
        #expect(series == 7 && others == 26 && periodic == 5, "korea-2021's metrics changed: update this golden count")
        // Series fans of the ensemble, its per-period fans, series fans by policy, one comparison chart per other
        // metric, one tornado.
        #expect(occurrences(of: "<svg ", in: html) == series + periodic + series + others + 1)
        #expect(occurrences(of: "class=\"chart fan-chart\"", in: html) == 2 * series + periodic)
        #expect(occurrences(of: "class=\"chart comparison-chart\"", in: html) == others)
        #expect(occurrences(of: "class=\"chart tornado-chart\"", in: html) == 1)
        #expect(occurrences(of: "<figure ", in: html) == occurrences(of: "<svg ", in: html))
        // A fan chart of the five US policies: five panels and the overlay.
        let comparisonSection = try #require(section("comparison", of: html))
        let firstFan = try ParsedSVG(try #require(svgElements(in: comparisonSection).first))
        #expect(firstFan.classed("panel").count == inputs.comparison.arms.count + 1)
    }

    @Test func anEnsembleAloneGivesOneFanPerSeriesMetricAndNoEmptySections() async throws {
        let scenario = try shipped("richardson")
        var report = HTMLReport(title: "Richardson", scenario: scenario, command: "parley run richardson", seed: 7)
        report.addEnsemble(try await runEnsemble(scenario, runs: 20, seed: 7), label: "default")
        let html = report.render()
        #expect(occurrences(of: "<svg ", in: html) == 1)
        #expect(occurrences(of: "<section ", in: html) == 4)
        for id in ["reproduce", "series", "metrics", "parameters"] { #expect(section(id, of: html) != nil) }
        for id in ["comparison", "sensitivity", "claims"] { #expect(section(id, of: html) == nil) }
        let svg = try ParsedSVG(try #require(svgElements(in: html).first))
        #expect(svg.title == "total_arms over time (arms)")
        #expect(svg.classed("panel").count == 1 && svg.classed("overlay").isEmpty)
    }

    @Test func theParameterTableHasARowPerParameterWithDistributionUnitAndSource() async throws {
        let scenario = try shipped("richardson")
        let html = HTMLReport(title: "Richardson", scenario: scenario, command: "parley run", seed: 1).render()
        let table = try #require(section("parameters", of: html))
        #expect(occurrences(of: "<tr>", in: table) == scenario.parameters.count + 1)
        for parameter in scenario.parameters {
            #expect(table.contains("<code>\(parameter.name)</code>"))
            if let distribution = parameter.distribution { #expect(table.contains("<code>\(distribution.description)</code>")) }
            if let source = parameter.provenance.source { #expect(table.contains(Markup.escape(source))) }
        }
        #expect(table.contains("uniform(1, 3)") && table.contains("1/year") && table.contains("arms/sqrt(year)"))
    }

    @Test func theClaimsTableHasARowPerVerdictInWords() async throws {
        let inputs = try await KoreaInputs.shared.value
        let table = try #require(section("claims", of: inputs.report().render()))
        #expect(occurrences(of: "<tr>", in: table) == inputs.claims.count + 1)
        for verdict in inputs.claims {
            #expect(table.contains("<code>\(verdict.claim)</code>"))
            #expect(table.contains("verdict-\(verdict.verdict.rawValue)"))
        }
    }

    @Test func identifiersAreUniqueAcrossThePage() async throws {
        let ids = identifiers(in: try await KoreaInputs.shared.value.report().render())
        #expect(Set(ids).count == ids.count)
    }

    @Test func renderingIsDeterministic() async throws {
        let report = try await KoreaInputs.shared.value.report()
        #expect(report.render() == report.render())
    }

    @Test func everyNameIsEscapedWhereverItAppears() async throws {
        let inputs = try await KoreaInputs.shared.value
        var report = HTMLReport(title: hostileName, scenario: inputs.scenario, command: hostileName, seed: 1)
        report.addEnsemble(inputs.ensemble, label: hostileName)
        report.addSensitivity([SensitivityBar(name: hostileName, value: 1, lower: 0, upper: 2, unit: hostileName)],
                              title: hostileName, measure: hostileName, method: hostileName)
        let html = report.render()
        #expect(!html.contains(hostileName))
        #expect(html.contains("<title>\(Markup.escape(hostileName))</title>"))
        for chart in svgElements(in: html) { _ = try ParsedSVG(chart) }
    }

    @Test func writingReplacesTheFileWithTheRenderedReport() async throws {
        let report = try await KoreaInputs.shared.value.report()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.html")
        try "old".write(to: file, atomically: true, encoding: .utf8)
        try report.write(to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == report.render())
    }
}
