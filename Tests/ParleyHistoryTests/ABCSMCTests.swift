import Foundation
import Testing
import ParleyNumerics
@testable import ParleyHistory

/// Toy problems with known posteriors, and the sampler's bookkeeping laws.
struct ABCSMCTests {
    /// The mean of 20 N(μ, 1) observations is 0.8; prior μ ~ N(0, 10²) truncated to ±50.
    /// The sample mean is sufficient, so the exact posterior is normal with precision
    /// 20 + 1/100 and mean 20·0.8/(20 + 1/100).
    static func normalMean(_ configuration: ABCSMCConfiguration) throws -> ABCSMCResult {
        let prior = ABCPrior([("mu", .truncatedNormal(mean: 0, standardDeviation: 10, lower: -50, upper: 50))])
        return try ABCSMC(prior: prior, configuration: configuration).run { batch in
            zip(batch.particles, batch.seeds).map { particle, seed in
                var generator = Xoshiro256StarStar(seed: seed)
                let simulatedMean = particle[0] + generator.nextNormal() / 20.0.squareRoot()
                return abs(simulatedMean - 0.8)
            }
        }
    }

    static let normalConfiguration = ABCSMCConfiguration(
        populationSize: 1000, maximumGenerations: 12, minimumAcceptanceRate: 0.005, kernel: .componentwiseGaussian, seed: 42)

    @Test func recoversTheNormalMeanPosterior() throws {
        let result = try ABCSMCTests.normalMean(ABCSMCTests.normalConfiguration)
        let precision = 20 + 0.01
        let summary = try #require(result.summaries.first)
        #expect(abs(summary.mean - 20 * 0.8 / precision) < 0.03, "\(summary)")
        #expect(abs(summary.standardDeviation - 1 / precision.squareRoot()) < 0.1 / precision.squareRoot(), "\(summary)")
        #expect(abs(summary.median - 0.8) < 0.04)
        #expect(summary.q025 < summary.q10 && summary.q10 < summary.median && summary.median < summary.q90 && summary.q90 < summary.q975)
        #expect(abs((summary.q975 - summary.q025) - 2 * 1.96 / precision.squareRoot()) < 0.12)
        #expect(result.generations.count == 12)
        #expect(result.stopReason == .maximumGenerations)
    }

    /// Two parameters with a correlated posterior: ū ~ N(a + b, 1/25) observed 1, v̄ ~ N(a − b, 4/25)
    /// observed 0.2, flat priors on [−10, 10]. Exact posterior: a, b normal with means 0.6 and 0.4,
    /// variances 0.05 and covariance −0.03 (correlation −0.6).
    @Test func recoversACorrelatedTwoParameterPosterior() throws {
        let prior = ABCPrior([("a", .uniform(lower: -10, upper: 10)), ("b", .uniform(lower: -10, upper: 10))])
        let distance = ScaledDistance(scales: [0.2, 0.4])
        let configuration = ABCSMCConfiguration(
            populationSize: 1000, maximumGenerations: 14, minimumAcceptanceRate: 0.005, kernel: .multivariateNormal, seed: 9)
        let result = try ABCSMC(prior: prior, configuration: configuration).run { batch in
            zip(batch.particles, batch.seeds).map { particle, seed in
                var generator = Xoshiro256StarStar(seed: seed)
                let u = particle[0] + particle[1] + generator.nextNormal() / 5
                let v = particle[0] - particle[1] + generator.nextNormal() * 2 / 5
                return distance([u, v], [1, 0.2])
            }
        }
        let sd = 0.05.squareRoot()
        #expect(abs(result.weightedMean(parameter: 0) - 0.6) < 0.04)
        #expect(abs(result.weightedMean(parameter: 1) - 0.4) < 0.04)
        #expect(abs(result.weightedCovariance(0, 0).squareRoot() - sd) < 0.15 * sd)
        #expect(abs(result.weightedCovariance(1, 1).squareRoot() - sd) < 0.15 * sd)
        let correlation = result.weightedCovariance(0, 1) / (result.weightedCovariance(0, 0) * result.weightedCovariance(1, 1)).squareRoot()
        #expect(abs(correlation - -0.6) < 0.15, "\(correlation)")
        #expect(result.summaries.map(\.name) == ["a", "b"])
    }

