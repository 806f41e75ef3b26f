import PropertyBased
import Testing
import ParleyNumerics
@testable import ParleyHistory

/// CRPS of a sample, O(n²) straight from the definition (Gneiting & Raftery 2007, eq. 21).
private func directCRPS(_ samples: [Double], _ y: Double, fair: Bool = false) -> Double {
    let n = Double(samples.count)
    let error = samples.reduce(0) { $0 + abs($1 - y) } / n
    var spread = 0.0
    for a in samples { for b in samples { spread += abs(a - b) } }
    return error - spread / (fair ? 2 * n * (n - 1) : 2 * n * n)
}

struct ScoringTests {
    @Test func sampleCRPSMatchesHandComputedValues() {
        #expect(abs(ProperScore.crps(samples: [1, 2, 3], observation: 2) - 2.0 / 9) < 1e-15)
        #expect(abs(ProperScore.crps(samples: [0, 10], observation: 3) - 2.5) < 1e-15)
        #expect(abs(ProperScore.crps(samples: [1, 2, 3], observation: 2, estimator: .fair)) < 1e-15)
        #expect(abs(ProperScore.crps(samples: [0, 10], observation: 3, estimator: .fair)) < 1e-15)
    }

    @Test func sortedEstimatorEqualsTheDefinition() async {
        await propertyCheck(input: Gen.double(in: -50...50).array(of: 2...60), Gen.double(in: -60...60)) { samples, y in
            #expect(abs(ProperScore.crps(samples: samples, observation: y) - directCRPS(samples, y)) < 1e-9)
            #expect(abs(ProperScore.crps(samples: samples, observation: y, estimator: .fair) - directCRPS(samples, y, fair: true)) < 1e-9)
        }
    }

    @Test func crpsOfAPointMassIsTheAbsoluteError() async {
        await propertyCheck(input: Gen.double(in: -1e3...1e3), Gen.double(in: -1e3...1e3), Gen.int(in: 1...20)) { x, y, n in
            let samples = Array(repeating: x, count: n)
            #expect(abs(ProperScore.crps(samples: samples, observation: y) - abs(x - y)) < 1e-9)
            #expect(ProperScore.crps(point: x, observation: y) == abs(x - y))
        }
    }

    @Test func crpsIsNeverNegative() async {
        await propertyCheck(input: Gen.double(in: -100...100).array(of: 1...50), Gen.double(in: -120...120)) { samples, y in
            #expect(ProperScore.crps(samples: samples, observation: y) >= -1e-12)
        }
    }

    @Test func crpsIsZeroOnlyForAPerfectPointForecast() async {
        // Whole numbers, so that "imperfect" means at least 1 away and rounding cannot blur it.
        await propertyCheck(input: Gen.int(in: -20...20).array(of: 1...30), Gen.int(in: -20...20)) { whole, observation in
            let samples = whole.map(Double.init), y = Double(observation)
            let perfect = samples.allSatisfy { $0 == y }
            #expect((ProperScore.crps(samples: samples, observation: y) <= 1e-12) == perfect)
            #expect(ProperScore.crps(samples: Array(repeating: y, count: samples.count), observation: y) == 0)
        }
    }

    @Test func crpsIsTranslationInvariant() async {
        await propertyCheck(input: Gen.double(in: -100...100).array(of: 1...40), Gen.double(in: -100...100), Gen.double(in: -1e3...1e3)) { samples, y, shift in
            let moved = ProperScore.crps(samples: samples.map { $0 + shift }, observation: y + shift)
            #expect(abs(moved - ProperScore.crps(samples: samples, observation: y)) < 1e-9)
        }
    }

    @Test func sampleCRPSApproachesTheNormalClosedForm() {
        var generator = Xoshiro256StarStar(seed: 11, run: 0)
        let samples = (0..<200_000).map { _ in generator.nextNormal(mean: 3, standardDeviation: 2) }
        for y in [-1.0, 3, 4.5, 9] {
            let exact = ProperScore.crps(normalMean: 3, standardDeviation: 2, observation: y)
            #expect(abs(ProperScore.crps(samples: samples, observation: y) - exact) < 0.01 * max(1, exact))
        }
        #expect(abs(ProperScore.crps(normalMean: 0, standardDeviation: 1, observation: 0) - 0.233695) < 1e-6)
    }

    @Test func poissonCRPSMatchesHandSums() {
        // Σₖ (1 − F(k))² for λ = 1, y = 0; and Σ_{k<3} F(k)² + Σ_{k≥3} (1 − F(k))² for λ = 2.5, y = 3.
        #expect(abs(ProperScore.crps(poissonMean: 1, observation: 0) - 0.47622238819739127) < 1e-12)
        #expect(abs(ProperScore.crps(poissonMean: 2.5, observation: 3) - 0.45760852049707135) < 1e-12)
        #expect(ProperScore.crps(poissonMean: 0, observation: 3) == 3)
        #expect(abs(ProperScore.crps(poissonMean: 0, observation: -1.5) - 1.5) < 1e-12)
    }

