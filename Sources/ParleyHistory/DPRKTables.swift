/// The class of a missile, as the CNS/NTI database names it.
public enum MissileType: String, Sendable, Hashable, CaseIterable {
    /// Short-range ballistic missile.
    case srbm = "SRBM"
    /// Medium-range ballistic missile.
    case mrbm = "MRBM"
    /// Intermediate-range ballistic missile.
    case irbm = "IRBM"
    /// Intercontinental ballistic missile.
    case icbm = "ICBM"
    /// Submarine-launched ballistic missile.
    case slbm = "SLBM"
    /// Satellite launch vehicle.
    case slv = "SLV"
    /// Hypersonic glide vehicle.
    case hgv = "HGV"
    /// Not known.
    case unknown = "Unknown"

    /// The long-range classes: IRBM, ICBM and satellite launchers (the same rockets). A
    /// "long-range launch" in the forecasts and the observed series is a launch of one of these.
    public static let longRange: Set<MissileType> = [.irbm, .icbm, .slv]
}

/// How a missile test ended, per CNS.
public enum MissileOutcome: String, Sendable, Hashable, CaseIterable {
    /// The flight succeeded.
    case success = "Success"
    /// The flight failed.
    case failure = "Failure"
    /// Not known.
    case unknown = "Unknown"
}

/// Whether CNS considers the test confirmed.
public enum ConfirmationStatus: String, Sendable, Hashable, CaseIterable {
    /// Confirmed by CNS's sources.
    case confirmed = "Confirmed"
    /// Reported but not confirmed.
    case unconfirmed = "Unconfirmed"
}

/// One missile of `missile_tests.csv` (CNS counts each missile; a salvo is several rows).
/// Dates are UTC, as CNS gives them (allow ±1 day against local-time dates).
public struct MissileTest: Sendable, Hashable {
    /// The row's identifier, e.g. `CNS-111`.
    public var id: String
    /// The launch date; month precision for eight 1984–1992 rows (CNS best estimates).
    public var date: HistoryDate
    /// The launch time as written (e.g. `10:04:00 PM`), when known.
    public var launchTimeUTC: String?
    /// The missile's name, e.g. `Hwasong-14`.
    public var name: String
    /// The missile's class.
    public var type: MissileType
    /// The launch facility's name.
    public var facility: String
    /// The facility's latitude in degrees, when known. CNS writes `Unknown` for the
    /// coordinates of an unknown facility (CNS-055, CNS-119, CNS-126 … CNS-129); read as nil.
    public var facilityLatitude: Double?
    /// The facility's longitude in degrees, when known.
    public var facilityLongitude: Double?
    /// Where it landed, as written.
    public var landingLocation: String
    /// The apogee in kilometres, when known.
    public var apogeeKilometres: Double?
    /// The distance flown in kilometres, when known.
    public var distanceKilometres: Double?
    /// Whether CNS confirmed the test.
    public var confirmation: ConfirmationStatus
    /// How it ended.
    public var outcome: MissileOutcome
    /// Where the row comes from.
    public var source: String
    /// How the row was obtained.
    public var provenance: [Provenance]
    /// Where the row is in its file.
    public var location: HistoryLocation

    /// The columns ``load(_:cutoff:)`` needs.
    public static let requiredColumns = [
        "test_id", "date", "date_precision", "year", "launch_time_utc", "missile_name", "missile_type",
        "facility_name", "facility_lat", "facility_lon", "landing_location", "apogee_km", "distance_km",
        "confirmation_status", "outcome", "source", "provenance",
    ]