    @Test func weightsSumToOne() throws {
        let result = try ABCSMCTests.normalMean(ABCSMCConfiguration(populationSize: 300, maximumGenerations: 5, seed: 1))
        #expect(abs(result.weights.reduce(0, +) - 1) < 1e-12)
        #expect(result.weights.allSatisfy { $0 > 0 })
        #expect(result.particles.count == 300 && result.distances.count == 300)
        #expect(result.effectiveSampleSize > 1 && result.effectiveSampleSize <= 300 + 1e-9)
    }

    @Test func sameSeedGivesTheSameResult() throws {
        let configuration = ABCSMCConfiguration(populationSize: 200, maximumGenerations: 5, seed: 77)
        #expect(try ABCSMCTests.normalMean(configuration) == ABCSMCTests.normalMean(configuration))
        var other = configuration
        other.seed = 78
        #expect(try ABCSMCTests.normalMean(configuration).particles != ABCSMCTests.normalMean(other).particles)
    }

    /// Each concurrent iteration writes only its own slot.
    private struct Slots: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
    }

    @Sendable private static func noisyDistance(_ particle: [Double], _ seed: UInt64) -> Double {
        var generator = Xoshiro256StarStar(seed: seed)
        return abs(particle[0] + generator.nextNormal() * 0.3 - 1)
    }

    @Test func parallelSimulationGivesTheSerialResult() throws {
        let prior = ABCPrior([("mu", .uniform(lower: -5, upper: 5))])
        let abc = ABCSMC(prior: prior, configuration: ABCSMCConfiguration(populationSize: 200, maximumGenerations: 5, seed: 21))
        let serial = try abc.run(simulateBatch: { batch in zip(batch.particles, batch.seeds).map(ABCSMCTests.noisyDistance) })
        let parallel = try abc.run(simulateBatch: { batch in
            let count = batch.particles.count
            let slots = Slots(base: .allocate(capacity: count))
            defer { slots.base.deallocate() }
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.base[index] = ABCSMCTests.noisyDistance(batch.particles[index], batch.seeds[index])
            }
            return Array(UnsafeBufferPointer(start: slots.base, count: count))
        })
        #expect(serial == parallel)
    }

    @Test func batchSizeDoesNotChangeTheResult() throws {
        var small = ABCSMCConfiguration(populationSize: 200, maximumGenerations: 5, seed: 5)
        small.batchSize = 37
        var large = small
        large.batchSize = 1000
        #expect(try ABCSMCTests.normalMean(small).particles == ABCSMCTests.normalMean(large).particles)
    }

    @Test func toleranceNeverIncreases() throws {
        let result = try ABCSMCTests.normalMean(ABCSMCConfiguration(populationSize: 300, maximumGenerations: 8, seed: 3))
        let tolerances = result.generations.map(\.tolerance)
        #expect(tolerances.first == .infinity)
        #expect(zip(tolerances, tolerances.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(result.distances.allSatisfy { $0 <= result.tolerance })
    }

    @Test func stopsWhenTheTargetToleranceIsReached() throws {
        var configuration = ABCSMCConfiguration(populationSize: 200, maximumGenerations: 30, seed: 4)
        configuration.targetTolerance = 0.5
        let result = try ABCSMCTests.normalMean(configuration)
        #expect(result.stopReason == .targetToleranceReached)
        #expect(result.tolerance <= 0.5)
        #expect(result.generations.count < 30)
    }

    @Test func exhaustedBudgetKeepsThePreviousGeneration() throws {
        let prior = ABCPrior([("x", .uniform(lower: 0, upper: 1))])
        let configuration = ABCSMCConfiguration(populationSize: 50, maximumGenerations: 4, minimumAcceptanceRate: 0.1, seed: 2)
        let result = try ABCSMC(prior: prior, configuration: configuration).run { particles, generation in
            particles.map { generation == 0 ? $0[0] : .infinity }
        }
        #expect(result.stopReason == .simulationBudgetExhausted)
        #expect(result.generations.map(\.completed) == [true, false])
        #expect(result.generations[1].simulations == 500)
        #expect(result.tolerance == .infinity)
        #expect(result.particles.count == 50)
    }

    @Test func simulatorReturningTheWrongCountIsAnError() {
        let prior = ABCPrior([("x", .uniform(lower: 0, upper: 1))])
        let abc = ABCSMC(prior: prior, configuration: ABCSMCConfiguration(populationSize: 10, seed: 1))
        #expect(throws: ABCSMCError.self) { try abc.run { particles, _ in Array(repeating: 0, count: particles.count - 1) } }
    }

    @Test func improperPriorIsAnError() {
        let prior = ABCPrior([("x", .logUniform(lower: 0, upper: 1))])
        let abc = ABCSMC(prior: prior, configuration: ABCSMCConfiguration(populationSize: 10, seed: 1))
        #expect(throws: ABCSMCError.self) { try abc.run { particles, _ in particles.map { _ in 0 } } }
    }

    @Test func bestParticleHasTheSmallestDistance() throws {
        let result = try ABCSMCTests.normalMean(ABCSMCConfiguration(populationSize: 200, maximumGenerations: 4, seed: 8))
        let smallest = try #require(result.distances.min())
        #expect(result.distances[result.bestIndex] == smallest)
        #expect(result.summaries[0].best == result.bestParticle[0])
    }

    @Test func weightedQuantileInvertsTheWeightedCDF() {
        let result = ABCSMCResult(
            names: ["x"], particles: [[3], [1], [2]], weights: [0.5, 0.2, 0.3], distances: [0, 0, 0], generations: [],
            stopReason: .maximumGenerations)
        #expect(result.weightedQuantile(parameter: 0, 0.1) == 1)
        #expect(result.weightedQuantile(parameter: 0, 0.2) == 1)
        #expect(result.weightedQuantile(parameter: 0, 0.5) == 2)
        #expect(result.weightedQuantile(parameter: 0, 0.51) == 3)
        #expect(abs(result.weightedMean(parameter: 0) - 2.3) < 1e-12)
    }

    @Test func priorDrawsStayInTheSupportAndMatchTheirDensity() {
        var generator = Xoshiro256StarStar(seed: 12, run: 0)
        let priors: [PriorDistribution] = [
            .uniform(lower: -2, upper: 3), .logUniform(lower: 0.01, upper: 10),
            .truncatedNormal(mean: 1, standardDeviation: 2, lower: 0, upper: 2),
        ]
        for prior in priors {
            let draws = (0..<40_000).map { _ in prior.sample(using: &generator) }
            #expect(draws.allSatisfy { prior.support.contains($0) })
            // The density integrates to 1 (midpoint rule on a fine grid) …
            let range = prior.support, steps = 20_000
            let width = (range.upperBound - range.lowerBound) / Double(steps)
            let mass = (0..<steps).reduce(0.0) { total, i in
                total + exp(prior.logDensity(range.lowerBound + (Double(i) + 0.5) * width)) * width
            }
            #expect(abs(mass - 1) < 1e-3, "\(prior)")
            // … and the draws' mean matches the density's.
            let mean = (0..<steps).reduce(0.0) { total, i in
                let x = range.lowerBound + (Double(i) + 0.5) * width
                return total + x * exp(prior.logDensity(x)) * width
            }
            #expect(abs(draws.reduce(0, +) / Double(draws.count) - mean) < 0.03 * max(1, abs(mean)), "\(prior)")
            #expect(prior.logDensity(range.upperBound + 1) == -.infinity)
        }
    }
}
