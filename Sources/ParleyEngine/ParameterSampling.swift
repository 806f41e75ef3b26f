import ParleyLanguage
import ParleyNumerics

extension Distribution {
    /// One draw from the distribution using `generator`.
    @inlinable
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        switch self {
        case let .uniform(lower, upper): return generator.nextUniform(in: lower, upper)
        case let .logUniform(lower, upper): return generator.nextLogUniform(lower: lower, upper: upper)
        case let .normal(mean, standardDeviation): return generator.nextNormal(mean: mean, standardDeviation: standardDeviation)
        case let .logNormal(mu, sigma): return generator.nextLogNormal(mu: mu, sigma: sigma)
        case let .triangular(lower, mode, upper): return generator.nextTriangular(lower: lower, mode: mode, upper: upper)
        case let .pert(lower, mode, upper): return generator.nextPERT(lower: lower, mode: mode, upper: upper)
        case let .beta(alpha, beta, lower, upper): return lower + (upper - lower) * generator.nextBeta(alpha, beta)
        case let .gamma(shape, scale): return generator.nextGamma(shape: shape, scale: scale)
        case let .bernoulli(probability): return generator.nextBernoulli(probability) ? 1 : 0
        case let .choice(values):
            let index = min(values.count - 1, Int(generator.nextUniform() * Double(values.count)))
            return values[index]
        }
    }
}

extension Parameter {
    /// A draw from the parameter's distribution, truncated to [min, max] by redrawing
    /// (at most 1,000 times, then clamped), or its value when it has no distribution.
    public func draw<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        guard let distribution else { return value }
        let lower = minimum ?? -.infinity, upper = maximum ?? .infinity
        var candidate = distribution.sample(using: &generator)
        var attempts = 1
        while !(lower...upper).contains(candidate), attempts < 1000 {
            candidate = distribution.sample(using: &generator)
            attempts += 1
        }
        return Swift.min(Swift.max(candidate, lower), upper)
    }
}
