import Foundation
import Testing
@testable import ParleyHistory

/// Maximum-likelihood negative binomial fits, and their Poisson fallback.
struct NegativeBinomialFitTests {
    /// Bliss & Fisher (1953): European red mites on 150 apple leaves, counts 0…7.
    static let mites: [Int] = zip(0..., [70, 38, 17, 10, 9, 3, 2, 1]).flatMap { Array(repeating: $0, count: $1) }

    @Test func fitOfBlissAndFishersMitesGivesTheirPublishedSize() throws {
        let fit = try NegativeBinomialFit(counts: NegativeBinomialFitTests.mites)
        #expect(abs(fit.mean - 172.0 / 150) < 1e-14)
        let size = try #require(fit.size)
        #expect(abs(size - 1.025) < 0.0005, "\(size)")
        // scipy: minimize_scalar of the same log-likelihood gives r = 1.0245923733793347, ℓ = −222.43715359843472.
        #expect(abs(size - 1.0245923733793347) < 1e-6)
        #expect(abs(fit.logLikelihood - -222.43715359843472) < 1e-9)
    }

    @Test func theFittedSizeMaximisesTheLikelihood() throws {
        let fit = try NegativeBinomialFit(counts: NegativeBinomialFitTests.mites)
        let size = try #require(fit.size)
        for factor in [0.98, 1.02] {
            #expect(NegativeBinomialFit.logLikelihood(counts: NegativeBinomialFitTests.mites, mean: fit.mean, size: size * factor) < fit.logLikelihood)
        }
    }

    @Test func countsThatAreNotOverDispersedFallBackToPoisson() throws {
        let counts = [2, 2, 3, 2, 3, 1]
        let fit = try NegativeBinomialFit(counts: counts)
        #expect(fit.size == nil)
        #expect(try fit.forecast() == CountForecast(poissonMean: 13.0 / 6))
        // The likelihood indeed rises towards the Poisson limit.
        let values = [0.5, 5, 50, 1e6].map { NegativeBinomialFit.logLikelihood(counts: counts, mean: fit.mean, size: $0) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        #expect(abs(values[3] - fit.logLikelihood) < 1e-4)
    }

    @Test func allZeroCountsGiveAPointMassAtZero() throws {
        let fit = try NegativeBinomialFit(counts: [0, 0, 0])
        #expect(fit.mean == 0 && fit.size == nil && fit.logLikelihood == 0)
        #expect(try fit.forecast() == CountForecast(pointMass: 0))
        #expect(fit.probabilityOfAny == 0)
    }

    @Test func probabilityOfAnyIsOneMinusTheZeroTerm() throws {
        let fit = try NegativeBinomialFit(counts: [0, 0, 0, 5, 0, 9, 1])
        let size = try #require(fit.size)
        let zero = pow(size / (size + fit.mean), size)
        #expect(abs(fit.probabilityOfAny - (1 - zero)) < 1e-12)
        #expect(abs(fit.probabilityOfAny - (try fit.forecast()).probabilityOfAny) < 1e-12)
    }

    @Test func emptyOrNegativeCountsAreRefused() {
        #expect(throws: ForecastError.self) { try NegativeBinomialFit(counts: []) }
        #expect(throws: ForecastError.self) { try NegativeBinomialFit(counts: [1, -2]) }
    }
}
