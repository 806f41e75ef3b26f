import ParleyNumerics

/// What happened in one calendar year of the observed period (or in its first months: see
/// ``ObservedSeries/year(_:throughMonth:)``).
public struct ObservedYear: Sendable, Hashable, Codable {
    /// The calendar year.
    public var year: Int
    /// How many of its months lie in the observed period: 12, or fewer for a partial year
    /// (2021 has 6 in the default period 1990-01 … 2021-06).
    public var monthsObserved: Int
    /// Missiles launched (rows of `missile_tests.csv`), including year-precision rows.
    public var missiles: Int
    /// Distinct launch dates (a month- or year-precision date counts as one launch day).
    public var launchDays: Int
    /// Months with at least one launch (year-precision rows cannot be placed in a month and
    /// do not count).
    public var launchMonths: Int
    /// Nuclear tests.
    public var nuclearTests: Int
    /// Long-range missiles (IRBM, ICBM and satellite launchers: ``MissileType/longRange``).
    public var longRangeMissiles: Int
    /// Distinct dates with at least one long-range missile.
    public var longRangeLaunchDays: Int

    /// Whether the year had at least one nuclear test.
    public var hasNuclearTest: Bool { nuclearTests > 0 }
    /// Whether the year had at least one long-range launch.
    public var hasLongRangeLaunch: Bool { longRangeMissiles > 0 }
}

/// What happened in one month of the observed period.
public struct ObservedMonth: Sendable, Hashable {
    /// The month.
    public var month: YearMonth
    /// Missiles launched with a date in this month (day or month precision).
    public var missiles: Int
    /// Distinct launch dates in the month (a month-precision date counts as one launch day).
    public var launchDays: Int
    /// Nuclear tests.
    public var nuclearTests: Int
    /// Long-range missiles (IRBM, ICBM and satellite launchers: ``MissileType/longRange``).
    public var longRangeMissiles: Int
    /// Distinct dates in the month with at least one long-range missile.
    public var longRangeLaunchDays: Int

    /// Whether the month had at least one launch.
    public var hasLaunch: Bool { missiles > 0 }
}

/// The observed targets for calibration and backtests, by calendar year and by month, over a
/// period (by default 1990-01 … 2021-06).
///
/// Coarse dates: a month-precision missile date (eight CNS rows, 1984–1992; in the default
/// period `1990-05`, `1990-06`, `1991-07`, `1992-06`) is placed in its month and counts as one
/// launch day there. A year-precision date (none in the shipped data) counts towards its year's
/// missiles and launch days but cannot be placed in a month: it is left out of the monthly
/// series and of launch months, and counted in ``yearOnlyMissiles`` so that nothing is lost
/// silently. Dates are UTC, as in the sources.
public struct ObservedSeries: Sendable, Hashable {
    /// The first month of the period.
    public let first: YearMonth
    /// The last month of the period.
    public let last: YearMonth
    /// One entry per month of the period, in order.
    public let months: [ObservedMonth]
    /// One entry per calendar year touched by the period, in order.
    public let years: [ObservedYear]
    /// Missiles with a year-precision date, by year (in ``years`` but not in ``months``).
    public let yearOnlyMissiles: [Int: Int]

    /// The series of a loaded record over `first` … `last`.
    public init(record: DPRKRecord, from first: YearMonth = YearMonth(1990, 1), through last: YearMonth = YearMonth(2021, 6)) {
        self.init(missileTests: record.missileTests, nuclearTests: record.nuclearTests, from: first, through: last)
    }

