import Foundation
import ParleyAnalysis
import Testing

/// Ishigami & Homma (1990), "An importance quantification technique in uncertainty analysis for
/// computer models", *ISUMA '90*: f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ on [−π, π]³.
enum Ishigami {
    static let a = 7.0, b = 0.1

    static let model: UnitCubeModel = { u in
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        return sin(x[0]) + a * sin(x[1]) * sin(x[1]) + b * pow(x[2], 4) * sin(x[0])
    }

    /// The analytic variances (Saltelli et al. 2008, *The Primer*, §4.9; Sobol' & Levitan 1999).
    static var firstOrder: [Double] {
        let pi4 = pow(Double.pi, 4), pi8 = pow(Double.pi, 8)
        let total = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8
        return [v1 / total, v2 / total, 0]
    }

    static var totals: [Double] {
        let pi4 = pow(Double.pi, 4), pi8 = pow(Double.pi, 8)
        let total = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * pi8 / 225
        return [(v1 + v13) / total, v2 / total, v13 / total]
    }
}

/// Sobol's g-function (Saltelli & Sobol' 1995): g = Πᵢ (|4xᵢ − 2| + aᵢ)/(1 + aᵢ); the smaller aᵢ,
/// the more important xᵢ. Vᵢ = 1/(3(1 + aᵢ)²), V = Π(1 + Vᵢ) − 1, STᵢ = Vᵢ Π_{j≠i}(1 + Vⱼ)/V.
struct GFunction {
    let a: [Double]

    var model: UnitCubeModel {
        let a = self.a
        return { x in zip(x, a).reduce(1) { $0 * (abs(4 * $1.0 - 2) + $1.1) / (1 + $1.1) } }
    }

    var partials: [Double] { a.map { 1 / (3 * (1 + $0) * (1 + $0)) } }
    var variance: Double { partials.reduce(1) { $0 * (1 + $1) } - 1 }
    var firstOrder: [Double] { partials.map { $0 / variance } }
    var totals: [Double] {
        partials.indices.map { i in
            partials.indices.reduce(partials[i]) { $1 == i ? $0 : $0 * (1 + partials[$1]) } / variance
        }
    }
}

@Suite struct SensitivitySobolSequenceTests {
    @Test func theFirstPointsAreJoeAndKuos() throws {
        let points = try SobolSequence(dimension: 3).points(8)
        #expect(points == [[0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
                           [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375]])
    }

    @Test func pointOneThousandMatchesAnIndependentImplementationInAllThirtyTwoDimensions() throws {
        // scipy.stats.qmc.Sobol(d=32, scramble=False).random(1001)[1000], which uses the same
        // new-joe-kuo-6.21201 direction numbers: every dimension's first 10 direction numbers count.
        let expected = [
            0.2197265625, 0.0966796875, 0.5185546875, 0.6767578125, 0.2802734375, 0.9072265625, 0.0458984375,
            0.8994140625, 0.5009765625, 0.0693359375, 0.0849609375, 0.2548828125, 0.1611328125, 0.3837890625,
            0.1435546875, 0.3701171875, 0.7197265625, 0.3447265625, 0.9912109375, 0.7255859375, 0.5224609375,
            0.5498046875, 0.9501953125, 0.5400390625, 0.5830078125, 0.9072265625, 0.0400390625, 0.9794921875,
            0.0595703125, 0.3408203125, 0.1474609375, 0.1455078125,
        ]
        #expect(try SobolSequence(dimension: 32).point(1000) == expected)
    }

    @Test func everyCoordinateOfTheFirstPowerOfTwoPointsIsStratified() throws {
        let points = try SobolSequence(dimension: SobolSequence.maximumDimension).points(1024)
        for dimension in 0..<SobolSequence.maximumDimension {
            let cells = Set(points.map { Int($0[dimension] * 1024) })
            #expect(cells.count == 1024, "dimension \(dimension + 1)")
        }
    }

    @Test func dimensionsBeyondTheTableAreRejected() {
        #expect(throws: SensitivityError.self) { try SobolSequence(dimension: SobolSequence.maximumDimension + 1) }
    }
}

@Suite struct SensitivitySobolIndexTests {
    /// Sobol' base sample, N = 2¹³ (40,960 evaluations): the Ishigami indices to within 0.01.
    @Test func ishigamiIndicesMatchTheAnalyticValues() async throws {
        let design = try SaltelliDesign(factorCount: 3, baseSamples: 8192, seed: 1)
        #expect(design.sampling == .sobolSequence)
        let result = try await SobolIndices.run(Ishigami.model, design: design, bootstrap: BootstrapOptions(resamples: 100),
                                                concurrency: 4)
        for factor in 0..<3 {
            let index = result.indices[factor]
            #expect(abs(index.firstOrder - Ishigami.firstOrder[factor]) < 0.01, "S1 of x\(factor + 1): \(index.firstOrder)")
            #expect(abs(index.total - Ishigami.totals[factor]) < 0.01, "ST of x\(factor + 1): \(index.total)")
        }
        #expect(result.ranking == [0, 1, 2])
    }

