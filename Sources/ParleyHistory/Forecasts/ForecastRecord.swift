/// One launch day of the record: a distinct `date` of `missile_tests.csv`, with its missiles.
public struct LaunchDay: Sendable, Hashable {
    /// The date as the source gives it.
    public var date: HistoryDate
    /// Its time in days since 1970-01-01 00:00 UTC: the middle of the day for a day-precision
    /// date (dates are UTC and launch times are not used), the middle of the month or year for a
    /// coarser one (four month-precision dates in 1990–1992).
    public var time: Double
    /// Missiles launched that day (rows with that date).
    public var missiles: Int
    /// Whether one of them was long-range (``MissileType/longRange``).
    public var longRange: Bool

    /// The launch days of `missiles`: one per distinct date, in date order.
    public static func days(of missiles: [MissileTest]) -> [LaunchDay] {
        Dictionary(grouping: missiles, by: \.date).map { date, rows in
            LaunchDay(date: date, time: CalendarDay.midpoint(of: date), missiles: rows.count,
                      longRange: rows.contains { MissileType.longRange.contains($0.type) })
        }
        .sorted { ($0.time, $0.date) < ($1.time, $1.date) }
    }
}

/// The record as the baselines see it: the observed series (per year and month) and the launch
/// days of the same period.
///
/// ```swift
/// let record = try ForecastRecord(record: DPRKRecord(directory: ShippedData.dprkDirectory))
/// let baselines = try Baselines.forecast(record, origin: YearMonth(2012, 12))
/// ```
public struct ForecastRecord: Sendable, Hashable {
    /// The series over the period (by default 1990-01 … 2021-06).
    public let series: ObservedSeries
    /// The launch days within the period, in order.
    public let launchDays: [LaunchDay]

    /// The record's series and launch days over `first` … `last`.
    public init(record: DPRKRecord, from first: YearMonth = YearMonth(1990, 1), through last: YearMonth = YearMonth(2021, 6)) {
        self.init(missileTests: record.missileTests, nuclearTests: record.nuclearTests, from: first, through: last)
    }

    /// The series and launch days of the given tests over `first` … `last`.
    public init(
        missileTests: [MissileTest], nuclearTests: [NuclearTest],
        from first: YearMonth = YearMonth(1990, 1), through last: YearMonth = YearMonth(2021, 6)
    ) {
        series = ObservedSeries(missileTests: missileTests, nuclearTests: nuclearTests, from: first, through: last)
        let start = CalendarDay.start(of: series.first), end = CalendarDay.start(of: series.last.advanced(by: 1))
        launchDays = LaunchDay.days(of: missileTests).filter { $0.time >= start && $0.time < end }
    }

    /// The calendar years wholly inside the period and on or before `origin`: the training years
    /// of the annual baselines.
    public func trainingYears(origin: YearMonth) -> [Int] {
        series.years.filter { $0.monthsObserved == 12 && YearMonth($0.year, 12) <= origin }.map(\.year)
    }

    /// The test years after `origin`: every year of the period after the origin's year, each
    /// with the months the period observes (2021: January–June).
    public func testYears(origin: YearMonth) -> [ObservedYear] {
        series.years.filter { $0.year > origin.year && $0.monthsObserved > 0 }
    }
}

/// Day numbers of the proleptic Gregorian calendar: days since 1970-01-01.
enum CalendarDay {
    /// The day number of a date (Hinnant's `days_from_civil`).
    static func number(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The first instant (in days) of a month.
    static func start(of month: YearMonth) -> Double { Double(number(year: month.year, month: month.month, day: 1)) }

    /// The middle of the span a date covers, in days.
    static func midpoint(of date: HistoryDate) -> Double {
        let first = Double(number(year: date.firstDay.year, month: date.firstDay.month, day: date.firstDay.day))
        let last = Double(number(year: date.lastDay.year, month: date.lastDay.month, day: date.lastDay.day))
        return (first + last + 1) / 2
    }
}
