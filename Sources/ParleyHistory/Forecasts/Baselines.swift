import ParleyNumerics
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The knobs of the baselines.
public struct BaselineSettings: Sendable, Hashable, Codable {
    /// The seed of the Hawkes simulation (path p uses `Xoshiro256StarStar(seed, run: p, stream:)`).
    public var seed: UInt64
    /// Simulated paths of the Hawkes baseline per origin (at least 1).
    public var hawkesPaths: Int
    /// The largest window the recent-era climatology may choose, in years.
    public var recentEraMaxYears: Int

    /// The defaults: seed 1, 4,000 Hawkes paths, recent eras of at most 10 years.
    public init(seed: UInt64 = 1, hawkesPaths: Int = 4000, recentEraMaxYears: Int = 10) {
        self.seed = seed
        self.hawkesPaths = hawkesPaths
        self.recentEraMaxYears = recentEraMaxYears
    }
}

/// A negative binomial fit for one target and one window length (12 months, or the first 6 for
/// 2021).
public struct NegativeBinomialTargetFit: Sendable, Hashable, Codable {
    /// The target: a ``CountTarget`` or ``EventTarget`` raw value (for an event, the count behind it).
    public var target: String
    /// The window: the first `months` months of each training year.
    public var months: Int
    /// The fit.
    public var fit: NegativeBinomialFit
}

/// Every baseline's forecasts from one origin, with what each baseline fitted.
public struct BaselineForecasts: Sendable, Hashable, Codable {
    /// The last month of the training record.
    public var origin: YearMonth
    /// The training years (whole calendar years on or before the origin).
    public var trainingYears: [Int]
    /// What happened in the test years (2021: January–June).
    public var observed: [ObservedYear]
    /// The baselines' forecasts, in the order of ``Baselines/names``.
    public var forecasters: [Forecaster]
    /// The recent-era climatology's window per target, in the order of ``CountTarget`` then ``EventTarget``.
    public var recentEra: [RecentEraChoice]
    /// The negative binomial fits, per window length (12 first) and target.
    public var negativeBinomial: [NegativeBinomialTargetFit]
    /// The Hawkes fit on the training launch days (times in days since 1970-01-01).
    public var hawkes: HawkesFit

    /// The forecasts as the score table takes them, with `extra` forecasters (the model's) after
    /// the baselines.
    public func originForecasts(adding extra: [Forecaster] = []) -> OriginForecasts {
        OriginForecasts(origin: origin, observed: observed, forecasters: forecasters + extra)
    }
}

/// The baselines the model must beat, each fitted on the record up to an origin month only and
/// forecasting every test year after it: launch months, missiles and launch days (count
/// forecasts), a nuclear test and a long-range launch (probabilities).
///
/// **Training and test years.** Training years are the whole calendar years of the record on or
/// before the origin; test years run from the year after the origin's to the record's last
/// (2021, observed January–June). **Same-length windows**: a test year observed for its first m
/// months (m = 6 in 2021) is forecast from the training years' first m months (their
/// January–June halves), never by scaling a whole-year forecast; each baseline below is fitted
/// to those windows. The events' counts are nuclear tests and long-range launch days.
///
/// | name | count forecast | event probability |
/// |---|---|---|
/// | `climatology-poisson` | Poisson(training mean) | 1 − e^{−mean} |
/// | `climatology-empirical` | the training years' values, each 1/n | share of training years with the event |
/// | `persistence` | point mass at the last training year's value | 1 or 0: did it happen then |
/// | `recent-era` | the last k training years' values (``RecentEraChoice``) | share of those k years |
/// | `negative-binomial` | NB(mean, size) by ML (``NegativeBinomialFit``), Poisson when not over-dispersed | P(count ≥ 1) |
/// | `hawkes` | simulated launch days (``HawkesFit``) | long-range: share of paths; nuclear: none |
///
/// The Hawkes baseline fits a self-exciting process to the training launch days, simulates
/// ``BaselineSettings/hawkesPaths`` paths forward from the origin by thinning with the excitation
/// the training record leaves, and gives each simulated launch day the missiles and long-range
/// flag of a training launch day drawn uniformly (a marked process). Launch months are months
/// with a simulated launch day; launch days are distinct calendar days. It models launches only,
/// so it makes no nuclear-test forecast. Path p of origin o draws from
/// `Xoshiro256StarStar(seed: seed, run: p, stream: 0x4841_0000 + 2·o)` for the process and
/// stream `+ 1` for the marks (o is the origin's ``YearMonth/index``): the result depends only
/// on (record, origin, settings).
public enum Baselines {
    /// Poisson climatology.
    public static let poissonClimatology = "climatology-poisson"
    /// Empirical climatology.
    public static let empiricalClimatology = "climatology-empirical"
    /// Persistence.
    public static let persistence = "persistence"
    /// Recent-era climatology.
    public static let recentEra = "recent-era"
    /// Negative binomial.
    public static let negativeBinomial = "negative-binomial"
    /// Self-exciting (Hawkes) point process.
    public static let hawkes = "hawkes"
    /// Every baseline, in table order.
    public static let names = [poissonClimatology, empiricalClimatology, persistence, recentEra, negativeBinomial, hawkes]