    /// Pseudo-random base sample, N = 4,096: within 0.05 (the estimators' standard errors are
    /// about 0.015–0.02 here), and every bootstrap interval holds its estimate and is narrower than 0.15.
    @Test func ishigamiIndicesFromPseudoRandomSamplesCarryBootstrapIntervals() async throws {
        let design = try SaltelliDesign(factorCount: 3, baseSamples: 4096, sampling: .pseudoRandom, seed: 7)
        let result = try await SobolIndices.run(Ishigami.model, design: design, bootstrap: BootstrapOptions(resamples: 200),
                                                concurrency: 4)
        for factor in 0..<3 {
            let index = result.indices[factor]
            #expect(abs(index.firstOrder - Ishigami.firstOrder[factor]) < 0.05, "S1 of x\(factor + 1): \(index.firstOrder)")
            #expect(abs(index.total - Ishigami.totals[factor]) < 0.05, "ST of x\(factor + 1): \(index.total)")
            let first = try #require(index.firstOrderInterval), total = try #require(index.totalInterval)
            #expect(first.contains(index.firstOrder) && total.contains(index.total))
            // With this seed every interval also covers the analytic value.
            #expect(first.contains(Ishigami.firstOrder[factor]) && total.contains(Ishigami.totals[factor]))
            #expect(first.upper - first.lower < 0.15 && total.upper - total.lower < 0.15)
        }
    }

    /// g-function with a = (0, 1, 4.5, 9, 99, 99), Sobol' base sample N = 2¹², 32,768 evaluations.
    @Test func gFunctionIndicesMatchTheAnalyticValues() async throws {
        let g = GFunction(a: [0, 1, 4.5, 9, 99, 99])
        let design = try SaltelliDesign(factorCount: 6, baseSamples: 4096, seed: 1)
        let result = try await SobolIndices.run(g.model, design: design, bootstrap: BootstrapOptions(resamples: 0),
                                                concurrency: 4)
        for factor in 0..<6 {
            let index = result.indices[factor]
            #expect(abs(index.firstOrder - g.firstOrder[factor]) < 0.02, "S1 of x\(factor + 1): \(index.firstOrder) vs \(g.firstOrder[factor])")
            #expect(abs(index.total - g.totals[factor]) < 0.02, "ST of x\(factor + 1): \(index.total) vs \(g.totals[factor])")
            #expect(index.firstOrderInterval == nil)
        }
        #expect(Array(result.ranking.prefix(4)) == [0, 1, 2, 3])
    }

    @Test func resultsDoNotDependOnConcurrency() async throws {
        let design = try SaltelliDesign(factorCount: 3, baseSamples: 64, sampling: .pseudoRandom, seed: 3)
        let options = BootstrapOptions(resamples: 50)
        let slow = try await SobolIndices.run(Ishigami.model, design: design, bootstrap: options, concurrency: 1)
        let fast = try await SobolIndices.run(Ishigami.model, design: design, bootstrap: options, concurrency: 8)
        #expect(slow == fast)
    }

    @Test func theDesignHasKPlusTwoMatricesWithOneColumnSwappedEach() throws {
        let design = try SaltelliDesign(factorCount: 4, baseSamples: 8, sampling: .pseudoRandom, seed: 5)
        let points = design.points
        #expect(points.count == 8 * 6)
        for row in 0..<8 {
            #expect(points[row * 6] == design.a[row] && points[row * 6 + 1] == design.b[row])
            for factor in 0..<4 {
                let mixed = points[row * 6 + 2 + factor]
                for column in 0..<4 { #expect(mixed[column] == (column == factor ? design.b : design.a)[row][column]) }
            }
        }
        #expect(throws: SensitivityError.self) { try SobolIndices.analyze(design: design, outputs: [1, 2, 3]) }
    }

    @Test func tooManyFactorsForTheSobolSequenceFallBackToPseudoRandomDraws() throws {
        #expect(try SaltelliDesign(factorCount: 16, baseSamples: 4, seed: 1).sampling == .sobolSequence)
        #expect(try SaltelliDesign(factorCount: 17, baseSamples: 4, seed: 1).sampling == .pseudoRandom)
        #expect(throws: SensitivityError.self) { try SaltelliDesign(factorCount: 17, baseSamples: 4, sampling: .sobolSequence, seed: 1) }
    }
}

@Suite struct SensitivityMorrisTests {
    @Test func elementaryEffectsOfALinearFunctionAreItsCoefficients() async throws {
        let design = try MorrisDesign(factorCount: 4, trajectories: 10, seed: 11)
        let result = try await MorrisScreening.run({ x in 3 * x[0] - 2 * x[1] + 0.5 * x[2] }, design: design,
                                                   bootstrap: BootstrapOptions(resamples: 100))
        let coefficients = [3.0, -2, 0.5, 0]
        for factor in 0..<4 {
            let effect = result.effects[factor]
            #expect(abs(effect.absoluteMean - abs(coefficients[factor])) < 1e-12)
            #expect(abs(effect.mean - coefficients[factor]) < 1e-12)
            #expect(effect.standardDeviation < 1e-12)
            let interval = try #require(effect.absoluteMeanInterval)
            #expect(abs(interval.lower - abs(coefficients[factor])) < 1e-12 && abs(interval.upper - abs(coefficients[factor])) < 1e-12)
        }
        #expect(result.ranking == [0, 1, 2, 3])
    }

