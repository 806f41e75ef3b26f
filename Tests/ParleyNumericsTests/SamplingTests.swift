import Foundation
import Testing
import ParleyNumerics

// Moment checks use 100 000 draws and accept 6 standard errors, computed from the sample
// size and the distribution's kurtosis. Kolmogorov–Smirnov checks use 10 000 draws against
// the exact CDF and pass when the p-value exceeds 0.001. Seeds are fixed, so each test is
// deterministic; a failure means the sampler's law differs from the documented one.

private let momentDraws = 100_000
private let fitDraws = 10_000
private let fitLevel = 0.001

/// Excess kurtosis of Beta(a, b).
private func betaExcessKurtosis(_ a: Double, _ b: Double) -> Double {
    let s = a + b
    return 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3))
}

// MARK: Uniform

@Test func uniformInRangeHasTheUniformMeanAndVariance() {
    let sample = draws(momentDraws, seed: 1) { $0.nextUniform(in: -2, 5) }
    expectMoments(sample, mean: 1.5, variance: 49.0 / 12, excessKurtosis: -1.2)
}

@Test func uniformInRangeFitsTheUniformCDF() {
    let sample = draws(fitDraws, seed: 2) { $0.nextUniform(in: -2, 5) }
    #expect(sample.allSatisfy { $0 >= -2 && $0 < 5 })
    #expect(kolmogorovSmirnovPValue(sample) { ($0 + 2) / 7 } > fitLevel)
}

// MARK: Normal

@Test func normalHasTheRequestedMeanAndVariance() {
    let sample = draws(momentDraws, seed: 3) { $0.nextNormal(mean: 3, standardDeviation: 2) }
    expectMoments(sample, mean: 3, variance: 4, excessKurtosis: 0)
}

@Test func normalFitsTheNormalCDF() {
    let sample = draws(fitDraws, seed: 4) { $0.nextNormal(mean: 3, standardDeviation: 2) }
    #expect(kolmogorovSmirnovPValue(sample) { SpecialFunctions.normalCDF(($0 - 3) / 2) } > fitLevel)
}

@Test func normalConsumesExactlyTwoWordsPerDraw() {
    var sampled = Xoshiro256StarStar(seed: 5)
    var counted = Xoshiro256StarStar(seed: 5)
    for _ in 0..<100 { _ = sampled.nextNormal() }
    for _ in 0..<200 { _ = counted.next() }
    #expect(sampled.next() == counted.next())
}

// MARK: Lognormal

@Test func logNormalHasTheLogNormalMeanAndVariance() {
    let (mu, sigma) = (0.5, 0.6)
    let s2 = sigma * sigma
    let sample = draws(momentDraws, seed: 6) { $0.nextLogNormal(mu: mu, sigma: sigma) }
    expectMoments(
        sample, mean: exp(mu + s2 / 2), variance: (exp(s2) - 1) * exp(2 * mu + s2),
        excessKurtosis: exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 6)
}

@Test func logNormalFitsTheLogNormalCDF() {
    let sample = draws(fitDraws, seed: 7) { $0.nextLogNormal(mu: 0.5, sigma: 0.6) }
    #expect(kolmogorovSmirnovPValue(sample) { SpecialFunctions.normalCDF((log($0) - 0.5) / 0.6) } > fitLevel)
}

// MARK: Log-uniform

@Test func logUniformHasTheLogUniformMeanAndVariance() {
    let (a, b) = (1.0, 100.0)
    func raw(_ k: Double) -> Double { (pow(b, k) - pow(a, k)) / (k * log(b / a)) }
    let (m1, m2, m3, m4) = (raw(1), raw(2), raw(3), raw(4))
    let variance = m2 - m1 * m1
    let fourth = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1
    let sample = draws(momentDraws, seed: 8) { $0.nextLogUniform(lower: a, upper: b) }
    expectMoments(sample, mean: m1, variance: variance, excessKurtosis: fourth / (variance * variance) - 3)
}

@Test func logUniformFitsTheLogUniformCDF() {
    let sample = draws(fitDraws, seed: 9) { $0.nextLogUniform(lower: 1, upper: 100) }
    #expect(sample.allSatisfy { $0 >= 1 && $0 <= 100 })
    #expect(kolmogorovSmirnovPValue(sample) { log($0) / log(100) } > fitLevel)
}

// MARK: Triangular

