import Foundation
import Testing
@testable import ParleyHistory

/// The baselines on the shipped record: what each is fitted to, and what it forecasts.
struct BaselineTests {
    static let record: ForecastRecord? = Shipped.record.map { ForecastRecord(record: $0) }
    static let settings = BaselineSettings(seed: 7, hawkesPaths: 300)
    static let at2012: BaselineForecasts? = record.flatMap { try? Baselines.forecast($0, origin: YearMonth(2012, 12), settings: settings) }

    /// Missiles in January–June of 1990 … 2012 (the May/June 1990 and June 1992 rows are month
    /// precision; 1998, 2006 and most of 2009 and 2012 fall in the second half).
    static let firstHalfMissiles1990to2012 = [2, 0, 1, 4] + Array(repeating: 0, count: 15) + [1, 0, 0, 1]

    func forecaster(_ name: String) throws -> Forecaster {
        try #require(BaselineTests.at2012?.forecasters.first { $0.name == name })
    }

    @Test func everyBaselineForecastsEveryTestYearInTableOrder() throws {
        let baselines = try #require(BaselineTests.at2012)
        #expect(baselines.forecasters.map(\.name) == Baselines.names)
        #expect(baselines.trainingYears == Array(1990...2012))
        #expect(baselines.observed.map(\.year) == Array(2013...2021))
        for forecaster in baselines.forecasters {
            #expect(forecaster.years.map(\.year) == Array(2013...2021))
            #expect(forecaster.years.map(\.months) == Array(repeating: 12, count: 8) + [6])
        }
    }

    @Test func poissonClimatologyUsesTheTrainingMean() throws {
        let years = try forecaster(Baselines.poissonClimatology).years
        #expect(abs(years[0].missiles.mean - 26.0 / 23) < 1e-12)
        #expect(years[0].missiles == (try CountForecast(poissonMean: 26.0 / 23)))
        #expect(abs((years[0].nuclearTest?.probability ?? 0) - (1 - exp(-2.0 / 23))) < 1e-15)
    }

    @Test func aHalfYearIsForecastFromTheTrainingYearsFirstHalves() throws {
        let series = try #require(BaselineTests.record).series
        #expect((1990...2012).compactMap { series.year($0, throughMonth: 6)?.missiles } == BaselineTests.firstHalfMissiles1990to2012)
        let empirical = try forecaster(Baselines.empiricalClimatology).years
        #expect(empirical.last?.missiles == (try CountForecast(samples: BaselineTests.firstHalfMissiles1990to2012)))
        let poisson = try forecaster(Baselines.poissonClimatology).years
        #expect(abs((poisson.last?.missiles.mean ?? 0) - 9.0 / 23) < 1e-12)
    }

    @Test func empiricalClimatologyIsTheDistributionOfTrainingYears() throws {
        let series = try #require(BaselineTests.record).series
        let first = try #require(try forecaster(Baselines.empiricalClimatology).years.first)
        #expect(first.launchMonths == (try CountForecast(samples: (1990...2012).compactMap { series.year($0)?.launchMonths })))
        #expect(first.nuclearTest?.probability == 2.0 / 23)
        #expect(first.longRangeLaunch?.probability == 4.0 / 23)
    }

    @Test func persistenceRepeatsTheLastTrainingYear() throws {
        let years = try forecaster(Baselines.persistence).years
        #expect(years[0].missiles == CountForecast(pointMass: 2))
        #expect(years[0].launchMonths == CountForecast(pointMass: 2))
        #expect(years[0].nuclearTest?.probability == 0)
        #expect(years[0].longRangeLaunch?.probability == 1)  // two satellite launches in 2012
        #expect(years.last?.missiles == CountForecast(pointMass: 1))  // January–June 2012
    }

    @Test func recentEraUsesItsChosenWindowOfTheLastTrainingYears() throws {
        let baselines = try #require(BaselineTests.at2012)
        let series = try #require(BaselineTests.record).series
        #expect(baselines.recentEra.map(\.target) == ["launch_months", "missiles", "launch_days", "nuclear_test", "long_range_launch"])
        let choice = try #require(baselines.recentEra.first { $0.target == "missiles" })
        #expect((1...10).contains(choice.years))
        #expect(choice.scoredYears == Array(2000...2012))
        let recent = (2013 - choice.years...2012).compactMap { series.year($0)?.missiles }
        #expect(try forecaster(Baselines.recentEra).years[0].missiles == (try CountForecast(samples: recent)))
    }

    @Test func negativeBinomialIsTheMaximumLikelihoodFitOfTheTrainingYears() throws {
        let baselines = try #require(BaselineTests.at2012)
        let series = try #require(BaselineTests.record).series
        let fit = try NegativeBinomialFit(counts: (1990...2012).compactMap { series.year($0)?.missiles })
        #expect(baselines.negativeBinomial.first { $0.target == "missiles" && $0.months == 12 }?.fit == fit)
        #expect(try forecaster(Baselines.negativeBinomial).years[0].missiles == (try fit.forecast()))
        #expect(baselines.negativeBinomial.map(\.months) == Array(repeating: 12, count: 5) + Array(repeating: 6, count: 5))
    }