    /// Fits every baseline on the record up to `origin` and forecasts every test year after it.
    /// Throws when the record has no whole calendar year on or before the origin, or the
    /// settings are out of range.
    public static func forecast(
        _ record: ForecastRecord, origin: YearMonth, settings: BaselineSettings = BaselineSettings()
    ) throws(ForecastError) -> BaselineForecasts {
        guard settings.hawkesPaths >= 1 else { throw ForecastError("hawkesPaths is \(settings.hawkesPaths); expected at least 1") }
        guard settings.recentEraMaxYears >= 1 else {
            throw ForecastError("recentEraMaxYears is \(settings.recentEraMaxYears); expected at least 1")
        }
        let trainingYears = record.trainingYears(origin: origin)
        guard !trainingYears.isEmpty else {
            throw ForecastError("no whole calendar year of the record (\(record.series.first)…\(record.series.last)) on or before the origin \(origin)")
        }
        let tests = record.testYears(origin: origin)
        func window(_ months: Int) -> [ObservedYear] { trainingYears.compactMap { record.series.year($0, throughMonth: months) } }
        let fullYears = window(12)

        let recentEra = CountTarget.allCases.map { target in
            RecentEraChoice.count(target, years: trainingYears, values: fullYears.map { $0.count(target) }, maxYears: settings.recentEraMaxYears)
        } + EventTarget.allCases.map { target in
            RecentEraChoice.event(target, years: trainingYears, values: fullYears.map { $0.eventCount(target) }, maxYears: settings.recentEraMaxYears)
        }
        let recentYears = Dictionary(uniqueKeysWithValues: recentEra.map { ($0.target, $0.years) })

        // The annual baselines, one window length at a time (in the order the test years need them).
        var negativeBinomial: [NegativeBinomialTargetFit] = []
        var annual: [[YearForecast]] = Array(repeating: [], count: 5)
        var fittedWindows: [Int: [NegativeBinomialTargetFit]] = [:]
        for test in tests {
            let months = test.monthsObserved
            let training = months == 12 ? fullYears : window(months)
            var counts: [[CountForecast]] = Array(repeating: [], count: 5)
            var events: [[EventForecast]] = Array(repeating: [], count: 5)
            var fits: [NegativeBinomialTargetFit] = []
            // A target's training values, its negative binomial fit (kept for the report) and
            // its recent-era window.
            func prepare(_ name: String, _ values: [Int]) throws(ForecastError) -> (fit: NegativeBinomialFit, recent: ArraySlice<Int>) {
                let fit = try NegativeBinomialFit(counts: values)
                fits.append(NegativeBinomialTargetFit(target: name, months: months, fit: fit))
                return (fit, values.suffix(recentYears[name] ?? values.count))
            }
            for target in CountTarget.allCases {
                let values = training.map { $0.count(target) }
                let (fit, recent) = try prepare(target.rawValue, values)
                let forecasts = [
                    try CountForecast(poissonMean: fit.mean), try CountForecast(samples: values),
                    CountForecast(pointMass: values.last ?? 0), try CountForecast(samples: Array(recent)), try fit.forecast(),
                ]
                for (index, forecast) in forecasts.enumerated() { counts[index].append(forecast) }
            }
            for target in EventTarget.allCases {
                let values = training.map { $0.eventCount(target) }
                let (fit, recent) = try prepare(target.rawValue, values)
                let forecasts = [
                    try EventForecast(probability: -expm1(-fit.mean)), try share(values),
                    try EventForecast(probability: (values.last ?? 0) > 0 ? 1 : 0), try share(recent),
                    try EventForecast(probability: fit.probabilityOfAny),
                ]
                for (index, forecast) in forecasts.enumerated() { events[index].append(forecast) }
            }
            if fittedWindows[months] == nil {
                fittedWindows[months] = fits
                negativeBinomial += fits
            }
            for index in 0..<5 {
                annual[index].append(YearForecast(
                    year: test.year, months: months, launchMonths: counts[index][0], missiles: counts[index][1],
                    launchDays: counts[index][2], nuclearTest: events[index][0], longRangeLaunch: events[index][1]))
            }
        }

        let (hawkesFit, hawkesYears) = try hawkesForecasts(record, origin: origin, tests: tests, settings: settings)
        var forecasters = zip(names.prefix(5), annual).map { Forecaster(name: $0, years: $1) }
        forecasters.append(Forecaster(name: hawkes, years: hawkesYears))
        return BaselineForecasts(
            origin: origin, trainingYears: trainingYears, observed: tests, forecasters: forecasters, recentEra: recentEra,
            negativeBinomial: negativeBinomial, hawkes: hawkesFit)
    }

