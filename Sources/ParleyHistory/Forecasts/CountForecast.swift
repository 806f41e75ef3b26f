import ParleyNumerics
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why a forecast could not be built or scored: a precise message for the developer who called.
public struct ForecastError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, with the offending value.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// A predictive distribution for a count (launch months, missiles or launch days in a year): a
/// probability mass function on 0 … N and its cumulative distribution function.
///
/// Every forecaster — the model's ensemble, each baseline — hands its forecast to the scores in
/// this one form, so that they are scored by the same code:
///
/// ```swift
/// let model = try CountForecast(samples: [3, 5, 5, 8])          // an ensemble of simulated counts
/// let climatology = try CountForecast(poissonMean: 4.2)
/// model.crps(observation: 6)                                     // exact: Σₖ (F(k) − 1{k ≥ 6})²
/// model.centralInterval(level: 0.8)                              // 3...8
/// ```
///
/// Past N the CDF is 1, below 0 it is 0. Parametric forecasts (Poisson, negative binomial) are
/// cut where the upper tail falls below 10⁻¹⁶ of the mass and renormalised, which changes every
/// score by less than 10⁻¹².
public struct CountForecast: Sendable, Hashable, Codable {
    /// P(X = k) for k = 0 … N, summing to 1; N is the largest count with positive probability
    /// (for a parametric forecast, the last count before the cut).
    public let probabilities: [Double]
    /// F(k) = P(X ≤ k) for k = 0 … N, non-decreasing, the last exactly 1.
    public let cumulative: [Double]

    /// The tolerance of ``quantile(_:)``: F(k) ≥ p − 10⁻¹² counts as reaching p, so that a
    /// cumulative probability that is p up to rounding (0.1 against `(1 − 0.8)/2`) is not missed.
    public static let quantileTolerance = 1e-12

