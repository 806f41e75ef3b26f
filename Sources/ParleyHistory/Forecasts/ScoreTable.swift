/// Every forecaster's forecasts from one origin, with what happened.
public struct OriginForecasts: Sendable, Hashable, Codable {
    /// The last month of the training record.
    public var origin: YearMonth
    /// What happened in each test year, in year order (``ObservedSeries/year(_:)``; 2021 has
    /// January–June).
    public var observed: [ObservedYear]
    /// The forecasters; each must forecast exactly the observed years, with the same months.
    public var forecasters: [Forecaster]

    /// The forecasts of one origin.
    public init(origin: YearMonth, observed: [ObservedYear], forecasters: [Forecaster]) {
        self.origin = origin
        self.observed = observed
        self.forecasters = forecasters
    }
}

/// A value per count target.
public struct CountTargetValues<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    /// For launch months.
    public var launchMonths: Value
    /// For missiles.
    public var missiles: Value
    /// For launch days.
    public var launchDays: Value

    /// The value of `target`.
    public subscript(target: CountTarget) -> Value {
        switch target {
        case .launchMonths: launchMonths
        case .missiles: missiles
        case .launchDays: launchDays
        }
    }

    /// Values computed per target.
    init(_ value: (CountTarget) -> Value) {
        launchMonths = value(.launchMonths)
        missiles = value(.missiles)
        launchDays = value(.launchDays)
    }
}

/// A value per event target.
public struct EventTargetValues<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    /// For a nuclear test.
    public var nuclearTest: Value
    /// For a long-range launch.
    public var longRangeLaunch: Value

    /// The value of `target`.
    public subscript(target: EventTarget) -> Value {
        switch target {
        case .nuclearTest: nuclearTest
        case .longRangeLaunch: longRangeLaunch
        }
    }

    /// Values computed per target.
    init(_ value: (EventTarget) -> Value) {
        nuclearTest = value(.nuclearTest)
        longRangeLaunch = value(.longRangeLaunch)
    }
}

/// How often a central interval held the observation.
public struct IntervalCoverage: Sendable, Hashable, Codable {
    /// The interval's nominal probability (0.5, 0.8, 0.95): the ideal ``fraction``, or a little
    /// below it, since a discrete forecast's central interval holds at least its level.
    public var level: Double
    /// How many (origin, year) pairs' observations lay in their interval (ends included).
    public var covered: Int
    /// How many pairs there were.
    public var pairs: Int

    /// covered/pairs; nil without pairs.
    public var fraction: Double? { pairs > 0 ? Double(covered) / Double(pairs) : nil }
}

/// One (origin, test year) pair's scores for one forecaster.
public struct YearScores: Sendable, Hashable, Codable {
    /// The origin.
    public var origin: YearMonth
    /// The test year.
    public var year: Int
    /// Its months scored, from January (6 for 2021).
    public var months: Int
    /// CRPS of each count forecast.
    public var crps: CountTargetValues<Double>
    /// Brier score of each event forecast (nil when the forecaster made none).
    public var brier: EventTargetValues<Double?>
    /// Log score of each event forecast (nil when the forecaster made none).
    public var logScore: EventTargetValues<Double?>
}

/// One forecaster's scores over one origin's test years, or pooled over several origins.
///
/// Every score is negatively oriented (smaller is better) except coverage, whose ideal is its
/// level. Means are over (origin, test year) pairs; an event score over the pairs where the
/// forecaster gave a probability (nil if none).
public struct ForecasterScores: Sendable, Hashable, Codable {
    /// The forecaster.
    public var name: String
    /// The (origin, test year) pairs scored.
    public var pairs: Int
    /// Mean CRPS per count target (nil without pairs).
    public var crps: CountTargetValues<Double?>
    /// Mean Brier score per event.
    public var brier: EventTargetValues<Double?>
    /// Mean log score per event (natural log, capped at ``EventForecast/logScoreCap``).
    public var logScore: EventTargetValues<Double?>
    /// Coverage of the central intervals of ``ScoreTable/levels``, per count target.
    public var coverage: CountTargetValues<[IntervalCoverage]>
    /// The non-randomised PIT histogram (10 bins) per count target.
    public var pit: CountTargetValues<PITHistogram>
    /// The scores of each pair, in origin then year order.
    public var years: [YearScores]
}