    /// Reads `missile_tests.csv`: checks every field, that `date` has the form `date_precision`
    /// says and lies in `year`, that no date is after `cutoff`, and that ids are unique.
    public static func load(_ table: CSVTable, cutoff: HistoryDate = DPRKRecord.cutoff) throws(HistoryDataError) -> [MissileTest] {
        let readers = try table.rowReaders(requiring: requiredColumns)
        try checkUnique(readers, column: "test_id") { row throws(HistoryDataError) in try row.requiredText("test_id", expected: "an identifier such as CNS-001") }
        var tests: [MissileTest] = []
        for row in readers {
            let precision = try row.enumeration("date_precision", as: DatePrecision.self)
            let date = try row.date("date", notAfter: cutoff)
            guard date.precision == precision else {
                throw row.error(
                    .badDate, "date", "'\(date)' has \(date.precision) precision but date_precision says \(precision)",
                    expected: "a date of the form date_precision names", hint: "correct either 'date' or 'date_precision'")
            }
            let year = try row.int("year", in: 1...9999)
            guard year == date.year else {
                throw row.error(.badDate, "year", "year \(year) disagrees with the date \(date)", expected: "the date's year, \(date.year)")
            }
            tests.append(MissileTest(
                id: try row.text("test_id"), date: date, launchTimeUTC: try row.optionalText("launch_time_utc"),
                name: try row.text("missile_name"), type: try row.enumeration("missile_type", as: MissileType.self),
                facility: try row.text("facility_name"),
                facilityLatitude: try row.optionalDouble("facility_lat", in: -90...90, missing: ["Unknown"]),
                facilityLongitude: try row.optionalDouble("facility_lon", in: -180...180, missing: ["Unknown"]),
                landingLocation: try row.text("landing_location"),
                apogeeKilometres: try row.optionalDouble("apogee_km", in: 0...1e6),
                distanceKilometres: try row.optionalDouble("distance_km", in: 0...1e6),
                confirmation: try row.enumeration("confirmation_status", as: ConfirmationStatus.self),
                outcome: try row.enumeration("outcome", as: MissileOutcome.self),
                source: try row.text("source"), provenance: try row.provenance(), location: row.location))
        }
        return tests
    }
}

/// One year of `missile_tests_annual.csv`: counts derived from the CNS file, plus CSIS
/// Beyond Parallel event counts.
public struct MissileYear: Sendable, Hashable {
    /// The calendar year.
    public var year: Int
    /// Missiles launched (rows of the per-missile file).
    public var missiles: Int
    /// Distinct launch dates (a month-precision date counts as one launch day).
    public var launchDays: Int
    /// Missiles by outcome.
    public var outcomes: [MissileOutcome: Int]
    /// Missiles by class.
    public var types: [MissileType: Int]
    /// Which database the missile counts come from.
    public var missileSource: String
    /// CSIS Beyond Parallel missile provocation events.
    public var csisMissileEvents: Int
    /// CSIS nuclear events.
    public var csisNuclearEvents: Int
    /// CSIS other provocation events.
    public var csisOtherEvents: Int
    /// A remark, possibly empty.
    public var note: String
    /// Where the row comes from.
    public var source: String
    /// How the row was obtained.
    public var provenance: [Provenance]
    /// Where the row is in its file.
    public var location: HistoryLocation

    /// The columns ``load(_:cutoff:)`` needs.
    public static let requiredColumns = [
        "year", "n_missiles", "n_launch_days", "n_success", "n_failure", "n_unknown",
    ] + MissileType.allCases.map { "n_type_\($0.rawValue)" } + [
        "missile_source", "csis_missile_provocation_events", "csis_nuclear_events", "csis_other_provocation_events",
        "note", "source", "provenance",
    ]

