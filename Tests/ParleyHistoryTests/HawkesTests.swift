import Foundation
import PropertyBased
import Testing
import ParleyNumerics
@testable import ParleyHistory

/// The self-exciting point process: likelihood, fit, standard errors and simulation.
struct HawkesTests {
    /// The log-likelihood straight from its definition, O(n²).
    static func directLogLikelihood(_ events: [Double], start: Double, end: Double, _ p: HawkesParameters) -> Double {
        let process = HawkesProcess(p)
        let logIntensities = events.reduce(0.0) { $0 + log(process.intensity(at: $1, history: events)) }
        let compensator = p.baseline * (end - start)
            + events.reduce(0.0) { $0 + p.branchingRatio * (1 - exp(-p.decay * (end - $1))) }
        return logIntensities - compensator
    }

    @Test func logLikelihoodOfATinyEventListMatchesTheHandComputation() {
        // λ(1) = 0.5, λ(2) = 0.5 + 0.4e⁻¹, λ(4) = 0.5 + 0.4(e⁻³ + e⁻²); compensator
        // 0.5·5 + 0.4[(1 − e⁻⁴) + (1 − e⁻³) + (1 − e⁻¹)]: ℓ = −5.208969372076616 (Python).
        let p = HawkesParameters(baseline: 0.5, branchingRatio: 0.4, decay: 1)
        #expect(abs(HawkesProcess.logLikelihood(events: [1, 2, 4], start: 0, end: 5, parameters: p) - -5.208969372076616) < 1e-14)
        let q = HawkesParameters(baseline: 0.3, branchingRatio: 0.6, decay: 2)
        #expect(abs(HawkesProcess.logLikelihood(events: [1, 2, 4], start: 0, end: 5, parameters: q) - -6.3164769006615336) < 1e-14)
    }

    @Test func ozakiRecursionEqualsTheDirectSum() async {
        await propertyCheck(
            input: Gen.double(in: 0...100).array(of: 1...40), Gen.double(in: 0.01...2), Gen.double(in: 0...0.95), Gen.double(in: 0.01...5)
        ) { times, mu, alpha, beta in
            let events = times.sorted()
            let p = HawkesParameters(baseline: mu, branchingRatio: alpha, decay: beta)
            let fast = HawkesProcess.logLikelihood(events: events, start: 0, end: 100, parameters: p)
            let direct = HawkesTests.directLogLikelihood(events, start: 0, end: 100, p)
            #expect(abs(fast - direct) < 1e-9 * max(1, abs(direct)))
        }
    }

    @Test func anEventRaisesTheIntensityByAlphaBetaThenItDecays() {
        let process = HawkesProcess(HawkesParameters(baseline: 0.1, branchingRatio: 0.5, decay: 2))
        #expect(process.intensity(at: 3, history: [3]) == 0.1)  // only events strictly before t count
        #expect(abs(process.intensity(at: 3.5, history: [3]) - (0.1 + exp(-1))) < 1e-15)
        #expect(abs(process.excitation(at: 3, history: [3, 7]) - 1) < 1e-15)
    }

    @Test func invalidParametersHaveMinusInfiniteLikelihood() {
        let bad = HawkesParameters(baseline: 0.1, branchingRatio: -0.1, decay: 1)
        #expect(HawkesProcess.logLikelihood(events: [1], start: 0, end: 2, parameters: bad) == -.infinity)
    }

