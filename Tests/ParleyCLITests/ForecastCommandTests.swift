import Foundation
import Testing

/// `parley forecast` and the parameter mode (`--central` against the default of drawing).
@Suite struct ForecastCommandTests {
    let counting = """
        parley: 1
        name: Counting
        clock: { start: 2021-05, end: 2023-03, step: month }
        parameters:
          step_size: { value: 1, dist: "uniform(0.5, 1.5)", source: assumption }
        state:
          x: { init: 0, source: assumption }
        dynamics:
          x: "x + step_size"
        metrics:
          total: { sum: "x", per: year, unit: things }
          last: { final: "x", per: quarter }
          plain: "x"
        """

    @Test func forecastCSVIsLongFormWithTheExactHeader() throws {
        let directory = try folder(with: ["c.yaml": counting])
        let result = try parley("forecast", "c.yaml", "--runs", "3", "--format", "csv", "--quiet", in: directory)
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "run,period,metric,value")
        // 3 runs × (3 years + 8 quarters)
        #expect(lines.count == 1 + 3 * 11)
        #expect(lines[1].hasPrefix("0,2021,total,"))
        #expect(lines.contains { $0.hasPrefix("2,2023-Q1,last,") })
        #expect(!lines.contains { $0.contains(",plain,") })
    }

    @Test func forecastCSVWithCentralValuesHasTheExactSums() throws {
        let directory = try folder(with: ["c.yaml": counting])
        let result = try parley("forecast", "c.yaml", "--runs", "1", "--central", "--format", "csv", "--quiet", in: directory)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(Array(lines[1...3]) == ["0,2021,total,36", "0,2022,total,174", "0,2023,total,43"])
    }

    @Test func forecastTableMarksPartialPeriods() throws {
        let directory = try folder(with: ["c.yaml": counting])
        let result = try parley("forecast", "c.yaml", "--runs", "20", "--quiet", in: directory)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("total   2021 (partial)"))
        #expect(result.standardOutput.contains("50% interval"))
        #expect(result.standardOutput.contains("80% interval"))
        #expect(result.standardOutput.contains("parameters: drawn per run"))
    }

    @Test func forecastJSONGivesEveryPeriodWithItsIntervals() throws {
        let directory = try folder(with: ["c.yaml": counting])
        let result = try parley("forecast", "c.yaml", "--runs", "50", "--format", "json", "--quiet", in: directory)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let metrics = try #require(document["metrics"] as? [[String: Any]])
        #expect(metrics.compactMap { $0["name"] as? String } == ["total", "last"])
        let periods = try #require(metrics[0]["periods"] as? [[String: Any]])
        #expect(periods.compactMap { $0["period"] as? String } == ["2021", "2022", "2023"])
        #expect(periods.compactMap { $0["partial"] as? Bool } == [true, false, true])
        #expect((periods[1]["central80"] as? [Double])?.count == 2)
        #expect(document["parameters"] as? String == "drawn")
    }

    @Test func forecastOfTheDefaultScenarioGivesTheFivePerYearMetrics() throws {
        let result = try parley("forecast", "--runs", "4", "--format", "csv", "--quiet")
        #expect(result.status == 0)
        let metrics = Set(result.standardOutput.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").dropFirst(2).first })
        #expect(metrics == ["launch_months", "missiles", "long_range_launch_months", "nuclear_tests", "warheads"])
        #expect(result.standardOutput.contains("\n0,2021,missiles,"))
        #expect(result.standardOutput.contains("\n3,2024,warheads,"))
    }

    @Test func forecastOutputDoesNotDependOnThreads() throws {
        let arguments = ["forecast", "--runs", "200", "--format", "csv", "--quiet"]
        let one = try parleyArguments(arguments + ["--threads", "1"])
        let two = try parleyArguments(arguments + ["--threads", "2"])
        #expect(one.status == 0)
        #expect(one.standardOutput == two.standardOutput)
    }

    @Test func forecastOfAScenarioWithoutPeriodsExits65WithAHint() throws {
        let result = try parley("forecast", "richardson", "--runs", "2", "--quiet")
        #expect(result.status == 65)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("has no metric aggregated per period"))
        #expect(result.standardError.contains("hint: declare one with per:"))
    }

    @Test func forecastReportDrawsAFanChartPerPeriodMetric() throws {
        let directory = try folder(with: ["c.yaml": counting])
        let result = try parley("forecast", "c.yaml", "--runs", "20", "--quiet", "--report", "f.html", in: directory)
        #expect(result.status == 0)
        let html = try String(contentsOf: directory.appendingPathComponent("f.html"), encoding: .utf8)
        #expect(html.contains("By period"))
        #expect(html.contains("id=\"period-0-total\""))
        #expect(html.contains("id=\"period-1-last\""))
    }
}

/// Uncertain parameters are drawn by default; `--central` holds them at their values.
@Suite struct ParameterModeTests {
    let scenario = """
        parley: 1
        name: Drawn
        clock: { steps: 1 }
        parameters:
          rate: { value: 2, dist: "uniform(1, 3)", source: assumption }
        metrics:
          rate: "rate"
        """

    @Test func runDrawsUncertainParametersByDefault() throws {
        let directory = try folder(with: ["d.yaml": scenario])
        let result = try parley("run", "d.yaml", "--runs", "50", "--format", "csv", "--quiet", in: directory)
        let row = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("rate,") })
        let cells = row.split(separator: ",")
        #expect(cells[2] != "0")  // the sd
        #expect(result.status == 0)
    }

    @Test func centralHoldsEveryParameterAtItsValue() throws {
        let directory = try folder(with: ["d.yaml": scenario])
        let result = try parley("run", "d.yaml", "--runs", "50", "--central", "--format", "csv", "--quiet", in: directory)
        #expect(result.standardOutput.contains("\nrate,2,0,2,2,2,2,2,\n"))
    }

    @Test func theTableSaysWhichModeItsNumbersComeFrom() throws {
        let directory = try folder(with: ["d.yaml": scenario])
        let drawn = try parley("run", "d.yaml", "--runs", "5", "--quiet", in: directory)
        let central = try parley("run", "d.yaml", "--runs", "5", "--central", "--quiet", in: directory)
        #expect(drawn.standardOutput.contains("parameters: drawn per run from their distributions"))
        #expect(central.standardOutput.contains("parameters: central values (--central)"))
    }

    @Test func theOldUncertaintyFlagIsStillReadAndContradictsCentral() throws {
        let directory = try folder(with: ["d.yaml": scenario])
        let old = try parley("run", "d.yaml", "--runs", "5", "--uncertainty", "--quiet", in: directory)
        #expect(old.status == 0)
        let both = try parley("run", "d.yaml", "--runs", "5", "--uncertainty", "--central", "--quiet", in: directory)
        #expect(both.status == 64)
        #expect(both.standardError.contains("--uncertainty (the default) contradicts --central"))
    }

    @Test func compareAndClaimsAcceptCentral() throws {
        let compare = try parley("compare", "prisoners-dilemma", "--runs", "20", "--central", "--quiet")
        #expect(compare.status == 0)
        let claims = try parley("claims", "--runs", "20", "--central", "--quiet", "--only", "calibrated_approach_makes_progress")
        #expect(claims.status == 0)
    }
}
