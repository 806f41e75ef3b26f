import Foundation

/// The one-shot models: the compromise model, the weighted median and the Nash bargaining
/// solution. Each works dimension by dimension, as the DEU literature treats issues.
extension BargainingTable {
    /// The compromise model: Σ cᵢsᵢxᵢ / Σ cᵢsᵢ on `dimension`.
    ///
    /// Achen (2006), "Institutional realism and bargaining models", in Thomson et al. (eds.),
    /// *The European Union Decides*, ch. 4: the capability × salience weighted mean, which
    /// Achen derives as the limit of the Nash bargaining solution with quadratic losses when
    /// disagreement is very costly. On DEU data it is the baseline every published model
    /// struggles to beat.
    public func compromise(dimension: Int = 0) -> Double {
        weightedMean(positions(dimension: dimension), weights: weights(dimension: dimension))
    }

    /// The weighted median of positions on `dimension`, weights capability × salience.
    ///
    /// With single-peaked, symmetric preferences it is the Condorcet winner of weighted
    /// majority voting (Black 1948, "On the rationale of group decision-making", *JPE* 56):
    /// no other position gathers more weight against it. When exactly half the weight lies at
    /// or below a position, every point up to the next position is a median, and the
    /// midpoint of that interval is returned.
    public func weightedMedian(dimension: Int = 0) -> Double {
        Self.weightedMedian(positions(dimension: dimension), weights: weights(dimension: dimension))
    }

    /// The weighted median of `values` (see ``weightedMedian(dimension:)``).
    public static func weightedMedian(_ values: [Double], weights: [Double]) -> Double {
        // Pool the weight of equal positions, in increasing order.
        var pairs: [(position: Double, weight: Double)] = []
        for (value, weight) in zip(values, weights).filter({ $0.1 > 0 }).sorted(by: { $0.0 < $1.0 }) {
            if let last = pairs.last, last.position == value { pairs[pairs.count - 1].weight += weight } else { pairs.append((value, weight)) }
        }
        let total = pairs.reduce(0) { $0 + $1.weight }
        guard let last = pairs.last else { return values.first ?? .nan }
        var cumulative = 0.0
        for (index, pair) in pairs.enumerated() {
            cumulative += pair.weight
            // Relative tolerance: a sum of weights that should equal half the total may miss it in the last bit.
            let difference = cumulative - total / 2
            if abs(difference) <= 1e-12 * total, index + 1 < pairs.count { return (pair.position + pairs[index + 1].position) / 2 }
            if difference > 0 { return pair.position }
        }
        return last.position
    }

    /// The asymmetric Nash bargaining solution on `dimension`, with the reference point as the
    /// disagreement point d: the outcome x maximising Π (uᵢ(x) − uᵢ(d))^wᵢ with quadratic losses
    /// uᵢ(x) = −(x − xᵢ)² and bargaining weights wᵢ = cᵢsᵢ, among outcomes every actor with
    /// weight prefers to d.
    ///
    /// Nash (1950), "The bargaining problem", *Econometrica* 18; the asymmetric form of
    /// Kalai (1977) and Roth (1979); Achen (2006) shows that the compromise model is this
    /// solution's limit as d recedes. Consequences, all part of the definition:
    /// - when actors with weight stand on both sides of d (or at d), no outcome improves on d
    ///   for all of them, and d stands (``StopReason/referencePointStands``);
    /// - when the table has no reference point, the limit of a distant d is used, which is the
    ///   compromise model (``StopReason/noReferencePoint``).
    ///
    /// - Returns: the outcome and why (``StopReason/closedForm`` when bargaining moves it).
    public func nashSolution(dimension: Int = 0) -> (outcome: Double, reason: StopReason) {
        guard let d = reference?[dimension] else { return (compromise(dimension: dimension), .noReferencePoint) }
        let pairs = zip(positions(dimension: dimension), weights(dimension: dimension)).filter { $0.1 > 0 }
        let above = pairs.filter { $0.0 > d }, below = pairs.filter { $0.0 < d }
        guard above.isEmpty != below.isEmpty, above.count + below.count == pairs.count else { return (d, .referencePointStands) }
        // Every actor gains on the side where they stand, up to its reflection of d: 2xᵢ − d.
        let upper = above.isEmpty ? d : above.map { 2 * $0.0 - d }.min() ?? d
        let lower = below.isEmpty ? d : below.map { 2 * $0.0 - d }.max() ?? d
        // The log Nash product is strictly concave on (lower, upper): bisect on its derivative.
        func slope(_ x: Double) -> Double {
            pairs.reduce(0) { sum, pair in
                let gain = (d - pair.0) * (d - pair.0) - (x - pair.0) * (x - pair.0)
                return sum - pair.1 * 2 * (x - pair.0) / gain
            }
        }
        var low = lower, high = upper
        for _ in 0..<200 {
            let middle = (low + high) / 2
            guard middle > low, middle < high else { break }
            if slope(middle) > 0 { low = middle } else { high = middle }
        }
        return ((low + high) / 2, .closedForm)
    }

    /// The Nash solution on every dimension, as a forecast.
    func nashForecast() -> BargainingForecast {
        let solutions = (0..<dimensionCount).map { nashSolution(dimension: $0) }
        let reasons = Set(solutions.map(\.reason))
        let reason: StopReason = reasons.count == 1 ? reasons.first ?? .closedForm
            : reasons.contains(.noReferencePoint) ? .noReferencePoint : .closedForm
        return closedForm(.nash, outcome: solutions.map(\.outcome), stop: reason)
    }
}

/// Σ wᵢxᵢ / Σ wᵢ (NaN when the weights sum to zero).
func weightedMean(_ values: [Double], weights: [Double]) -> Double {
    var total = 0.0, weight = 0.0
    for (value, w) in zip(values, weights) {
        total += w * value
        weight += w
    }
    return weight > 0 ? total / weight : .nan
}
