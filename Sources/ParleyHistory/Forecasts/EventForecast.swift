#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A probability forecast for a yes/no event of a year: a nuclear test, a long-range launch.
///
/// ```swift
/// let model = try EventForecast(outcomes: [true, false, false, false])   // 0.25: the share of runs
/// model.brier(outcome: true)       // (0.25 − 1)² = 0.5625
/// model.logScore(outcome: true)    // −ln 0.25 ≈ 1.386
/// ```
///
/// **Probabilities of 0 and 1.** The forecast keeps the probability it was given (an ensemble's
/// share of runs, a baseline's frequency, persistence's 0 or 1), and the Brier score uses it as
/// it is. The log score of a probability 0 for an event that happened is infinite; here the
/// probability given to the outcome is floored at e⁻¹⁰ ≈ 4.5·10⁻⁵, so the log score is
/// min(10, −ln p) — at most ``logScoreCap`` = 10 nats, the truncation of the CDC FluSight
/// forecasting challenges (Reich et al. 2019, *PNAS* 116(8)). A forecaster certain of the wrong
/// outcome (persistence, often) pays 10; the same rule applies to every forecaster, the
/// model's ensemble (where a share of 0 runs gives 0) included.
public struct EventForecast: Sendable, Hashable, Codable {
    /// The forecast probability that the event happens, in [0, 1].
    public let probability: Double

    /// The largest log score: −ln of the floor e⁻¹⁰ on the probability given to the outcome.
    public static let logScoreCap = 10.0

    /// A forecast of `probability` ∈ [0, 1].
    public init(probability: Double) throws(ForecastError) {
        guard probability >= 0, probability <= 1 else {
            throw ForecastError("probability \(probability); expected a value in [0, 1]")
        }
        self.probability = probability
    }

    /// The share of an ensemble's runs in which the event happened (k/n).
    public init(outcomes: [Bool]) throws(ForecastError) {
        guard !outcomes.isEmpty else { throw ForecastError("an event forecast from outcomes needs at least one outcome") }
        probability = Double(outcomes.filter { $0 }.count) / Double(outcomes.count)
    }

    /// The event's probability under a count forecast: P(count ≥ 1).
    public init(atLeastOneOf counts: CountForecast) {
        probability = min(1, max(0, counts.probabilityOfAny))
    }

    /// Decodes ``probability``, refusing a value outside [0, 1].
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value = try container.decode(Double.self, forKey: .probability)
        do {
            try self.init(probability: value)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .probability, in: container, debugDescription: error.message)
        }
    }

    private enum CodingKeys: String, CodingKey { case probability }

    /// The Brier score (p − o)², o = 1 when the event happened (``ProperScore/brier(probability:outcome:)``).
    public func brier(outcome: Bool) -> Double { ProperScore.brier(probability: probability, outcome: outcome) }

    /// The log score −ln(probability given to the outcome), natural log, at most ``logScoreCap``
    /// (see the type's documentation). 0 is perfect; smaller is better.
    public func logScore(outcome: Bool) -> Double {
        let given = outcome ? probability : 1 - probability
        return min(EventForecast.logScoreCap, -log(max(given, exp(-EventForecast.logScoreCap))))
    }
}
