import Testing
import ParleyNumerics
@testable import ParleyHistory

/// The observed targets by year and month, and the launch-month observation model.
struct ObservedSeriesTests {
    static let series: ObservedSeries? = Shipped.record.map { ObservedSeries(record: $0) }

    @Test func defaultPeriodIs1990ThroughJune2021() throws {
        let series = try #require(ObservedSeriesTests.series)
        #expect(series.months.count == 32 * 12 - 6)
        #expect(series.months.first?.month == YearMonth(1990, 1))
        #expect(series.months.last?.month == YearMonth(2021, 6))
        #expect(series.years.map(\.year) == Array(1990...2021))
        #expect(series.year(2021)?.monthsObserved == 6)
        #expect(series.year(2020)?.monthsObserved == 12)
    }

    @Test func yearlyCountsMatchTheRecord() throws {
        let series = try #require(ObservedSeriesTests.series)
        let year2017 = try #require(series.year(2017))
        #expect(year2017.missiles == 21)
        #expect(year2017.launchDays == 15)
        #expect(year2017.launchMonths == 8)
        #expect(series.year(2019)?.launchMonths == 7)
        #expect(series.year(2018)?.missiles == 0)
        #expect(series.year(2021)?.missiles == 2)
        #expect(series.missilesPerYear.count == series.years.count)
        #expect(Array(series.missilesPerYear.prefix(4)) == [2, 1, 1, 4])
    }

    @Test func monthPrecisionDatesFallInTheirMonth() throws {
        let series = try #require(ObservedSeriesTests.series)
        #expect(series.month(YearMonth(1990, 5))?.missiles == 1)
        #expect(series.month(YearMonth(1990, 5))?.launchDays == 1)
        #expect(series.month(YearMonth(1990, 6))?.hasLaunch == true)
        #expect(series.year(1990)?.launchMonths == 2)
        #expect(series.yearOnlyMissiles.isEmpty)
    }

    @Test func monthlySeriesAddUpToTheYearlySeries() throws {
        let series = try #require(ObservedSeriesTests.series)
        for year in series.years {
            let months = series.months.filter { $0.month.year == year.year }
            #expect(months.reduce(0) { $0 + $1.missiles } == year.missiles)
            #expect(months.reduce(0) { $0 + $1.launchDays } == year.launchDays)
            #expect(months.filter(\.hasLaunch).count == year.launchMonths)
        }
        #expect(series.launchIndicatorPerMonth.reduce(0, +) == series.launchMonthsPerYear.reduce(0, +))
        #expect(series.missilesPerMonth.reduce(0, +) == series.missilesPerYear.reduce(0, +))
    }

    @Test func nuclearTestYearsAndMonths() throws {
        let series = try #require(ObservedSeriesTests.series)
        #expect(series.nuclearTestYears == [2006, 2009, 2013, 2016, 2017])
        #expect(series.nuclearTestMonths == [
            YearMonth(2006, 10), YearMonth(2009, 5), YearMonth(2013, 2), YearMonth(2016, 1), YearMonth(2016, 9), YearMonth(2017, 9),
        ])
        #expect(series.year(2016)?.nuclearTests == 2)
    }

    @Test func yearOnlyDatesCountInTheYearButInNoMonth() throws {
        let record = try #require(Shipped.record)
        var test = try #require(record.missileTests.first)
        test.date = try #require(HistoryDate(year: 1995))
        let series = ObservedSeries(missileTests: [test], nuclearTests: [])
        #expect(series.year(1995)?.missiles == 1)
        #expect(series.year(1995)?.launchDays == 1)
        #expect(series.year(1995)?.launchMonths == 0)
        #expect(series.yearOnlyMissiles == [1995: 1])
        #expect(series.missilesPerMonth.reduce(0, +) == 0)
    }

    @Test func trainingLaunchMonthsFormTheObservationModel() throws {
        let series = try #require(ObservedSeriesTests.series)
        let model = try LaunchMonthObservationModel(series: series, period: YearMonth(1990, 1)...YearMonth(2012, 12))
        #expect(model.launchMonths.count == 11)
        let distribution = model.distribution
        #expect(distribution.map(\.outcome) == [
            .init(missiles: 1, launchDays: 1), .init(missiles: 4, launchDays: 2), .init(missiles: 7, launchDays: 1),
        ])
        #expect(distribution.map(\.count) == [8, 1, 2])
        #expect(abs(distribution.reduce(0) { $0 + $1.probability } - 1) < 1e-12)
        #expect(abs(model.meanMissiles - 26.0 / 11) < 1e-12)
    }

    @Test func observationModelResamplesRealLaunchMonthsUniformly() throws {
        let series = try #require(ObservedSeriesTests.series)
        let model = try LaunchMonthObservationModel(series: series, period: YearMonth(1990, 1)...YearMonth(2012, 12))
        var generator = Xoshiro256StarStar(seed: 3, run: 0)
        var counts: [LaunchMonthObservationModel.Outcome: Int] = [:]
        let draws = 22_000
        for _ in 0..<draws { counts[model.sample(using: &generator), default: 0] += 1 }
        #expect(Set(counts.keys) == Set(model.distribution.map(\.outcome)))
        let ones = Double(counts[.init(missiles: 1, launchDays: 1)] ?? 0) / Double(draws)
        #expect(abs(ones - 8.0 / 11) < 0.02)
    }

    @Test func periodWithoutLaunchesHasNoObservationModel() throws {
        let series = try #require(ObservedSeriesTests.series)
        let error = caught { try LaunchMonthObservationModel(series: series, period: YearMonth(1994, 1)...YearMonth(1997, 12)) }
        #expect(error?.kind == .inconsistent)
    }

    @Test func yearMonthsStrideAcrossYears() {
        #expect(YearMonth(2020, 12).advanced(by: 1) == YearMonth(2021, 1))
        #expect(YearMonth(index: YearMonth(1990, 1).index) == YearMonth(1990, 1))
        #expect(Array(YearMonth(2020, 11)...YearMonth(2021, 2)).map(\.description) == ["2020-11", "2020-12", "2021-01", "2021-02"])
    }

    @Test func historyDatesParseTheThreeForms() {
        #expect(HistoryDate(parsing: "2017")?.precision == .year)
        #expect(HistoryDate(parsing: "2017-09")?.lastDay.description == "2017-09-30")
        #expect(HistoryDate(parsing: "2016-02-29")?.precision == .day)
        #expect(HistoryDate(parsing: "2017-02-29") == nil)
        #expect(HistoryDate(parsing: "2017-9-3") == nil)
        #expect(HistoryDate(parsing: "+017-09") == nil)
        #expect(HistoryDate(parsing: "2017-09-03T00") == nil)
    }
}