    /// The share of `values` that are at least 1.
    static func share(_ values: some Collection<Int>) throws(ForecastError) -> EventForecast {
        guard !values.isEmpty else { throw ForecastError("no training values for an event share") }
        return try EventForecast(probability: Double(values.filter { $0 > 0 }.count) / Double(values.count))
    }

    /// Fits the Hawkes process on the training launch days and simulates the test years.
    static func hawkesForecasts(
        _ record: ForecastRecord, origin: YearMonth, tests: [ObservedYear], settings: BaselineSettings
    ) throws(ForecastError) -> (HawkesFit, [YearForecast]) {
        // The training window ends with the origin month, or with the record if that is earlier.
        let start = CalendarDay.start(of: record.series.first)
        let end = CalendarDay.start(of: min(origin, record.series.last).advanced(by: 1))
        let training = record.launchDays.filter { $0.time < end }
        let times = training.map(\.time)
        let fit = try HawkesFit(events: times, start: start, end: end)
        guard let last = tests.last else { return (fit, []) }
        let process = fit.process
        let excitation = process.excitation(at: end, history: times)

        // Month slots of the test windows: slot s is [boundaries[s], boundaries[s + 1]) and
        // belongs to test year owner[s].
        var boundaries: [Double] = [], owner: [Int] = []
        for (index, test) in tests.enumerated() {
            for month in 1...test.monthsObserved {
                boundaries.append(CalendarDay.start(of: YearMonth(test.year, month)))
                owner.append(index)
            }
        }
        let simulationEnd = CalendarDay.start(of: YearMonth(last.year, last.monthsObserved).advanced(by: 1))
        boundaries.append(simulationEnd)

        let paths = settings.hawkesPaths, years = tests.count
        var launchMonths = Array(repeating: [Int](), count: years), missiles = launchMonths, launchDays = launchMonths
        var longRange = Array(repeating: [Bool](), count: years)
        var months = Array(repeating: 0, count: years), missileCount = months, dayCount = months
        var longRangeSeen = Array(repeating: false, count: years)
        let stream = 0x4841_0000 + 2 * UInt64(max(0, origin.index))
        for path in 0..<paths {
            var thinning = Xoshiro256StarStar(seed: settings.seed, run: UInt64(path), stream: stream)
            var marks = Xoshiro256StarStar(seed: settings.seed, run: UInt64(path), stream: stream + 1)
            for i in 0..<years {
                months[i] = 0
                missileCount[i] = 0
                dayCount[i] = 0
                longRangeSeen[i] = false
            }
            var slot = 0, lastSlot = -1, lastDay = Int.min
            process.simulate(from: end, to: simulationEnd, excitation: excitation, using: &thinning) { t in
                guard t >= boundaries[0], t < simulationEnd, !training.isEmpty else { return }
                while slot + 1 < owner.count && t >= boundaries[slot + 1] { slot += 1 }
                let year = owner[slot]
                let day = Int(t.rounded(.down))
                if day != lastDay {
                    dayCount[year] += 1
                    lastDay = day
                }
                if slot != lastSlot {
                    months[year] += 1
                    lastSlot = slot
                }
                let mark = training[min(training.count - 1, Int(marks.nextUniform() * Double(training.count)))]
                missileCount[year] += mark.missiles
                if mark.longRange { longRangeSeen[year] = true }
            }
            for i in 0..<years {
                launchMonths[i].append(months[i])
                missiles[i].append(missileCount[i])
                launchDays[i].append(dayCount[i])
                longRange[i].append(longRangeSeen[i])
            }
        }
        var forecasts: [YearForecast] = []
        for (i, test) in tests.enumerated() {
            forecasts.append(YearForecast(
                year: test.year, months: test.monthsObserved, launchMonths: try CountForecast(samples: launchMonths[i]),
                missiles: try CountForecast(samples: missiles[i]), launchDays: try CountForecast(samples: launchDays[i]),
                nuclearTest: nil, longRangeLaunch: try EventForecast(outcomes: longRange[i])))
        }
        return (fit, forecasts)
    }
}
