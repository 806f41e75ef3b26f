import ParleyHistory

extension MissileType {
    /// Whether korea's `irbm_icbm_test` stands for this type: IRBM, ICBM and satellite launchers
    /// (the same rockets). SRBM, MRBM, SLBM and the rest are korea's `srbm_test`.
    var isLongRange: Bool { self == .irbm || self == .icbm || self == .slv }
}

/// A period when an agreement with the DPRK was in force or being implemented: the "testing
/// freeze periods around agreements" that calibration compares inside and outside.
public struct AgreementWindow: Sendable, Hashable {
    /// A short name.
    public var name: String
    /// The first and last month.
    public var months: ClosedRange<YearMonth>
    /// The rows of data/dprk/episodes.csv that date it.
    public var source: String
}

/// The summary statistics calibration fits: the same function reads the observed record and
/// every simulated history, month by month, over a window.
///
/// | statistic | what |
/// |---|---|
/// | `launch_months_per_year` | months with missile launches, per year |
/// | `years_with_launches` | share of years with at least one launch month |
/// | `launch_months_sd` | spread of launch months across years (bursts vs steady testing) |
/// | `long_range_months_per_year` | months with IRBM/ICBM or satellite launches, per year |
/// | `nuclear_tests_per_decade` | nuclear-test months, per ten years |
/// | `launch_months_in_agreements` | launch months per year while an agreement was in force |
/// | `launch_months_outside_agreements` | launch months per year otherwise |
/// | `warheads_latest` | warheads in January of the window's last SIPRI year (when it has two) |
/// | `warheads_growth` | the rise between its first and last SIPRI years |
public enum HistoryStatistics {
    /// The agreement windows, dated by the US-side record (not by what the DPRK did).
    public static let agreements: [AgreementWindow] = [
        AgreementWindow(name: "Agreed Framework", months: YearMonth(1994, 11)...YearMonth(2002, 10),
                        source: "episodes.csv E01 (signed 1994-10-21) to R01 (HEU accusation, 2002-10)"),
        AgreementWindow(name: "Six-Party agreements", months: YearMonth(2005, 9)...YearMonth(2008, 12),
                        source: "episodes.csv E07 (Joint Statement 2005-09-19) to E15 (last session 2008-12)"),
        AgreementWindow(name: "Leap Day deal", months: YearMonth(2012, 2)...YearMonth(2012, 3),
                        source: "episodes.csv E16 (2012-02-29) to the April 2012 launch"),
        AgreementWindow(name: "Singapore process", months: YearMonth(2018, 4)...YearMonth(2019, 2),
                        source: "episodes.csv E17/E18 (April 2018) to E22 (Hanoi, 2019-02)"),
    ]

    /// The statistics' names for `window` (warhead statistics only when the window holds at
    /// least two SIPRI years).
    public static func names(window: ClosedRange<YearMonth>, sipri: WarheadSeries) -> [String] {
        var names = ["launch_months_per_year", "years_with_launches", "launch_months_sd", "long_range_months_per_year",
                     "nuclear_tests_per_decade", "launch_months_in_agreements", "launch_months_outside_agreements"]
        if sipriYears(in: window, sipri: sipri).count >= 2 { names += ["warheads_latest", "warheads_growth"] }
        return names
    }

    /// SIPRI points whose January falls inside the window (after its first month).
    static func sipriYears(in window: ClosedRange<YearMonth>, sipri: WarheadSeries) -> [WarheadPoint] {
        sipri.points.filter { $0.low < $0.high || $0.low > 0 }
            .filter { window.contains(YearMonth($0.year, 1)) && YearMonth($0.year, 1) > window.lowerBound }
            .sorted { $0.year < $1.year }
    }