    /// Reads `missile_tests_annual.csv`: checks counts are whole and non-negative, that
    /// outcomes and types each add up to `n_missiles`, that launch days do not exceed missiles,
    /// that years are unique and that no year extends past `cutoff` (a year ending after the
    /// cut-off is refused: its counts may include later events).
    public static func load(_ table: CSVTable, cutoff: HistoryDate = DPRKRecord.cutoff) throws(HistoryDataError) -> [MissileYear] {
        let readers = try table.rowReaders(requiring: requiredColumns)
        try checkUnique(readers, column: "year") { row throws(HistoryDataError) in try row.text("year") }
        var years: [MissileYear] = []
        for row in readers {
            let date = try row.date("year", precisions: [.year], notAfter: cutoff)
            try row.periodEnd(date, of: "year", notAfter: cutoff)
            let missiles = try row.int("n_missiles", in: 0...100_000)
            let launchDays = try row.int("n_launch_days", in: 0...366)
            guard launchDays <= missiles else {
                throw row.error(
                    .inconsistent, "n_launch_days", "\(launchDays) launch days but only \(missiles) missiles",
                    expected: "n_launch_days ≤ n_missiles")
            }
            var outcomes: [MissileOutcome: Int] = [:]
            for (outcome, column) in [(MissileOutcome.success, "n_success"), (.failure, "n_failure"), (.unknown, "n_unknown")] {
                outcomes[outcome] = try row.int(column, in: 0...100_000)
            }
            var types: [MissileType: Int] = [:]
            for type in MissileType.allCases { types[type] = try row.int("n_type_\(type.rawValue)", in: 0...100_000) }
            let outcomeTotal = outcomes.values.reduce(0, +), typeTotal = types.values.reduce(0, +)
            guard outcomeTotal == missiles else {
                throw row.error(
                    .inconsistent, "n_success", "outcomes add up to \(outcomeTotal), not n_missiles = \(missiles)",
                    expected: "n_success + n_failure + n_unknown = n_missiles")
            }
            guard typeTotal == missiles else {
                throw row.error(
                    .inconsistent, "n_type_SRBM", "types add up to \(typeTotal), not n_missiles = \(missiles)",
                    expected: "the n_type_* columns to add up to n_missiles")
            }
            years.append(MissileYear(
                year: date.year, missiles: missiles, launchDays: launchDays, outcomes: outcomes, types: types,
                missileSource: try row.text("missile_source"),
                csisMissileEvents: try row.int("csis_missile_provocation_events", in: 0...100_000),
                csisNuclearEvents: try row.int("csis_nuclear_events", in: 0...100_000),
                csisOtherEvents: try row.int("csis_other_provocation_events", in: 0...100_000),
                note: try row.text("note"), source: try row.text("source"), provenance: try row.provenance(),
                location: row.location))
        }
        return years
    }
}

/// One of the DPRK's nuclear tests (`nuclear_tests.csv`), with seismological yield estimates.
public struct NuclearTest: Sendable, Hashable {
    /// 1 for the first test (2006-10-09), and so on.
    public var number: Int
    /// The date in UTC.
    public var date: HistoryDate
    /// The origin time (Yao et al. 2018), when known.
    public var originTimeUTC: String?
    /// Latitude (Yao et al. 2018).
    public var latitude: Double?
    /// Longitude (Yao et al. 2018).
    public var longitude: Double?
    /// Depth in metres (Yao et al. 2018).
    public var depthMetres: Double?
    /// Yield in kilotons (Yao et al. 2018).
    public var yieldKilotons: Double?
    /// Its standard error.
    public var yieldError: Double?
    /// Yield in kilotons (USTC Wen group).
    public var yieldKilotonsUSTC: Double?
    /// Its standard error.
    public var yieldErrorUSTC: Double?
    /// Magnitude reported by Bloomberg.
    public var reportedMagnitude: Double?
    /// Bloomberg's yield estimate, as text.
    public var reportedYield: String
    /// The DPRK's claim per CSIS, possibly empty.
    public var dprkClaim: String
    /// Where the row comes from.
    public var source: String
    /// How the row was obtained.
    public var provenance: [Provenance]
    /// Where the row is in its file.
    public var location: HistoryLocation

    /// The columns ``load(_:cutoff:)`` needs.
    public static let requiredColumns = [
        "test_no", "date_utc", "origin_time_utc_yao2018", "lat_yao2018", "lon_yao2018", "depth_m_yao2018",
        "yield_kt_yao2018", "yield_kt_err_yao2018", "yield_kt_ustc_wen", "yield_kt_err_ustc_wen",
        "magnitude_reported_bloomberg", "yield_estimate_bloomberg", "dprk_claim_csis", "source", "provenance",
    ]