/// The score table: per forecaster, the proper scores, interval coverage and PIT histograms of
/// its forecasts, for one origin or pooled over several.
///
/// **Pooling.** The pooled table treats every (origin, test year) pair as one forecast case:
/// each mean is over all pairs of all origins, coverage counts all pairs, and the PIT histogram
/// averages the PIT CDFs of all pairs. An origin with more test years therefore weighs more
/// (2005-12 has 16 test years to 2016-12's 5): the table answers "how good was a forecast made
/// at one of these origins", not "how good was an average origin".
///
/// Rows are in the order the forecasters come in the first origin; every origin must hold the
/// same names, once each, and each forecaster must forecast exactly that origin's observed
/// years (same years, same months). The table depends only on its input's arrays, never on
/// dictionary order, and is a plain Codable value (nil rather than NaN where a value is
/// undefined, so that JSON can carry it).
///
/// ```swift
/// let baselines = try Baselines.forecast(record, origin: YearMonth(2012, 12))
/// let model = Forecaster(name: "model", years: …)   // YearForecast(year:months:launchMonthSamples:…)
/// let table = try ScoreTable(origins: [baselines.originForecasts(adding: [model])])
/// table.forecaster(named: "model")?.crps.missiles
/// ```
public struct ScoreTable: Sendable, Hashable, Codable {
    /// The central-interval levels whose coverage is counted.
    public static let levels = [0.5, 0.8, 0.95]
    /// The PIT histogram's bins.
    public static let pitBins = 10

    /// The origins pooled, in the order given.
    public var origins: [YearMonth]
    /// The number of (origin, test year) pairs.
    public var pairs: Int
    /// One row per forecaster.
    public var forecasters: [ForecasterScores]

    /// The table of one origin's forecasts, or of several origins' pooled (see the type's
    /// documentation). Throws on a mismatch between forecasts and observations.
    public init(origins: [OriginForecasts]) throws(ForecastError) {
        guard let first = origins.first else { throw ForecastError("a score table needs at least one origin") }
        let names = first.forecasters.map(\.name)
        for (index, origin) in origins.enumerated() {
            if let repeated = origins[..<index].first(where: { $0.origin == origin.origin }) {
                throw ForecastError("origin \(repeated.origin) is given twice")
            }
            let here = origin.forecasters.map(\.name)
            if let duplicate = here.enumerated().first(where: { here[..<$0.offset].contains($0.element) })?.element {
                throw ForecastError("forecaster \"\(duplicate)\" appears twice at origin \(origin.origin)")
            }
            guard Set(here) == Set(names) else {
                throw ForecastError("origin \(origin.origin) has forecasters \(here.sorted()); origin \(first.origin) has \(names.sorted())")
            }
            for forecaster in origin.forecasters {
                let forecast = forecaster.years.map { "\($0.year)/\($0.months)" }
                let observed = origin.observed.map { "\($0.year)/\($0.monthsObserved)" }
                guard forecast == observed else {
                    throw ForecastError(
                        "forecaster \"\(forecaster.name)\" at origin \(origin.origin) forecasts years/months \(forecast); observed \(observed)")
                }
            }
        }
        self.origins = origins.map(\.origin)
        pairs = origins.reduce(0) { $0 + $1.observed.count }
        forecasters = names.map { name in
            let cases = origins.flatMap { origin in
                let forecaster = origin.forecasters.first { $0.name == name }
                return zip(forecaster?.years ?? [], origin.observed).map { (origin: origin.origin, forecast: $0, observed: $1) }
            }
            return ScoreTable.scores(name: name, cases)
        }
    }

    /// The row of `name`, if any.
    public func forecaster(named name: String) -> ForecasterScores? { forecasters.first { $0.name == name } }

    /// One forecaster's row from its (origin, forecast, observation) cases.
    static func scores(name: String, _ cases: [(origin: YearMonth, forecast: YearForecast, observed: ObservedYear)]) -> ForecasterScores {
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        let years = cases.map { item in
            YearScores(
                origin: item.origin, year: item.observed.year, months: item.observed.monthsObserved,
                crps: CountTargetValues { item.forecast[$0].crps(observation: item.observed.count($0)) },
                brier: EventTargetValues { target in item.forecast[target]?.brier(outcome: item.observed.happened(target)) },
                logScore: EventTargetValues { target in item.forecast[target]?.logScore(outcome: item.observed.happened(target)) })
        }
        return ForecasterScores(
            name: name, pairs: cases.count,
            crps: CountTargetValues { target in mean(years.map { $0.crps[target] }) },
            brier: EventTargetValues { target in mean(years.compactMap { $0.brier[target] }) },
            logScore: EventTargetValues { target in mean(years.compactMap { $0.logScore[target] }) },
            coverage: CountTargetValues { target in
                levels.map { level in
                    IntervalCoverage(
                        level: level, covered: cases.filter { $0.forecast[target].covers($0.observed.count(target), level: level) }.count,
                        pairs: cases.count)
                }
            },
            pit: CountTargetValues { target in
                PITHistogram(forecasts: cases.map { $0.forecast[target] }, observations: cases.map { $0.observed.count(target) },
                             binCount: pitBins)
            },
            years: years)
    }
}

extension YearMonth: Codable {
    /// Decodes `YYYY-MM`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = YearMonth(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a month; expected YYYY-MM")
        }
        self = month
    }

    /// Encodes `YYYY-MM`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
