#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Continuous and discrete samplers drawn from any generator. Every sampler is a pure function
// of the generator's output sequence: no cached spare normal, no global state, so a run's
// draws are reproducible from its seed alone. Where the literature offers a choice, the
// method consuming a fixed number of uniforms is preferred (Box–Muller, inverse CDF), which
// keeps streams aligned across parameter changes when common random numbers are used.

extension RandomNumberGenerator {
    /// A uniform double in the open interval (0, 1): 53 random bits shifted by half an ulp,
    /// so logarithms and reciprocals of it are always finite.
    @inlinable
    @inline(__always)
    mutating func nextOpenUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform double in [`lower`, `upper`): the affine image of ``nextUniform()``.
    ///
    /// - Parameters:
    ///   - lower: the inclusive lower bound.
    ///   - upper: the exclusive upper bound; if `upper == lower` the answer is `lower`.
    @inlinable
    public mutating func nextUniform(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUniform()
    }

    /// A normal deviate by the Box–Muller transform (Box & Muller 1958, "A note on the
    /// generation of random normal deviates", *Ann. Math. Statist.* 29(2)).
    ///
    /// Consumes exactly two uniforms per draw and keeps no spare, so the generator's position
    /// after `n` normals is always `2n` words.
    ///
    /// - Parameters:
    ///   - mean: the distribution's mean.
    ///   - standardDeviation: the distribution's standard deviation (≥ 0).
    @inlinable
    public mutating func nextNormal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let radius = (-2 * log(nextOpenUniform())).squareRoot()
        let angle = 2 * Double.pi * nextUniform()
        return mean + standardDeviation * radius * cos(angle)
    }

    /// A lognormal deviate, `exp(mu + sigma · Z)` with `Z` standard normal (Johnson, Kotz &
    /// Balakrishnan 1994, *Continuous Univariate Distributions* vol. 1, ch. 14).
    ///
    /// - Parameters:
    ///   - mu: the mean of the logarithm.
    ///   - sigma: the standard deviation of the logarithm (≥ 0).
    @inlinable
    public mutating func nextLogNormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * nextNormal())
    }

    /// A log-uniform (reciprocal) deviate on [`lower`, `upper`): its logarithm is uniform, so
    /// each decade is equally likely (Hamming 1970, "On the distribution of numbers", *Bell
    /// System Technical Journal* 49(8)).
    ///
    /// - Parameters:
    ///   - lower: the lower bound, > 0.
    ///   - upper: the upper bound, ≥ `lower`.
    @inlinable
    public mutating func nextLogUniform(lower: Double, upper: Double) -> Double {
        let logLower = log(lower)
        return exp(logLower + (log(upper) - logLower) * nextUniform())
    }

    /// A triangular deviate by inversion of its CDF (Johnson & Kotz 1999, "Non-smooth
    /// sailing or triangular distributions revisited after some 50 years", *The
    /// Statistician* 48(2)). Consumes exactly one uniform.
    ///
    /// - Parameters:
    ///   - lower: the left end of the support.
    ///   - mode: the peak, in [`lower`, `upper`].
    ///   - upper: the right end of the support; if `upper == lower` the answer is `lower`.
    @inlinable
    public mutating func nextTriangular(lower: Double, mode: Double, upper: Double) -> Double {
        let u = nextUniform()
        let width = upper - lower
        guard width > 0 else { return lower }
        let split = (mode - lower) / width
        if u < split {
            return lower + (u * width * (mode - lower)).squareRoot()
        }
        return upper - ((1 - u) * width * (upper - mode)).squareRoot()
    }

    /// An exponential deviate by inversion, `−log(U) / rate` (Devroye 1986, *Non-Uniform
    /// Random Variate Generation*, §II.2.1). Consumes exactly one uniform.
    ///
    /// - Parameter rate: the rate λ > 0; the mean is 1/λ.
    @inlinable
    public mutating func nextExponential(rate: Double) -> Double {
        -log(nextOpenUniform()) / rate
    }

    /// A gamma deviate by Marsaglia & Tsang (2000), "A simple method for generating gamma
    /// variables", *ACM TOMS* 26(3). For `shape < 1` it uses the authors' boost:
    /// `Gamma(a) = Gamma(a + 1) · U^(1/a)`.
    ///
    /// - Parameters:
    ///   - shape: the shape k > 0.
    ///   - scale: the scale θ > 0; the mean is kθ.
    @inlinable
    public mutating func nextGamma(shape: Double, scale: Double = 1) -> Double {
        if shape < 1 {
            let boosted = nextGamma(shape: shape + 1, scale: scale)
            return boosted * exp(log(nextOpenUniform()) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = nextNormal()
            var v = 1 + c * x
            if v <= 0 { continue }
            v = v * v * v
            let u = nextOpenUniform()
            let xSquared = x * x
            if u < 1 - 0.0331 * xSquared * xSquared { return scale * d * v }
            if log(u) < 0.5 * xSquared + d * (1 - v + log(v)) { return scale * d * v }
        }
    }

    /// A beta deviate as `X / (X + Y)` with `X ~ Gamma(alpha)`, `Y ~ Gamma(beta)` (Devroye
    /// 1986, *Non-Uniform Random Variate Generation*, §IX.4.1).
    ///
    /// - Parameters:
    ///   - alpha: the first shape parameter, > 0.
    ///   - beta: the second shape parameter, > 0.
    @inlinable
    public mutating func nextBeta(_ alpha: Double, _ beta: Double) -> Double {
        let x = nextGamma(shape: alpha)
        let y = nextGamma(shape: beta)
        let total = x + y
        // Both gammas underflow only for tiny shapes, where the beta law is concentrated on
        // {0, 1} with P(1) = alpha / (alpha + beta); answer from that limit.
        guard total > 0 else { return nextUniform() < alpha / (alpha + beta) ? 1 : 0 }
        return x / total
    }

    /// A Poisson deviate, a whole number returned as a `Double`.
    ///
    /// Means below 10 use Knuth's multiplication of uniforms (*TAOCP* vol. 2, §3.4.1 F); larger
    /// means use the transformed rejection method PTRS of Hörmann (1993), "The transformed
    /// rejection method for generating Poisson random variables", *Insurance: Mathematics and
    /// Economics* 12(1), whose cost does not grow with the mean.
    ///
    /// - Parameter mean: the mean λ ≥ 0; non-positive means give 0.
    @inlinable
    public mutating func nextPoisson(mean: Double) -> Double {
        guard mean > 0 else { return 0 }
        if mean < 10 {
            let threshold = exp(-mean)
            var count = 0.0
            var product = nextUniform()
            while product > threshold {
                count += 1
                product *= nextUniform()
            }
            return count
        }
        let rootMean = mean.squareRoot()
        let logMean = log(mean)
        let b = 0.931 + 2.53 * rootMean
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let acceptanceBound = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUniform() - 0.5
            let v = nextOpenUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= acceptanceBound { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let logAcceptance = log(v) + log(inverseAlpha) - log(a / (us * us) + b)
            if logAcceptance <= -mean + k * logMean - SpecialFunctions.logGamma(k + 1) {
                return k
            }
        }
    }

    /// A negative binomial deviate with mean `mean` and dispersion (size) `dispersion`: variance
    /// `mean + mean²/dispersion`. Drawn as a gamma–Poisson mixture, `Poisson(mean · G)` with
    /// `G ~ Gamma(dispersion, 1/dispersion)` (Greenwood & Yule 1920; Hilbe 2011, *Negative
    /// Binomial Regression*, §5.2), so that `dispersion → ∞` approaches a Poisson.
    ///
    /// - Parameters:
    ///   - mean: the mean μ; non-positive means give 0.
    ///   - dispersion: k > 0; non-positive or infinite k gives a Poisson(μ) draw.
    @inlinable
    public mutating func nextNegativeBinomial(mean: Double, dispersion: Double) -> Double {
        guard mean > 0 else { return 0 }
        guard dispersion > 0, dispersion.isFinite else { return nextPoisson(mean: mean) }
        return nextPoisson(mean: mean * nextGamma(shape: dispersion, scale: 1 / dispersion))
    }

    /// A Beta-PERT deviate: `lower + (upper − lower) · Beta(α, β)` with
    /// `α = 1 + λ(mode − lower)/(upper − lower)`, `β = 1 + λ(upper − mode)/(upper − lower)` and
    /// λ = 4, the classical PERT weighting (Malcolm, Roseboom, Clark & Fazar 1959,
    /// "Application of a technique for research and development program evaluation",
    /// *Operations Research* 7(5); parametrization of Vose 2008, *Risk Analysis*, §III.9).
    ///
    /// - Parameters:
    ///   - lower: the minimum.
    ///   - mode: the most likely value, in [`lower`, `upper`].
    ///   - upper: the maximum; if `upper == lower` the answer is `lower`.
    @inlinable
    public mutating func nextPERT(lower: Double, mode: Double, upper: Double) -> Double {
        let width = upper - lower
        guard width > 0 else { return lower }
        let alpha = 1 + 4 * (mode - lower) / width
        let beta = 1 + 4 * (upper - mode) / width
        return lower + width * nextBeta(alpha, beta)
    }
}
