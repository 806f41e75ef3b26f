import ParleyNumerics

/// Where the base sample of a Saltelli design comes from.
public enum BaseSampling: String, Sendable, Hashable, CaseIterable {
    /// The Sobol' sequence in 2k dimensions (skipping its origin): faster convergence, but only
    /// for 2k ≤ ``SobolSequence/maximumDimension``, and the same points for every seed.
    case sobolSequence = "sobol"
    /// Independent uniform draws from `Xoshiro256StarStar` with the design's seed.
    case pseudoRandom = "random"
}

/// A Saltelli design for Sobol' indices: two independent N × k base matrices A and B, and for
/// each factor i the matrix A_B^(i) — A with its column i taken from B — N(k + 2) points in all.
///
/// Saltelli (2002), "Making best use of model evaluations to compute sensitivity indices",
/// *Computer Physics Communications* 145(2); Saltelli, Annoni, Azzini, Campolongo, Ratto &
/// Tarantola (2010), "Variance based sensitivity analysis of model output. Design and estimator
/// for the total sensitivity index", *Computer Physics Communications* 181(2). A and B are the
/// first and last k coordinates of one 2k-dimensional base sample.
///
/// ```swift
/// let design = try SaltelliDesign(factorCount: 3, baseSamples: 1024, seed: 1)
/// design.points.count   // 1024 × 5
/// ```
public struct SaltelliDesign: Sendable, Hashable {
    /// The number of factors, k.
    public let factorCount: Int
    /// The number of base samples, N (rows of A and B).
    public let baseSamples: Int
    /// Where the base sample came from.
    public let sampling: BaseSampling
    /// The seed (for pseudo-random base samples and for bootstrap resampling).
    public let seed: UInt64
    /// The base matrix A, N rows of k coordinates.
    public let a: [[Double]]
    /// The base matrix B, N rows of k coordinates.
    public let b: [[Double]]

    /// The points to evaluate, row by row: for row j, A_j, then B_j, then A_B^(1)_j … A_B^(k)_j.
    public var points: [[Double]] {
        var result: [[Double]] = []
        result.reserveCapacity(baseSamples * (factorCount + 2))
        for row in 0..<baseSamples {
            result.append(a[row])
            result.append(b[row])
            for factor in 0..<factorCount {
                var mixed = a[row]
                mixed[factor] = b[row][factor]
                result.append(mixed)
            }
        }
        return result
    }

    /// Draws a design.
    ///
    /// - Parameters:
    ///   - factorCount: k ≥ 1.
    ///   - baseSamples: N ≥ 2; with the Sobol' sequence a power of two balances it best.
    ///   - sampling: the base sample's source; nil chooses the Sobol' sequence when 2k fits in
    ///     its dimensions and pseudo-random draws otherwise.
    ///   - seed: the seed of the pseudo-random draws and of the bootstrap.
    /// - Throws: ``SensitivityError`` when a count is out of range or the Sobol' sequence has too
    ///   few dimensions.
    public init(factorCount: Int, baseSamples: Int, sampling: BaseSampling? = nil, seed: UInt64) throws(SensitivityError) {
        guard factorCount >= 1 else { throw .noFactors }
        guard baseSamples >= 2 else {
            throw .invalidCount(name: "the number of base samples", value: baseSamples, requirement: "at least 2")
        }
        let chosen = sampling ?? (2 * factorCount <= SobolSequence.maximumDimension ? .sobolSequence : .pseudoRandom)
        let rows: [[Double]]
        switch chosen {
        case .sobolSequence:
            // The origin is skipped: it maps to the lower end of every distribution (−∞ for some).
            rows = Array(try SobolSequence(dimension: 2 * factorCount).points(baseSamples + 1).dropFirst())
        case .pseudoRandom:
            var generator = Xoshiro256StarStar(seed: seed, run: 0, stream: 0)
            rows = (0..<baseSamples).map { _ in (0..<(2 * factorCount)).map { _ in generator.nextUniform() } }
        }
        self.factorCount = factorCount
        self.baseSamples = baseSamples
        self.sampling = chosen
        self.seed = seed
        self.a = rows.map { Array($0[0..<factorCount]) }
        self.b = rows.map { Array($0[factorCount...]) }
    }
}

/// The Sobol' indices of one factor.
public struct SobolIndex: Sendable, Equatable {
    /// S1, the first-order index: the share of output variance due to the factor alone.
    public var firstOrder: Double
    /// A bootstrap percentile interval for S1; nil without resamples.
    public var firstOrderInterval: ConfidenceInterval?
    /// ST, the total index: the share due to the factor with all its interactions.
    public var total: Double
    /// A bootstrap percentile interval for ST; nil without resamples.
    public var totalInterval: ConfidenceInterval?
}

/// The result of a Sobol' analysis.
public struct SobolResult: Sendable, Equatable {
    /// The design that was evaluated.
    public var design: SaltelliDesign
    /// One entry per factor, in factor order.
    public var indices: [SobolIndex]
    /// The mean of the output over A and B.
    public var mean: Double
    /// The variance of the output over A and B (the indices' denominator).
    public var variance: Double
    /// The bootstrap settings used for the intervals.
    public var bootstrap: BootstrapOptions

