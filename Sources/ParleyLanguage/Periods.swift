/// Calendar periods for metrics aggregated `per: year`, `per: quarter` or `per: month`.
extension Metric {
    /// Whether the metric is evaluated after every step: every kind but `final`, and `final`
    /// metrics with `per:` (their value at each period's last step).
    public var isMeasuredEachStep: Bool { kind != .final || periods != nil }

    /// How many values per run the metric has besides its whole-run value (0 without `per:`).
    public var periodCount: Int { periods?.count ?? 0 }

    /// A calendar period by which a metric aggregates (`per:`): a run then has one value per
    /// period, besides its value over the whole run.
    public enum Period: String, Sendable, Hashable, CaseIterable, Codable {
        case year, quarter, month

        /// The period's length in months.
        public var months: Int {
            switch self {
            case .year: 12
            case .quarter: 3
            case .month: 1
            }
        }

        /// The first month (1–12) of the period that contains `month`.
        func firstMonth(containing month: Int) -> Int { (month - 1) / months * months + 1 }

        /// The label of the period that starts in `year`-`firstMonth`: `2022`, `2022-Q3` or `2022-07`.
        func label(year: Int, firstMonth: Int) -> String {
            switch self {
            case .year: return String(year)
            case .quarter: return "\(year)-Q\((firstMonth - 1) / 3 + 1)"
            case .month: return firstMonth < 10 ? "\(year)-0\(firstMonth)" : "\(year)-\(firstMonth)"
            }
        }
    }
}

/// The calendar periods of one clock for one ``Metric/Period``: which period each step belongs
/// to, each period's label, and whether the clock covers it whole.
///
/// A step belongs to the period in which it starts. A period is *partial* when the clock starts
/// after the period's first day or ends before its last: a clock from 2021-05 to 2025-01 has the
/// years 2021 (partial: May–December), 2022, 2023 and 2024.
public struct PeriodGrid: Sendable, Hashable {
    /// The kind of period.
    public var period: Metric.Period
    /// Per period, in time order, its label: `2022`, `2022-Q3` or `2022-07`.
    public var labels: [String]
    /// Per period, whether the clock covers only part of it.
    public var isPartial: [Bool]
    /// Per period, the share of its days that the clock covers (1 for a whole period).
    public var coverage: [Double]
    /// Per period, how many steps start in it (at least one).
    public var stepCounts: [Int]
    /// Per step, the index of the period it starts in.
    public var periodOfStep: [Int]

    /// How many periods the clock touches.
    public var count: Int { labels.count }

    /// The label of period `index` with ` (partial)` appended when the clock covers only part of it.
    public func displayLabel(_ index: Int) -> String { isPartial[index] ? labels[index] + " (partial)" : labels[index] }
}

extension Clock {
    /// Why a clock cannot be aggregated by a period.
    public enum PeriodProblem: Error, Sendable, Hashable {
        /// The clock has no calendar (`clock: { steps: N }`).
        case abstractClock
        /// The period is shorter than one step of the clock.
        case shorterThanStep
    }

    /// The periods of this clock, or why there are none: an abstract clock has no calendar, and a
    /// period shorter than a step (`per: month` on a quarterly clock) would leave periods empty.
    public func periods(_ period: Metric.Period) -> Result<PeriodGrid, PeriodProblem> {
        guard let start, unit != .step else { return .failure(.abstractClock) }
        guard unit.months <= period.months else { return .failure(.shorterThanStep) }
        var labels: [String] = [], partial: [Bool] = [], coverage: [Double] = [], counts: [Int] = []
        var periodOfStep: [Int] = []
        var current: (year: Int, month: Int)?
        let runStart = dayNumbers[0], runEnd = dayNumbers[steps]
        for step in 0..<steps {
            let date = date(ofStep: step) ?? start
            let key = (year: date.year, month: period.firstMonth(containing: date.month))
            if current.map({ $0 != key }) ?? true {
                current = key
                let first = CalendarDate(year: key.year, month: key.month, day: 1) ?? start
                let begins = first.dayNumber, ends = first.addingMonths(period.months).dayNumber
                let covered = Swift.min(ends, runEnd) - Swift.max(begins, runStart)
                labels.append(period.label(year: key.year, firstMonth: key.month))
                partial.append(runStart > begins || runEnd < ends)
                coverage.append(Swift.max(0, Swift.min(1, covered / (ends - begins))))
                counts.append(0)
            }
            counts[counts.count - 1] += 1
            periodOfStep.append(labels.count - 1)
        }
        return .success(PeriodGrid(period: period, labels: labels, isPartial: partial, coverage: coverage,
                                   stepCounts: counts, periodOfStep: periodOfStep))
    }
}

extension Clock.Unit {
    /// The step's length in whole months (0 for days, weeks and abstract steps).
    var months: Int {
        switch self {
        case .year: 12
        case .quarter: 3
        case .month: 1
        case .day, .week, .step: 0
        }
    }
}
