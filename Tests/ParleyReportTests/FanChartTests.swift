import Foundation
import ParleyEngine
import ParleyNumerics
import ParleyReport
import Testing

@Suite struct FanChartTests {
    /// The calibrated korea-2021 ensemble's series metrics, 60 runs under uncertainty.
    func koreaSeries() async throws -> EnsembleSummary {
        try await runEnsemble(try shipped("korea-2021"), runs: 60, policies: ["us": "calibrated"])
    }

    func chart(_ summary: EnsembleSummary, metric: String, labels: [String] = ["calibrated"]) throws -> FanChart {
        let series = try #require(summary.metrics.first { $0.name == metric })
        return FanChart(id: "fan", metric: metric, unit: series.unit, stepLabels: summary.stepLabels, timeAxisTitle: "month",
                        fans: labels.map { Fan(label: $0, series: series.series) })
    }

    @Test func quantileBandsNestAtEveryStepOfAKnownEnsemble() async throws {
        let summary = try await koreaSeries()
        let series = summary.metrics.filter { $0.kind == .series }
        #expect(series.count >= 2)
        for metric in series {
            let fan = Fan(label: metric.name, series: metric.series)
            #expect(fan.steps.count == summary.stepLabels.count)
            for step in fan.steps {
                #expect(step.isFinite)
                let ordered = [step.lower95, step.lower80, step.lower50, step.median, step.upper50, step.upper80, step.upper95]
                #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0 <= $1 }, "\(metric.name): \(ordered)")
            }
        }
    }

    @Test func drawnBandsNestTooNinetyFiveAroundEightyAroundFifty() async throws {
        let summary = try await koreaSeries()
        let svg = try ParsedSVG(try chart(summary, metric: "warheads_series").svg())
        let bands = Dictionary(uniqueKeysWithValues: svg.classed("band").map { ($0.attributes["data-band"] ?? "", pathPoints($0.attributes["d"] ?? "")) })
        let (p95, p80, p50) = (try #require(bands["95"]), try #require(bands["80"]), try #require(bands["50"]))
        let steps = summary.stepLabels.count
        #expect(p95.count == 2 * steps && p80.count == 2 * steps && p50.count == 2 * steps)
        let median = pathPoints(try #require(svg.classed("median").first?.attributes["d"]))
        #expect(median.count == steps)
        // Upper edges run forward, lower edges backward; SVG's y grows downwards.
        for i in 0..<steps {
            let lower = 2 * steps - 1 - i
            #expect(p95[i].x == p50[i].x && p95[lower].x == p95[i].x)
            #expect(p95[i].y <= p80[i].y + 0.01 && p80[i].y <= p50[i].y + 0.01)
            #expect(p50[lower].y <= p80[lower].y + 0.01 && p80[lower].y <= p95[lower].y + 0.01)
            #expect(p50[i].y <= median[i].y + 0.01 && median[i].y <= p50[lower].y + 0.01)
        }
    }

    @Test func aFanChartIsAccessibleWellFormedSVGWithFiniteCoordinates() async throws {
        let summary = try await koreaSeries()
        for metric in summary.metrics where metric.kind == .series {
            let chart = try chart(summary, metric: metric.name)
            let svg = try ParsedSVG(chart.svg())
            expectAccessibleChart(svg)
            expectFiniteCoordinates(svg)
            #expect(svg.title == chart.title)
            #expect(svg.desc?.contains("median") == true)
            #expect(svg.classed("band").count == 3)
            #expect(svg.classed("band").allSatisfy { $0.tooltip?.contains("% of runs") == true })
            #expect(svg.classed("median").allSatisfy { $0.tooltip?.hasSuffix("median") == true })
            // The time axis is labelled with the steps' dates, a year apart.
            let labels = Set(svg.elements.filter { $0.name == "text" }.map(\.text))
            #expect(labels.isSuperset(of: ["2021-05", "2022-05", "2023-05", "2024-05", "month"]))
        }
    }

    @Test func severalArmsBecomeSmallMultiplesAndAnOverlayOfMediansInDistinctLineStyles() async throws {
        let summary = try await koreaSeries()
        let svg = try ParsedSVG(try chart(summary, metric: "tension_series", labels: ["one", "two", "three"]).svg())
        #expect(svg.classed("panel").count == 4)
        #expect(svg.classed("overlay").count == 1)
        #expect(svg.classed("band").count == 9)
        let overlaid = svg.classed("median").filter { $0.attributes["stroke-dasharray"] != nil || $0.attributes["data-fan"] != nil }
        let styles = Set(overlaid.filter { $0.attributes["data-fan"] != nil }.map { $0.attributes["stroke-dasharray"] ?? "solid" })
        #expect(styles.count == 3)
    }

    @Test func namesAreEscapedAndSurviveParsing() throws {
        var summary = StreamingSummary()
        for x in [1.0, 2, 3, 4, 5] { summary.add(x) }
        let chart = FanChart(id: "fan", metric: hostileName, unit: hostileName, about: hostileName,
                             stepLabels: [hostileName, "b"], fans: [Fan(label: hostileName, series: [summary, summary])])
        let markup = chart.svg()
        #expect(!markup.contains(hostileName))
        let svg = try ParsedSVG(markup)
        #expect(svg.title?.contains(hostileName) == true)
        #expect(svg.classed("panel").first?.attributes["data-fan"] == hostileName)
    }

    @Test func emptyAndSingleStepSeriesStillDrawFiniteCharts() throws {
        let empty = FanChart(id: "empty", metric: "m", stepLabels: ["s0", "s1"],
                             fans: [Fan(label: "none", series: [StreamingSummary(), StreamingSummary()])])
        let emptySVG = try ParsedSVG(empty.svg())
        expectFiniteCoordinates(emptySVG)
        #expect(emptySVG.classed("band").isEmpty)
        var one = StreamingSummary()
        one.add(3)
        let single = FanChart(id: "single", metric: "m", stepLabels: ["s0"], fans: [Fan(label: "a", series: [one])])
        let singleSVG = try ParsedSVG(single.svg())
        expectFiniteCoordinates(singleSVG)
        #expect(singleSVG.classed("band").count == 3)
    }
}