    @Test func hawkesIsFittedOnTheTrainingLaunchDaysAndSimulatedFromTheOrigin() throws {
        let baselines = try #require(BaselineTests.at2012)
        #expect(baselines.hawkes.events == 12)
        #expect(baselines.hawkes.start == Double(CalendarDay.number(year: 1990, month: 1, day: 1)))
        #expect(baselines.hawkes.end == Double(CalendarDay.number(year: 2013, month: 1, day: 1)))
        #expect(baselines.hawkes.parameters.branchingRatio < 1)
        for year in try forecaster(Baselines.hawkes).years {
            #expect(year.nuclearTest == nil)
            #expect(year.longRangeLaunch != nil)
            #expect(year.launchMonths.maximum <= year.months)
            #expect(year.launchDays.mean <= year.missiles.mean)
            // An ensemble of 300 paths: every probability is a multiple of 1/300.
            #expect(year.launchDays.probabilities.allSatisfy { abs($0 * 300 - ($0 * 300).rounded()) < 1e-9 })
        }
    }

    @Test func baselinesDependOnlyOnRecordOriginAndSettings() throws {
        let record = try #require(BaselineTests.record)
        let again = try Baselines.forecast(record, origin: YearMonth(2012, 12), settings: BaselineTests.settings)
        #expect(again == BaselineTests.at2012)
        var other = BaselineTests.settings
        other.seed = 8
        let reseeded = try Baselines.forecast(record, origin: YearMonth(2012, 12), settings: other)
        #expect(reseeded.forecasters.last != again.forecasters.last)
        #expect(Array(reseeded.forecasters.prefix(5)) == Array(again.forecasters.prefix(5)))
    }

    @Test func anOriginWithoutAWholeTrainingYearIsRefused() throws {
        let record = try #require(BaselineTests.record)
        #expect(throws: ForecastError.self) { try Baselines.forecast(record, origin: YearMonth(1990, 6)) }
        #expect(throws: ForecastError.self) {
            try Baselines.forecast(record, origin: YearMonth(2012, 12), settings: BaselineSettings(hawkesPaths: 0))
        }
    }

    @Test func theLastOriginHasNoTestYears() throws {
        let record = try #require(BaselineTests.record)
        let baselines = try Baselines.forecast(record, origin: YearMonth(2021, 6), settings: BaselineTests.settings)
        #expect(baselines.observed.isEmpty)
        #expect(baselines.forecasters.allSatisfy { $0.years.isEmpty })
    }
}

/// The numbers docs/validation.md ("The baselines against the record") prints, recomputed.
struct DocumentedBaselineScoreTests {
    /// Pooled over 2005-12, 2008-12, 2012-12 and 2016-12, seed 1, 4,000 Hawkes paths, as the
    /// page prints them (three decimals): CRPS of launch months, missiles and launch days; Brier
    /// and log score of a nuclear test and of a long-range launch (nil: no forecast).
    static let documented: [(String, [Double?])] = [
        ("climatology-poisson", [2.826, 9.546, 5.323, 0.278, 1.690, 0.237, 0.746]),
        ("climatology-empirical", [2.820, 9.363, 5.301, 0.278, 1.687, 0.234, 0.734]),
        ("persistence", [3.279, 10.186, 5.767, 0.372, 3.721, 0.465, 4.651]),
        ("recent-era", [3.070, 9.327, 5.447, 0.261, 1.590, 0.226, 0.670]),
        ("negative-binomial", [2.822, 9.399, 5.304, 0.279, 1.691, 0.235, 0.741]),
        ("hawkes", [2.771, 9.031, 5.105, nil, nil, 0.268, 0.821]),
    ]

    @Test func pooledBaselineScoresAreThoseTheValidationPagePrints() throws {
        let record = try #require(BaselineTests.record)
        let origins = [YearMonth(2005, 12), YearMonth(2008, 12), YearMonth(2012, 12), YearMonth(2016, 12)]
        let settings = BaselineSettings(seed: 1, hawkesPaths: 4000)
        let baselines = try origins.map { try Baselines.forecast(record, origin: $0, settings: settings) }
        let table = try ScoreTable(origins: baselines.map { $0.originForecasts() })
        #expect(table.pairs == 43)
        for (name, values) in DocumentedBaselineScoreTests.documented {
            let row = try #require(table.forecaster(named: name))
            let computed = [row.crps.launchMonths, row.crps.missiles, row.crps.launchDays, row.brier.nuclearTest,
                            row.logScore.nuclearTest, row.brier.longRangeLaunch, row.logScore.longRangeLaunch]
            for (index, (value, printed)) in zip(computed, values).enumerated() {
                if let printed, let value {
                    #expect(abs(value - printed) <= 0.0005 + 1e-12, "\(name), column \(index + 1): \(value) against \(printed)")
                } else {
                    #expect(value == nil && printed == nil, "\(name), column \(index + 1)")
                }
            }
        }
        let missiles95 = table.forecasters.map { $0.coverage.missiles[2].covered }
        #expect(missiles95 == [16, 20, 8, 13, 20, 20])
        #expect(baselines.map { $0.recentEra.map(\.years) } == [[7, 6, 6, 8, 8], [5, 8, 5, 9, 8], [3, 8, 3, 10, 8], [3, 3, 3, 7, 10]])
    }
}

/// Origins at and past the end of the record.
struct LateOriginTests {
    @Test func anOriginAfterTheRecordTrainsOnTheWholeRecordAndForecastsNothing() throws {
        let record = try #require(BaselineTests.record)
        let baselines = try Baselines.forecast(record, origin: YearMonth(2025, 12), settings: BaselineTests.settings)
        #expect(baselines.trainingYears == Array(1990...2020))
        #expect(baselines.observed.isEmpty)
        #expect(baselines.hawkes.end == Double(CalendarDay.number(year: 2021, month: 7, day: 1)))
        #expect(baselines.hawkes.events == record.launchDays.count)
    }
}
