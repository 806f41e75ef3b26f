import Foundation
import Testing
import ParleyNumerics

// Known answers from mpmath at 40–80 digits (normal and t tails, log-gamma, incomplete
// beta and gamma) or SciPy 1.17 (`scipy.stats`), or closed forms.

@Test func normalQuantileMatchesTheTabulatedValueAt975() {
    // The tabulated 1.959963984540054 is Φ⁻¹ of the decimal 0.975; Φ⁻¹ of the nearest double,
    // 0.97499999999999997779…, is 1.95996398454005385560… (mpmath, 50 digits), whose correctly
    // rounded double is one ulp below the tabulated one.
    let quantile = SpecialFunctions.normalQuantile(0.975)
    #expect(quantile == 1.9599639845400538)
    #expect(abs(quantile - 1.959963984540054) <= 1.959963984540054.ulp)
}

@Test(arguments: [
    (1e-10, -6.361340902404056), (0.3, -0.5244005127080409), (1e-300, -37.0470962993612),
])
func normalQuantileIsAccurateToDoublePrecision(probability: Double, expected: Double) {
    #expect(isClose(SpecialFunctions.normalQuantile(probability), expected, relative: 1e-15))
}

@Test func normalQuantileIsOddAboutOneHalf() {
    // Dyadic probabilities, so that 1 − p is exact.
    for p in stride(from: 1.0 / 256, to: 0.5, by: 1.0 / 256) {
        #expect(SpecialFunctions.normalQuantile(p) == -SpecialFunctions.normalQuantile(1 - p))
    }
}

@Test func normalQuantileOfTheBoundsIsInfinite() {
    #expect(SpecialFunctions.normalQuantile(0) == -.infinity)
    #expect(SpecialFunctions.normalQuantile(1) == .infinity)
    #expect(SpecialFunctions.normalQuantile(1.5).isNaN)
}

@Test(arguments: [
    (-5.0, 2.866515718791939e-07), (1.96, 0.9750021048517795), (-30.0, 4.906713927148187e-198),
    (-10.0, 7.619853024160525e-24), (-37.5, 4.605353009581955e-308), (3.0, 0.9986501019683699),
    (0.3, 0.6179114221889527),
])
func normalCDFMatchesKnownValuesIncludingTheFarTail(x: Double, expected: Double) {
    #expect(isClose(SpecialFunctions.normalCDF(x), expected, relative: 4e-16))
}

@Test func normalCDFInvertsNormalQuantile() {
    for p in [1e-12, 1e-5, 0.01, 0.2, 0.5, 0.77, 0.999] {
        #expect(isClose(SpecialFunctions.normalCDF(SpecialFunctions.normalQuantile(p)), p, relative: 1e-14))
    }
}

/// log Γ is used inside exponentials, so absolute error matters near its zeros at 1 and 2.
private func isCloseLogGamma(_ actual: Double, _ expected: Double) -> Bool {
    abs(actual - expected) <= 1e-14 * max(1, abs(expected))
}

@Test(arguments: [
    (0.5, 0.5723649429247001), (3.5, 1.2009736023470743), (10.0, 12.801827480081469),
    (100.5, 361.4355404677776), (1e5, 1051287.7089736569), (-0.5, 1.2655121234846454),
    (-2.5, -0.056243716497674054), (1e-8, 18.42068073818021), (1.5, -0.12078223763524522),
])
func logGammaMatchesKnownValues(x: Double, expected: Double) {
    #expect(isCloseLogGamma(SpecialFunctions.logGamma(x), expected))
}

@Test func logGammaVanishesAtOneAndTwo() {
    #expect(SpecialFunctions.logGamma(1) == 0)
    #expect(SpecialFunctions.logGamma(2) == 0)
}

@Test func logGammaOfFactorialsIsTheLogOfTheFactorial() {
    var factorial = 1.0
    for n in 1...20 {
        factorial *= Double(n)
        #expect(isCloseLogGamma(SpecialFunctions.logGamma(Double(n + 1)), log(factorial)))
    }
}

@Test func logGammaIsInfiniteAtThePoles() {
    #expect(SpecialFunctions.logGamma(0) == .infinity)
    #expect(SpecialFunctions.logGamma(-3) == .infinity)
}

