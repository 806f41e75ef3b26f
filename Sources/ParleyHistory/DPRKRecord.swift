import Foundation

/// The whole DPRK record of `data/dprk/`, loaded, checked and cross-checked.
///
/// ```swift
/// import ParleyData
/// let record = try DPRKRecord(directory: ShippedData.dprkDirectory)
/// let series = ObservedSeries(record: record)          // 1990-01 … 2021-06
/// ```
///
/// Cross-checks between `missile_tests_annual.csv` and `missile_tests.csv`, for every year of
/// the annual file: `n_missiles` equals the number of per-missile rows in that year;
/// `n_launch_days` equals the number of **distinct `date` values** in that year (a
/// month-precision date such as `1984-09` counts as one launch day, distinct from any
/// day-precision date of the same month: that is how the annual file was derived, and it
/// agrees with it in every year 1984–2020); the outcome and type counts equal the per-missile
/// counts. The annual file must cover consecutive years; per-missile rows in a year it does
/// not cover are allowed only after its last year (the shipped annual file stops at 2020, so
/// 2021-01 … 2021-06 comes from the per-missile file alone). Any disagreement is a
/// ``HistoryDataError/Kind/inconsistent`` error at the annual file's field, naming both values.
public struct DPRKRecord: Sendable, Hashable {
    /// The project's cut-off, 2021-06-30 (the date of the policy paper): rows after it are
    /// refused, because the model is judged on what could be known then.
    public static let cutoff = HistoryDate(validYear: 2021, month: 6, day: 30)

    /// The file names read from the directory.
    public enum FileName {
        /// One row per missile (CNS/NTI).
        public static let missileTests = "missile_tests.csv"
        /// Per-year counts.
        public static let missileTestsAnnual = "missile_tests_annual.csv"
        /// The six nuclear tests.
        public static let nuclearTests = "nuclear_tests.csv"
        /// UN Security Council instruments.
        public static let sanctions = "sanctions.csv"
        /// Diplomatic episodes.
        public static let episodes = "episodes.csv"
        /// Warhead estimates.
        public static let warheads = "warheads.csv"
    }

    /// Every missile, in file order (by date).
    public var missileTests: [MissileTest]
    /// Per-year counts, in file order.
    public var missileYears: [MissileYear]
    /// The nuclear tests, in file order.
    public var nuclearTests: [NuclearTest]
    /// UN Security Council instruments, in file order.
    public var sanctions: [SanctionInstrument]
    /// Diplomatic episodes, in file order.
    public var episodes: [DiplomaticEpisode]
    /// Warhead estimates from every estimator, in file order.
    public var warheadEstimates: [WarheadEstimate]

    /// Loads the six files from `directory` (callers pass `ShippedData.dprkDirectory` for the
    /// shipped copy), refusing anything after `cutoff`, and cross-checks the two missile files.
    public init(directory: URL, cutoff: HistoryDate = DPRKRecord.cutoff) throws(HistoryDataError) {
        func table(_ name: String) throws(HistoryDataError) -> CSVTable {
            try CSVTable(contentsOf: directory.appendingPathComponent(name))
        }
        try self.init(
            missileTests: table(FileName.missileTests), missileTestsAnnual: table(FileName.missileTestsAnnual),
            nuclearTests: table(FileName.nuclearTests), sanctions: table(FileName.sanctions),
            episodes: table(FileName.episodes), warheads: table(FileName.warheads), cutoff: cutoff)
    }

    /// Builds the record from tables already read (for example from text in a test).
    public init(
        missileTests: CSVTable, missileTestsAnnual: CSVTable, nuclearTests: CSVTable, sanctions: CSVTable,
        episodes: CSVTable, warheads: CSVTable, cutoff: HistoryDate = DPRKRecord.cutoff
    ) throws(HistoryDataError) {
        self.missileTests = try MissileTest.load(missileTests, cutoff: cutoff)
        missileYears = try MissileYear.load(missileTestsAnnual, cutoff: cutoff)
        self.nuclearTests = try NuclearTest.load(nuclearTests, cutoff: cutoff)
        self.sanctions = try SanctionInstrument.load(sanctions, cutoff: cutoff)
        self.episodes = try DiplomaticEpisode.load(episodes, cutoff: cutoff)
        warheadEstimates = try WarheadEstimate.load(warheads, cutoff: cutoff)
        try DPRKRecord.crossCheck(missiles: self.missileTests, annual: missileYears, annualTable: missileTestsAnnual)
    }

    /// Launch days of a set of missiles: the number of distinct `date` values.
    public static func launchDays(of missiles: [MissileTest]) -> Int { Set(missiles.map(\.date)).count }

    /// Checks the annual file against the per-missile file (see the type's documentation).
    static func crossCheck(missiles: [MissileTest], annual: [MissileYear], annualTable: CSVTable) throws(HistoryDataError) {
        guard !annual.isEmpty else { return }
        let readers = try annualTable.rowReaders(requiring: ["year"])
        func at(_ year: MissileYear, _ column: String) -> HistoryLocation {
            readers.first { $0.row.line == year.location.line }?.location(of: column) ?? year.location
        }
        let byYear = Dictionary(grouping: missiles, by: { $0.date.year })
        let sortedYears = annual.sorted { $0.year < $1.year }
        for (previous, next) in zip(sortedYears, sortedYears.dropFirst()) where next.year != previous.year + 1 {
            throw HistoryDataError(
                .inconsistent, at: at(next, "year"), "years \(previous.year + 1)…\(next.year - 1) are missing from the annual file",
                expected: "one row for every year from \(sortedYears[0].year)", hint: "add rows with zero counts for years without tests")
        }
        let first = sortedYears[0].year
        if let early = missiles.first(where: { $0.date.year < first }) {
            throw HistoryDataError(
                .inconsistent, at: early.location, "\(early.id) is dated \(early.date), before the annual file's first year \(first)",
                expected: "per-missile years covered by \(FileName.missileTestsAnnual)")
        }
        for year in sortedYears {
            let rows = byYear[year.year] ?? []
            let file = FileName.missileTests
            func mismatch(_ column: String, _ annualValue: Int, _ derived: Int, _ what: String) -> HistoryDataError {
                HistoryDataError(
                    .inconsistent, at: at(year, column),
                    "\(year.year): \(column) is \(annualValue) but \(file) gives \(derived) \(what)",
                    expected: "\(derived), as counted from \(file)",
                    hint: "one of the two files is out of date; recount the year from \(file)")
            }
            if rows.count != year.missiles { throw mismatch("n_missiles", year.missiles, rows.count, "missiles") }
            let days = launchDays(of: rows)
            if days != year.launchDays { throw mismatch("n_launch_days", year.launchDays, days, "distinct launch dates") }
            for (outcome, column) in [(MissileOutcome.success, "n_success"), (.failure, "n_failure"), (.unknown, "n_unknown")] {
                let derived = rows.filter { $0.outcome == outcome }.count
                if derived != year.outcomes[outcome, default: 0] {
                    throw mismatch(column, year.outcomes[outcome, default: 0], derived, "\(outcome.rawValue.lowercased()) outcomes")
                }
            }
            for type in MissileType.allCases {
                let derived = rows.filter { $0.type == type }.count
                if derived != year.types[type, default: 0] {
                    throw mismatch("n_type_\(type.rawValue)", year.types[type, default: 0], derived, "\(type.rawValue) missiles")
                }
            }
        }
    }
}
