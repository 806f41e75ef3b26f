import Foundation
import PropertyBased
import Testing
import ParleyNumerics
@testable import ParleyHistory

/// Discrete predictive distributions: construction, quantiles, intervals, exact CRPS and PIT.
struct CountForecastTests {
    @Test func samplesGiveTheEmpiricalDistribution() throws {
        let forecast = try CountForecast(samples: [2, 0, 5, 2])
        #expect(forecast.probabilities == [0.25, 0, 0.5, 0, 0, 0.25])
        #expect(forecast.cumulative == [0.25, 0.25, 0.75, 0.75, 0.75, 1])
        #expect(forecast.mean == 2.25)
        #expect(abs(forecast.variance - 3.1875) < 1e-15)
        #expect(forecast.cdf(-1) == 0 && forecast.cdf(99) == 1)
    }

    @Test func samplesHeldAsDoublesMustBeCounts() throws {
        #expect(try CountForecast(samples: [1.0, 3.0]) == CountForecast(samples: [1, 3]))
        for bad: [Double] in [[1.5], [-1], [.nan], [.infinity], []] {
            #expect(throws: ForecastError.self) { try CountForecast(samples: bad) }
        }
        #expect(throws: ForecastError.self) { try CountForecast(samples: [Int]()) }
        #expect(throws: ForecastError.self) { try CountForecast(samples: [2, -1]) }
        #expect(throws: ForecastError.self) { try CountForecast(samples: [CountForecast.largestSample + 1]) }
        #expect(throws: ForecastError.self) { try CountForecast(samples: [1e300]) }
    }

    @Test func probabilitiesAreNormalisedAndTrimmed() throws {
        let forecast = try CountForecast(probabilities: [1, 1, 2, 0, 0])
        #expect(forecast.probabilities == [0.25, 0.25, 0.5])
        #expect(forecast.maximum == 2)
        #expect(throws: ForecastError.self) { try CountForecast(probabilities: [0.5, -0.1]) }
        #expect(throws: ForecastError.self) { try CountForecast(probabilities: [0, 0]) }
        #expect(throws: ForecastError.self) { try CountForecast(probabilities: [.nan]) }
    }

    @Test func aPointMassHasAllItsProbabilityOnOneCount() {
        let forecast = CountForecast(pointMass: 3)
        #expect(forecast.probabilities == [0, 0, 0, 1])
        #expect(forecast.centralInterval(level: 0.95) == 3...3)
        #expect(CountForecast(pointMass: -2) == CountForecast(pointMass: 0))
    }

    @Test func poissonProbabilitiesFollowTheFormula() throws {
        let lambda = 2.5
        let forecast = try CountForecast(poissonMean: lambda)
        for k in 0...10 {
            let exact = exp(-lambda + Double(k) * log(lambda) - SpecialFunctions.logGamma(Double(k) + 1))
            #expect(abs(forecast.probability(of: k) - exact) < 1e-15)
        }
        #expect(abs(forecast.mean - lambda) < 1e-12)
        #expect(abs(forecast.variance - lambda) < 1e-11)
        #expect(try CountForecast(poissonMean: 0) == CountForecast(pointMass: 0))
        #expect(throws: ForecastError.self) { try CountForecast(poissonMean: -1) }
    }

    @Test func aLargePoissonMeanKeepsItsMassWhenTheZeroTermUnderflows() throws {
        let forecast = try CountForecast(poissonMean: 800)  // e^−800 is 0 in double precision
        #expect(abs(forecast.mean - 800) < 1e-6)
        #expect(abs(forecast.variance - 800) < 1e-4)
        #expect(forecast.quantile(0.5) == 800)
    }

    @Test func negativeBinomialProbabilitiesMatchKnownValues() throws {
        // NB with mean 2 and size 3 is scipy's nbinom(n = 3, p = 3/5).
        let forecast = try CountForecast(negativeBinomialMean: 2, size: 3)
        for (k, expected) in [(0, 0.216), (1, 0.2592), (2, 0.20736), (5, 0.04644864)] {
            #expect(abs(forecast.probability(of: k) - expected) < 1e-14, "k = \(k)")
        }
        #expect(abs(forecast.mean - 2) < 1e-12)
        #expect(abs(forecast.variance - (2 + 4.0 / 3)) < 1e-10)
        #expect(throws: ForecastError.self) { try CountForecast(negativeBinomialMean: 2, size: 0) }
    }