    /// The series of the given tests over `first` … `last` (tests outside are ignored).
    public init(
        missileTests: [MissileTest], nuclearTests: [NuclearTest],
        from first: YearMonth = YearMonth(1990, 1), through last: YearMonth = YearMonth(2021, 6)
    ) {
        let last = max(first, last)
        self.first = first
        self.last = last
        let inPeriod = missileTests.filter { test in
            if let month = test.date.yearMonth { return (first...last).contains(month) }
            return (first.year...last.year).contains(test.date.year)
        }
        let byMonth = Dictionary(grouping: inPeriod.filter { $0.date.yearMonth != nil }, by: { $0.date.yearMonth ?? first })
        let nuclearByMonth = Dictionary(grouping: nuclearTests.compactMap(\.date.yearMonth), by: { $0 })
        months = (first...last).map { month in
            let tests = byMonth[month] ?? []
            let longRange = tests.filter { MissileType.longRange.contains($0.type) }
            return ObservedMonth(
                month: month, missiles: tests.count, launchDays: DPRKRecord.launchDays(of: tests),
                nuclearTests: nuclearByMonth[month]?.count ?? 0, longRangeMissiles: longRange.count,
                longRangeLaunchDays: DPRKRecord.launchDays(of: longRange))
        }
        var yearOnly: [Int: Int] = [:]
        for test in inPeriod where test.date.precision == .year { yearOnly[test.date.year, default: 0] += 1 }
        yearOnlyMissiles = yearOnly
        let byYear = Dictionary(grouping: inPeriod, by: { $0.date.year })
        let monthsByYear = Dictionary(grouping: months, by: { $0.month.year })
        years = (first.year...last.year).map { year in
            let tests = byYear[year] ?? []
            let yearMonths = monthsByYear[year] ?? []
            let longRange = tests.filter { MissileType.longRange.contains($0.type) }
            return ObservedYear(
                year: year, monthsObserved: yearMonths.count, missiles: tests.count,
                launchDays: DPRKRecord.launchDays(of: tests), launchMonths: yearMonths.filter(\.hasLaunch).count,
                nuclearTests: yearMonths.reduce(0) { $0 + $1.nuclearTests }, longRangeMissiles: longRange.count,
                longRangeLaunchDays: DPRKRecord.launchDays(of: longRange))
        }
    }

    /// The entry for `year`, if the period touches it.
    public func year(_ year: Int) -> ObservedYear? {
        guard let firstYear = years.first?.year, year >= firstYear, year - firstYear < years.count else { return nil }
        return years[year - firstYear]
    }

    /// The first `months` months of `year` (January through month `months`), as a year entry
    /// whose ``ObservedYear/monthsObserved`` counts the observed ones among them: the same-length
    /// window a baseline compares with a partial test year (2021 has January–June only). With
    /// `months` at 12, or at least the year's observed months, this is ``year(_:)`` itself;
    /// otherwise the counts are sums over those months, so a year-precision missile (which has
    /// no month) is left out. Nil when the period does not touch the year or `months` < 1.
    public func year(_ year: Int, throughMonth months: Int) -> ObservedYear? {
        guard months >= 1, let whole = self.year(year) else { return nil }
        let window = self.months(in: YearMonth(year, 1)...YearMonth(year, min(12, months)))
        if months >= 12 || window.count == whole.monthsObserved { return whole }
        return ObservedYear(
            year: year, monthsObserved: window.count, missiles: window.reduce(0) { $0 + $1.missiles },
            launchDays: window.reduce(0) { $0 + $1.launchDays }, launchMonths: window.filter(\.hasLaunch).count,
            nuclearTests: window.reduce(0) { $0 + $1.nuclearTests }, longRangeMissiles: window.reduce(0) { $0 + $1.longRangeMissiles },
            longRangeLaunchDays: window.reduce(0) { $0 + $1.longRangeLaunchDays })
    }

    /// The entry for `month`, if it is in the period.
    public func month(_ month: YearMonth) -> ObservedMonth? {
        let offset = first.distance(to: month)
        return offset >= 0 && offset < months.count ? months[offset] : nil
    }

    /// The years of `range` that the period touches.
    public func years(in range: ClosedRange<Int>) -> [ObservedYear] { years.filter { range.contains($0.year) } }