    @Test func poissonCRPSAgreesWithALargeSample() {
        var generator = Xoshiro256StarStar(seed: 5, run: 0)
        for lambda in [0.7, 4.0, 25.0] {
            let samples = (0..<100_000).map { _ in generator.nextPoisson(mean: lambda) }
            for y in [0.0, lambda.rounded(), 3 * lambda + 2] {
                let exact = ProperScore.crps(poissonMean: lambda, observation: y)
                #expect(abs(ProperScore.crps(samples: samples, observation: y) - exact) < 0.01 * max(1, exact), "λ \(lambda) y \(y)")
            }
        }
    }

    @Test func poissonCRPSAtANonIntegerObservationLiesBetweenItsNeighbours() {
        let at = ProperScore.crps(poissonMean: 3, observation: 2.5)
        let low = ProperScore.crps(poissonMean: 3, observation: 2), high = ProperScore.crps(poissonMean: 3, observation: 3)
        #expect(at >= min(low, high) - 0.3 && at <= max(low, high) + 0.3)
        #expect(at.isFinite && at > 0)
    }

    @Test func brierScoreIsTheSquaredError() {
        #expect(abs(ProperScore.brier(probability: 0.2, outcome: true) - 0.64) < 1e-15)
        #expect(abs(ProperScore.brier(probability: 0.2, outcome: false) - 0.04) < 1e-15)
        #expect(ProperScore.brier(probability: 1, outcome: true) == 0)
    }

    @Test func quantilesFollowHyndmanFanSeven() {
        #expect(ProperScore.quantile([4, 1, 3, 2], 0.25) == 1.75)
        #expect(ProperScore.quantile([4, 1, 3, 2], 1) == 4)
        #expect(ProperScore.quantile([7], 0.3) == 7)
        #expect(ProperScore.quantile([], 0.5).isNaN)
    }

    @Test func centralIntervalsUseTheTwoTailQuantiles() {
        #expect(ProperScore.centralInterval(samples: [1, 2, 3, 4, 5], level: 0.5) == 2...4)
        let eighty = ProperScore.centralInterval(samples: Array(0...10).map(Double.init), level: 0.8)
        #expect(abs((eighty?.lowerBound ?? 0) - 1) < 1e-12 && abs((eighty?.upperBound ?? 0) - 9) < 1e-12)
        #expect(ProperScore.covers(samples: [1, 2, 3, 4, 5], observation: 4, level: 0.5))
        #expect(!ProperScore.covers(samples: [1, 2, 3, 4, 5], observation: 4.5, level: 0.5))
    }

    @Test func coverageOfCalibratedForecastsIsNearItsLevel() {
        var generator = Xoshiro256StarStar(seed: 8, run: 0)
        var forecasts: [[Double]] = [], observations: [Double] = []
        for _ in 0..<2000 {
            forecasts.append((0..<200).map { _ in generator.nextNormal() })
            observations.append(generator.nextNormal())
        }
        #expect(abs(ProperScore.coverage(forecasts: forecasts, observations: observations, level: 0.5) - 0.5) < 0.04)
        #expect(abs(ProperScore.coverage(forecasts: forecasts, observations: observations, level: 0.8) - 0.8) < 0.03)
    }

    @Test func skillScoreIsOneMinusTheRatio() {
        #expect(ProperScore.skill(score: 0.5, reference: 1) == 0.5)
        #expect(ProperScore.skill(score: 2, reference: 1) == -1)
        #expect(ProperScore.skill(score: 1, reference: 0).isNaN)
    }

    @Test func climatologyUsesTheTrainingMean() {
        let climatology = PoissonClimatology(trainingCounts: [0, 2, 4])
        #expect(climatology.rate == 2)
        #expect(climatology.crps(observation: 3) == ProperScore.crps(poissonMean: 2, observation: 3))
        #expect(climatology.crps(observation: 1, exposure: 0.5) == ProperScore.crps(poissonMean: 1, observation: 1))
        let nuclear = BinaryClimatology(trainingOutcomes: [true, false, false, false])
        #expect(nuclear.probability == 0.25)
        #expect(nuclear.brier(outcome: true) == 0.5625)
    }

    @Test func persistenceRepeatsTheLastYear() {
        let persistence = PersistenceBaseline(lastValue: 7, lastOutcome: false)
        #expect(persistence.crps(observation: 4) == 3)
        #expect(persistence.brier(outcome: true) == 1)
        #expect(persistence.brier(outcome: false) == 0)
    }

    @Test func climatologyOfTheShippedTrainingPeriod() throws {
        let record = try #require(Shipped.record)
        let series = ObservedSeries(record: record)
        let training = series.years(in: 1990...2012)
        let climatology = PoissonClimatology(trainingCounts: training.map { Double($0.missiles) })
        #expect(abs(climatology.rate - 26.0 / 23) < 1e-12)
        let nuclear = BinaryClimatology(trainingOutcomes: training.map(\.hasNuclearTest))
        #expect(abs(nuclear.probability - 2.0 / 23) < 1e-12)
    }
}