@Test func triangularHasTheTriangularMeanAndVariance() {
    let sample = draws(momentDraws, seed: 10) { $0.nextTriangular(lower: 0, mode: 1, upper: 4) }
    expectMoments(sample, mean: 5.0 / 3, variance: 13.0 / 18, excessKurtosis: -0.6)
}

@Test func triangularFitsTheTriangularCDF() {
    let sample = draws(fitDraws, seed: 11) { $0.nextTriangular(lower: 0, mode: 1, upper: 4) }
    let cdf: (Double) -> Double = { x in
        x <= 1 ? x * x / 4 : 1 - (4 - x) * (4 - x) / 12
    }
    #expect(kolmogorovSmirnovPValue(sample, cdf: cdf) > fitLevel)
}

@Test func triangularWithZeroWidthReturnsItsBound() {
    var generator = Xoshiro256StarStar(seed: 12)
    #expect(generator.nextTriangular(lower: 2, mode: 2, upper: 2) == 2)
}

// MARK: Exponential

@Test func exponentialHasTheExponentialMeanAndVariance() {
    let sample = draws(momentDraws, seed: 13) { $0.nextExponential(rate: 2.5) }
    expectMoments(sample, mean: 0.4, variance: 0.16, excessKurtosis: 6)
}

@Test func exponentialFitsTheExponentialCDF() {
    let sample = draws(fitDraws, seed: 14) { $0.nextExponential(rate: 2.5) }
    #expect(kolmogorovSmirnovPValue(sample) { 1 - exp(-2.5 * $0) } > fitLevel)
}

// MARK: Gamma

@Test func gammaWithLargeShapeHasTheGammaMeanAndVariance() {
    let sample = draws(momentDraws, seed: 15) { $0.nextGamma(shape: 7.5, scale: 0.5) }
    expectMoments(sample, mean: 3.75, variance: 1.875, excessKurtosis: 6 / 7.5)
}

@Test func gammaWithShapeBelowOneHasTheGammaMeanAndVariance() {
    let sample = draws(momentDraws, seed: 16) { $0.nextGamma(shape: 0.5, scale: 2) }
    expectMoments(sample, mean: 1, variance: 2, excessKurtosis: 12)
}

@Test func gammaFitsTheGammaCDF() {
    let sample = draws(fitDraws, seed: 17) { $0.nextGamma(shape: 2.5, scale: 3) }
    let pValue = kolmogorovSmirnovPValue(sample) {
        SpecialFunctions.regularizedLowerIncompleteGamma(a: 2.5, x: $0 / 3)
    }
    #expect(pValue > fitLevel)
}

@Test func gammaWithShapeBelowOneFitsTheGammaCDF() {
    let sample = draws(fitDraws, seed: 18) { $0.nextGamma(shape: 0.3) }
    let pValue = kolmogorovSmirnovPValue(sample) {
        SpecialFunctions.regularizedLowerIncompleteGamma(a: 0.3, x: $0)
    }
    #expect(pValue > fitLevel)
}

// MARK: Beta

@Test func betaHasTheBetaMeanAndVariance() {
    let sample = draws(momentDraws, seed: 19) { $0.nextBeta(2, 5) }
    expectMoments(sample, mean: 2.0 / 7, variance: 10.0 / (49 * 8), excessKurtosis: betaExcessKurtosis(2, 5))
}

@Test func betaFitsTheBetaCDF() {
    let sample = draws(fitDraws, seed: 20) { $0.nextBeta(2, 5) }
    #expect(kolmogorovSmirnovPValue(sample) { SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 5, x: $0) } > fitLevel)
}

@Test func betaWithShapesBelowOneFitsTheArcsineCDF() {
    let sample = draws(fitDraws, seed: 21) { $0.nextBeta(0.5, 0.5) }
    #expect(kolmogorovSmirnovPValue(sample) { 2 / Double.pi * asin($0.squareRoot()) } > fitLevel)
}

// MARK: PERT

@Test func pertHasThePERTMeanAndVariance() {
    // α = 1 + 4(2 − 1)/5 = 1.8, β = 1 + 4(6 − 2)/5 = 4.2: mean (1 + 4·2 + 6)/6 = 2.5.
    let sample = draws(momentDraws, seed: 22) { $0.nextPERT(lower: 1, mode: 2, upper: 6) }
    let variance = 25 * 1.8 * 4.2 / (36 * 7)
    expectMoments(sample, mean: 2.5, variance: variance, excessKurtosis: betaExcessKurtosis(1.8, 4.2))
}