    /// Reads `nuclear_tests.csv`: day-precision dates not after `cutoff`, unique test numbers.
    public static func load(_ table: CSVTable, cutoff: HistoryDate = DPRKRecord.cutoff) throws(HistoryDataError) -> [NuclearTest] {
        let readers = try table.rowReaders(requiring: requiredColumns)
        try checkUnique(readers, column: "test_no") { row throws(HistoryDataError) in String(try row.int("test_no", in: 1...1000)) }
        var tests: [NuclearTest] = []
        for row in readers {
            tests.append(NuclearTest(
                number: try row.int("test_no", in: 1...1000), date: try row.date("date_utc", precisions: [.day], notAfter: cutoff),
                originTimeUTC: try row.optionalText("origin_time_utc_yao2018"),
                latitude: try row.optionalDouble("lat_yao2018", in: -90...90),
                longitude: try row.optionalDouble("lon_yao2018", in: -180...180),
                depthMetres: try row.optionalDouble("depth_m_yao2018", in: 0...100_000),
                yieldKilotons: try row.optionalDouble("yield_kt_yao2018", in: 0...1e6),
                yieldError: try row.optionalDouble("yield_kt_err_yao2018", in: 0...1e6),
                yieldKilotonsUSTC: try row.optionalDouble("yield_kt_ustc_wen", in: 0...1e6),
                yieldErrorUSTC: try row.optionalDouble("yield_kt_err_ustc_wen", in: 0...1e6),
                reportedMagnitude: try row.optionalDouble("magnitude_reported_bloomberg", in: 0...10),
                reportedYield: try row.text("yield_estimate_bloomberg"), dprkClaim: try row.text("dprk_claim_csis"),
                source: try row.text("source"), provenance: try row.provenance(), location: row.location))
        }
        return tests
    }
}

/// A UN Security Council resolution or presidential statement on the DPRK (`sanctions.csv`).
public struct SanctionInstrument: Sendable, Hashable {
    /// The instrument, e.g. `2397 (2017)` or `S/PRST/2017/16`.
    public var instrument: String
    /// The day it was adopted.
    public var adopted: HistoryDate
    /// Its kind as written, e.g. `resolution (Ch. VII)`.
    public var kind: String
    /// The vote as written.
    public var vote: String
    /// What triggered it.
    public var triggerEvent: String
    /// The trigger's date as written (may hold two dates and remarks, or be empty).
    public var triggerDateText: String
    /// Every `YYYY-MM-DD` found in ``triggerDateText``, in order.
    public var triggerDates: [HistoryDate]
    /// The key measures, as text.
    public var keyMeasures: String
    /// Where the row comes from.
    public var source: String
    /// How the row was obtained.
    public var provenance: [Provenance]
    /// Where the row is in its file.
    public var location: HistoryLocation

    /// Whether it is a resolution (binding or not) rather than a presidential statement.
    public var isResolution: Bool { kind.hasPrefix("resolution") }

    /// The columns ``load(_:cutoff:)`` needs.
    public static let requiredColumns = [
        "instrument", "date_adopted", "kind", "vote", "trigger_event", "trigger_date", "key_measures", "source", "provenance",
    ]

    /// Reads `sanctions.csv`: day-precision adoption dates not after `cutoff`, unique instruments.
    public static func load(_ table: CSVTable, cutoff: HistoryDate = DPRKRecord.cutoff) throws(HistoryDataError) -> [SanctionInstrument] {
        let readers = try table.rowReaders(requiring: requiredColumns)
        try checkUnique(readers, column: "instrument") { row throws(HistoryDataError) in try row.requiredText("instrument", expected: "a resolution number or S/PRST symbol") }
        var instruments: [SanctionInstrument] = []
        for row in readers {
            let triggerText = try row.text("trigger_date")
            instruments.append(SanctionInstrument(
                instrument: try row.text("instrument"),
                adopted: try row.date("date_adopted", precisions: [.day], notAfter: cutoff),
                kind: try row.requiredText("kind", expected: "resolution … or presidential statement …"),
                vote: try row.text("vote"), triggerEvent: try row.text("trigger_event"), triggerDateText: triggerText,
                triggerDates: isoDays(in: triggerText), keyMeasures: try row.text("key_measures"),
                source: try row.text("source"), provenance: try row.provenance(), location: row.location))
        }
        return instruments
    }

