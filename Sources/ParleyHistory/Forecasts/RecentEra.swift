/// How the recent-era climatology chose its window k (the number of most recent training years
/// whose empirical distribution it forecasts with) for one target, on the training years alone.
///
/// **Rule.** With n training years in order, the candidates are k = 1 … K, K = min(maxYears,
/// ⌊n/2⌋). Every candidate is scored on the same training years — the (K + 1)-th to the n-th —
/// by one-year-ahead pseudo-forecasts: year t is forecast by the empirical distribution of the k
/// years before it. Counts are scored by the CRPS, events by the Brier score of the share of
/// those k years with the event. The k with the smallest mean score wins; a tie (within 10⁻¹²,
/// relative) goes to the larger k, the wider and steadier sample. With fewer than two training
/// years there is nothing to choose between: k = n and no candidates.
public struct RecentEraChoice: Sendable, Hashable, Codable {
    /// The target's name: a ``CountTarget`` or ``EventTarget`` raw value.
    public var target: String
    /// The chosen k.
    public var years: Int
    /// The calendar years the candidates were scored on.
    public var scoredYears: [Int]
    /// The mean score of k = 1, 2, … K (index k − 1): CRPS for counts, Brier for events.
    public var meanScores: [Double]

    /// The choice for one target from its training values in year order (`years[i]` is the
    /// calendar year of `values[i]`), scoring a pseudo-forecast from `window` against `next`.
    static func choose(
        target: String, years: [Int], values: [Int], maxYears: Int, score: (_ window: ArraySlice<Int>, _ next: Int) -> Double
    ) -> RecentEraChoice {
        let n = values.count
        let largest = min(maxYears, n / 2)
        guard largest >= 1 else { return RecentEraChoice(target: target, years: n, scoredYears: [], meanScores: []) }
        let scored = largest..<n
        let means = (1...largest).map { k in
            scored.reduce(0.0) { $0 + score(values[($1 - k)..<$1], values[$1]) } / Double(scored.count)
        }
        let best = means.min() ?? 0
        let chosen = (means.lastIndex { $0 <= best + 1e-12 * max(1, abs(best)) } ?? 0) + 1
        return RecentEraChoice(target: target, years: chosen, scoredYears: scored.map { years[$0] }, meanScores: means)
    }

    /// The choice for a count target, by CRPS.
    static func count(_ target: CountTarget, years: [Int], values: [Int], maxYears: Int) -> RecentEraChoice {
        choose(target: target.rawValue, years: years, values: values, maxYears: maxYears) { window, next in
            (try? CountForecast(samples: Array(window)))?.crps(observation: next) ?? .infinity
        }
    }

    /// The choice for an event target (values are the counts behind it), by Brier score.
    static func event(_ target: EventTarget, years: [Int], values: [Int], maxYears: Int) -> RecentEraChoice {
        choose(target: target.rawValue, years: years, values: values, maxYears: maxYears) { window, next in
            let share = Double(window.filter { $0 > 0 }.count) / Double(window.count)
            return ProperScore.brier(probability: share, outcome: next > 0)
        }
    }
}