@Test func pertFitsTheScaledBetaCDF() {
    let sample = draws(fitDraws, seed: 23) { $0.nextPERT(lower: 1, mode: 2, upper: 6) }
    let pValue = kolmogorovSmirnovPValue(sample) {
        SpecialFunctions.regularizedIncompleteBeta(a: 1.8, b: 4.2, x: min(1, max(0, ($0 - 1) / 5)))
    }
    #expect(pValue > fitLevel)
}

// MARK: Poisson

/// The χ² goodness-of-fit p-value of Poisson draws, pooling cells with expected count < 5.
private func poissonChiSquaredPValue(mean: Double, seed: UInt64, count: Int = 20_000) -> Double {
    let sample = draws(count, seed: seed) { $0.nextPoisson(mean: mean) }
    let n = Double(count)
    func probability(_ k: Int) -> Double {
        exp(Double(k) * log(mean) - mean - SpecialFunctions.logGamma(Double(k) + 1))
    }
    // Cells [edges[i], edges[i+1]), the first open below and the last open above.
    var edges = [0]
    var pending = 0.0
    var k = 0
    var cumulative = 0.0
    while 1 - cumulative > 5 / n {
        pending += probability(k)
        cumulative += probability(k)
        k += 1
        if pending * n >= 5 && (1 - cumulative) * n >= 5 {
            edges.append(k)
            pending = 0
        }
    }
    var observed = [Double](repeating: 0, count: edges.count)
    for x in sample {
        let cell = (edges.lastIndex { Double($0) <= x }) ?? 0
        observed[cell] += 1
    }
    var statistic = 0.0
    for cell in edges.indices {
        let upper = cell + 1 < edges.count ? edges[cell + 1] : Int.max
        var expectedProbability = 0.0
        if upper == Int.max {
            expectedProbability = 1 - (0..<edges[cell]).reduce(0) { $0 + probability($1) }
        } else {
            expectedProbability = (edges[cell]..<upper).reduce(0) { $0 + probability($1) }
        }
        let expected = expectedProbability * n
        statistic += (observed[cell] - expected) * (observed[cell] - expected) / expected
    }
    return 1 - SpecialFunctions.chiSquaredCDF(statistic, degreesOfFreedom: Double(edges.count - 1))
}

@Test func poissonWithSmallMeanFitsThePoissonLaw() {
    #expect(poissonChiSquaredPValue(mean: 3, seed: 24) > fitLevel)
}

@Test func poissonAtTheRejectionThresholdFitsThePoissonLaw() {
    #expect(poissonChiSquaredPValue(mean: 10, seed: 25) > fitLevel)
}

@Test func poissonWithLargeMeanFitsThePoissonLaw() {
    #expect(poissonChiSquaredPValue(mean: 57.3, seed: 26) > fitLevel)
}

@Test func poissonWithSmallMeanHasEqualMeanAndVariance() {
    let sample = draws(momentDraws, seed: 27) { $0.nextPoisson(mean: 3) }
    expectMoments(sample, mean: 3, variance: 3, excessKurtosis: 1.0 / 3)
}

@Test func poissonWithHugeMeanHasEqualMeanAndVariance() {
    let sample = draws(momentDraws, seed: 28) { $0.nextPoisson(mean: 1e4) }
    expectMoments(sample, mean: 1e4, variance: 1e4, excessKurtosis: 1e-4)
}

@Test func poissonReturnsWholeNumbers() {
    let sample = draws(1000, seed: 29) { $0.nextPoisson(mean: 2.5) } + draws(1000, seed: 30) { $0.nextPoisson(mean: 420) }
    #expect(sample.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
}

@Test func poissonWithZeroMeanIsZero() {
    var generator = Xoshiro256StarStar(seed: 31)
    #expect(generator.nextPoisson(mean: 0) == 0)
}

// MARK: Determinism

@Test func samplersAreDeterministicGivenTheSeed() {
    func trace(_ seed: UInt64) -> [Double] {
        draws(50, seed: seed) { generator in
            generator.nextNormal() + generator.nextGamma(shape: 0.7) + generator.nextBeta(2, 3)
                + generator.nextPoisson(mean: 30) + generator.nextPERT(lower: 0, mode: 1, upper: 3)
        }
    }
    #expect(trace(99) == trace(99))
    #expect(trace(99) != trace(100))
}