    /// Every valid `YYYY-MM-DD` in `text`.
    static func isoDays(in text: String) -> [HistoryDate] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 10 else { return [] }
        var dates: [HistoryDate] = []
        var i = 0
        while i + 10 <= scalars.count {
            var candidate = String.UnicodeScalarView()
            candidate.append(contentsOf: scalars[i..<(i + 10)])
            let boundaryBefore = i == 0 || !CharacterSetDigits.contains(scalars[i - 1])
            let boundaryAfter = i + 10 == scalars.count || !CharacterSetDigits.contains(scalars[i + 10])
            if boundaryBefore, boundaryAfter, let date = HistoryDate(parsing: String(candidate)), date.precision == .day {
                dates.append(date)
                i += 10
            } else {
                i += 1
            }
        }
        return dates
    }
}

private enum CharacterSetDigits {
    static func contains(_ scalar: Unicode.Scalar) -> Bool { (48...57).contains(scalar.value) }
}

/// A diplomatic episode (`episodes.csv`): talks, summits, agreements, freezes, breakdowns.
public struct DiplomaticEpisode: Sendable, Hashable {
    /// The identifier, e.g. `E22`.
    public var id: String
    /// The episode's name.
    public var name: String
    /// Its format, e.g. `summit`.
    public var format: String
    /// When it started, when known (day or month precision).
    public var start: HistoryDate?
    /// When it ended, when known; empty in the file for an open-ended episode (E17).
    public var end: HistoryDate?
    /// Where.
    public var place: String
    /// Who took part.
    public var parties: String
    /// The outcome class, e.g. `agreement`, `breakdown`.
    public var outcomeClass: String
    /// The outcome, as text.
    public var outcome: String
    /// What followed.
    public var subsequentFate: String
    /// Where the row comes from.
    public var source: String
    /// How the row was obtained.
    public var provenance: [Provenance]
    /// Where the row is in its file.
    public var location: HistoryLocation

    /// The columns ``load(_:cutoff:)`` needs.
    public static let requiredColumns = [
        "episode_id", "name", "format", "start_date", "end_date", "location", "parties", "outcome_class", "outcome",
        "subsequent_fate", "source", "provenance",
    ]

    /// Reads `episodes.csv`: start and end are empty, `YYYY-MM` or `YYYY-MM-DD`, not after
    /// `cutoff`, and the end is not before the start; ids are unique.
    public static func load(_ table: CSVTable, cutoff: HistoryDate = DPRKRecord.cutoff) throws(HistoryDataError) -> [DiplomaticEpisode] {
        let readers = try table.rowReaders(requiring: requiredColumns)
        try checkUnique(readers, column: "episode_id") { row throws(HistoryDataError) in try row.requiredText("episode_id", expected: "an identifier such as E01") }
        var episodes: [DiplomaticEpisode] = []
        for row in readers {
            let start = try row.optionalDate("start_date", precisions: [.day, .month], notAfter: cutoff)
            let end = try row.optionalDate("end_date", precisions: [.day, .month], notAfter: cutoff)
            if let start, let end, end.lastDay < start.firstDay {
                throw row.error(.badDate, "end_date", "the episode ends (\(end)) before it starts (\(start))", expected: "end_date on or after start_date")
            }
            episodes.append(DiplomaticEpisode(
                id: try row.text("episode_id"), name: try row.text("name"), format: try row.text("format"), start: start, end: end,
                place: try row.text("location"), parties: try row.text("parties"), outcomeClass: try row.text("outcome_class"),
                outcome: try row.text("outcome"), subsequentFate: try row.text("subsequent_fate"),
                source: try row.text("source"), provenance: try row.provenance(), location: row.location))
        }
        return episodes
    }
}

