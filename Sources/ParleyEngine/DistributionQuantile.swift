import Foundation
import ParleyLanguage
import ParleyNumerics

extension Distribution {
    /// The inverse of the cumulative distribution function: the smallest x with F(x) ≥ p.
    ///
    /// Sensitivity analysis and other designed experiments sample the unit cube and map each
    /// coordinate through this function (the inverse-transform method, Devroye 1986,
    /// *Non-Uniform Random Variate Generation*, §II.2), so that evenly spread points stay evenly
    /// spread in probability. Closed forms are used where they exist; the beta (and PERT) and
    /// gamma quantiles invert ``SpecialFunctions/regularizedIncompleteBeta(a:b:x:)`` and
    /// ``SpecialFunctions/regularizedLowerIncompleteGamma(a:x:)`` by Newton's method safeguarded
    /// by bisection, to a relative accuracy of 10⁻¹² in x.
    ///
    /// - Parameter p: a probability in [0, 1]; outside it the answer is NaN. p = 0 and p = 1 give
    ///   the ends of the support, which are infinite for the normal's tails and the upper tails
    ///   of the log-normal and the gamma.
    ///
    /// ```swift
    /// Distribution.uniform(lower: 2, upper: 4).quantile(0.25)   // 2.5
    /// Distribution.normal(mean: 0, standardDeviation: 1).quantile(0.975)   // 1.959963984540054
    /// ```
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        switch self {
        case let .uniform(lower, upper):
            return p == 1 ? upper : lower + p * (upper - lower)
        case let .logUniform(lower, upper):
            if p == 0 { return lower }
            if p == 1 { return upper }
            return exp(log(lower) + p * (log(upper) - log(lower)))
        case let .normal(mean, standardDeviation):
            return mean + standardDeviation * SpecialFunctions.normalQuantile(p)
        case let .logNormal(mu, sigma):
            return exp(mu + sigma * SpecialFunctions.normalQuantile(p))
        case let .triangular(lower, mode, upper):
            let width = upper - lower
            guard width > 0 else { return lower }
            let modeProbability = (mode - lower) / width
            if p <= modeProbability { return lower + (p * width * (mode - lower)).squareRoot() }
            return upper - ((1 - p) * width * (upper - mode)).squareRoot()
        case let .pert(lower, mode, upper):
            let width = upper - lower
            guard width > 0 else { return lower }
            let alpha = 1 + 4 * (mode - lower) / width
            let beta = 1 + 4 * (upper - mode) / width
            return lower + width * Distribution.betaQuantile(p, alpha: alpha, beta: beta)
        case let .beta(alpha, beta, lower, upper):
            return lower + (upper - lower) * Distribution.betaQuantile(p, alpha: alpha, beta: beta)
        case let .gamma(shape, scale):
            return scale * Distribution.gammaQuantile(p, shape: shape)
        case let .bernoulli(probability):
            return p <= 1 - probability ? 0 : 1
        case let .choice(values):
            guard !values.isEmpty else { return .nan }
            let sorted = values.sorted()
            // Each listed value has mass 1/n; F jumps by 1/n at each sorted value.
            let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.min(sorted.count - 1, Swift.max(0, index))]
        }
    }

    /// The cumulative distribution function F(x) = P(X ≤ x).
    ///
    /// - Parameter x: any real; NaN gives NaN.
    public func cumulativeProbability(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        switch self {
        case let .uniform(lower, upper):
            if x < lower { return 0 }
            if x >= upper { return 1 }
            return (x - lower) / (upper - lower)
        case let .logUniform(lower, upper):
            if x < lower { return 0 }
            if x >= upper { return 1 }
            return (log(x) - log(lower)) / (log(upper) - log(lower))
        case let .normal(mean, standardDeviation):
            return SpecialFunctions.normalCDF((x - mean) / standardDeviation)
        case let .logNormal(mu, sigma):
            return x <= 0 ? 0 : SpecialFunctions.normalCDF((log(x) - mu) / sigma)
        case let .triangular(lower, mode, upper):
            if x <= lower { return x < lower || upper > lower ? 0 : 1 }
            if x >= upper { return 1 }
            let width = upper - lower
            if x <= mode { return (x - lower) * (x - lower) / (width * (mode - lower)) }
            return 1 - (upper - x) * (upper - x) / (width * (upper - mode))
        case let .pert(lower, mode, upper):
            let width = upper - lower
            guard width > 0 else { return x < lower ? 0 : 1 }
            let alpha = 1 + 4 * (mode - lower) / width
            let beta = 1 + 4 * (upper - mode) / width
            return SpecialFunctions.regularizedIncompleteBeta(a: alpha, b: beta, x: Swift.min(1, Swift.max(0, (x - lower) / width)))
        case let .beta(alpha, beta, lower, upper):
            let width = upper - lower
            guard width > 0 else { return x < lower ? 0 : 1 }
            return SpecialFunctions.regularizedIncompleteBeta(a: alpha, b: beta, x: Swift.min(1, Swift.max(0, (x - lower) / width)))
        case let .gamma(shape, scale):
            return x <= 0 ? 0 : SpecialFunctions.regularizedLowerIncompleteGamma(a: shape, x: x / scale)
        case let .bernoulli(probability):
            if x < 0 { return 0 }
            return x < 1 ? 1 - probability : 1
        case let .choice(values):
            guard !values.isEmpty else { return .nan }
            return Double(values.count(where: { $0 <= x })) / Double(values.count)
        }
    }

    /// Whether the law is a set of atoms (bernoulli, choice) rather than a density.
    var isDiscrete: Bool {
        switch self {
        case .bernoulli, .choice: true
        default: false
        }
    }

    /// P(X < x): equal to F(x) for continuous distributions, less than it at a discrete atom.
    func probabilityBelow(_ x: Double) -> Double {
        switch self {
        case let .bernoulli(probability):
            if x <= 0 { return 0 }
            return x <= 1 ? 1 - probability : 1
        case let .choice(values):
            guard !values.isEmpty else { return .nan }
            return Double(values.count(where: { $0 < x })) / Double(values.count)
        default:
            return cumulativeProbability(x)
        }
    }

    /// The quantile of the standard beta distribution on [0, 1].
    static func betaQuantile(_ p: Double, alpha: Double, beta: Double) -> Double {
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let logNormalizer = SpecialFunctions.logGamma(alpha + beta) - SpecialFunctions.logGamma(alpha)
            - SpecialFunctions.logGamma(beta)
        return invert(p, lower: 0, upper: 1, start: alpha / (alpha + beta),
                      cdf: { SpecialFunctions.regularizedIncompleteBeta(a: alpha, b: beta, x: $0) },
                      density: { x in
                          guard x > 0, x < 1 else { return 0 }
                          return exp(logNormalizer + (alpha - 1) * log(x) + (beta - 1) * log1p(-x))
                      })
    }

    /// The quantile of the gamma distribution with unit scale.
    static func gammaQuantile(_ p: Double, shape: Double) -> Double {
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let cdf = { (x: Double) in SpecialFunctions.regularizedLowerIncompleteGamma(a: shape, x: x) }
        var upper = Swift.max(1, 2 * shape)
        while cdf(upper) < p, upper < 1e300 { upper *= 2 }
        let logNormalizer = -SpecialFunctions.logGamma(shape)
        return invert(p, lower: 0, upper: upper, start: Swift.min(shape, upper / 2), cdf: cdf,
                      density: { x in x > 0 ? exp(logNormalizer + (shape - 1) * log(x) - x) : 0 })
    }

    /// Solves cdf(x) = p on [lower, upper] (where cdf(lower) ≤ p ≤ cdf(upper)) by Newton's
    /// method, falling back to bisection whenever a step would leave the bracket, until the
    /// bracket or the step is below 10⁻¹² relative to x (Press et al. 2007, *Numerical
    /// Recipes* 3rd ed., §9.4, `rtsafe`).
    static func invert(
        _ p: Double, lower: Double, upper: Double, start: Double,
        cdf: (Double) -> Double, density: (Double) -> Double
    ) -> Double {
        var low = lower, high = upper
        var x = Swift.min(Swift.max(start, low), high)
        for _ in 0..<400 {
            let residual = cdf(x) - p
            if residual == 0 { return x }
            if residual < 0 { low = x } else { high = x }
            let slope = density(x)
            var next = slope > 0 ? x - residual / slope : .nan
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            let tolerance = 1e-12 * Swift.max(abs(next), Double.leastNormalMagnitude)
            if abs(next - x) <= tolerance || high - low <= tolerance { return next }
            x = next
        }
        return x
    }
}

extension Parameter {
    /// The quantile of the parameter's distribution truncated to its `min`/`max`: p is mapped
    /// into [P(X < min), P(X ≤ max)] and then through ``Distribution/quantile(_:)``, which is
    /// the inverse CDF of the truncated distribution (the law that ``draw(using:)`` samples by
    /// redrawing). Without a distribution the answer is the parameter's value.
    ///
    /// - Parameter p: a probability in [0, 1]; outside it the answer is NaN.
    public func quantile(_ p: Double) -> Double {
        guard let distribution else { return value }
        guard p >= 0, p <= 1 else { return .nan }
        let lowerMass = minimum.map { distribution.probabilityBelow($0) } ?? 0
        let upperMass = maximum.map { distribution.cumulativeProbability($0) } ?? 1
        var probability = lowerMass + p * (upperMass - lowerMass)
        // For an atom-valued law at exactly the lower mass, the smallest x with F(x) ≥ p would
        // be the last atom below min.
        if distribution.isDiscrete, probability <= lowerMass, lowerMass > 0 { probability = lowerMass.nextUp }
        let x = distribution.quantile(Swift.min(1, probability))
        return Swift.min(Swift.max(x, minimum ?? -.infinity), maximum ?? .infinity)
    }
}
