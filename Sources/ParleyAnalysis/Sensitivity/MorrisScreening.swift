import ParleyNumerics

/// A Morris design: `trajectories` one-at-a-time paths through a `levels`-level grid of the unit
/// cube, each of k + 1 points that move every factor once by ±Δ, Δ = levels / (2(levels − 1)).
///
/// Morris (1991), "Factorial sampling plans for preliminary computational experiments",
/// *Technometrics* 33(2): the randomized orientation B* = (J x* + (Δ/2)[(2B − J)D* + J])P*,
/// built here directly — a random base point x* on the grid's lower half, a random direction
/// (up or down) per factor and a random order in which factors move. With an even number of
/// levels every level is equally likely to be visited (Saltelli et al. 2008, *Global
/// Sensitivity Analysis: The Primer*, §3.3).
///
/// ```swift
/// let design = try MorrisDesign(factorCount: 3, trajectories: 20, seed: 42)
/// design.points.count   // 20 × 4
/// ```
public struct MorrisDesign: Sendable, Hashable {
    /// One trajectory: k + 1 points, each differing from the one before in one factor.
    public struct Trajectory: Sendable, Hashable {
        /// The k + 1 points, in order.
        public var points: [[Double]]
        /// For each of the k moves, the factor that changed between point j and point j + 1.
        public var movedFactors: [Int]
        /// For each move, the signed change of that factor (+Δ or −Δ).
        public var steps: [Double]
    }

    /// The number of factors, k.
    public let factorCount: Int
    /// The number of levels of the grid, p (even).
    public let levels: Int
    /// The seed the trajectories were drawn with.
    public let seed: UInt64
    /// The trajectories, r of them.
    public let trajectories: [Trajectory]

    /// The size of a move, Δ = p / (2(p − 1)): 2/3 for the usual four levels.
    public var jump: Double { Double(levels) / (2 * Double(levels - 1)) }

    /// Every point of every trajectory, trajectory by trajectory: r(k + 1) points to evaluate.
    public var points: [[Double]] { trajectories.flatMap(\.points) }

    /// Draws a design.
    ///
    /// - Parameters:
    ///   - factorCount: k ≥ 1.
    ///   - trajectories: r ≥ 2 (σ and intervals need two); 10–50 is usual.
    ///   - levels: an even p ≥ 2; 4 is the usual choice.
    ///   - seed: the seed of the `Xoshiro256StarStar` that draws the trajectories.
    /// - Throws: ``SensitivityError`` when a count is out of range.
    public init(factorCount: Int, trajectories: Int, levels: Int = 4, seed: UInt64) throws(SensitivityError) {
        guard factorCount >= 1 else { throw .noFactors }
        guard trajectories >= 2 else {
            throw .invalidCount(name: "the number of trajectories", value: trajectories, requirement: "at least 2")
        }
        guard levels >= 2, levels % 2 == 0 else {
            throw .invalidCount(name: "the number of levels", value: levels, requirement: "even and at least 2")
        }
        self.factorCount = factorCount
        self.levels = levels
        self.seed = seed
        var generator = Xoshiro256StarStar(seed: seed, run: 0, stream: 0)
        let jump = Double(levels) / (2 * Double(levels - 1))
        // Work in level indices 0..<p so that every point lies exactly on the grid; a move of
        // Δ is p/2 levels.
        let half = levels / 2
        self.trajectories = (0..<trajectories).map { _ in
            // The base x* lies on the grid's lower half, so that x* + Δ stays on it.
            var level = (0..<factorCount).map { _ in Int(generator.next(upperBound: UInt64(half))) }
            let directions = (0..<factorCount).map { _ in generator.next() & 1 == 0 ? 1 : -1 }
            for factor in 0..<factorCount where directions[factor] < 0 { level[factor] += half }
            // Fisher–Yates, written out so the design never depends on the standard library's shuffle.
            var order = Array(0..<factorCount)
            for position in stride(from: factorCount - 1, to: 0, by: -1) {
                order.swapAt(position, Int(generator.next(upperBound: UInt64(position + 1))))
            }
            var points = [level.map { Double($0) / Double(levels - 1) }]
            var steps: [Double] = []
            for factor in order {
                level[factor] += directions[factor] * half
                points.append(level.map { Double($0) / Double(levels - 1) })
                steps.append(Double(directions[factor]) * jump)
            }
            return Trajectory(points: points, movedFactors: order, steps: steps)
        }
    }
}

/// The Morris measures of one factor.
public struct MorrisEffect: Sendable, Equatable {
    /// μ: the mean elementary effect. Effects of opposite signs cancel in it.
    public var mean: Double
    /// μ*: the mean absolute elementary effect, the screening measure of importance
    /// (Campolongo, Cariboni & Saltelli 2007).
    public var absoluteMean: Double
    /// σ: the standard deviation of the elementary effects (n − 1 divisor), large when the
    /// factor interacts with others or acts non-linearly.
    public var standardDeviation: Double
    /// A bootstrap percentile interval for μ*, resampling whole trajectories; nil without resamples.
    public var absoluteMeanInterval: ConfidenceInterval?
}

