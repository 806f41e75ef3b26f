import Foundation
@testable import ParleyAnalysis
import ParleyNumerics
import ParleyReport
import Testing

@Suite struct ComparisonChartTests {
    func prisonersDilemmaComparison() async throws -> PolicyComparisonResult {
        try await runComparison(try shipped("prisoners-dilemma"), actor: "row",
                             policies: ["tit_for_tat", "always_defect", "generous_tit_for_tat"], runs: 60,
                             fixing: ["column": "random"])
    }

    @Test func eachPolicyGetsARowWithItsSpreadAndEachOtherItsDifference() async throws {
        let result = try await prisonersDilemmaComparison()
        for metric in result.metrics {
            let chart = ComparisonChart(id: "c", comparison: metric, runs: result.runs)
            let svg = try ParsedSVG(chart.svg())
            expectAccessibleChart(svg)
            expectFiniteCoordinates(svg)
            let rows = svg.classed("row")
            #expect(rows.map { $0.attributes["data-arm"] ?? "" } == result.arms)
            #expect(svg.classed("zero-line").count == 1)
            // Two whiskers (spread, CI) for every arm but the reference, which has only its spread.
            #expect(svg.classed("whisker").count == 2 * result.arms.count - 1)
            let differenceMarkers = svg.classed("differs") + svg.classed("overlaps-zero")
            #expect(differenceMarkers.count == result.arms.count - 1)
            for outcome in metric.outcomes.dropFirst() {
                let interval = try #require(outcome.differenceInterval)
                let marker = try #require(differenceMarkers.first { $0.tooltip?.hasPrefix("\(outcome.arm) −") == true })
                #expect((marker.attributes["class"] == "marker differs") == !interval.contains(0))
                #expect((marker.attributes["fill"] == "#ffffff") == interval.contains(0))
            }
            #expect(svg.desc?.contains(result.arms[0]) == true)
        }
    }

    @Test func theZeroLineSitsAtZeroOnTheDifferenceAxis() async throws {
        let result = try await prisonersDilemmaComparison()
        let metric = try #require(result.metrics.first { $0.metric == "row_score_per_round" })
        let svg = try ParsedSVG(ComparisonChart(id: "c", comparison: metric, runs: result.runs).svg())
        let zero = try #require(svg.classed("zero-line").first?.attributes["x1"])
        let zeroTick = svg.elements.filter { $0.name == "text" && $0.text == "0" }
        #expect(zeroTick.contains { $0.attributes["x"] == zero })
    }

    @Test func armAndMetricNamesAreEscaped() throws {
        let metric = MetricComparison(metric: hostileName, unit: hostileName, outcomes: [
            ArmOutcome(arm: hostileName, mean: 1, lower: 0, upper: 2, difference: nil, differenceInterval: nil),
            ArmOutcome(arm: "b", mean: 2, lower: 1, upper: 3, difference: 1,
                       differenceInterval: ConfidenceInterval(lower: 0.5, upper: 1.5, level: 0.95)),
        ])
        let markup = ComparisonChart(id: "c", comparison: metric, runs: 2).svg()
        #expect(!markup.contains(hostileName))
        let svg = try ParsedSVG(markup)
        #expect(svg.classed("row").first?.attributes["data-arm"] == hostileName)
        #expect(svg.title?.contains(hostileName) == true)
    }

    @Test func missingAndNonFiniteValuesLeaveNoNaNInTheDrawing() throws {
        let metric = MetricComparison(metric: "m", unit: nil, outcomes: [
            ArmOutcome(arm: "a", mean: .nan, lower: .nan, upper: .nan, difference: nil, differenceInterval: nil),
            ArmOutcome(arm: "b", mean: .infinity, lower: 1, upper: 3, difference: .nan,
                       differenceInterval: ConfidenceInterval(lower: .nan, upper: .nan, level: 0.95)),
        ])
        expectFiniteCoordinates(try ParsedSVG(ComparisonChart(id: "c", comparison: metric, runs: 1).svg()))
    }
}

@Suite struct TornadoChartTests {
    let bars = [
        SensitivityBar(name: "verify_freeze", value: 0.12, lower: 0.05, upper: 0.2),
        SensitivityBar(name: "sanctions_bite", value: -0.4, lower: -0.55, upper: -0.3),
        SensitivityBar(name: "warhead_rate", value: 0.31, lower: 0.24, upper: 0.38),
        SensitivityBar(name: hostileName, value: 0.01, lower: -0.02, upper: 0.05),
    ]

    @Test func barsAreDrawnLargestEffectFirst() throws {
        let chart = TornadoChart(id: "t", title: "Sensitivity of warheads", measure: "total Sobol index", bars: bars)
        #expect(chart.sortedBars.map(\.name) == ["sanctions_bite", "warhead_rate", "verify_freeze", hostileName])
        let svg = try ParsedSVG(chart.svg())
        expectAccessibleChart(svg)
        expectFiniteCoordinates(svg)
        #expect(svg.classed("row").map { $0.attributes["data-factor"] ?? "" } == chart.sortedBars.map(\.name))
        #expect(svg.classed("bar").count == 4 && svg.classed("whisker").count == 4)
        #expect(svg.classed("baseline").count == 1)
    }

    @Test func aBarSpansFromTheBaselineToItsValue() throws {
        let chart = TornadoChart(id: "t", title: "t", measure: "effect", bars: [
            SensitivityBar(name: "up", value: 2, lower: 1, upper: 3, unit: "warheads"),
            SensitivityBar(name: "down", value: -1, lower: -2, upper: 0, unit: "warheads"),
        ])
        let svg = try ParsedSVG(chart.svg())
        let baseline = try #require(Double(svg.classed("baseline").first?.attributes["x1"] ?? ""))
        let rects = svg.classed("bar")
        let up = try #require(rects.first), down = try #require(rects.last)
        #expect(Double(up.attributes["x"] ?? "") == baseline)
        #expect(abs(Double(down.attributes["x"] ?? "")! + Double(down.attributes["width"] ?? "")! - baseline) < 0.02)
        // A shared unit goes on the axis.
        #expect(svg.elements.contains { $0.name == "text" && $0.text == "effect (warheads)" })
    }

    @Test func anEmptyOrNonFiniteInputStillDrawsAFiniteChart() throws {
        expectFiniteCoordinates(try ParsedSVG(TornadoChart(id: "t", title: "t", measure: "m", bars: []).svg()))
        let nan = SensitivityBar(name: "n", value: .nan, lower: .nan, upper: .infinity)
        expectFiniteCoordinates(try ParsedSVG(TornadoChart(id: "t", title: "t", measure: "m", bars: [nan]).svg()))
    }
}