    /// A forecast from probabilities for 0, 1, 2, …: non-negative, finite, with a positive sum
    /// (they are divided by it). Trailing zeros are dropped.
    public init(probabilities weights: [Double]) throws(ForecastError) {
        guard !weights.isEmpty else { throw ForecastError("a count forecast needs at least one probability") }
        if let bad = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw ForecastError("probability of \(bad) is \(weights[bad]); expected a finite value ≥ 0")
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw ForecastError("the probabilities sum to 0; expected a positive sum") }
        let last = weights.lastIndex { $0 > 0 } ?? 0
        self.init(normalising: Array(weights[...last]), total: total)
    }

    /// The largest count a sample may hold (2²⁴): the forecast stores a probability per count
    /// up to its largest sample.
    public static let largestSample = 1 << 24

    /// The empirical distribution of an ensemble of counts (simulated runs, or a list of
    /// training years' values): each value has probability 1/n. The cumulative probabilities
    /// are (number of values ≤ k)/n, computed exactly from integer counts. Each sample must be
    /// in 0 … ``largestSample``.
    public init(samples: [Int]) throws(ForecastError) {
        guard !samples.isEmpty else { throw ForecastError("a count forecast needs at least one sample") }
        if let bad = samples.first(where: { $0 < 0 || $0 > CountForecast.largestSample }) {
            throw ForecastError("sample \(bad) is not a count in 0…\(CountForecast.largestSample)")
        }
        var tally = Array(repeating: 0, count: (samples.max() ?? 0) + 1)
        for value in samples { tally[value] += 1 }
        let n = Double(samples.count)
        var running = 0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(tally.count)
        for count in tally {
            running += count
            cumulative.append(Double(running) / n)
        }
        probabilities = tally.map { Double($0) / n }
        self.cumulative = cumulative
    }

    /// ``init(samples:)-([Int])`` for counts held as doubles (as simulated series are): each must
    /// be a whole number in 0 … ``largestSample``.
    public init(samples: [Double]) throws(ForecastError) {
        var counts: [Int] = []
        counts.reserveCapacity(samples.count)
        for value in samples {
            guard value.isFinite, value >= 0, value <= Double(CountForecast.largestSample), value == value.rounded() else {
                throw ForecastError("sample \(value) is not a count; expected a whole number ≥ 0")
            }
            counts.append(Int(value))
        }
        try self.init(samples: counts)
    }

    /// All probability on one count (a point forecast such as persistence's). A negative count
    /// is taken as 0.
    public init(pointMass count: Int) {
        let k = max(0, count)
        probabilities = Array(repeating: 0, count: k) + [1]
        cumulative = probabilities
    }

    /// The Poisson distribution with mean `mean` (≥ 0, finite); mean 0 is a point mass at 0.
    public init(poissonMean mean: Double) throws(ForecastError) {
        guard mean.isFinite, mean >= 0 else { throw ForecastError("Poisson mean \(mean); expected a finite value ≥ 0") }
        guard mean > 0 else {
            self.init(pointMass: 0)
            return
        }
        // log P(0) = −λ; P(k + 1)/P(k) = λ/(k + 1).
        let logMean = log(mean)
        self.init(logFirst: -mean, tailRatioBound: { k in mean / Double(k + 1) }, logRatio: { k in logMean - log(Double(k + 1)) },
                  beyond: mean)
    }

    /// The negative binomial distribution with mean `mean` and size (dispersion) `size` r:
    /// P(k) = Γ(k + r)/(Γ(r) k!) · (r/(r + μ))ʳ · (μ/(r + μ))ᵏ, variance μ + μ²/r. As r → ∞ it
    /// tends to Poisson(μ); a size above 10¹² is taken as Poisson. Mean 0 is a point mass at 0.
    public init(negativeBinomialMean mean: Double, size: Double) throws(ForecastError) {
        guard mean.isFinite, mean >= 0 else { throw ForecastError("negative binomial mean \(mean); expected a finite value ≥ 0") }
        guard size > 0, !size.isNaN else { throw ForecastError("negative binomial size \(size); expected a value > 0") }
        if mean == 0 {
            self.init(pointMass: 0)
            return
        }
        if size > 1e12 {
            try self.init(poissonMean: mean)
            return
        }
        let q = mean / (size + mean)
        let logQ = log(q)
        // log P(0) = r log(r/(r + μ)); P(k + 1)/P(k) = (k + r)/(k + 1) · q, which tends to q.
        self.init(logFirst: size * log1p(-q), tailRatioBound: { k in max(q, (Double(k) + size) / Double(k + 1) * q) },
                  logRatio: { k in log((Double(k) + size) / Double(k + 1)) + logQ }, beyond: mean)
    }

    /// Builds a pmf from log P(0) and the log ratios P(k + 1)/P(k), in log space so that P(0)
    /// may underflow without losing the rest. It stops past `beyond` once P(k) ρ/(1 − ρ), a bound
    /// on the tail when the ratios after k stay below ρ, is under 10⁻¹⁶ of the largest term, or
    /// at 2²⁰ terms.
    private init(logFirst: Double, tailRatioBound: (Int) -> Double, logRatio: (Int) -> Double, beyond: Double) {
        var logs = [logFirst]
        var largest = logFirst
        var k = 0
        while logs.count < 1 << 20 {
            let current = logs[k]
            largest = max(largest, current)
            let rho = tailRatioBound(k)
            if Double(k) > beyond, rho < 1, current + log(rho / (1 - rho)) < largest + log(1e-16) { break }
            logs.append(current + logRatio(k))
            k += 1
        }
        let weights = logs.map { exp($0 - largest) }
        let last = weights.lastIndex { $0 > 0 } ?? 0
        self.init(normalising: Array(weights[...last]), total: weights.reduce(0, +))
    }

    /// Divides by `total` and accumulates; the last cumulative value is set to exactly 1.
    private init(normalising weights: [Double], total: Double) {
        probabilities = weights.map { $0 / total }
        var running = 0.0
        var cumulative = probabilities.map { p -> Double in
            running += p
            return min(1, running)
        }
        cumulative[cumulative.count - 1] = 1
        self.cumulative = cumulative
    }

    /// Decodes both arrays, refusing anything that is not a distribution on 0 … N: negative or
    /// non-finite probabilities, a cumulative array of another length, decreasing, not ending
    /// at 1, or more than 10⁻⁹ from the running sum of the probabilities.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let probabilities = try container.decode([Double].self, forKey: .probabilities)
        let cumulative = try container.decode([Double].self, forKey: .cumulative)
        func refuse(_ why: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: .probabilities, in: container, debugDescription: why)
        }
        guard !probabilities.isEmpty, probabilities.count == cumulative.count else {
            throw refuse("\(probabilities.count) probabilities and \(cumulative.count) cumulative probabilities; expected as many, at least one")
        }
        if let bad = probabilities.first(where: { !($0.isFinite && $0 >= 0) }) {
            throw refuse("probability \(bad); expected a finite value ≥ 0")
        }
        var running = 0.0, previous = 0.0
        for (p, f) in zip(probabilities, cumulative) {
            running += p
            guard f >= previous, f <= 1, abs(f - running) <= 1e-9 else {
                throw refuse("cumulative probability \(f) after \(previous) with running sum \(running); expected a CDF")
            }
            previous = f
        }
        guard cumulative.last == 1 else { throw refuse("the last cumulative probability is \(previous); expected 1") }
        self.probabilities = probabilities
        self.cumulative = cumulative
    }

    /// The largest count with positive probability (for a parametric forecast, where it was cut).
    public var maximum: Int { probabilities.count - 1 }

    /// P(X = k) (0 outside the support).
    public func probability(of k: Int) -> Double { k >= 0 && k < probabilities.count ? probabilities[k] : 0 }

    /// F(k) = P(X ≤ k): 0 below 0, 1 from N on.
    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        return k < cumulative.count ? cumulative[k] : 1
    }

    /// The mean Σ k P(k).
    public var mean: Double {
        probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
    }

    /// The variance Σ (k − mean)² P(k).
    public var variance: Double {
        let m = mean
        return probabilities.enumerated().reduce(0) { total, entry in
            let d = Double(entry.offset) - m
            return total + d * d * entry.element
        }
    }

    /// The probability of at least one (a launch, a test): 1 − P(0).
    public var probabilityOfAny: Double { 1 - cumulative[0] }

    /// The `p`-quantile: the smallest k with F(k) ≥ p (up to ``quantileTolerance``). p ≤ 0 gives
    /// 0; p > 1 gives N.
    public func quantile(_ p: Double) -> Int {
        let target = p - CountForecast.quantileTolerance
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] >= target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The central interval of probability `level` (0.5, 0.8, 0.95): from the (1 − level)/2
    /// quantile to the (1 + level)/2 quantile, both by ``quantile(_:)`` and both included, so
    /// that a calibrated discrete forecast covers at least `level` of its observations.
    public func centralInterval(level: Double) -> ClosedRange<Int> {
        quantile((1 - level) / 2)...quantile((1 + level) / 2)
    }

    /// Whether `observation` lies in ``centralInterval(level:)`` (ends included).
    public func covers(_ observation: Int, level: Double) -> Bool {
        centralInterval(level: level).contains(observation)
    }

    /// The continuous ranked probability score ∫ (F(x) − 1{x ≥ y})² dx, exactly. The CDF is a
    /// step function, so the integral is a sum over unit intervals: for a whole-number `y` it is
    /// Σₖ (F(k) − 1{k ≥ y})²; a fractional `y` cuts its interval in two. For an ensemble this is
    /// the CRPS of its empirical distribution, ``ProperScore/crps(samples:observation:estimator:)``
    /// with `.empirical`; for a Poisson forecast, ``ProperScore/crps(poissonMean:observation:)``.
    /// NaN for a non-finite observation.
    public func crps(observation y: Double) -> Double {
        guard y.isFinite else { return .nan }
        var total = 0.0
        if y < 0 { total += -y }  // on [y, 0) the forecast CDF is 0 and the step is 1
        for (k, f) in cumulative.enumerated() { total += ProperScore.crpsOfStep(cdf: f, from: Double(k), observation: y) }
        // Past N the CDF is 1: the integrand is 1 where x < y.
        total += max(0, y - Double(cumulative.count))
        return total
    }

    /// ``crps(observation:)-(Double)`` of a count.
    public func crps(observation: Int) -> Double { crps(observation: Double(observation)) }

    /// The non-randomised probability integral transform of Czado, Gneiting & Held (2009,
    /// *Biometrics* 65(4), eq. 2) at `u` ∈ [0, 1] for the observation y: 0 for u ≤ F(y − 1),
    /// (u − F(y − 1))/(F(y) − F(y − 1)) between, 1 for u ≥ F(y). A calibrated forecaster's mean
    /// of it over many forecasts is u.
    public func pitCDF(_ u: Double, observation y: Int) -> Double {
        let below = cdf(y - 1), at = cdf(y)
        // Right-continuous: an observation the forecast gave no probability (beyond its support,
        // below = at = 1) puts its whole PIT mass at F(y), so the CDF is 1 at u = 1.
        if u >= at { return 1 }
        if u <= below { return 0 }
        return (u - below) / (at - below)
    }
}