    @Test func muStarRanksTheGFunctionsFactorsByTheirA() async throws {
        let g = GFunction(a: [0, 1, 4.5, 9, 99, 99])
        let design = try MorrisDesign(factorCount: 6, trajectories: 100, seed: 2)
        let result = try await MorrisScreening.run(g.model, design: design, bootstrap: BootstrapOptions(resamples: 200),
                                                   concurrency: 4)
        #expect(Array(result.ranking.prefix(4)) == [0, 1, 2, 3])
        let muStar = result.effects.map(\.absoluteMean)
        #expect(muStar[4] < muStar[3] / 5 && muStar[5] < muStar[3] / 5)
        // The intervals of the two most important factors do not overlap.
        let first = try #require(result.effects[0].absoluteMeanInterval), second = try #require(result.effects[1].absoluteMeanInterval)
        #expect(first.lower > second.upper)
    }

    @Test func ishigamisSecondFactorHasAnExactMuStarOnTheFourLevelGrid() async throws {
        // x₂ ∈ {−π, −π/3, π/3, π}: every move of Δ = 2/3 changes a·sin²x₂ by ±a·¾, so every
        // |EE₂| = 7 · ¾ / ⅔ = 63/8, while EE₃ = 0.1·Δ(x₃⁴)·sin x₁/Δ changes sign with x₁.
        let design = try MorrisDesign(factorCount: 3, trajectories: 50, seed: 4)
        let result = try await MorrisScreening.run(Ishigami.model, design: design, bootstrap: BootstrapOptions(resamples: 0))
        #expect(abs(result.effects[1].absoluteMean - 63.0 / 8) < 1e-9)
        #expect(result.effects[2].standardDeviation > result.effects[2].absoluteMean)
        #expect(result.effects[0].absoluteMeanInterval == nil)
    }

    @Test func trajectoriesMoveEachFactorOnceByDeltaOnTheGrid() throws {
        let design = try MorrisDesign(factorCount: 5, trajectories: 30, levels: 4, seed: 9)
        #expect(design.jump == 2.0 / 3)
        let grid: Set<Double> = [0, 1.0 / 3, 2.0 / 3, 1]
        for trajectory in design.trajectories {
            #expect(trajectory.points.count == 6)
            #expect(Set(trajectory.movedFactors) == Set(0..<5))
            for point in trajectory.points { #expect(point.allSatisfy(grid.contains)) }
            for move in 0..<5 {
                let before = trajectory.points[move], after = trajectory.points[move + 1]
                let changed = (0..<5).filter { before[$0] != after[$0] }
                #expect(changed == [trajectory.movedFactors[move]])
                #expect(abs(after[changed[0]] - before[changed[0]] - trajectory.steps[move]) < 1e-15)
            }
        }
    }

    @Test func resultsDoNotDependOnConcurrencyAndFollowTheSeed() async throws {
        let design = try MorrisDesign(factorCount: 3, trajectories: 12, seed: 5)
        let slow = try await MorrisScreening.run(Ishigami.model, design: design, concurrency: 1)
        let fast = try await MorrisScreening.run(Ishigami.model, design: design, concurrency: 6)
        #expect(slow == fast)
        #expect(try MorrisDesign(factorCount: 3, trajectories: 12, seed: 6) != design)
    }

    @Test func badDesignsAreRejected() {
        #expect(throws: SensitivityError.self) { try MorrisDesign(factorCount: 0, trajectories: 10, seed: 1) }
        #expect(throws: SensitivityError.self) { try MorrisDesign(factorCount: 2, trajectories: 1, seed: 1) }
        #expect(throws: SensitivityError.self) { try MorrisDesign(factorCount: 2, trajectories: 10, levels: 5, seed: 1) }
    }
}
