import Foundation
import Testing
@testable import ParleyHistory

/// The score table: per-origin and pooled scores, coverage, PIT, and its checks.
struct ScoreTableTests {
    static func observed(_ year: Int, launchMonths: Int, missiles: Int, nuclear: Bool, longRange: Bool, months: Int = 12) -> ObservedYear {
        ObservedYear(
            year: year, monthsObserved: months, missiles: missiles, launchDays: launchMonths, launchMonths: launchMonths,
            nuclearTests: nuclear ? 1 : 0, longRangeMissiles: longRange ? 1 : 0, longRangeLaunchDays: longRange ? 1 : 0)
    }

    static let years = [
        observed(2013, launchMonths: 2, missiles: 3, nuclear: true, longRange: false),
        observed(2014, launchMonths: 0, missiles: 0, nuclear: false, longRange: true),
    ]

    /// Point masses at 2 launch months and 3 missiles, a coin flip for a nuclear test, nothing for long range.
    static func pointForecaster(_ name: String = "point", years: [ObservedYear] = years) -> Forecaster {
        Forecaster(name: name, years: years.map { observed in
            YearForecast(
                year: observed.year, months: observed.monthsObserved, launchMonths: CountForecast(pointMass: 2),
                missiles: CountForecast(pointMass: 3), launchDays: CountForecast(pointMass: 2),
                nuclearTest: try? EventForecast(probability: 0.5), longRangeLaunch: nil)
        })
    }

    /// The "model": an ensemble per year, given as the samples a simulation produces.
    static func ensembleForecaster(years: [ObservedYear] = years) throws -> Forecaster {
        Forecaster(name: "model", years: try years.map { observed in
            try YearForecast(
                year: observed.year, months: observed.monthsObserved, launchMonthSamples: [0, 1, 2, 3], missileSamples: [0, 2, 4, 6],
                launchDaySamples: [0, 1, 2, 3], nuclearTestOutcomes: [true, false, false, false], longRangeOutcomes: [true, true, false, false])
        })
    }

    @Test func oneOriginsMeansAreOverItsTestYears() throws {
        let table = try ScoreTable(origins: [OriginForecasts(
            origin: YearMonth(2012, 12), observed: ScoreTableTests.years, forecasters: [ScoreTableTests.pointForecaster()])])
        let row = try #require(table.forecaster(named: "point"))
        #expect(table.pairs == 2 && row.pairs == 2)
        #expect(row.crps.launchMonths == 1)   // |2 − 2| and |2 − 0|
        #expect(row.crps.missiles == 1.5)     // |3 − 3| and |3 − 0|
        #expect(row.brier.nuclearTest == 0.25)
        #expect(abs((row.logScore.nuclearTest ?? 0) - log(2)) < 1e-15)
        #expect(row.brier.longRangeLaunch == nil && row.logScore.longRangeLaunch == nil)
        #expect(row.years.map(\.crps.missiles) == [0, 3])
    }

