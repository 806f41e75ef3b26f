import Testing
@testable import ParleyNumerics

/// `count` draws from a fixed-seed xoshiro256** stream.
func draws(_ count: Int, seed: UInt64, _ sample: (inout Xoshiro256StarStar) -> Double) -> [Double] {
    var generator = Xoshiro256StarStar(seed: seed)
    return (0..<count).map { _ in sample(&generator) }
}

/// The one-sample Kolmogorov–Smirnov statistic sup |Fₙ(x) − F(x)|.
func kolmogorovSmirnovStatistic(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = sample.sorted()
    let n = Double(sorted.count)
    var largestGap = 0.0
    for (index, value) in sorted.enumerated() {
        let f = cdf(value)
        largestGap = max(largestGap, Double(index + 1) / n - f, f - Double(index) / n)
    }
    return largestGap
}

/// The KS p-value of `sample` against `cdf`.
func kolmogorovSmirnovPValue(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    SpecialFunctions.kolmogorovSmirnovPValue(
        statistic: kolmogorovSmirnovStatistic(sample, cdf: cdf), sampleSize: sample.count)
}

/// Checks that a sample's mean and variance lie within `tolerance` standard errors of theory.
///
/// The standard error of the mean is σ/√n; that of the sample variance is σ²·√((κ − 1)/n),
/// where κ = 3 + excess kurtosis is the distribution's standardized fourth moment.
func expectMoments(
    _ sample: [Double], mean: Double, variance: Double, excessKurtosis: Double, tolerance: Double = 6,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var summary = StreamingSummary()
    for x in sample { summary.add(x) }
    let n = Double(sample.count)
    let meanError = (variance / n).squareRoot()
    let varianceError = variance * ((excessKurtosis + 2) / n).squareRoot()
    #expect(abs(summary.mean - mean) <= tolerance * meanError,
            "mean \(summary.mean) vs \(mean) ± \(tolerance)×\(meanError)", sourceLocation: sourceLocation)
    #expect(abs(summary.variance - variance) <= tolerance * varianceError,
            "variance \(summary.variance) vs \(variance) ± \(tolerance)×\(varianceError)",
            sourceLocation: sourceLocation)
}

/// Whether `actual` is within `relative` of `expected`, relative to the larger magnitude.
func isClose(_ actual: Double, _ expected: Double, relative: Double) -> Bool {
    actual == expected || abs(actual - expected) <= relative * max(abs(actual), abs(expected))
}