    /// Computes the statistics over `window`.
    ///
    /// - Parameters:
    ///   - months: the month of each entry of the series.
    ///   - missile, longRange, nuclear: per month, 1 when it happened (or a count).
    ///   - warheads: the stock in January of a year (nil when unknown), compared with SIPRI's
    ///     estimate "as of January"; called only for SIPRI years in the window.
    public static func compute(
        months: [YearMonth], missile: [Double], longRange: [Double], nuclear: [Double],
        warheads: (YearMonth) -> Double?, window: ClosedRange<YearMonth>, sipri: WarheadSeries
    ) -> [Double] {
        var total = 0.0, longTotal = 0.0, nuclearTotal = 0.0
        var inside = 0.0, insideMonths = 0, outside = 0.0, outsideMonths = 0
        var perYear: [Int: (launches: Double, months: Int)] = [:]
        for (index, month) in months.enumerated() where window.contains(month) {
            let launched = missile[index] > 0 ? 1.0 : 0.0
            total += launched
            longTotal += longRange[index] > 0 ? 1 : 0
            nuclearTotal += nuclear[index] > 0 ? 1 : 0
            if agreements.contains(where: { $0.months.contains(month) }) {
                inside += launched
                insideMonths += 1
            } else {
                outside += launched
                outsideMonths += 1
            }
            perYear[month.year, default: (0, 0)].launches += launched
            perYear[month.year, default: (0, 0)].months += 1
        }
        let monthCount = Double(insideMonths + outsideMonths)
        let years = max(monthCount / 12, 1e-9)
        // Whole years only for the per-year spread and share (a half year would look quiet).
        // In year order: a dictionary's order changes from one instance to the next, and sums
        // taken in a different order differ in their last bits (which ABC can see).
        let whole = perYear.sorted { $0.key < $1.key }.filter { $0.value.months == 12 }.map(\.value.launches)
        let mean = whole.isEmpty ? 0 : whole.reduce(0, +) / Double(whole.count)
        let spread = whole.count < 2 ? 0 : (whole.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(whole.count - 1)).squareRoot()
        var statistics = [
            total / years,
            whole.isEmpty ? 0 : Double(whole.filter { $0 > 0 }.count) / Double(whole.count),
            spread,
            longTotal / years,
            nuclearTotal / years * 10,
            insideMonths == 0 ? 0 : inside / (Double(insideMonths) / 12),
            outsideMonths == 0 ? 0 : outside / (Double(outsideMonths) / 12),
        ]
        let points = sipriYears(in: window, sipri: sipri)
        if points.count >= 2, let first = points.first, let last = points.last {
            let latest = warheads(YearMonth(last.year, 1)) ?? 0
            let earliest = warheads(YearMonth(first.year, 1)) ?? 0
            statistics += [latest, latest - earliest]
        }
        return statistics
    }

    /// The statistics of the observed record over `window`: launches and nuclear tests from
    /// `series`, long-range launches from `record`'s missiles, warheads from SIPRI's midpoints.
    public static func observed(record: DPRKRecord, series: ObservedSeries, window: ClosedRange<YearMonth>, sipri: WarheadSeries) -> [Double] {
        let months = series.months.map(\.month)
        let longRangeMonths = Set(record.missileTests.filter { $0.type.isLongRange && $0.date.precision != .year }
            .map { YearMonth($0.date.year, $0.date.month) })
        return compute(
            months: months, missile: series.months.map { $0.hasLaunch ? 1 : 0 },
            longRange: months.map { longRangeMonths.contains($0) ? 1 : 0 },
            nuclear: series.months.map { Double($0.nuclearTests) },
            warheads: { month in sipri.point(year: month.year).map(\.midpoint) }, window: window, sipri: sipri)
    }

    /// The statistics of one simulated history over `window`.
    public static func simulated(_ history: SimulatedHistory, months: [YearMonth], window: ClosedRange<YearMonth>, sipri: WarheadSeries) -> [Double] {
        compute(months: months, missile: history.missileMonths, longRange: history.longRangeMonths, nuclear: history.nuclearMonths,
                warheads: { month in
                    // SIPRI's "as of January" is read as the stock at the end of January (korea-history
                    // sets the stock to SIPRI 2016 in January 2016, so the end of December would be 0)
                    guard let index = months.firstIndex(of: month) else { return nil }
                    return history.warheads[index]
                }, window: window, sipri: sipri)
    }
}
