import Testing
@testable import ParleyHistory

/// Long-range launches, same-length windows and launch days of the shipped record.
struct ForecastRecordTests {
    static let record: ForecastRecord? = Shipped.record.map { ForecastRecord(record: $0) }

    @Test func longRangeLaunchesAreCountedPerYear() throws {
        let series = try #require(ForecastRecordTests.record).series
        #expect(series.year(2016)?.longRangeMissiles == 9)
        #expect(series.year(2016)?.longRangeLaunchDays == 8)
        #expect(series.year(2017)?.longRangeLaunchDays == 9)
        #expect(series.year(2012)?.longRangeLaunchDays == 2)
        #expect(series.years.filter(\.hasLongRangeLaunch).map(\.year) == [1998, 2006, 2009, 2012, 2016, 2017])
        #expect(series.months.reduce(0) { $0 + $1.longRangeMissiles } == series.years.reduce(0) { $0 + $1.longRangeMissiles })
    }

    @Test func theFirstMonthsOfAYearAreSummedOverThoseMonths() throws {
        let series = try #require(ForecastRecordTests.record).series
        let half = try #require(series.year(2016, throughMonth: 6))
        #expect(half.monthsObserved == 6)
        #expect(half.missiles == 12 && half.launchDays == 9 && half.launchMonths == 5)
        #expect(half.nuclearTests == 1 && half.longRangeMissiles == 7 && half.longRangeLaunchDays == 6)
        #expect(series.year(2017, throughMonth: 6)?.missiles == 13)
    }

    @Test func aWindowCoveringTheObservedMonthsIsTheYearItself() throws {
        let series = try #require(ForecastRecordTests.record).series
        #expect(series.year(2021, throughMonth: 6) == series.year(2021))
        #expect(series.year(2015, throughMonth: 12) == series.year(2015))
        #expect(series.year(2015, throughMonth: 0) == nil)
        #expect(series.year(1989, throughMonth: 6) == nil)
    }

    @Test func launchDaysAreTheDistinctDatesWithTheirMissiles() throws {
        let record = try #require(ForecastRecordTests.record)
        let training = record.launchDays.filter { $0.date.year <= 2012 }
        #expect(training.count == 12)
        #expect(record.launchDays.count == record.series.years.reduce(0) { $0 + $1.launchDays })
        #expect(record.launchDays.reduce(0) { $0 + $1.missiles } == record.series.years.reduce(0) { $0 + $1.missiles })
        let july2006 = try #require(record.launchDays.first { $0.date.year == 2006 })
        #expect(july2006.missiles == 7 && july2006.longRange)
        #expect(zip(record.launchDays, record.launchDays.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test func aMonthPrecisionDateSitsInTheMiddleOfItsMonth() throws {
        let record = try #require(ForecastRecordTests.record)
        let may1990 = try #require(record.launchDays.first { $0.date.description == "1990-05" })
        #expect(may1990.time == Double(CalendarDay.number(year: 1990, month: 5, day: 1)) + 15.5)
        let day = try #require(record.launchDays.first { $0.date.description == "2006-07-05" })
        #expect(day.time == Double(CalendarDay.number(year: 2006, month: 7, day: 5)) + 0.5)
    }

    @Test func dayNumbersCountFromTheUnixEpoch() {
        #expect(CalendarDay.number(year: 1970, month: 1, day: 1) == 0)
        #expect(CalendarDay.number(year: 1990, month: 1, day: 1) == 7305)
        #expect(CalendarDay.number(year: 2000, month: 3, day: 1) == 11017)
        #expect(CalendarDay.number(year: 1969, month: 12, day: 31) == -1)
    }

    @Test func trainingYearsAreWholeYearsUpToTheOriginAndTestYearsFollowIt() throws {
        let record = try #require(ForecastRecordTests.record)
        #expect(record.trainingYears(origin: YearMonth(2012, 12)) == Array(1990...2012))
        #expect(record.trainingYears(origin: YearMonth(2012, 11)) == Array(1990...2011))
        let tests = record.testYears(origin: YearMonth(2012, 12))
        #expect(tests.map(\.year) == Array(2013...2021))
        #expect(tests.last?.monthsObserved == 6)
    }
}
