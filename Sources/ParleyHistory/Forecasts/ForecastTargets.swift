/// A count forecast per year: what the forecasters predict and the scores compare.
public enum CountTarget: String, Sendable, Hashable, Codable, CaseIterable {
    /// Months with at least one ballistic-missile launch (``ObservedYear/launchMonths``).
    case launchMonths = "launch_months"
    /// Missiles, each missile of a salvo counted as CNS counts them (``ObservedYear/missiles``).
    case missiles
    /// Distinct launch dates (``ObservedYear/launchDays``).
    case launchDays = "launch_days"
}

/// A yes/no event per year.
public enum EventTarget: String, Sendable, Hashable, Codable, CaseIterable {
    /// At least one nuclear test.
    case nuclearTest = "nuclear_test"
    /// At least one long-range launch: an IRBM, ICBM or satellite launcher (``MissileType/longRange``).
    case longRangeLaunch = "long_range_launch"
}

extension ObservedYear {
    /// The observed value of a count target.
    public func count(_ target: CountTarget) -> Int {
        switch target {
        case .launchMonths: launchMonths
        case .missiles: missiles
        case .launchDays: launchDays
        }
    }

    /// The count behind an event: nuclear tests, or long-range launch days. The event happened
    /// when it is at least 1.
    public func eventCount(_ target: EventTarget) -> Int {
        switch target {
        case .nuclearTest: nuclearTests
        case .longRangeLaunch: longRangeLaunchDays
        }
    }

    /// Whether the event happened.
    public func happened(_ target: EventTarget) -> Bool { eventCount(target) > 0 }
}

/// One forecaster's forecast of one test year (or of its first ``months`` months: 2021 has
/// January–June only).
public struct YearForecast: Sendable, Hashable, Codable {
    /// The calendar year.
    public var year: Int
    /// How many months of it, from January, the forecast covers: 12, or 6 for 2021.
    public var months: Int
    /// Months with at least one launch.
    public var launchMonths: CountForecast
    /// Missiles.
    public var missiles: CountForecast
    /// Launch days.
    public var launchDays: CountForecast
    /// A nuclear test; nil when the forecaster makes no such forecast (the Hawkes baseline).
    public var nuclearTest: EventForecast?
    /// A long-range launch; nil when the forecaster makes no such forecast.
    public var longRangeLaunch: EventForecast?

    /// A forecast from its parts.
    public init(
        year: Int, months: Int, launchMonths: CountForecast, missiles: CountForecast, launchDays: CountForecast,
        nuclearTest: EventForecast?, longRangeLaunch: EventForecast?
    ) {
        self.year = year
        self.months = months
        self.launchMonths = launchMonths
        self.missiles = missiles
        self.launchDays = launchDays
        self.nuclearTest = nuclearTest
        self.longRangeLaunch = longRangeLaunch
    }

    /// An ensemble's forecast (the model's simulated runs): per run, the counts of the year and
    /// whether each event happened. The count forecasts are the samples' empirical distributions
    /// (``CountForecast/init(samples:)-([Double])``), the event probabilities the shares of runs
    /// (``EventForecast/init(outcomes:)``); nil outcomes mean no event forecast.
    public init(
        year: Int, months: Int, launchMonthSamples: [Double], missileSamples: [Double], launchDaySamples: [Double],
        nuclearTestOutcomes: [Bool]?, longRangeOutcomes: [Bool]?
    ) throws(ForecastError) {
        func event(_ outcomes: [Bool]?) throws(ForecastError) -> EventForecast? {
            guard let outcomes else { return nil }
            return try EventForecast(outcomes: outcomes)
        }
        self.init(
            year: year, months: months, launchMonths: try CountForecast(samples: launchMonthSamples),
            missiles: try CountForecast(samples: missileSamples), launchDays: try CountForecast(samples: launchDaySamples),
            nuclearTest: try event(nuclearTestOutcomes), longRangeLaunch: try event(longRangeOutcomes))
    }

    /// The forecast of a count target.
    public subscript(target: CountTarget) -> CountForecast {
        switch target {
        case .launchMonths: launchMonths
        case .missiles: missiles
        case .launchDays: launchDays
        }
    }

    /// The forecast of an event (nil when not made).
    public subscript(target: EventTarget) -> EventForecast? {
        switch target {
        case .nuclearTest: nuclearTest
        case .longRangeLaunch: longRangeLaunch
        }
    }
}

/// One forecaster's forecasts for the test years of one origin, under a name ("model",
/// "climatology-poisson", …) that is the same at every origin.
public struct Forecaster: Sendable, Hashable, Codable {
    /// The forecaster's name: its row in the score table.
    public var name: String
    /// One forecast per test year, in year order.
    public var years: [YearForecast]

    /// A forecaster's forecasts.
    public init(name: String, years: [YearForecast]) {
        self.name = name
        self.years = years
    }
}
