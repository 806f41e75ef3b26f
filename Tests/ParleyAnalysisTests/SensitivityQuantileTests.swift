import Foundation
import ParleyEngine
import ParleyLanguage
import Testing

/// Quantile functions that map unit-cube coordinates to parameter values.
@Suite struct DistributionQuantileTests {
    let probabilities = [1e-9, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9999, 1 - 1e-9]

    @Test func closedFormsMatchTheirTextbookValues() {
        #expect(Distribution.uniform(lower: 2, upper: 4).quantile(0.25) == 2.5)
        #expect(abs(Distribution.normal(mean: 1, standardDeviation: 2).quantile(0.975) - (1 + 2 * 1.959963984540054)) < 1e-12)
        #expect(abs(Distribution.logNormal(mu: 0, sigma: 1).quantile(0.5) - 1) < 1e-15)
        #expect(abs(Distribution.logUniform(lower: 1, upper: 100).quantile(0.5) - 10) < 1e-12)
        // Triangular(0, 1, 2) is symmetric: F(1) = ½, and F(x) = x²/2 below the mode.
        #expect(abs(Distribution.triangular(lower: 0, mode: 1, upper: 2).quantile(0.5) - 1) < 1e-15)
        #expect(abs(Distribution.triangular(lower: 0, mode: 1, upper: 2).quantile(0.125) - 0.5) < 1e-15)
    }

    @Test func gammaQuantilesMatchChiSquaredAndExponentialTables() {
        // χ²(ν) = gamma(ν/2, 2); critical values from Abramowitz & Stegun (1964), Table 26.8.
        #expect(abs(Distribution.gamma(shape: 0.5, scale: 2).quantile(0.95) - 3.841458820694124) < 1e-10)
        #expect(abs(Distribution.gamma(shape: 1, scale: 2).quantile(0.95) - 5.991464547107979) < 1e-10)
        #expect(abs(Distribution.gamma(shape: 5, scale: 2).quantile(0.99) - 23.209251158954356) < 1e-8)
        // Exponential: −scale·log(1 − p).
        #expect(abs(Distribution.gamma(shape: 1, scale: 3).quantile(0.3) - (-3 * log(0.7))) < 1e-12)
    }

    @Test func betaQuantilesMatchClosedForms() {
        // Beta(2, 1): F(x) = x²; Beta(1, 3): F(x) = 1 − (1 − x)³; arcsine Beta(½, ½): F(x) = (2/π) asin √x.
        #expect(abs(Distribution.beta(alpha: 2, beta: 1, lower: 0, upper: 1).quantile(0.49) - 0.7) < 1e-12)
        #expect(abs(Distribution.beta(alpha: 1, beta: 3, lower: 0, upper: 1).quantile(0.784) - 0.4) < 1e-12)
        let arcsine = pow(sin(Double.pi / 2 * 0.3), 2)
        #expect(abs(Distribution.beta(alpha: 0.5, beta: 0.5, lower: 0, upper: 1).quantile(0.3) - arcsine) < 1e-12)
        // Scaled to [10, 20].
        #expect(abs(Distribution.beta(alpha: 2, beta: 1, lower: 10, upper: 20).quantile(0.49) - 17) < 1e-11)
    }

    @Test func everyContinuousQuantileInvertsItsCDF() {
        let distributions: [Distribution] = [
            .uniform(lower: -1, upper: 3), .logUniform(lower: 0.25, upper: 1), .normal(mean: 5, standardDeviation: 1),
            .logNormal(mu: 0.5, sigma: 0.8), .triangular(lower: 0, mode: 0.2, upper: 1), .pert(lower: 5, mode: 7.5, upper: 10),
            .pert(lower: 0, mode: 0.05, upper: 1), .beta(alpha: 2, beta: 5, lower: 0, upper: 1),
            .beta(alpha: 0.4, beta: 0.7, lower: 0, upper: 1), .beta(alpha: 200, beta: 300, lower: 0, upper: 1),
            .gamma(shape: 0.3, scale: 2), .gamma(shape: 3, scale: 1), .gamma(shape: 250, scale: 0.1),
        ]
        for distribution in distributions {
            var previous = -Double.infinity
            for p in probabilities {
                let x = distribution.quantile(p)
                #expect(x.isFinite, "\(distribution) at \(p)")
                #expect(x >= previous, "\(distribution) is not monotone at \(p)")
                #expect(abs(distribution.cumulativeProbability(x) - p) <= 1e-10 * Swift.max(1, p / 1e-3),
                        "\(distribution): F(Q(\(p))) = \(distribution.cumulativeProbability(x))")
                previous = x
            }
        }
    }

    @Test func discreteQuantilesAreTheSmallestValueWithEnoughMass() {
        let coin = Distribution.bernoulli(probability: 0.3)
        #expect(coin.quantile(0) == 0)
        #expect(coin.quantile(0.7) == 0)
        #expect(coin.quantile(0.7000001) == 1)
        let choice = Distribution.choice([3, 1, 2, 2])  // sorted 1, 2, 2, 3: F = ¼, ¾, ¾, 1
        #expect([0, 0.25, 0.26, 0.75, 0.76, 1].map(choice.quantile) == [1, 1, 2, 2, 3, 3])
    }

    @Test func probabilitiesOutsideTheUnitIntervalGiveNaN() {
        #expect(Distribution.normal(mean: 0, standardDeviation: 1).quantile(-0.1).isNaN)
        #expect(Distribution.uniform(lower: 0, upper: 1).quantile(1.5).isNaN)
    }

    func parameters() throws -> Scenario {
        try ScenarioLoader().load(text: """
            parley: 1
            name: truncation
            clock: { steps: 1 }
            parameters:
              half_normal: { value: 1, dist: "normal(0, 1)", min: 0, source: assumption }
              capped_gamma: { value: 1, dist: "gamma(2, 1)", max: 3, source: assumption }
              picked: { value: 2, dist: "choice(1, 2, 3, 4)", min: 2, max: 3, source: assumption }
              fixed: { value: 7, source: assumption }
            metrics:
              x: "half_normal"
            """, file: "truncation.yaml")
    }

    @Test func parameterQuantilesRespectTheBoundsByTruncation() throws {
        let scenario = try parameters()
        let halfNormal = scenario.parameters[0], cappedGamma = scenario.parameters[1]
        let picked = scenario.parameters[2], fixed = scenario.parameters[3]
        // The half-normal's median is Φ⁻¹(¾).
        #expect(abs(halfNormal.quantile(0.5) - 0.6744897501960817) < 1e-12)
        #expect(halfNormal.quantile(0) == 0)
        // gamma(2, 1) below 3: the truncated median solves F(x) = F(3)/2.
        let gamma = Distribution.gamma(shape: 2, scale: 1)
        #expect(abs(gamma.cumulativeProbability(cappedGamma.quantile(0.5)) - gamma.cumulativeProbability(3) / 2) < 1e-12)
        #expect(abs(cappedGamma.quantile(1) - 3) < 1e-12)
        // choice(1, 2, 3, 4) within [2, 3] is 2 or 3, equally likely.
        #expect([0, 0.25, 0.5, 0.51, 1].map(picked.quantile) == [2, 2, 2, 3, 3])
        #expect(fixed.quantile(0.3) == 7)
    }
}