    /// The months of `range` that are in the period.
    public func months(in range: ClosedRange<YearMonth>) -> [ObservedMonth] { months.filter { range.contains($0.month) } }

    /// Missiles per calendar year, one value per entry of ``years``.
    public var missilesPerYear: [Double] { years.map { Double($0.missiles) } }
    /// Launch days per calendar year.
    public var launchDaysPerYear: [Double] { years.map { Double($0.launchDays) } }
    /// Launch months (months with at least one launch) per calendar year.
    public var launchMonthsPerYear: [Double] { years.map { Double($0.launchMonths) } }
    /// 1 for a month with at least one launch, else 0, one value per entry of ``months``.
    public var launchIndicatorPerMonth: [Double] { months.map { $0.hasLaunch ? 1 : 0 } }
    /// Missiles per month.
    public var missilesPerMonth: [Double] { months.map { Double($0.missiles) } }
    /// The years with at least one nuclear test.
    public var nuclearTestYears: [Int] { years.filter(\.hasNuclearTest).map(\.year) }
    /// The months with at least one nuclear test.
    public var nuclearTestMonths: [YearMonth] { months.filter { $0.nuclearTests > 0 }.map(\.month) }
}

/// One point of a warhead series: an estimate's range and midpoint for one year.
public struct WarheadPoint: Sendable, Hashable {
    /// The year the estimate refers to (SIPRI Yearbook figures are for January of that year).
    public var year: Int
    /// The `as_of` date of the row.
    public var asOf: HistoryDate
    /// The low end (the point, when only a point was given).
    public var low: Double
    /// The high end (the point, when only a point was given).
    public var high: Double
    /// Where it was published.
    public var publication: String
    /// The row it comes from.
    public var location: HistoryLocation

    /// The middle of the range.
    public var midpoint: Double { (low + high) / 2 }
}

/// One consistent series of warhead estimates: one estimator, one method, one point per year.
public struct WarheadSeries: Sendable, Hashable {
    /// The points in year order.
    public var points: [WarheadPoint]

    /// The point for `year`, if any.
    public func point(year: Int) -> WarheadPoint? { points.first { $0.year == year } }

    /// The SIPRI Yearbook series (2016–2021 in the shipped data): rows whose estimator is
    /// `SIPRI` and whose publication starts with `SIPRI Yearbook`. These are SIPRI's
    /// fissile-material-based estimates; the 2016 row's metric reads `warheads (estimate)` and
    /// the 2018 row's `weapons "may have produced"`, but their notes and SIPRI's later text say
    /// they are the same fissile-material basis, so they belong to the series (SIPRI switched
    /// to assembled-warhead counts only in its 2022 edition, after the cut-off). A point-only
    /// row (2016: about 10) becomes the degenerate range 10–10. FAS, ISIS and DIA rows are
    /// other methods and are left out. Two SIPRI Yearbook rows for one year are an
    /// ``HistoryDataError/Kind/inconsistent`` error.
    public static func sipriYearbook(_ estimates: [WarheadEstimate]) throws(HistoryDataError) -> WarheadSeries {
        var points: [Int: WarheadPoint] = [:]
        for estimate in estimates where estimate.estimator == "SIPRI" && estimate.publication.hasPrefix("SIPRI Yearbook") {
            guard let low = estimate.low ?? estimate.point, let high = estimate.high ?? estimate.point else { continue }
            if let earlier = points[estimate.asOf.year] {
                throw HistoryDataError(
                    .inconsistent, at: estimate.location,
                    "a second SIPRI Yearbook estimate for \(estimate.asOf.year) (the first is on line \(earlier.location.line))",
                    expected: "one SIPRI Yearbook estimate per year", hint: "keep the row of the yearbook of that year")
            }
            points[estimate.asOf.year] = WarheadPoint(
                year: estimate.asOf.year, asOf: estimate.asOf, low: low, high: high, publication: estimate.publication,
                location: estimate.location)
        }
        return WarheadSeries(points: points.values.sorted { $0.year < $1.year })
    }
}

