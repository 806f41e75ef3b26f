import ParleyNumerics
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Proper scoring rules for probabilistic forecasts (smaller is better for CRPS and Brier).
///
/// References: Gneiting & Raftery (2007), "Strictly proper scoring rules, prediction, and
/// estimation", *JASA* 102(477); Ferro (2014), "Fair scores for ensemble forecasts", *QJRMS*
/// 140(683); Hyndman & Fan (1996), "Sample quantiles in statistical packages", *Am. Stat.* 50(4).
public enum ProperScore {
    /// Which sample estimator of the CRPS to use.
    public enum CRPSEstimator: String, Sendable, Hashable, CaseIterable {
        /// The CRPS of the samples' empirical distribution (Gneiting & Raftery 2007, eq. 21):
        /// `mean|Xᵢ − y| − (1/2n²) ΣᵢΣⱼ |Xᵢ − Xⱼ|`. A single sample gives the absolute error.
        /// Slightly favours small ensembles; the default, because it is the score of exactly
        /// the forecast distribution the samples define.
        case empirical
        /// The "fair" estimator (Ferro 2014): the second term divided by `2n(n − 1)` instead
        /// of `2n²`, unbiased for the CRPS of the distribution the samples are drawn from.
        /// Needs at least two samples; it can be negative for a small spread-out ensemble.
        case fair
    }

    /// The CRPS of a sample (ensemble) forecast against the observation `y`, in O(n log n):
    /// after sorting, `ΣᵢΣⱼ |Xᵢ − Xⱼ| = 2 Σᵢ (2i − n − 1) X₍ᵢ₎` (i from 1).
    ///
    /// Returns NaN for no samples, for one sample with `.fair`, or when any value is NaN.
    public static func crps(samples: [Double], observation y: Double, estimator: CRPSEstimator = .empirical) -> Double {
        let n = samples.count
        guard n > 0, !(estimator == .fair && n < 2), !y.isNaN, !samples.contains(where: \.isNaN) else { return .nan }
        let sorted = samples.sorted()
        var absoluteError = 0.0, spread = 0.0
        for (index, x) in sorted.enumerated() {
            absoluteError += abs(x - y)
            spread += Double(2 * (index + 1) - n - 1) * x
        }
        let count = Double(n)
        let denominator = estimator == .empirical ? count * count : count * (count - 1)
        return absoluteError / count - spread / denominator
    }

    /// The CRPS of a point forecast: the absolute error `|x − y|` (the CRPS of a point mass).
    public static func crps(point x: Double, observation y: Double) -> Double { abs(x - y) }

    /// The CRPS of a normal predictive distribution N(μ, σ²), in closed form (Gneiting &
    /// Raftery 2007, eq. 5): `σ [z(2Φ(z) − 1) + 2φ(z) − 1/√π]`, `z = (y − μ)/σ`; `σ = 0`
    /// gives `|y − μ|`.
    public static func crps(normalMean mean: Double, standardDeviation sigma: Double, observation y: Double) -> Double {
        guard sigma > 0 else { return abs(y - mean) }
        let z = (y - mean) / sigma
        let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
        return sigma * (z * (2 * SpecialFunctions.normalCDF(z) - 1) + 2 * density - 1 / Double.pi.squareRoot())
    }

    /// The CRPS of a Poisson(λ) predictive distribution against `y`, exactly, by summing over
    /// the integers: the CDF is a step function, so `∫ (F(x) − 1{x ≥ y})² dx` is a sum of
    /// rectangles, `Σₖ ∫ₖ^{k+1} (F(k) − 1{x ≥ y})² dx`, cut at `y` when `y` falls inside one.
    /// The sum stops past both `y` and λ + 12√λ + 40 once `1 − F(k)` is below 1e-17 or the
    /// term P(k) below e⁻⁴⁰ (the summed CDF may stop a rounding error short of 1, so the first
    /// test alone can fail to end the loop). Works for any real
    /// `y` (counts are integers, but a rescaled observation need not be). λ = 0 is a point
    /// mass at 0.
    public static func crps(poissonMean lambda: Double, observation y: Double) -> Double {
        guard lambda >= 0, lambda.isFinite, y.isFinite else { return .nan }
        var total = 0.0
        if y < 0 { total += -y }  // on [y, 0) the forecast CDF is 0 and the step is 1
        let logLambda = log(lambda)
        var cdf = 0.0
        var k = 0
        let horizon = max(y, lambda + 12 * lambda.squareRoot() + 40)
        while true {
            let logProbability = lambda == 0 ? (k == 0 ? 0 : -Double.infinity)
                : -lambda + Double(k) * logLambda - SpecialFunctions.logGamma(Double(k) + 1)
            cdf = min(1, cdf + exp(logProbability))
            total += crpsOfStep(cdf: cdf, from: Double(k), observation: y)
            k += 1
            if Double(k) > horizon && (1 - cdf < 1e-17 || logProbability < -40) { break }
            if k > 10_000_000 { break }
        }
        return total
    }

    /// ∫ₖ^{k+1} (F − 1{x ≥ y})² dx for a CDF constant at `cdf` on [k, k + 1): the term of a
    /// discrete forecast's CRPS for one unit interval, cut in two when `y` falls inside it.
    static func crpsOfStep(cdf f: Double, from k: Double, observation y: Double) -> Double {
        if y <= k { return (1 - f) * (1 - f) }
        if y >= k + 1 { return f * f }
        return (y - k) * f * f + (k + 1 - y) * (1 - f) * (1 - f)
    }