    /// Factor indices from the most to the least important by ST (ties keep factor order;
    /// NaN, from an output that never varies, sorts last).
    public var ranking: [Int] {
        func key(_ i: Int) -> Double { indices[i].total.isNaN ? -.infinity : indices[i].total }
        return indices.indices.sorted { key($0) > key($1) || (key($0) == key($1) && $0 < $1) }
    }
}

/// Variance-based sensitivity: Sobol' first-order and total indices (Sobol' 1993, "Sensitivity
/// estimates for nonlinear mathematical models", *Math. Modeling Comput. Experiment* 1(4)),
/// estimated from a ``SaltelliDesign``.
///
/// With f_A, f_B and f_AB(i) the outputs at A, B and A_B^(i), and V the variance of the outputs
/// at A and B together:
/// - S1ᵢ = (1/N) Σⱼ f_B(j) (f_AB(i)(j) − f_A(j)) / V — Saltelli et al. (2010), Table 2 (b);
/// - STᵢ = (1/2N) Σⱼ (f_A(j) − f_AB(i)(j))² / V — Jansen (1999), "Analysis of variance designs
///   for model output", *Computer Physics Communications* 117(1–2), as recommended in Table 2 (f).
///
/// f_B is centred on the mean output first: that leaves the S1 estimator's expectation unchanged
/// (Σ (f_AB(i) − f_A) has expectation 0) and removes the variance a large mean would add to it.
///
/// Intervals resample the N rows (each row's k + 2 outputs together) with replacement.
///
/// ```swift
/// let design = try SaltelliDesign(factorCount: 2, baseSamples: 1024, seed: 1)
/// let result = try await SobolIndices.run({ x in x[0] + 0.1 * x[1] }, design: design)
/// result.indices[0].firstOrder   // ≈ 0.99
/// ```
public enum SobolIndices {
    /// Evaluates `model` at every point of `design` (up to `concurrency` at once) and analyses it.
    ///
    /// - Parameter progress: called with the number of points evaluated so far.
    /// - Throws: whatever the model throws.
    public static func run(
        _ model: @escaping UnitCubeModel, design: SaltelliDesign, bootstrap: BootstrapOptions = BootstrapOptions(),
        concurrency: Int = 1, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> SobolResult {
        let outputs = try await ModelEvaluation.evaluate(model, at: design.points, concurrency: concurrency, progress: progress)
        return try analyze(design: design, outputs: outputs, bootstrap: bootstrap)
    }

    /// Computes S1 and ST with bootstrap intervals from outputs already evaluated at
    /// `design.points`, in that order.
    ///
    /// - Throws: ``SensitivityError/outputCountMismatch(expected:actual:)`` when the counts differ.
    public static func analyze(
        design: SaltelliDesign, outputs: [Double], bootstrap: BootstrapOptions = BootstrapOptions()
    ) throws(SensitivityError) -> SobolResult {
        let k = design.factorCount, n = design.baseSamples, stride = k + 2
        guard outputs.count == n * stride else {
            throw .outputCountMismatch(expected: n * stride, actual: outputs.count)
        }
        let estimates = Estimates(outputs: outputs, factorCount: k)
        let all = Array(0..<n)
        let point = estimates.indices(rows: all)
        var generator = Bootstrap.generator(seed: design.seed)
        var firstOrders = [[Double]](repeating: [], count: k), totals = [[Double]](repeating: [], count: k)
        for _ in 0..<bootstrap.resamples {
            let sample = estimates.indices(rows: Bootstrap.resample(n, using: &generator))
            for factor in 0..<k {
                firstOrders[factor].append(sample.firstOrder[factor])
                totals[factor].append(sample.total[factor])
            }
        }
        let indices = (0..<k).map { factor in
            SobolIndex(
                firstOrder: point.firstOrder[factor],
                firstOrderInterval: bootstrap.resamples > 0
                    ? Bootstrap.percentileInterval(firstOrders[factor], level: bootstrap.level) : nil,
                total: point.total[factor],
                totalInterval: bootstrap.resamples > 0 ? Bootstrap.percentileInterval(totals[factor], level: bootstrap.level) : nil)
        }
        return SobolResult(design: design, indices: indices, mean: point.mean, variance: point.variance, bootstrap: bootstrap)
    }

    /// The estimators over any multiset of rows (all of them, or a bootstrap resample).
    struct Estimates {
        let outputs: [Double]
        let factorCount: Int

        func indices(rows: [Int]) -> (firstOrder: [Double], total: [Double], mean: Double, variance: Double) {
            let k = factorCount, stride = k + 2
            let count = Double(rows.count)
            var sum = 0.0
            for row in rows { sum += outputs[row * stride] + outputs[row * stride + 1] }
            let mean = sum / (2 * count)
            var squares = 0.0
            for row in rows {
                let a = outputs[row * stride] - mean, b = outputs[row * stride + 1] - mean
                squares += a * a + b * b
            }
            let variance = squares / (2 * count)
            var firstOrder = [Double](repeating: 0, count: k), total = [Double](repeating: 0, count: k)
            for row in rows {
                let base = row * stride
                let fA = outputs[base], fB = outputs[base + 1]
                for factor in 0..<k {
                    let fAB = outputs[base + 2 + factor]
                    firstOrder[factor] += (fB - mean) * (fAB - fA)
                    total[factor] += (fA - fAB) * (fA - fAB)
                }
            }
            for factor in 0..<k {
                firstOrder[factor] /= count * variance
                total[factor] /= 2 * count * variance
            }
            return (firstOrder, total, mean, variance)
        }
    }
}
