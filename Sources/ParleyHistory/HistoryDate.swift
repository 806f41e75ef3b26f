/// How precisely a historical date is known.
public enum DatePrecision: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `YYYY-MM-DD`.
    case day
    /// `YYYY-MM`: the month is known, the day is not.
    case month
    /// `YYYY`: only the year is known.
    case year

    private var rank: Int {
        switch self {
        case .day: 0
        case .month: 1
        case .year: 2
        }
    }

    /// Finer precision sorts first: day < month < year.
    public static func < (lhs: DatePrecision, rhs: DatePrecision) -> Bool { lhs.rank < rhs.rank }
}

/// A calendar month, such as 2017-09: the unit of the monthly series.
///
/// Months are `Strideable`, so `YearMonth(1990, 1)...YearMonth(2021, 6)` is a range one can
/// iterate.
public struct YearMonth: Sendable, Hashable, Comparable, Strideable, CustomStringConvertible {
    /// The year, e.g. 2017.
    public var year: Int
    /// The month, 1–12.
    public var month: Int

    /// Creates a month; `month` is clamped to 1–12.
    public init(_ year: Int, _ month: Int) {
        self.year = year
        self.month = min(12, max(1, month))
    }

    /// Months since year 0, month 1: consecutive months have consecutive indices.
    public var index: Int { year * 12 + (month - 1) }

    /// The month with index `index`.
    public init(index: Int) {
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        self.init(year, index - year * 12 + 1)
    }

    /// Parses `YYYY-MM`.
    public init?(parsing text: String) {
        guard let date = HistoryDate(parsing: text), date.precision == .month else { return nil }
        self.init(date.year, date.month)
    }

    /// Months from this month to `other` (negative if `other` is earlier).
    public func distance(to other: YearMonth) -> Int { other.index - index }
    /// The month `n` months later (earlier for negative `n`).
    public func advanced(by n: Int) -> YearMonth { YearMonth(index: index + n) }
    /// Chronological order.
    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.index < rhs.index }

    /// `YYYY-MM`.
    public var description: String { "\(pad(year, 4))-\(pad(month, 2))" }
}

/// A date of the historical record as the source gave it: a day, a month or a year.
///
/// Dates are ordered by their first possible day, then by precision (a day before its month,
/// a month before its year). ``firstDay`` and ``lastDay`` give the span a coarse date covers.
public struct HistoryDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2006.
    public private(set) var year: Int
    /// The month, 1–12; 1 when the precision is `.year`.
    public private(set) var month: Int
    /// The day of the month; 1 when the precision is `.month` or `.year`.
    public private(set) var day: Int
    /// How precisely the date is known.
    public private(set) var precision: DatePrecision

    /// A day; nil when the day does not exist in that month (or the year is outside 1–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...HistoryDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
        precision = .day
    }

    /// A day known to exist (for constants).
    init(validYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        precision = .day
    }

    /// A month known to the month only; nil when out of range.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
        day = 1
        precision = .month
    }

    /// A year known to the year only; nil when outside 1–9999.
    public init?(year: Int) {
        guard (1...9999).contains(year) else { return nil }
        self.year = year
        month = 1
        day = 1
        precision = .year
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits only, fixed widths); the precision
    /// follows the form. Returns nil for anything else or for a day that does not exist.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for (part, width) in zip(parts, widths) {
            guard part.count == width, part.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(part) else {
                return nil
            }
            numbers.append(value)
        }
        switch numbers.count {
        case 1: self.init(year: numbers[0])
        case 2: self.init(year: numbers[0], month: numbers[1])
        default: self.init(year: numbers[0], month: numbers[1], day: numbers[2])
        }
    }

    /// The month of the date; nil when only the year is known.
    public var yearMonth: YearMonth? { precision == .year ? nil : YearMonth(year, month) }

    /// The first day the date may stand for (the date itself for day precision).
    public var firstDay: HistoryDate {
        HistoryDate(year: year, month: month, day: day) ?? self
    }

    /// The last day the date may stand for: the month's last day for a month, 31 December
    /// for a year.
    public var lastDay: HistoryDate {
        switch precision {
        case .day: return self
        case .month: return HistoryDate(year: year, month: month, day: HistoryDate.daysIn(month: month, year: year)) ?? self
        case .year: return HistoryDate(year: year, month: 12, day: 31) ?? self
        }
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// By first possible day, then finer precision first.
    public static func < (lhs: HistoryDate, rhs: HistoryDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.precision) < (rhs.year, rhs.month, rhs.day, rhs.precision)
    }

    /// The date as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var description: String {
        switch precision {
        case .day: "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        case .month: "\(pad(year, 4))-\(pad(month, 2))"
        case .year: pad(year, 4)
        }
    }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
