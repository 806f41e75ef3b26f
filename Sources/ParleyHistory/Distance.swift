/// A weighted, scaled Euclidean distance between simulated and observed summary statistics,
/// `√(Σₖ wₖ ((sₖ − oₖ)/cₖ)²)`: each statistic is divided by its scale `cₖ` so that statistics in
/// different units count alike, then weighted by `wₖ`.
///
/// Scales are usually the prior-predictive spread of each statistic: run a pilot sample of
/// simulations from the prior and call ``medianAbsoluteDeviations(of:)`` (or
/// ``init(pilot:weights:)``). A simulated vector with a NaN or infinite entry is at distance
/// `+∞`, which ABC-SMC always rejects.
public struct ScaledDistance: Sendable, Hashable {
    /// One positive scale per statistic.
    public var scales: [Double]
    /// One non-negative weight per statistic.
    public var weights: [Double]

    /// A distance with the given scales and weights (all 1 when `weights` is nil). Scales that
    /// are not positive and finite are replaced by 1; negative or non-finite weights by 0.
    public init(scales: [Double], weights: [Double]? = nil) {
        self.scales = scales.map { $0 > 0 && $0.isFinite ? $0 : 1 }
        let given = weights ?? Array(repeating: 1, count: scales.count)
        self.weights = (0..<scales.count).map { index in
            let w = index < given.count ? given[index] : 1
            return w >= 0 && w.isFinite ? w : 0
        }
    }

    /// A distance whose scales are the median absolute deviations of a pilot sample (one row
    /// per simulation, one column per statistic).
    public init(pilot: [[Double]], weights: [Double]? = nil) {
        self.init(scales: ScaledDistance.medianAbsoluteDeviations(of: pilot), weights: weights)
    }

    /// The number of statistics.
    public var count: Int { scales.count }

    /// The distance between `simulated` and `observed`; `+∞` if a simulated or observed entry
    /// is not finite or the lengths differ from ``count``.
    public func callAsFunction(_ simulated: [Double], _ observed: [Double]) -> Double {
        guard simulated.count == scales.count, observed.count == scales.count else { return .infinity }
        var total = 0.0
        for k in 0..<scales.count {
            let s = simulated[k], o = observed[k]
            guard s.isFinite, o.isFinite else { return .infinity }
            let z = (s - o) / scales[k]
            total += weights[k] * z * z
        }
        return total.squareRoot()
    }

    /// Per column of `pilot`, the median absolute deviation from the median (raw, without the
    /// 1.4826 normal-consistency factor), ignoring non-finite entries. A column whose MAD is 0
    /// (a statistic that is usually constant, such as a count that is mostly zero) falls back
    /// to its standard deviation, and then to 1, so no scale is ever 0.
    public static func medianAbsoluteDeviations(of pilot: [[Double]]) -> [Double] {
        let columns = pilot.map(\.count).max() ?? 0
        return (0..<columns).map { k in
            let values = pilot.compactMap { k < $0.count && $0[k].isFinite ? $0[k] : nil }
            guard !values.isEmpty else { return 1 }
            let median = ProperScore.quantile(values, 0.5)
            let mad = ProperScore.quantile(values.map { abs($0 - median) }, 0.5)
            if mad > 0 { return mad }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, values.count - 1))
            return variance > 0 ? variance.squareRoot() : 1
        }
    }
}
