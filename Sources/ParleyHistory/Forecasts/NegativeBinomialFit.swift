import ParleyNumerics
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A negative binomial distribution fitted to counts by maximum likelihood (NB2: mean μ, size
/// r, variance μ + μ²/r), or a Poisson distribution where the counts are not over-dispersed.
///
/// The maximum-likelihood mean is the sample mean x̄ whatever r is, so r maximises the profile
/// log-likelihood
/// ℓ(r) = Σᵢ Σ_{j<xᵢ} ln(r + j) − Σᵢ ln xᵢ! − n r ln(1 + x̄/r) + S ln(x̄/(r + x̄)), S = Σ xᵢ,
/// found by a scan of ln r over [−15, 25] followed by golden-section search around the best
/// point. A finite maximum exists exactly when the variance with divisor n exceeds the mean
/// (Aragón, Eberly & Eberly 1992, "Existence and uniqueness of the maximum likelihood estimator
/// for the two-parameter negative binomial distribution", *Statist. Probab. Lett.* 15(5));
/// otherwise ℓ rises towards r = ∞, the Poisson limit, and the fit is Poisson(x̄)
/// (``size`` nil). On Bliss & Fisher's (1953, *Biometrics* 9(2)) European red mite counts it
/// gives r = 1.025, their published value.
public struct NegativeBinomialFit: Sendable, Hashable, Codable {
    /// The fitted mean (the sample mean).
    public var mean: Double
    /// The fitted size r; nil when the counts are not over-dispersed and the fit is Poisson.
    public var size: Double?
    /// The maximised log-likelihood (of the Poisson fit when ``size`` is nil).
    public var logLikelihood: Double
    /// How many counts it was fitted to.
    public var count: Int

    /// Fits `counts` (each ≥ 0; at least one).
    public init(counts: [Int]) throws(ForecastError) {
        guard !counts.isEmpty else { throw ForecastError("a negative binomial fit needs at least one count") }
        if let negative = counts.first(where: { $0 < 0 }) { throw ForecastError("count \(negative) is negative; expected counts ≥ 0") }
        let n = Double(counts.count)
        let total = counts.reduce(0, +)
        let mean = Double(total) / n
        let variance = counts.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        self.mean = mean
        self.count = counts.count
        let logFactorials = counts.reduce(0.0) { $0 + SpecialFunctions.logGamma(Double($1) + 1) }
        guard variance > mean, mean > 0 else {
            size = nil
            logLikelihood = mean == 0 ? 0 : Double(total) * log(mean) - n * mean - logFactorials
            return
        }
        let profile = { (logSize: Double) -> Double in
            NegativeBinomialFit.logLikelihood(counts: counts, mean: mean, size: exp(logSize))
        }
        // Scan, then golden-section search in the two grid cells around the best grid point.
        let lowest = -15.0, highest = 25.0, cells = 160
        let width = (highest - lowest) / Double(cells)
        var bestIndex = 0, bestValue = -Double.infinity
        for i in 0...cells {
            let value = profile(lowest + Double(i) * width)
            if value > bestValue { bestValue = value; bestIndex = i }
        }
        var a = lowest + Double(max(0, bestIndex - 1)) * width, b = lowest + Double(min(cells, bestIndex + 1)) * width
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = profile(c), fd = profile(d)
        while b - a > 1e-10 {
            if fc > fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a); fc = profile(c)
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a); fd = profile(d)
            }
        }
        let logSize = (a + b) / 2
        size = exp(logSize)
        logLikelihood = profile(logSize)
    }

    /// The negative binomial log-likelihood of `counts` at (`mean`, `size`):
    /// Σᵢ [Σ_{j<xᵢ} ln(r + j) − ln xᵢ! + r ln(r/(r + μ)) + xᵢ ln(μ/(r + μ))] (the first sum is
    /// ln Γ(xᵢ + r) − ln Γ(r), summed so that it stays accurate for large r).
    public static func logLikelihood(counts: [Int], mean: Double, size r: Double) -> Double {
        let logShare = log(mean / (r + mean)), sizeTerm = -r * log1p(mean / r)
        var total = 0.0
        for x in counts {
            var gammaRatio = 0.0
            for j in 0..<x { gammaRatio += log(r + Double(j)) }
            total += gammaRatio - SpecialFunctions.logGamma(Double(x) + 1) + sizeTerm + Double(x) * logShare
        }
        return total
    }

    /// P(count ≥ 1) under the fit: 1 − (r/(r + μ))ʳ, or 1 − e^{−μ} for the Poisson fit.
    public var probabilityOfAny: Double {
        guard let size else { return -expm1(-mean) }
        return -expm1(-size * log1p(mean / size))
    }

    /// The fitted distribution: negative binomial, or Poisson when ``size`` is nil.
    public func forecast() throws(ForecastError) -> CountForecast {
        if let size { return try CountForecast(negativeBinomialMean: mean, size: size) }
        return try CountForecast(poissonMean: mean)
    }
}