    @Test func coverageCountsTheYearsInsideEachCentralInterval() throws {
        let table = try ScoreTable(origins: [OriginForecasts(
            origin: YearMonth(2012, 12), observed: ScoreTableTests.years, forecasters: [try ScoreTableTests.ensembleForecaster()])])
        let row = try #require(table.forecaster(named: "model"))
        // Launch months forecast {0, 1, 2, 3}: the 50% interval is 0…2 (quantiles 0.25 and 0.75), holding 2 and 0.
        #expect(row.coverage.launchMonths.map(\.level) == ScoreTable.levels)
        #expect(row.coverage.launchMonths[0].covered == 2 && row.coverage.launchMonths[0].fraction == 1)
        // Missiles {0, 2, 4, 6}: the 50% interval is 0…4, holding 3 and 0.
        #expect(row.coverage.missiles[0].covered == 2)
        #expect(abs((row.crps.missiles ?? 0) - (try CountForecast(samples: [0, 2, 4, 6]).crps(observation: 3)
            + CountForecast(samples: [0, 2, 4, 6]).crps(observation: 0)) / 2) < 1e-15)
        #expect(row.brier.nuclearTest == (0.5625 + 0.0625) / 2)
        #expect(row.brier.longRangeLaunch == (0.25 + 0.25) / 2)
    }

    @Test func pitHistogramsPoolEveryYear() throws {
        let table = try ScoreTable(origins: [OriginForecasts(
            origin: YearMonth(2012, 12), observed: ScoreTableTests.years, forecasters: [try ScoreTableTests.ensembleForecaster()])])
        let row = try #require(table.forecaster(named: "model"))
        let forecast = try CountForecast(samples: [0, 2, 4, 6])
        #expect(row.pit.missiles == PITHistogram(forecasts: [forecast, forecast], observations: [3, 0]))
        #expect(row.pit.missiles.bins.count == 10 && row.pit.missiles.forecasts == 2)
    }

    @Test func pooledScoresAreMeansOverEveryOriginAndYearPair() throws {
        let laterYears = [ScoreTableTests.observed(2014, launchMonths: 5, missiles: 9, nuclear: false, longRange: true)]
        let first = OriginForecasts(
            origin: YearMonth(2012, 12), observed: ScoreTableTests.years,
            forecasters: [ScoreTableTests.pointForecaster(), try ScoreTableTests.ensembleForecaster()])
        let second = OriginForecasts(
            origin: YearMonth(2013, 12), observed: laterYears,
            forecasters: [ScoreTableTests.pointForecaster(years: laterYears), try ScoreTableTests.ensembleForecaster(years: laterYears)])
        let pooled = try ScoreTable(origins: [first, second])
        let one = try ScoreTable(origins: [first]), two = try ScoreTable(origins: [second])
        #expect(pooled.pairs == 3 && pooled.origins == [YearMonth(2012, 12), YearMonth(2013, 12)])
        for name in ["point", "model"] {
            let a = try #require(one.forecaster(named: name)), b = try #require(two.forecaster(named: name))
            let p = try #require(pooled.forecaster(named: name))
            let expected = ((a.crps.missiles ?? 0) * 2 + (b.crps.missiles ?? 0)) / 3
            #expect(abs((p.crps.missiles ?? 0) - expected) < 1e-12)
            #expect(p.coverage.launchMonths[1].pairs == 3)
            #expect(p.coverage.launchMonths[1].covered == a.coverage.launchMonths[1].covered + b.coverage.launchMonths[1].covered)
            #expect(p.years.map(\.origin) == [YearMonth(2012, 12), YearMonth(2012, 12), YearMonth(2013, 12)])
        }
    }

    @Test func theTableDoesNotDependOnTheOrderOfForecastersAfterTheFirstOrigin() throws {
        let forecasters = [ScoreTableTests.pointForecaster(), try ScoreTableTests.ensembleForecaster()]
        let first = OriginForecasts(origin: YearMonth(2012, 12), observed: ScoreTableTests.years, forecasters: forecasters)
        var second = first
        second.origin = YearMonth(2011, 12)
        var reversed = second
        reversed.forecasters.reverse()
        #expect(try ScoreTable(origins: [first, second]) == ScoreTable(origins: [first, reversed]))
    }

    @Test func forecastsMustMatchTheObservedYears() throws {
        var wrong = ScoreTableTests.pointForecaster()
        wrong.years[1].months = 6
        #expect(throws: ForecastError.self) {
            try ScoreTable(origins: [OriginForecasts(origin: YearMonth(2012, 12), observed: ScoreTableTests.years, forecasters: [wrong])])
        }
        var short = ScoreTableTests.pointForecaster()
        short.years.removeLast()
        #expect(throws: ForecastError.self) {
            try ScoreTable(origins: [OriginForecasts(origin: YearMonth(2012, 12), observed: ScoreTableTests.years, forecasters: [short])])
        }
    }

    @Test func everyOriginMustHoldTheSameForecastersOnce() throws {
        let point = ScoreTableTests.pointForecaster(), model = try ScoreTableTests.ensembleForecaster()
        let first = OriginForecasts(origin: YearMonth(2012, 12), observed: ScoreTableTests.years, forecasters: [point, model])
        let missing = OriginForecasts(origin: YearMonth(2011, 12), observed: ScoreTableTests.years, forecasters: [point])
        let twice = OriginForecasts(origin: YearMonth(2011, 12), observed: ScoreTableTests.years, forecasters: [point, point, model])
        #expect(throws: ForecastError.self) { try ScoreTable(origins: [first, missing]) }
        #expect(throws: ForecastError.self) { try ScoreTable(origins: [first, twice]) }
        #expect(throws: ForecastError.self) { try ScoreTable(origins: [first, first]) }
        #expect(throws: ForecastError.self) { try ScoreTable(origins: []) }
    }

    @Test func theTableIsPlainJSONThatRoundTrips() throws {
        let table = try ScoreTable(origins: [OriginForecasts(
            origin: YearMonth(2012, 12), observed: ScoreTableTests.years,
            forecasters: [ScoreTableTests.pointForecaster(), try ScoreTableTests.ensembleForecaster()])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(table)
        #expect(try JSONDecoder().decode(ScoreTable.self, from: data) == table)
        #expect(try encoder.encode(table) == data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""origins":["2012-12"]"#))
    }

    @Test func theModelSlotsInBesideTheBaselines() throws {
        let record = try #require(BaselineTests.record)
        let baselines = try Baselines.forecast(record, origin: YearMonth(2016, 12), settings: BaselineTests.settings)
        let model = try ScoreTableTests.ensembleForecaster(years: baselines.observed)
        let table = try ScoreTable(origins: [baselines.originForecasts(adding: [model])])
        #expect(table.forecasters.map(\.name) == Baselines.names + ["model"])
        #expect(table.pairs == 5)
        for row in table.forecasters {
            #expect(row.crps.launchMonths != nil && row.crps.missiles != nil)
            #expect(row.pit.launchMonths.bins.count == 10)
        }
        #expect(table.forecaster(named: Baselines.hawkes)?.brier.nuclearTest == nil)
    }
}