/// The result of a Morris screening.
public struct MorrisResult: Sendable, Equatable {
    /// The design that was evaluated.
    public var design: MorrisDesign
    /// One entry per factor, in factor order.
    public var effects: [MorrisEffect]
    /// The elementary effects, per trajectory and then per factor.
    public var elementaryEffects: [[Double]]
    /// The bootstrap settings used for the intervals.
    public var bootstrap: BootstrapOptions

    /// Factor indices from the most to the least important by μ* (ties keep factor order).
    public var ranking: [Int] {
        effects.indices.sorted { effects[$0].absoluteMean > effects[$1].absoluteMean || (effects[$0].absoluteMean == effects[$1].absoluteMean && $0 < $1) }
    }
}

/// Morris's elementary-effects screening: which of many factors matter, at the cost of
/// r(k + 1) model runs.
///
/// The elementary effect of factor i on a trajectory is EE = (y(x + Δeᵢ) − y(x)) / Δ in unit-cube
/// coordinates — the change in the output when the factor moves across Δ of its probability
/// range, scaled to the whole range — so effects are comparable across factors of different
/// units. μ* (Campolongo, Cariboni & Saltelli 2007, "An effective screening design for
/// sensitivity analysis of large models", *Environmental Modelling & Software* 22(10)) ranks
/// factors; it is a good proxy for the total Sobol index. σ flags interactions and
/// non-linearity (Morris 1991).
///
/// ```swift
/// let design = try MorrisDesign(factorCount: 2, trajectories: 10, seed: 1)
/// let result = try await MorrisScreening.run({ x in 3 * x[0] - x[1] }, design: design)
/// result.effects.map(\.absoluteMean)   // [3, 1]
/// ```
public enum MorrisScreening {
    /// Evaluates `model` at every point of `design` (up to `concurrency` at once) and analyses it.
    ///
    /// - Parameters:
    ///   - progress: called with the number of points evaluated so far.
    /// - Throws: whatever the model throws.
    public static func run(
        _ model: @escaping UnitCubeModel, design: MorrisDesign, bootstrap: BootstrapOptions = BootstrapOptions(),
        concurrency: Int = 1, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> MorrisResult {
        let outputs = try await ModelEvaluation.evaluate(model, at: design.points, concurrency: concurrency, progress: progress)
        return try analyze(design: design, outputs: outputs, bootstrap: bootstrap)
    }

    /// Computes μ, μ*, σ and bootstrap intervals for μ* from outputs already evaluated at
    /// `design.points`, in that order (the batch path: evaluate the points however you like).
    ///
    /// - Throws: ``SensitivityError/outputCountMismatch(expected:actual:)`` when the counts differ.
    public static func analyze(
        design: MorrisDesign, outputs: [Double], bootstrap: BootstrapOptions = BootstrapOptions()
    ) throws(SensitivityError) -> MorrisResult {
        let k = design.factorCount
        let expected = design.trajectories.count * (k + 1)
        guard outputs.count == expected else { throw .outputCountMismatch(expected: expected, actual: outputs.count) }
        let effects: [[Double]] = design.trajectories.enumerated().map { index, trajectory in
            var row = [Double](repeating: .nan, count: k)
            let base = index * (k + 1)
            for move in 0..<k {
                row[trajectory.movedFactors[move]] = (outputs[base + move + 1] - outputs[base + move]) / trajectory.steps[move]
            }
            return row
        }
        var generator = Bootstrap.generator(seed: design.seed)
        var resampledAbsoluteMeans = [[Double]](repeating: [], count: k)
        for _ in 0..<bootstrap.resamples {
            let rows = Bootstrap.resample(effects.count, using: &generator)
            for factor in 0..<k {
                resampledAbsoluteMeans[factor].append(rows.reduce(0) { $0 + abs(effects[$1][factor]) } / Double(rows.count))
            }
        }
        let measures = (0..<k).map { factor -> MorrisEffect in
            let column = effects.map { $0[factor] }
            let count = Double(column.count)
            let mean = column.reduce(0, +) / count
            let absoluteMean = column.reduce(0) { $0 + abs($1) } / count
            let squares = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return MorrisEffect(
                mean: mean, absoluteMean: absoluteMean, standardDeviation: (squares / (count - 1)).squareRoot(),
                absoluteMeanInterval: bootstrap.resamples > 0
                    ? Bootstrap.percentileInterval(resampledAbsoluteMeans[factor], level: bootstrap.level) : nil)
        }
        return MorrisResult(design: design, effects: measures, elementaryEffects: effects, bootstrap: bootstrap)
    }
}
