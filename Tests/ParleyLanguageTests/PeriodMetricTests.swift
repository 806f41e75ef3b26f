import Testing

@testable import ParleyLanguage

/// `per: year | quarter | month` on metrics: the periods a clock yields, their labels, partial
/// periods, and the errors for what cannot be aggregated.
@Suite struct PeriodMetricTests {
    func periodScenario(clock: String, metric: String) -> String {
        """
        parley: 1
        name: periods
        clock: \(clock)
        state:
          x: { init: 0, source: assumption }
        dynamics:
          x: "x + 1"
        metrics:
          m: \(metric)
        """
    }

    func grid(clock: String, per: String) throws -> PeriodGrid {
        let loaded = try scenario(periodScenario(clock: clock, metric: "{ sum: \"x\", per: \(per) }"))
        return try #require(loaded.metrics[0].periods)
    }

    @Test func aMonthlyClockFromMayHasAPartialFirstYear() throws {
        let years = try grid(clock: "{ start: 2021-05, end: 2025-01, step: month }", per: "year")
        #expect(years.labels == ["2021", "2022", "2023", "2024"])
        #expect(years.isPartial == [true, false, false, false])
        #expect(years.stepCounts == [8, 12, 12, 12])
        #expect(years.periodOfStep.prefix(9) == [0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(abs(years.coverage[0] - 245.0 / 365) < 1e-12)
        #expect(years.coverage[1] == 1)
    }

    @Test func aClockEndingMidYearHasAPartialLastYear() throws {
        let years = try grid(clock: "{ start: 1990-01, end: 2021-07, step: month }", per: "year")
        #expect(years.count == 32)
        #expect(years.labels.last == "2021")
        #expect(years.isPartial.last == true)
        #expect(years.stepCounts.last == 6)
        #expect(years.isPartial.dropLast().allSatisfy { !$0 })
    }

    @Test func quartersAreLabelledWithTheirNumber() throws {
        let quarters = try grid(clock: "{ start: 2021-05, end: 2022-03, step: month }", per: "quarter")
        #expect(quarters.labels == ["2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1"])
        #expect(quarters.isPartial == [true, false, false, true])
        #expect(quarters.stepCounts == [2, 3, 3, 2])
    }

    @Test func monthsAreLabelledYearDashMonth() throws {
        let months = try grid(clock: "{ start: 2021-11-15, steps: 10, step: week }", per: "month")
        #expect(months.labels == ["2021-11", "2021-12", "2022-01"])
        #expect(months.isPartial == [true, false, true])
        #expect(months.stepCounts == [3, 4, 3])
    }

    @Test func aStepBelongsToThePeriodItStartsIn() throws {
        // Weekly steps from 2021-12-30: the first step starts in 2021 and runs into 2022.
        let years = try grid(clock: "{ start: 2021-12-30, steps: 3, step: week }", per: "year")
        #expect(years.labels == ["2021", "2022"])
        #expect(years.stepCounts == [1, 2])
    }

    @Test func aPeriodAsLongAsTheStepIsAllowed() throws {
        let quarters = try grid(clock: "{ start: 2021-01, steps: 6, step: quarter }", per: "quarter")
        #expect(quarters.labels == ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2"])
        #expect(quarters.isPartial.allSatisfy { !$0 })
    }

    @Test func metricsWithoutPerHaveNoPeriods() throws {
        let loaded = try scenario(periodScenario(clock: "{ start: 2021-01, steps: 12, step: month }", metric: "{ sum: \"x\" }"))
        #expect(loaded.metrics[0].periods == nil)
        #expect(loaded.metrics[0].isMeasuredEachStep)
    }

    @Test func aFinalMetricPerYearIsMeasuredEachStep() throws {
        let loaded = try scenario(periodScenario(clock: "{ start: 2021-01, steps: 24, step: month }", metric: "{ final: \"x\", per: year }"))
        #expect(loaded.metrics[0].isMeasuredEachStep)
        #expect(loaded.metrics[0].periodCount == 2)
    }

    @Test func perOnAnAbstractClockIsAnErrorAtThePeriod() {
        let text = periodScenario(clock: "{ steps: 12 }", metric: "{ sum: \"x\", per: year }")
        #expect(errors(text) == ["""
            s.yaml:9:23: error: 'per: year' needs a calendar clock, but this scenario's clock only counts steps
                expected: a clock with dates, e.g. clock: { start: 2021-05, end: 2025-01, step: month }
                hint: on an abstract clock, measure the whole run (drop per:) or keep every step with series:
            """])
    }

    @Test func aPeriodShorterThanTheStepIsAnError() {
        let text = periodScenario(clock: "{ start: 2021-01, steps: 8, step: quarter }", metric: "{ sum: \"x\", per: month }")
        #expect(errors(text) == ["""
            s.yaml:9:23: error: 'per: month' is shorter than one step of the clock (a quarter)
                expected: a period at least as long as a step: year or quarter
                hint: choose a longer period, or a shorter step in clock:
            """])
    }

    @Test func anUnknownPeriodSuggestsTheClosest() {
        let text = periodScenario(clock: "{ start: 2021-01, steps: 8, step: month }", metric: "{ sum: \"x\", per: yaer }")
        #expect(errors(text) == ["""
            s.yaml:9:23: error: unknown period 'yaer' for metric 'm'
                expected: one of year, quarter, month
                hint: did you mean 'year'?
            """])
    }

    @Test func perDoesNotGoWithSeries() {
        let text = periodScenario(clock: "{ start: 2021-01, steps: 8, step: month }", metric: "{ series: \"x\", per: year }")
        #expect(errors(text) == ["""
            s.yaml:9:26: error: 'per:' goes with sum, mean, max, min or final, not with series
                expected: e.g. { sum: "number(did(dprk.missile_test))", per: year }
                hint: a series already keeps every step; drop per: or use another kind
            """])
    }
}