@Test(arguments: [
    (2.0, 3.0, 0.4, 0.5248), (0.5, 20.0, 0.1, 0.9586725160819127), (50.0, 60.0, 0.45, 0.4642352914306036),
    (0.3, 0.7, 0.99, 0.9853118721013316), (5.0, 0.5, 0.999, 0.9222819921009667),
])
func regularizedIncompleteBetaMatchesKnownValues(a: Double, b: Double, x: Double, expected: Double) {
    #expect(isClose(SpecialFunctions.regularizedIncompleteBeta(a: a, b: b, x: x), expected, relative: 1e-12))
}

@Test(arguments: [
    (2.0, 5.0, 0.9490302605850708), (-3.0, 2.5, 0.03628804777451592), (50.0, 3.0, 0.9999911914239794),
    (-1e-3, 30.0, 0.4996043678833414), (1.5, 1000.0, 0.9330349805889584),
])
func studentTCDFMatchesKnownValues(t: Double, degreesOfFreedom: Double, expected: Double) {
    #expect(isClose(SpecialFunctions.studentTCDF(t, degreesOfFreedom: degreesOfFreedom), expected, relative: 1e-12))
}

@Test func studentTQuantileMatchesTheTabulatedValueFor10DegreesOfFreedom() {
    #expect(isClose(SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 10), 2.228138851986274, relative: 1e-14))
}

@Test(arguments: [
    (0.995, 3.0, 5.840909309733355), (0.001, 4.0, -7.1731822197823085), (0.9, 1.5, 2.1963984175655376),
    (1e-10, 3.0, -2225.7692846830932), (0.6, 7.0, 0.2631668613520229),
    (0.975, 1.0, 12.706204736174694), (0.975, 2.0, 4.302652729749462),
])
func studentTQuantileMatchesKnownValues(p: Double, degreesOfFreedom: Double, expected: Double) {
    #expect(isClose(SpecialFunctions.studentTQuantile(p, degreesOfFreedom: degreesOfFreedom), expected, relative: 1e-12))
}

@Test func studentTQuantileStaysAccurateForAMillionDegreesOfFreedom() {
    // Within 10⁻¹⁰: the incomplete beta fraction loses digits when a shape is huge (see its docs).
    let quantile = SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 1e6)
    #expect(isClose(quantile, 1.9599663568141066, relative: 1e-10))
}

@Test func studentTQuantileInvertsStudentTCDF() {
    for nu in [1.2, 3.0, 9.5, 40.0] {
        for p in [0.0001, 0.025, 0.3, 0.5, 0.8, 0.999] {
            let t = SpecialFunctions.studentTQuantile(p, degreesOfFreedom: nu)
            #expect(isClose(SpecialFunctions.studentTCDF(t, degreesOfFreedom: nu), p, relative: 1e-12))
        }
    }
}

@Test(arguments: [
    (3.841458820694124, 1.0, 0.95), (10.0, 4.0, 0.9595723180054871), (100.0, 90.0, 0.7789597673745553),
    (0.01, 3.0, 0.0002651650586556098),
])
func chiSquaredCDFMatchesKnownValues(x: Double, degreesOfFreedom: Double, expected: Double) {
    #expect(isClose(SpecialFunctions.chiSquaredCDF(x, degreesOfFreedom: degreesOfFreedom), expected, relative: 1e-12))
}

@Test func chiSquaredWithTwoDegreesOfFreedomIsExponential() {
    for x in [0.1, 1, 5, 30] {
        #expect(isClose(SpecialFunctions.chiSquaredCDF(x, degreesOfFreedom: 2), -expm1(-x / 2), relative: 1e-13))
    }
}

// SciPy's `kstwobign.sf(λ)` at λ = (√n + 0.12 + 0.11/√n)·d.
@Test(arguments: [
    (0.05, 100, 0.9596004458626864), (0.2, 50, 0.03137665215307253), (0.01, 1000, 0.9999618844225542),
    (0.03, 2000, 0.05357811123528215),
])
func kolmogorovSmirnovPValueMatchesTheKolmogorovDistribution(statistic: Double, sampleSize: Int, expected: Double) {
    let pValue = SpecialFunctions.kolmogorovSmirnovPValue(statistic: statistic, sampleSize: sampleSize)
    #expect(isClose(pValue, expected, relative: 1e-10))
}

@Test func kolmogorovSmirnovPValueFallsAsTheStatisticGrows() {
    let pValues = stride(from: 0.0, through: 0.2, by: 0.005).map {
        SpecialFunctions.kolmogorovSmirnovPValue(statistic: $0, sampleSize: 200)
    }
    #expect(pValues.first == 1)
    #expect(zip(pValues, pValues.dropFirst()).allSatisfy { $0 >= $1 })
}