    @Test func aNegativeBinomialWithAHugeSizeIsPoisson() throws {
        let nb = try CountForecast(negativeBinomialMean: 3, size: 1e9)
        let poisson = try CountForecast(poissonMean: 3)
        for k in 0...15 { #expect(abs(nb.probability(of: k) - poisson.probability(of: k)) < 1e-8) }
    }

    @Test func aVeryDispersedNegativeBinomialIsCutWhereItsTailIsNegligible() throws {
        let forecast = try CountForecast(negativeBinomialMean: 5, size: 0.05)
        #expect(abs(forecast.mean - 5) < 1e-9)
        #expect(forecast.maximum < 1 << 20)
    }

    @Test func quantileIsTheSmallestCountWhoseCDFReachesP() throws {
        let forecast = try CountForecast(samples: Array(0...9))
        #expect(forecast.quantile(0.1) == 0)
        #expect(forecast.quantile((1 - 0.8) / 2) == 0)  // 0.09999999999999998 against F(0) = 0.1
        #expect(forecast.quantile(0.1000001) == 1)
        #expect(forecast.quantile(0.5) == 4)
        #expect(forecast.quantile(0.95) == 9)
        #expect(forecast.quantile(0) == 0)
        #expect(forecast.quantile(1.5) == 9)
    }

    @Test func centralIntervalsOfAPoissonAreItsQuantiles() throws {
        // scipy.stats.poisson(4).ppf of 0.25/0.75, 0.1/0.9 and 0.025/0.975.
        let forecast = try CountForecast(poissonMean: 4)
        #expect(forecast.centralInterval(level: 0.5) == 3...5)
        #expect(forecast.centralInterval(level: 0.8) == 2...7)
        #expect(forecast.centralInterval(level: 0.95) == 1...8)
        #expect(forecast.covers(7, level: 0.8) && forecast.covers(2, level: 0.8))
        #expect(!forecast.covers(8, level: 0.8))
    }

    @Test func crpsOfSamplesIsTheEmpiricalSampleCRPS() async {
        await propertyCheck(input: Gen.int(in: 0...30).array(of: 1...40), Gen.double(in: -5...40)) { samples, y in
            let forecast = try CountForecast(samples: samples)
            let expected = ProperScore.crps(samples: samples.map(Double.init), observation: y)
            #expect(abs(forecast.crps(observation: y) - expected) < 1e-9)
            let whole = Int(y.rounded())
            #expect(abs(forecast.crps(observation: whole) - ProperScore.crps(samples: samples.map(Double.init), observation: Double(whole))) < 1e-9)
        }
    }

    @Test func crpsOfAPoissonForecastIsTheExactPoissonCRPS() throws {
        for lambda in [0.3, 1.0, 2.5, 12.0, 60.0] {
            let forecast = try CountForecast(poissonMean: lambda)
            for y in [0.0, 1, 3, 2.5, lambda.rounded(), 3 * lambda + 4] {
                let exact = ProperScore.crps(poissonMean: lambda, observation: y)
                #expect(abs(forecast.crps(observation: y) - exact) < 1e-10, "λ \(lambda), y \(y)")
            }
        }
        #expect(abs(try CountForecast(poissonMean: 1).crps(observation: 0) - 0.47622238819739127) < 1e-12)
    }

    @Test func crpsOfAPointMassIsTheAbsoluteError() {
        let forecast = CountForecast(pointMass: 4)
        #expect(forecast.crps(observation: 4) == 0)
        #expect(forecast.crps(observation: 9) == 5)
        #expect(forecast.crps(observation: 0) == 4)
        #expect(forecast.crps(observation: -1.5) == 5.5)
    }

    @Test func crpsOfTwoEqualOutcomesByHand() throws {
        // F(0) = F(1) = ½, F(2) = 1; y = 1: (½ − 0)² + (½ − 1)² = ½.
        #expect(try CountForecast(samples: [0, 2]).crps(observation: 1) == 0.5)
    }

    @Test func cumulativeProbabilitiesAreAProperCDF() async {
        await propertyCheck(input: Gen.int(in: 0...50).array(of: 1...60)) { samples in
            let forecast = try CountForecast(samples: samples)
            #expect(zip(forecast.cumulative, forecast.cumulative.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(forecast.cumulative.last == 1)
            #expect(abs(forecast.probabilities.reduce(0, +) - 1) < 1e-12)
            #expect(forecast.maximum == samples.max())
        }
    }

    @Test func pitCDFOfOneForecastByHand() throws {
        // F(−1) = 0, F(0) = ½: the PIT CDF at u is 2u up to ½, then 1.
        let forecast = try CountForecast(samples: [0, 1])
        #expect(forecast.pitCDF(0.25, observation: 0) == 0.5)
        #expect(forecast.pitCDF(0.75, observation: 0) == 1)
        #expect(forecast.pitCDF(0.25, observation: 1) == 0)
        #expect(forecast.pitCDF(0.75, observation: 1) == 0.5)
        let histogram = PITHistogram(forecasts: [forecast], observations: [0])
        let expected = Array(repeating: 0.2, count: 5) + Array(repeating: 0.0, count: 5)
        #expect(zip(histogram.bins, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func pitHistogramOfCalibratedForecastsIsFlat() throws {
        var generator = Xoshiro256StarStar(seed: 3, run: 0)
        var forecasts: [CountForecast] = [], observations: [Int] = []
        for _ in 0..<4000 {
            let lambda = 0.2 + 8 * generator.nextUniform()
            forecasts.append(try CountForecast(poissonMean: lambda))
            observations.append(Int(generator.nextPoisson(mean: lambda)))
        }
        let histogram = PITHistogram(forecasts: forecasts, observations: observations)
        #expect(histogram.forecasts == 4000)
        #expect(abs(histogram.bins.reduce(0, +) - 1) < 1e-12)
        for bin in histogram.bins { #expect(abs(bin - 0.1) < 0.02, "\(histogram.bins)") }
    }

    @Test func pitHistogramOfTooNarrowForecastsIsUShaped() throws {
        // Poisson(5) forecasts of negative binomial (mean 5, size 1) observations.
        var generator = Xoshiro256StarStar(seed: 4, run: 0)
        let forecast = try CountForecast(poissonMean: 5)
        let observations = (0..<3000).map { _ in Int(generator.nextPoisson(mean: generator.nextGamma(shape: 1, scale: 5))) }
        let bins = PITHistogram(forecasts: Array(repeating: forecast, count: observations.count), observations: observations).bins
        #expect(bins[0] > 0.2 && bins[9] > 0.2)
        #expect(bins[3...6].allSatisfy { $0 < 0.08 }, "\(bins)")
    }

    /// An observation the forecast gave no probability to — above its support, as 19 missiles
    /// against persistence's point mass at 0 — has PIT F(y) = 1: all its mass in the top bin.
    @Test func anObservationBeyondTheSupportPutsItsMassInTheTopBin() throws {
        let forecast = CountForecast(pointMass: 0)
        #expect(forecast.pitCDF(1, observation: 19) == 1)
        #expect(forecast.pitCDF(0.5, observation: 19) == 0)
        let bins = PITHistogram(forecasts: [forecast, try CountForecast(samples: [0, 1, 2])], observations: [19, 7]).bins
        #expect(abs(bins.reduce(0, +) - 1) < 1e-12)
        #expect(bins[9] == 1)
    }

    @Test func pitHistogramOfNothingIsEmpty() {
        #expect(PITHistogram(forecasts: [], observations: []).bins.isEmpty)
    }

    @Test func codableRoundTripKeepsTheForecast() throws {
        let forecast = try CountForecast(negativeBinomialMean: 3, size: 2)
        let data = try JSONEncoder().encode(forecast)
        #expect(try JSONDecoder().decode(CountForecast.self, from: data) == forecast)
        let samples = try CountForecast(samples: [0, 3, 3, 7, 1, 1, 1])
        #expect(try JSONDecoder().decode(CountForecast.self, from: JSONEncoder().encode(samples)) == samples)
        for bad in [#"{"probabilities":[0.5,-0.5],"cumulative":[0.5,0]}"#, #"{"probabilities":[0.5,0.5],"cumulative":[0.5,0.9]}"#,
                    #"{"probabilities":[0.5,0.5],"cumulative":[1]}"#, #"{"probabilities":[0.2,0.8],"cumulative":[0.5,1]}"#] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONDecoder().decode(CountForecast.self, from: Data(bad.utf8)) }
        }
    }
}