    @Test func fitRecoversTheParametersOfASimulatedProcessWithinTwoStandardErrors() throws {
        let truth = HawkesParameters(baseline: 0.05, branchingRatio: 0.5, decay: 0.1)
        var generator = Xoshiro256StarStar(seed: 2024, run: 0, stream: 0)
        let events = HawkesProcess(truth).simulate(from: 0, to: 20_000, excitation: 0, using: &generator)
        let fit = try HawkesFit(events: events, start: 0, end: 20_000)
        let errors = try #require(fit.standardErrors)
        #expect(fit.events == events.count)
        for (estimate, error, value, name) in [
            (fit.parameters.baseline, errors.baseline, truth.baseline, "μ"),
            (fit.parameters.branchingRatio, errors.branchingRatio, truth.branchingRatio, "α"),
            (fit.parameters.decay, errors.decay, truth.decay, "β"),
        ] {
            #expect(abs(estimate - value) <= 2 * error, "\(name): \(estimate) ± \(error), truth \(value)")
            #expect(error < 0.25 * value, "\(name): standard error \(error) is too wide to test anything")
        }
        #expect(fit.logLikelihood >= HawkesProcess.logLikelihood(events: events, start: 0, end: 20_000, parameters: truth))
    }

    @Test func fitKeepsTheBranchingRatioBelowOne() throws {
        // A burst at the window's end: without the constraint the likelihood would prefer α > 1.
        let events = [0.5] + (0..<60).map { 99 + Double($0) / 60 }
        let fit = try HawkesFit(events: events, start: 0, end: 100)
        #expect(fit.parameters.branchingRatio < 1)
        #expect(fit.parameters.stationaryRate.isFinite)
    }

    @Test func fewerThanThreeEventsGiveAPoissonProcess() throws {
        let fit = try HawkesFit(events: [10, 30], start: 0, end: 100)
        #expect(fit.parameters.baseline == 0.02)
        #expect(fit.parameters.branchingRatio == 0)
        #expect(fit.standardErrors == nil)
    }

    @Test func eventsOutsideTheWindowAreRefused() {
        #expect(throws: ForecastError.self) { try HawkesFit(events: [1, 200], start: 0, end: 100) }
        #expect(throws: ForecastError.self) { try HawkesFit(events: [], start: 5, end: 5) }
    }

    @Test func simulatedRateIsTheStationaryRate() {
        let p = HawkesParameters(baseline: 0.1, branchingRatio: 0.6, decay: 0.5)
        var generator = Xoshiro256StarStar(seed: 9, run: 0, stream: 0)
        let count = HawkesProcess(p).simulate(from: 0, to: 200_000, excitation: 0, using: &generator).count
        #expect(abs(Double(count) / 200_000 - p.stationaryRate) < 0.04 * p.stationaryRate, "\(count)")
    }

    @Test func carriedExcitationTriggersItsExpectedNumberOfEvents() {
        // Without background, an excitation E at the start produces E/β direct events on
        // average, and each of those a cluster of 1/(1 − α): 2/0.2/0.5 = 20 events per path.
        let process = HawkesProcess(HawkesParameters(baseline: 0, branchingRatio: 0.5, decay: 0.2))
        var total = 0
        for path in 0..<4000 {
            var generator = Xoshiro256StarStar(seed: 5, run: UInt64(path), stream: 0)
            total += process.simulate(from: 0, to: 1000, excitation: 2, using: &generator).count
        }
        #expect(abs(Double(total) / 4000 - 20) < 0.5, "\(Double(total) / 4000)")
    }

    @Test func simulationDependsOnlyOnTheSeed() {
        let process = HawkesProcess(HawkesParameters(baseline: 0.05, branchingRatio: 0.7, decay: 0.3))
        var a = Xoshiro256StarStar(seed: 1, run: 3, stream: 2), b = Xoshiro256StarStar(seed: 1, run: 3, stream: 2)
        var c = Xoshiro256StarStar(seed: 1, run: 4, stream: 2)
        let first = process.simulate(from: 0, to: 500, excitation: 0.4, using: &a)
        #expect(first == process.simulate(from: 0, to: 500, excitation: 0.4, using: &b))
        #expect(first != process.simulate(from: 0, to: 500, excitation: 0.4, using: &c))
        #expect(first.allSatisfy { $0 > 0 && $0 <= 500 } && first == first.sorted())
    }
}
