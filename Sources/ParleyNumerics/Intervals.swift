/// A two-sided confidence interval [``lower``, ``upper``] at confidence ``level``.
///
/// ```swift
/// let interval = summary.meanConfidenceInterval(level: 0.95)
/// if !interval.contains(0) { print("the policies differ") }
/// ```
public struct ConfidenceInterval: Sendable, Codable, Equatable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double
    /// The nominal coverage probability, e.g. 0.95.
    public var level: Double

    /// Creates an interval from its bounds and level.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Half the interval's width: the "±" of `estimate ± halfWidth`.
    public var halfWidth: Double { (upper - lower) / 2 }

    /// Whether `value` lies within the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

extension StreamingSummary {
    /// The Student-t confidence interval for the mean, `mean ± t₍(1+level)/2, n−1₎ · SE`
    /// (Student 1908, "The probable error of a mean", *Biometrika* 6(1)), exact for normal
    /// data and asymptotically valid otherwise.
    ///
    /// - Parameter level: the confidence level in (0, 1).
    /// - Returns: the interval; its bounds are NaN below two values or for a level outside
    ///   (0, 1), and both equal the mean when every value is the same.
    public func meanConfidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
        guard count >= 2, level > 0, level < 1 else {
            return ConfidenceInterval(lower: .nan, upper: .nan, level: level)
        }
        let critical = SpecialFunctions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: Double(count - 1))
        let margin = critical * standardError
        return ConfidenceInterval(lower: mean - margin, upper: mean + margin, level: level)
    }
}