/// One warhead estimate (`warheads.csv`): an estimator's figure for one date, as a range
/// (`low`–`high`), a point, or both. Estimators and metrics differ; do not mix them in one series.
public struct WarheadEstimate: Sendable, Hashable {
    /// The date the estimate refers to (`2021-01` for a yearbook's January figure, or a year).
    public var asOf: HistoryDate
    /// The year column.
    public var year: Int
    /// Who estimated, e.g. `SIPRI`.
    public var estimator: String
    /// Where it was published, e.g. `SIPRI Yearbook 2021`.
    public var publication: String
    /// What is counted, e.g. `warheads (fissile-material based)`.
    public var metric: String
    /// The range's lower end, when given.
    public var low: Double?
    /// The range's upper end, when given.
    public var high: Double?
    /// The point estimate, when given.
    public var point: Double?
    /// Remarks.
    public var notes: String
    /// Where the row comes from.
    public var source: String
    /// How the row was obtained.
    public var provenance: [Provenance]
    /// Where the row is in its file.
    public var location: HistoryLocation

    /// The middle of the range, or the point when there is no range.
    public var midpoint: Double? {
        if let low, let high { return (low + high) / 2 }
        return point
    }

    /// The columns ``load(_:cutoff:)`` needs.
    public static let requiredColumns = [
        "as_of", "year", "estimator", "publication", "metric", "low", "high", "point", "notes", "source", "provenance",
    ]

    /// Reads `warheads.csv`: `as_of` is a year or month not after `cutoff` (the FAS row
    /// `as_of = 2021` is a start-of-year estimate and is kept) and agrees with
    /// `year`; a row gives `low` and `high` together (low ≤ high), a `point`, or both; the
    /// (as_of, estimator, metric) triple is unique.
    public static func load(_ table: CSVTable, cutoff: HistoryDate = DPRKRecord.cutoff) throws(HistoryDataError) -> [WarheadEstimate] {
        let readers = try table.rowReaders(requiring: requiredColumns)
        try checkUnique(readers, column: "as_of") { row throws(HistoryDataError) in
            "\(try row.text("as_of")) / \(try row.text("estimator")) / \(try row.text("metric"))"
        }
        var estimates: [WarheadEstimate] = []
        for row in readers {
            let asOf = try row.date("as_of", precisions: [.year, .month], notAfter: cutoff)
            let year = try row.int("year", in: 1...9999)
            guard year == asOf.year else {
                throw row.error(.badDate, "year", "year \(year) disagrees with as_of \(asOf)", expected: "the year of as_of, \(asOf.year)")
            }
            let low = try row.optionalDouble("low", in: 0...100_000), high = try row.optionalDouble("high", in: 0...100_000)
            let point = try row.optionalDouble("point", in: 0...100_000)
            if (low == nil) != (high == nil) {
                throw row.error(.badNumber, low == nil ? "low" : "high", "a range needs both 'low' and 'high'", expected: "both ends of the range, or neither")
            }
            if let low, let high, low > high {
                throw row.error(.badNumber, "low", "low \(low) is above high \(high)", expected: "low ≤ high")
            }
            if low == nil && point == nil {
                throw row.error(.badNumber, "point", "the row has neither a range nor a point", expected: "low and high, or point")
            }
            estimates.append(WarheadEstimate(
                asOf: asOf, year: year, estimator: try row.requiredText("estimator", expected: "who made the estimate"),
                publication: try row.text("publication"), metric: try row.requiredText("metric", expected: "what is counted"),
                low: low, high: high, point: point, notes: try row.text("notes"), source: try row.text("source"),
                provenance: try row.provenance(), location: row.location))
        }
        return estimates
    }
}
