import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyNumerics
import Testing

/// Runs of metrics aggregated `per:` a calendar period: each kind's value per period, partial
/// periods, the whole-run value, and determinism.
@Suite struct PeriodMetricRunTests {
    /// x is 1 after the first step (May 2021), 2 after the second, …, 22 after February 2023.
    let counting = """
        parley: 1
        name: periods
        clock: { start: 2021-05, end: 2023-03, step: month }
        state:
          x: { init: 0, source: assumption }
        dynamics:
          x: "x + 1"
        metrics:
          total:   { sum: "x", per: year }
          average: { mean: "x", per: quarter }
          last:    { final: "x", per: year }
          highest: { max: "x", per: year }
          lowest:  { min: "x", per: month }
          plain:   { sum: "x" }
        """

    func run(_ text: String, runs: Int = 1, threads: Int = 1) async throws -> EnsembleSummary {
        try await ensemble(try compile(text), runs: runs, threads: threads)
    }

    @Test func aSumPerYearAddsTheStepsOfEachYear() async throws {
        let summary = try await run(counting)
        #expect(Array(summary.periodValues(run: 0, metric: 0)) == [36, 174, 43])
    }

    @Test func aMeanPerQuarterDividesByTheStepsOfEachQuarter() async throws {
        let summary = try await run(counting)
        let means = Array(summary.periodValues(run: 0, metric: 1))
        #expect(means == [1.5, 4, 7, 10, 13, 16, 19, 21.5])
        #expect(try summary.metric("average").periodGrid?.labels.first == "2021-Q2")
    }

    @Test func aFinalPerYearIsTheValueAtEachYearsLastStep() async throws {
        let summary = try await run(counting)
        #expect(Array(summary.periodValues(run: 0, metric: 2)) == [8, 20, 22])
    }

    @Test func maximaAndMinimaArePerPeriod() async throws {
        let summary = try await run(counting)
        #expect(Array(summary.periodValues(run: 0, metric: 3)) == [8, 20, 22])
        #expect(Array(summary.periodValues(run: 0, metric: 4)) == Array(1...22).map(Double.init))
    }

    @Test func theRunValueOfAPeriodMetricIsOverTheWholeRun() async throws {
        let summary = try await run(counting)
        #expect(try summary.values("total") == [253])
        #expect(try summary.values("total") == summary.values("plain"))
        #expect(try summary.values("average") == [11.5])
        #expect(try summary.values("last") == [22])
        #expect(try summary.values("highest") == [22])
        #expect(try summary.values("lowest") == [1])
    }

    @Test func periodSummariesHoldEveryRun() async throws {
        let summary = try await run(counting, runs: 5)
        let total = try summary.metric("total")
        #expect(total.periods.count == 3)
        #expect(total.periods.allSatisfy { $0.count == 5 })
        #expect(total.periods[1].quantile(0.5) == 174)
        #expect(try summary.metric("plain").periods.isEmpty)
    }

    @Test func periodValuesDoNotDependOnThreads() async throws {
        let random = """
            parley: 1
            name: random periods
            clock: { start: 2020-01, end: 2023-07, step: month }
            parameters:
              rate: { value: 2, dist: "uniform(1, 3)", source: assumption }
            state:
              n: { init: 0, source: assumption }
            dynamics:
              n: "poisson(rate)"
            metrics:
              per_year: { sum: "n", per: year }
              peak:     { max: "n", per: quarter }
            """
        let scenario = try compile(random)
        let one = try await ensemble(scenario, runs: 300, threads: 1, uncertainty: true)
        let three = try await ensemble(scenario, runs: 300, threads: 3, uncertainty: true)
        #expect(one.runPeriodValues == three.runPeriodValues)
        #expect(one.metrics.map(\.periods) == three.metrics.map(\.periods))
        #expect(one.runPeriodValues.count == 300)
    }

    @Test func tracesCarryPeriodValues() throws {
        let scenario = try compile(counting)
        let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario))
        let trace = try #require(try simulation.traces([TraceJob(run: 0)], series: []).first)
        #expect(trace.periodValues.prefix(3) == [36, 174, 43])
        #expect(trace.periodValues.count == 3 + 8 + 3 + 3 + 22)
    }

    @Test func blocksStoredBeforePeriodMetricsStillDecode() throws {
        let stored = #"{"metrics":[],"series":[],"runValues":[]}"#
        let arm = try JSONDecoder().decode(ArmResult.self, from: Data(stored.utf8))
        #expect(arm.periods.isEmpty)
        #expect(arm.runPeriodValues.isEmpty)
    }
}

/// Runs that draw their parameters take whole rows of a calibration's joint draws.
@Suite struct JointDrawRunTests {
    let calibrated = """
        parley: 1
        name: Two
        clock: { steps: 1 }
        calibration: two.calibration.yaml
        parameters:
          a: { value: 0, dist: "uniform(0, 10)", source: calibrated }
          b: { value: 0, dist: "uniform(0, 100)", source: calibrated }
          c: { value: 5, dist: "uniform(4, 6)", source: assumption }
        metrics:
          a: "a"
          b: "b"
          c: "c"
        """

    let calibration = """
        parley-calibration: 2
        scenario: two
        command: test
        method: test
        parameters:
          a: { value: 2, interval: [1, 3] }
          b: { value: 20, interval: [10, 30] }
        draws:
          columns: [a, b]
          rows:
            - [1, 10]
            - [2, 20]
            - [3, 30]
        """

    func load() throws -> Scenario {
        let loader = ScenarioLoader(readFile: { path in
            switch path {
            case "two.yaml": return calibrated
            case "two.calibration.yaml": return calibration
            default: throw NoFileOnDisk(path)
            }
        })
        return try loader.load(path: "two.yaml")
    }

    @Test func eachRunTakesAWholeRowSoCorrelationsSurvive() async throws {
        let summary = try await ensemble(try load(), runs: 300, threads: 2, uncertainty: true)
        let a = try summary.values("a"), b = try summary.values("b")
        #expect(zip(a, b).allSatisfy { $1 == 10 * $0 })
        #expect(Set(a) == [1, 2, 3])
    }

    @Test func parametersOutsideTheTableAreStillDrawnAlone() async throws {
        let summary = try await ensemble(try load(), runs: 200, uncertainty: true)
        let c = try summary.values("c")
        #expect(c.allSatisfy { (4...6).contains($0) })
        #expect(Set(c).count > 100)
    }

    @Test func centralRunsUseThePosteriorMedians() async throws {
        let summary = try await ensemble(try load(), runs: 5, uncertainty: false)
        #expect(try summary.values("a") == [2, 2, 2, 2, 2])
        #expect(try summary.values("b") == [20, 20, 20, 20, 20])
    }

    @Test func aFixedParameterKeepsItsValueWhileTheOthersTakeTheRow() async throws {
        let summary = try await ensemble(try load(), runs: 100, uncertainty: true, set: ["a": "7"])
        #expect(try summary.values("a").allSatisfy { $0 == 7 })
        #expect(Set(try summary.values("b")) == [10, 20, 30])
    }

    @Test func theRowDrawDoesNotMoveOtherParametersDraws() async throws {
        // Without the calibration, c is drawn from the same stream position.
        let plain = try compile(calibrated.replacingOccurrences(of: "calibration: two.calibration.yaml\n", with: ""))
        let joint = try await ensemble(try load(), runs: 50, uncertainty: true)
        let alone = try await ensemble(plain, runs: 50, uncertainty: true)
        #expect(try joint.values("c") == alone.values("c"))
    }
}