    /// The Brier score `(p − o)²` of a probability `p` for an event that happened (`o = 1`)
    /// or not (`o = 0`).
    public static func brier(probability p: Double, outcome: Bool) -> Double {
        let o = outcome ? 1.0 : 0.0
        return (p - o) * (p - o)
    }

    /// The sample quantile of `q` ∈ [0, 1] by Hyndman & Fan's definition 7 (linear
    /// interpolation between order statistics, `h = (n − 1)q`; R's and NumPy's default).
    /// NaN for no samples.
    public static func quantile(_ samples: [Double], _ q: Double) -> Double {
        quantile(sorted: samples.sorted(), q)
    }

    /// ``quantile(_:_:)`` of samples already sorted ascending.
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty, !q.isNaN else { return .nan }
        let h = Double(sorted.count - 1) * min(1, max(0, q))
        let lower = Int(h.rounded(.down))
        let upper = min(sorted.count - 1, lower + 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// The central interval of probability `level` (0.5 or 0.8, say): the sample quantiles
    /// of `(1 − level)/2` and `(1 + level)/2` by ``quantile(_:_:)``.
    public static func centralInterval(samples: [Double], level: Double) -> ClosedRange<Double>? {
        let sorted = samples.sorted()
        let lower = quantile(sorted: sorted, (1 - level) / 2), upper = quantile(sorted: sorted, (1 + level) / 2)
        guard lower.isFinite, upper.isFinite, lower <= upper else { return nil }
        return lower...upper
    }

    /// Whether `y` lies in the central interval of `level` (ends included).
    public static func covers(samples: [Double], observation y: Double, level: Double) -> Bool {
        centralInterval(samples: samples, level: level)?.contains(y) ?? false
    }

    /// The fraction of forecasts whose central `level` interval contains its observation
    /// (a calibrated forecast covers about `level` of them). NaN when there are none.
    public static func coverage(forecasts: [[Double]], observations: [Double], level: Double) -> Double {
        let pairs = zip(forecasts, observations)
        let count = min(forecasts.count, observations.count)
        guard count > 0 else { return .nan }
        return Double(pairs.filter { covers(samples: $0.0, observation: $0.1, level: level) }.count) / Double(count)
    }

    /// The skill score `1 − score/reference` of a (mean) negatively oriented score against a
    /// baseline's: 1 is perfect, 0 no better than the baseline, negative worse. NaN when the
    /// reference is 0 (a perfect baseline leaves no room for skill).
    public static func skill(score: Double, reference: Double) -> Double {
        reference == 0 ? .nan : 1 - score / reference
    }

    /// The mean of `scores` (NaN when empty), for averaging a score over years.
    public static func mean(_ scores: [Double]) -> Double {
        scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count)
    }
}

/// The climatology baseline for counts: a Poisson forecast whose rate is the training
/// period's mean count per year.
public struct PoissonClimatology: Sendable, Hashable {
    /// The mean count per (full) year of the training period.
    public var rate: Double

    /// The baseline of training-period counts, one per year (e.g. missiles per year
    /// 1990–2012). An empty training set gives rate 0.
    public init(trainingCounts: [Double]) {
        rate = trainingCounts.isEmpty ? 0 : trainingCounts.reduce(0, +) / Double(trainingCounts.count)
    }

    /// The baseline with a given rate.
    public init(rate: Double) { self.rate = rate }

    /// The exact Poisson CRPS against `observation`; `exposure` scales the rate for a part
    /// year (0.5 for 2021-01 … 2021-06).
    public func crps(observation: Double, exposure: Double = 1) -> Double {
        ProperScore.crps(poissonMean: rate * exposure, observation: observation)
    }
}

/// The climatology baseline for a yes/no event (a nuclear test in a year): the training
/// period's frequency as the probability.
public struct BinaryClimatology: Sendable, Hashable {
    /// The forecast probability: the fraction of training years with the event.
    public var probability: Double

    /// The baseline of training outcomes (one per year). Empty gives probability 0.
    public init(trainingOutcomes: [Bool]) {
        probability = trainingOutcomes.isEmpty ? 0 : Double(trainingOutcomes.filter { $0 }.count) / Double(trainingOutcomes.count)
    }

    /// The Brier score against an outcome.
    public func brier(outcome: Bool) -> Double { ProperScore.brier(probability: probability, outcome: outcome) }
}

/// The persistence baseline: the last observed value as a point forecast, and for a yes/no
/// event the last year's 0/1 as the probability.
public struct PersistenceBaseline: Sendable, Hashable {
    /// The last observed value (a count, say).
    public var lastValue: Double
    /// Whether the event happened in the last observed year.
    public var lastOutcome: Bool

    /// Creates the baseline.
    public init(lastValue: Double, lastOutcome: Bool = false) {
        self.lastValue = lastValue
        self.lastOutcome = lastOutcome
    }

    /// The CRPS of the point forecast: `|lastValue − observation|`.
    public func crps(observation: Double) -> Double { ProperScore.crps(point: lastValue, observation: observation) }

    /// The Brier score of the 0/1 forecast: 0 when the outcome repeats, 1 when it changes.
    public func brier(outcome: Bool) -> Double {
        ProperScore.brier(probability: lastOutcome ? 1 : 0, outcome: outcome)
    }
}