extension DPRKRecord {
    /// The SIPRI Yearbook warhead series (see ``WarheadSeries/sipriYearbook(_:)``).
    public func sipriWarheadSeries() throws(HistoryDataError) -> WarheadSeries {
        try WarheadSeries.sipriYearbook(warheadEstimates)
    }
}

/// An observation model for simulated test months: a month in which a simulation says "the
/// DPRK tests" is turned into missiles and launch days by resampling, uniformly and with
/// replacement, the real launch months of a training period.
///
/// ```swift
/// let model = try LaunchMonthObservationModel(series: series, period: YearMonth(1990, 1)...YearMonth(2012, 12))
/// var generator = Xoshiro256StarStar(seed: 1, run: 0)
/// let month = model.sample(using: &generator)   // (missiles: 7, launchDays: 1), say
/// ```
public struct LaunchMonthObservationModel: Sendable, Hashable {
    /// One (missiles, launch days) pair.
    public struct Outcome: Sendable, Hashable, Comparable {
        /// Missiles in the month.
        public var missiles: Int
        /// Launch days in the month.
        public var launchDays: Int

        /// Creates an outcome.
        public init(missiles: Int, launchDays: Int) {
            self.missiles = missiles
            self.launchDays = launchDays
        }

        /// By missiles, then launch days.
        public static func < (lhs: Outcome, rhs: Outcome) -> Bool {
            (lhs.missiles, lhs.launchDays) < (rhs.missiles, rhs.launchDays)
        }
    }

    /// One support point of the empirical distribution.
    public struct Entry: Sendable, Hashable {
        /// The (missiles, launch days) pair.
        public var outcome: Outcome
        /// How many launch months of the period had it.
        public var count: Int
        /// `count` over the number of launch months.
        public var probability: Double
    }

    /// The training period.
    public let period: ClosedRange<YearMonth>
    /// The real launch months of the period, in order: the resampling pool.
    public let launchMonths: [ObservedMonth]

    /// The model of `period`'s launch months; a ``HistoryDataError/Kind/inconsistent`` error
    /// (at the series' first month, file `observed series`) when the period has none.
    public init(series: ObservedSeries, period: ClosedRange<YearMonth>) throws(HistoryDataError) {
        let pool = series.months(in: period).filter(\.hasLaunch)
        guard !pool.isEmpty else {
            throw HistoryDataError(
                .inconsistent, at: HistoryLocation(file: "observed series", line: 1, column: 1),
                "no launch month in \(period.lowerBound)…\(period.upperBound)",
                expected: "a training period with at least one launch", hint: "widen the period")
        }
        self.period = period
        launchMonths = pool
    }

    /// The empirical distribution, sorted by (missiles, launch days).
    public var distribution: [Entry] {
        let counts = Dictionary(grouping: launchMonths, by: { Outcome(missiles: $0.missiles, launchDays: $0.launchDays) })
        let total = Double(launchMonths.count)
        return counts.map { Entry(outcome: $0.key, count: $0.value.count, probability: Double($0.value.count) / total) }
            .sorted { $0.outcome < $1.outcome }
    }

    /// Mean missiles per launch month.
    public var meanMissiles: Double { Double(launchMonths.reduce(0) { $0 + $1.missiles }) / Double(launchMonths.count) }
    /// Mean launch days per launch month.
    public var meanLaunchDays: Double { Double(launchMonths.reduce(0) { $0 + $1.launchDays }) / Double(launchMonths.count) }

    /// One draw: a launch month of the period chosen uniformly (one uniform consumed).
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Outcome {
        let index = min(launchMonths.count - 1, Int(generator.nextUniform() * Double(launchMonths.count)))
        let month = launchMonths[index]
        return Outcome(missiles: month.missiles, launchDays: month.launchDays)
    }
}
