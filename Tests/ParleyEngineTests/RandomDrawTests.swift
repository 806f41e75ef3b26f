import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyNumerics
import Testing

/// Draws in expressions and parameter distributions match their laws within statistical bounds.
@Suite struct RandomDrawTests {
    let runs = 4000

    func drawn(_ expression: String, parameters: String = "") async throws -> [Double] {
        let scenario = try compile(scenarioText(steps: 1, """
            \(parameters)
            state:
              x: { init: "\(expression)", source: assumption }
            metrics:
              x: "x"
            """))
        return try await ensemble(scenario, runs: runs, threads: 2, uncertainty: true).values("x")
    }

    /// The Kolmogorov–Smirnov p-value of `values` against `cdf`.
    func ksPValue(_ values: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = values.sorted()
        var statistic = 0.0
        for (index, value) in sorted.enumerated() {
            let f = cdf(value)
            statistic = max(statistic, abs(f - Double(index) / Double(sorted.count)), abs(Double(index + 1) / Double(sorted.count) - f))
        }
        return SpecialFunctions.kolmogorovSmirnovPValue(statistic: statistic, sampleSize: sorted.count)
    }

    @Test func uniformDrawsAreUniform() async throws {
        let values = try await drawn("uniform(2, 5)")
        #expect(values.allSatisfy { (2..<5).contains($0) })
        #expect(ksPValue(values) { min(max(($0 - 2) / 3, 0), 1) } > 0.001)
    }

    @Test func normalDrawsAreNormal() async throws {
        let values = try await drawn("normal(10, 2)")
        #expect(ksPValue(values) { SpecialFunctions.normalCDF(($0 - 10) / 2) } > 0.001)
    }

    @Test func bernoulliDrawsHaveTheirProbability() async throws {
        let values = try await drawn("number(bernoulli(0.3))")
        let mean = values.reduce(0, +) / Double(runs)
        #expect(abs(mean - 0.3) < 5 * (0.3 * 0.7 / Double(runs)).squareRoot())
    }

    @Test func poissonDrawsHaveEqualMeanAndVariance() async throws {
        let values = try await drawn("poisson(4)")
        var summary = StreamingSummary()
        for value in values { summary.add(value) }
        #expect(values.allSatisfy { $0 == $0.rounded() && $0 >= 0 })
        #expect(abs(summary.mean - 4) < 5 * (4 / Double(runs)).squareRoot())
        #expect(abs(summary.variance - 4) < 0.5)
    }

    /// NB(μ = 3, k = 2): variance μ + μ²/k = 7.5, P(0) = (k/(k + μ))^k = 0.16.
    @Test func negativeBinomialDrawsHaveTheirMeanVarianceAndZeroProbability() async throws {
        let values = try await drawn("negative_binomial(3, 2)")
        var summary = StreamingSummary()
        for value in values { summary.add(value) }
        #expect(values.allSatisfy { $0 == $0.rounded() && $0 >= 0 })
        #expect(abs(summary.mean - 3) < 5 * (7.5 / Double(runs)).squareRoot())
        #expect(abs(summary.variance - 7.5) < 1.1)
        let zeros = Double(values.filter { $0 == 0 }.count) / Double(runs)
        #expect(abs(zeros - 0.16) < 5 * (0.16 * 0.84 / Double(runs)).squareRoot())
    }

    @Test func aNegativeBinomialWithoutDispersionIsPoisson() async throws {
        let values = try await drawn("negative_binomial(4, 0)")
        var summary = StreamingSummary()
        for value in values { summary.add(value) }
        #expect(abs(summary.mean - 4) < 5 * (4 / Double(runs)).squareRoot())
        #expect(abs(summary.variance - 4) < 0.5)
    }

    @Test func parametersAreDrawnFromTheirDistributionUnderUncertainty() async throws {
        let values = try await drawn("rate", parameters: """
            parameters:
              rate: { value: 6, dist: "triangular(4, 6, 12)", source: assumption }
            """)
        let cdf: (Double) -> Double = { x in
            x <= 4 ? 0 : x <= 6 ? (x - 4) * (x - 4) / (8 * 2) : x < 12 ? 1 - (12 - x) * (12 - x) / (8 * 6) : 1
        }
        #expect(ksPValue(values, cdf: cdf) > 0.001)
    }

    @Test func parameterDrawsAreTruncatedToTheirBounds() async throws {
        let values = try await drawn("p", parameters: """
            parameters:
              p: { value: 0.1, dist: "normal(0.1, 0.5)", min: 0, max: 1, source: assumption }
            """)
        #expect(values.allSatisfy { (0...1).contains($0) })
        #expect(Set(values).count > runs / 2)  // redrawn, not piled up on the bounds
    }

    @Test func withoutUncertaintyParametersKeepTheirValue() async throws {
        let scenario = try compile(scenarioText(steps: 1, """
            parameters:
              rate: { value: 6, dist: "uniform(0, 100)", source: assumption }
            metrics:
              rate: "rate"
            """))
        #expect(try await ensemble(scenario, runs: 10).values("rate") == Array(repeating: 6, count: 10))
    }
}
