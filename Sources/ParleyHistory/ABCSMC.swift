import ParleyNumerics
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The prior of one parameter.
public enum PriorDistribution: Sendable, Hashable {
    /// Uniform on [`lower`, `upper`].
    case uniform(lower: Double, upper: Double)
    /// Log-uniform on [`lower`, `upper`] (0 < lower < upper): each decade equally likely.
    case logUniform(lower: Double, upper: Double)
    /// Normal(`mean`, `standardDeviation`²) truncated to [`lower`, `upper`].
    case truncatedNormal(mean: Double, standardDeviation: Double, lower: Double, upper: Double)

    /// The support.
    public var support: ClosedRange<Double> {
        switch self {
        case let .uniform(lower, upper), let .logUniform(lower, upper), let .truncatedNormal(_, _, lower, upper):
            lower...max(lower, upper)
        }
    }

    /// Whether the parameters make a proper distribution (finite bounds, lower < upper,
    /// lower > 0 for log-uniform, σ > 0).
    public var isValid: Bool {
        switch self {
        case let .uniform(lower, upper):
            return lower.isFinite && upper.isFinite && lower < upper
        case let .logUniform(lower, upper):
            return lower > 0 && upper.isFinite && lower < upper
        case let .truncatedNormal(mean, sd, lower, upper):
            return mean.isFinite && sd > 0 && sd.isFinite && lower.isFinite && upper.isFinite && lower < upper
        }
    }

    /// One draw by inversion (one uniform per draw).
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        let u = generator.nextUniform()
        let x: Double
        switch self {
        case let .uniform(lower, upper):
            x = lower + (upper - lower) * u
        case let .logUniform(lower, upper):
            x = exp(log(lower) + (log(upper) - log(lower)) * u)
        case let .truncatedNormal(mean, sd, lower, upper):
            let a = SpecialFunctions.normalCDF((lower - mean) / sd), b = SpecialFunctions.normalCDF((upper - mean) / sd)
            if b - a > 1e-12 {
                let p = min(max(a + (b - a) * u, 1e-300), 1 - 1e-16)
                x = mean + sd * SpecialFunctions.normalQuantile(p)
            } else {
                x = lower + (upper - lower) * u  // the window is far in a tail: the density is nearly flat there
            }
        }
        return min(max(x, support.lowerBound), support.upperBound)
    }

    /// The normalized log density at `x`; `-∞` outside the support.
    public func logDensity(_ x: Double) -> Double {
        guard support.contains(x) else { return -.infinity }
        switch self {
        case let .uniform(lower, upper):
            return -log(upper - lower)
        case let .logUniform(lower, upper):
            return -log(x) - log(log(upper) - log(lower))
        case let .truncatedNormal(mean, sd, lower, upper):
            let z = (x - mean) / sd
            let mass = SpecialFunctions.normalCDF((upper - mean) / sd) - SpecialFunctions.normalCDF((lower - mean) / sd)
            return -0.5 * z * z - log(sd * (2 * Double.pi).squareRoot()) - log(max(mass, 1e-300))
        }
    }
}

/// A prior over a parameter vector: independent components, each named.
public struct ABCPrior: Sendable, Hashable {
    /// The parameters' names, in vector order.
    public var names: [String]
    /// The parameters' priors, in vector order.
    public var distributions: [PriorDistribution]

    /// A prior from (name, distribution) pairs in vector order.
    public init(_ parameters: [(String, PriorDistribution)]) {
        names = parameters.map(\.0)
        distributions = parameters.map(\.1)
    }

    /// The number of parameters.
    public var dimension: Int { distributions.count }

    /// One draw of the whole vector (one uniform per component, in order).
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> [Double] {
        distributions.map { $0.sample(using: &generator) }
    }

    /// The log density of a vector; `-∞` outside the support or for a wrong length.
    public func logDensity(_ particle: [Double]) -> Double {
        guard particle.count == distributions.count else { return -.infinity }
        var total = 0.0
        for (distribution, x) in zip(distributions, particle) {
            total += distribution.logDensity(x)
            if total == -.infinity { return total }
        }
        return total
    }
}

/// How ABC-SMC perturbs a resampled particle.
public enum PerturbationKernel: String, Sendable, Hashable, CaseIterable {
    /// Independent normals per component with variance twice the previous population's
    /// weighted variance (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate
    /// Bayesian computation", *Biometrika* 96(4)).
    case componentwiseGaussian
    /// A multivariate normal with covariance twice the previous population's weighted
    /// covariance, drawn through its Cholesky factor (Filippi, Barnes, Cornebise & Stumpf 2013,
    /// *Stat. Appl. Genet. Mol. Biol.* 12(1)); follows correlated posteriors better. If the
    /// covariance is not positive definite even with a small diagonal jitter, the generation
    /// falls back to the component-wise kernel.
    case multivariateNormal
}

/// The settings of an ABC-SMC run. Results depend only on these, the prior and the
/// distances the simulator returns, never on threads or batch size.
public struct ABCSMCConfiguration: Sendable, Hashable {
    /// Particles per generation (N).
    public var populationSize: Int
    /// The largest number of generations, counting generation 0 (drawn from the prior).
    public var maximumGenerations: Int
    /// The tolerance of generation t is this quantile of generation t − 1's distances
    /// (0.5: half the previous population would have been accepted).
    public var toleranceQuantile: Double
    /// Stop after a generation whose acceptance rate (accepted / simulated) falls below
    /// this; a generation that needs more than `populationSize / minimumAcceptanceRate`
    /// simulations is abandoned and the previous generation is the result.
    public var minimumAcceptanceRate: Double
    /// Stop once a generation's tolerance is at or below this (0: never by tolerance).
    public var targetTolerance: Double
    /// The perturbation kernel.
    public var kernel: PerturbationKernel
    /// Particles per simulator call (0: `populationSize`). Larger batches let the caller use
    /// more threads; they do not change the result.
    public var batchSize: Int
    /// The seed of all randomness of the sampler and of the per-proposal simulation seeds.
    public var seed: UInt64

    /// Creates a configuration.
    public init(
        populationSize: Int = 1000, maximumGenerations: Int = 10, toleranceQuantile: Double = 0.5,
        minimumAcceptanceRate: Double = 0.01, targetTolerance: Double = 0, kernel: PerturbationKernel = .multivariateNormal,
        batchSize: Int = 0, seed: UInt64 = 1
    ) {
        self.populationSize = populationSize
        self.maximumGenerations = maximumGenerations
        self.toleranceQuantile = toleranceQuantile
        self.minimumAcceptanceRate = minimumAcceptanceRate
        self.targetTolerance = targetTolerance
        self.kernel = kernel
        self.batchSize = batchSize
        self.seed = seed
    }
}

/// One call's worth of proposals for the simulator.
public struct ABCBatch: Sendable, Hashable {
    /// The parameter vectors to simulate, one per proposal.
    public var particles: [[Double]]
    /// The generation, from 0.
    public var generation: Int
    /// Each proposal's index within its generation (0, 1, 2, … across batches).
    public var proposalIndices: [Int]
    /// A seed per proposal, a function of (configuration seed, generation, proposal index):
    /// seed each simulation's generator with it to make the run reproducible.
    public var seeds: [UInt64]
}

/// Why an ABC-SMC run stopped.
public enum ABCStopReason: String, Sendable, Hashable {
    /// `maximumGenerations` generations were run.
    case maximumGenerations
    /// A generation's acceptance rate fell below the minimum.
    case acceptanceRateBelowMinimum
    /// A generation's simulation budget ran out before N acceptances; the previous
    /// generation is the result.
    case simulationBudgetExhausted
    /// The tolerance reached the target.
    case targetToleranceReached
}

/// What happened in one generation.
public struct ABCGenerationLog: Sendable, Hashable {
    /// The generation, from 0.
    public var generation: Int
    /// The acceptance tolerance (`+∞` for generation 0, which keeps every finite distance).
    public var tolerance: Double
    /// Particles accepted (N, or fewer for an abandoned generation).
    public var accepted: Int
    /// Simulations run.
    public var simulations: Int
    /// Perturbed proposals outside the prior's support, discarded without simulation.
    public var proposalsOutsidePrior: Int
    /// Effective sample size of the weights, `1 / Σ wᵢ²` (0 for an abandoned generation).
    public var effectiveSampleSize: Double
    /// Whether N particles were accepted.
    public var completed: Bool

    /// `accepted / simulations`.
    public var acceptanceRate: Double { simulations == 0 ? 0 : Double(accepted) / Double(simulations) }
}

/// Weighted posterior summary of one parameter.
public struct ABCParameterSummary: Sendable, Hashable {
    /// The parameter's name.
    public var name: String
    /// The weighted mean.
    public var mean: Double
    /// The weighted standard deviation `√(Σ wᵢ (xᵢ − mean)²)`.
    public var standardDeviation: Double
    /// Weighted quantiles 2.5, 10, 50, 90 and 97.5 % (see ``ABCSMCResult/weightedQuantile(parameter:_:)``).
    public var q025: Double
    /// 10 %.
    public var q10: Double
    /// The weighted median.
    public var median: Double
    /// 90 %.
    public var q90: Double
    /// 97.5 %.
    public var q975: Double
    /// The value in the particle of smallest distance.
    public var best: Double
}

/// The final population of an ABC-SMC run and its history.
public struct ABCSMCResult: Sendable, Hashable {
    /// The parameters' names.
    public var names: [String]
    /// The final population's particles.
    public var particles: [[Double]]
    /// Their importance weights, summing to 1.
    public var weights: [Double]
    /// Their distances.
    public var distances: [Double]
    /// One log entry per generation run (including an abandoned last one).
    public var generations: [ABCGenerationLog]
    /// Why the run stopped.
    public var stopReason: ABCStopReason

    /// The tolerance of the final population.
    public var tolerance: Double { generations.last(where: \.completed)?.tolerance ?? .infinity }
    /// `1 / Σ wᵢ²` of the final weights.
    public var effectiveSampleSize: Double { 1 / weights.reduce(0) { $0 + $1 * $1 } }
    /// Simulations over all generations.
    public var simulations: Int { generations.reduce(0) { $0 + $1.simulations } }

    /// The index of the particle with the smallest distance (the first on ties): a MAP-like
    /// point estimate.
    public var bestIndex: Int {
        distances.indices.min { distances[$0] < distances[$1] } ?? 0
    }

    /// The particle with the smallest distance.
    public var bestParticle: [Double] { particles.isEmpty ? [] : particles[bestIndex] }

    /// The weighted `q`-quantile of parameter `k`: the smallest particle value whose
    /// cumulative weight (particles sorted by that value) reaches `q` — the inverse of the
    /// weighted empirical CDF.
    public func weightedQuantile(parameter k: Int, _ q: Double) -> Double {
        let pairs = zip(particles.map { $0[k] }, weights).sorted { $0.0 < $1.0 }
        var cumulative = 0.0
        for (value, weight) in pairs {
            cumulative += weight
            if cumulative >= q - 1e-12 { return value }
        }
        return pairs.last?.0 ?? .nan
    }

    /// The weighted mean of parameter `k`.
    public func weightedMean(parameter k: Int) -> Double {
        zip(particles, weights).reduce(0) { $0 + $1.0[k] * $1.1 }
    }

    /// The weighted covariance of parameters `j` and `k`.
    public func weightedCovariance(_ j: Int, _ k: Int) -> Double {
        let mj = weightedMean(parameter: j), mk = weightedMean(parameter: k)
        return zip(particles, weights).reduce(0) { $0 + $1.1 * ($1.0[j] - mj) * ($1.0[k] - mk) }
    }

    /// One summary per parameter.
    public var summaries: [ABCParameterSummary] {
        names.indices.map { k in
            ABCParameterSummary(
                name: names[k], mean: weightedMean(parameter: k), standardDeviation: weightedCovariance(k, k).squareRoot(),
                q025: weightedQuantile(parameter: k, 0.025), q10: weightedQuantile(parameter: k, 0.10),
                median: weightedQuantile(parameter: k, 0.5), q90: weightedQuantile(parameter: k, 0.90),
                q975: weightedQuantile(parameter: k, 0.975), best: bestParticle.isEmpty ? .nan : bestParticle[k])
        }
    }
}

/// A problem that stops an ABC-SMC run before it starts or while it runs.
public struct ABCSMCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?

    /// Creates an error.
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// `error: message`, then a `hint:` line.
    public var description: String {
        "error: \(message)" + (hint.map { "\n    hint: \($0)" } ?? "")
    }
}

/// Approximate Bayesian computation by sequential Monte Carlo (population Monte Carlo ABC of
/// Beaumont et al. 2009, as in Toni et al. 2009, "Approximate Bayesian computation scheme for
/// parameter inference and model selection in dynamical systems", *J. R. Soc. Interface* 6),
/// with an adaptive tolerance in the manner of Del Moral, Doucet & Jasra (2012) and Drovandi &
/// Pettitt (2011): the tolerance of each generation is a quantile of the previous generation's
/// distances, so it never increases.
///
/// - Generation 0 draws N particles from the prior and keeps every one with a finite
///   distance, with equal weights.
/// - Generation t resamples a particle j of generation t − 1 with probability wⱼ, perturbs it
///   with the kernel (see ``PerturbationKernel``), discards it unsimulated if it leaves the
///   prior's support, simulates the rest in batches and accepts distance ≤ εₜ, until N are
///   accepted (the first N in proposal order). Weights are
///   `wᵢ ∝ π(θᵢ) / Σⱼ wⱼ K(θᵢ | θⱼ)`, computed in log space. (As in the usual implementations,
///   the kernel's renormalization on the bounded support is ignored.)
/// - All sampler randomness comes from `Xoshiro256StarStar(seed:run: generation, stream: 0)`,
///   and each proposal gets a simulation seed from (seed, generation, proposal index), so the
///   result depends only on (seed, prior, configuration, simulator) — not on threads or on
///   the batch size.
///
/// ```swift
/// let prior = ABCPrior([("mu", .truncatedNormal(mean: 0, standardDeviation: 10, lower: -50, upper: 50))])
/// let abc = ABCSMC(prior: prior, configuration: ABCSMCConfiguration(populationSize: 1000, seed: 7))
/// let result = try abc.run { batch in
///     // simulate every batch.particles[i] with a generator seeded by batch.seeds[i],
///     // in parallel if you like, and return one distance per particle
/// }
/// print(result.summaries)
/// ```
public struct ABCSMC: Sendable, Hashable {
    /// The prior.
    public var prior: ABCPrior
    /// The settings.
    public var configuration: ABCSMCConfiguration

    /// Creates a sampler.
    public init(prior: ABCPrior, configuration: ABCSMCConfiguration) {
        self.prior = prior
        self.configuration = configuration
    }

    /// A batch simulator: particles and generation in, one distance per particle out.
    public typealias Simulator = ([[Double]], Int) throws -> [Double]

    /// A sampler over independent priors named `x0`, `x1`, … unless `names` are given, with
    /// the other settings at their defaults.
    public init(priors: [PriorDistribution], names: [String]? = nil, populationSize: Int, generations: Int, seed: UInt64) {
        let names = names ?? priors.indices.map { "x\($0)" }
        self.init(
            prior: ABCPrior(Array(zip(names, priors))),
            configuration: ABCSMCConfiguration(populationSize: populationSize, maximumGenerations: generations, seed: seed))
    }

    /// Runs with a simulator that takes the particles and the generation and returns one
    /// distance per particle (NaN or `+∞` for a failed simulation, which is never accepted).
    /// Simulation seeds are not passed: use ``run(simulateBatch:progress:)`` to get them.
    /// `progress` is called after each generation with its log entry.
    public func run(
        simulator simulate: Simulator, progress: ((ABCGenerationLog) -> Void)? = nil
    ) throws -> ABCSMCResult {
        try run(simulateBatch: { batch in try simulate(batch.particles, batch.generation) }, progress: progress)
    }

    /// Runs with a simulator that receives a whole ``ABCBatch`` (particles, generation,
    /// proposal indices and per-proposal seeds) and returns one distance per particle.
    /// `progress` is called after each generation with its log entry.
    public func run(
        simulateBatch simulate: (ABCBatch) throws -> [Double], progress: ((ABCGenerationLog) -> Void)? = nil
    ) throws -> ABCSMCResult {
        try validate()
        let n = configuration.populationSize
        let batchSize = configuration.batchSize > 0 ? configuration.batchSize : n
        let budget = Int(min(Double(Int.max / 2), (Double(n) / configuration.minimumAcceptanceRate).rounded(.up)))
        var logs: [ABCGenerationLog] = []

        // Generation 0: the prior.
        var generator = Xoshiro256StarStar(seed: configuration.seed, run: 0, stream: 0)
        var first = try collect(generation: 0, tolerance: .infinity, budget: budget, batchSize: batchSize, simulate: simulate) {
            (prior.sample(using: &generator), true)
        }
        guard first.particles.count == n else {
            throw ABCSMCError(
                "only \(first.particles.count) of \(first.simulations) prior simulations gave a finite distance; \(n) are needed",
                hint: "check the simulator, or lower minimumAcceptanceRate to allow more prior simulations")
        }
        var particles = first.particles, distances = first.distances
        var weights = Array(repeating: 1 / Double(n), count: n)
        logs.append(ABCGenerationLog(
            generation: 0, tolerance: .infinity, accepted: n, simulations: first.simulations,
            proposalsOutsidePrior: 0, effectiveSampleSize: Double(n), completed: true))
        progress?(logs[0])
        first = Collected()

        var stop: ABCStopReason = .maximumGenerations
        var generation = 1
        while generation < configuration.maximumGenerations {
            let previousTolerance = logs.last(where: \.completed)?.tolerance ?? .infinity
            let tolerance = min(
                previousTolerance,
                max(ProperScore.quantile(distances, configuration.toleranceQuantile), configuration.targetTolerance))
            let kernel = Kernel(particles: particles, weights: weights, kind: configuration.kernel)
            var cumulative: [Double] = []
            cumulative.reserveCapacity(n)
            var running = 0.0
            for w in weights {
                running += w
                cumulative.append(running)
            }
            var generator = Xoshiro256StarStar(seed: configuration.seed, run: UInt64(generation), stream: 0)
            let previous = particles
            let collected = try collect(generation: generation, tolerance: tolerance, budget: budget, batchSize: batchSize, simulate: simulate) {
                let u = generator.nextUniform() * running
                var low = 0, high = n - 1
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] > u { high = mid } else { low = mid + 1 }
                }
                let proposal = kernel.perturb(previous[low], using: &generator)
                return (proposal, prior.logDensity(proposal) > -.infinity)
            }
            guard collected.particles.count == n else {
                logs.append(ABCGenerationLog(
                    generation: generation, tolerance: tolerance, accepted: collected.particles.count,
                    simulations: collected.simulations, proposalsOutsidePrior: collected.outside, effectiveSampleSize: 0,
                    completed: false))
                progress?(logs[logs.count - 1])
                stop = .simulationBudgetExhausted
                break
            }
            // Importance weights, in log space: log π(θᵢ) − log Σⱼ wⱼ K(θᵢ | θⱼ).
            let logPreviousWeights = weights.map { log($0) }
            var logWeights = collected.particles.map { particle -> Double in
                var terms = [Double](repeating: 0, count: n)
                for j in 0..<n { terms[j] = logPreviousWeights[j] + kernel.logDensity(particle, around: previous[j]) }
                return prior.logDensity(particle) - logSumExp(terms)
            }
            let largest = logWeights.max() ?? 0
            logWeights = logWeights.map { $0 - largest }
            let unnormalized = logWeights.map { exp($0) }
            let total = unnormalized.reduce(0, +)
            weights = unnormalized.map { $0 / total }
            particles = collected.particles
            distances = collected.distances
            let entry = ABCGenerationLog(
                generation: generation, tolerance: tolerance, accepted: n, simulations: collected.simulations,
                proposalsOutsidePrior: collected.outside, effectiveSampleSize: 1 / weights.reduce(0) { $0 + $1 * $1 },
                completed: true)
            logs.append(entry)
            progress?(entry)
            generation += 1
            if entry.acceptanceRate < configuration.minimumAcceptanceRate {
                stop = .acceptanceRateBelowMinimum
                break
            }
            if tolerance <= configuration.targetTolerance {
                stop = .targetToleranceReached
                break
            }
        }
        return ABCSMCResult(
            names: prior.names, particles: particles, weights: weights, distances: distances, generations: logs, stopReason: stop)
    }

    private func validate() throws {
        let c = configuration
        guard prior.dimension > 0 else { throw ABCSMCError("the prior has no parameters") }
        guard prior.names.count == prior.dimension else { throw ABCSMCError("the prior has \(prior.names.count) names for \(prior.dimension) parameters") }
        if let bad = prior.distributions.indices.first(where: { !prior.distributions[$0].isValid }) {
            throw ABCSMCError(
                "the prior of '\(prior.names[bad])' is not a proper distribution (\(prior.distributions[bad]))",
                hint: "bounds must be finite with lower < upper (lower > 0 for log-uniform) and σ > 0")
        }
        guard c.populationSize >= 2 else { throw ABCSMCError("populationSize is \(c.populationSize)", hint: "use at least 2 (hundreds in practice)") }
        guard c.maximumGenerations >= 1 else { throw ABCSMCError("maximumGenerations is \(c.maximumGenerations)", hint: "use at least 1") }
        guard c.toleranceQuantile > 0 && c.toleranceQuantile < 1 else {
            throw ABCSMCError("toleranceQuantile is \(c.toleranceQuantile)", hint: "use a value strictly between 0 and 1, such as 0.5")
        }
        guard c.minimumAcceptanceRate > 0 && c.minimumAcceptanceRate <= 1 else {
            throw ABCSMCError("minimumAcceptanceRate is \(c.minimumAcceptanceRate)", hint: "use a value in (0, 1], such as 0.01")
        }
        guard c.targetTolerance >= 0, !c.targetTolerance.isNaN else { throw ABCSMCError("targetTolerance is \(c.targetTolerance)", hint: "use 0 or more") }
    }

    private struct Collected {
        var particles: [[Double]] = []
        var distances: [Double] = []
        var simulations = 0
        var outside = 0
    }

    /// Proposes, simulates in batches and accepts until N are accepted or the budget is spent.
    private func collect(
        generation: Int, tolerance: Double, budget: Int, batchSize: Int, simulate: (ABCBatch) throws -> [Double],
        propose: () -> ([Double], Bool)
    ) throws -> Collected {
        let n = configuration.populationSize
        var result = Collected()
        var proposalIndex = 0
        while result.particles.count < n && result.simulations < budget {
            var batch = ABCBatch(particles: [], generation: generation, proposalIndices: [], seeds: [])
            let wanted = min(batchSize, budget - result.simulations)
            var outsideInARow = 0
            while batch.particles.count < wanted {
                let (particle, inside) = propose()
                guard inside else {
                    result.outside += 1
                    outsideInARow += 1
                    if outsideInARow > 1_000_000 {
                        throw ABCSMCError("a million perturbed proposals in a row fell outside the prior's support")
                    }
                    continue
                }
                outsideInARow = 0
                batch.particles.append(particle)
                batch.proposalIndices.append(proposalIndex)
                var seeder = Xoshiro256StarStar(seed: configuration.seed, run: UInt64(generation), stream: UInt64(proposalIndex) + 1)
                batch.seeds.append(seeder.next())
                proposalIndex += 1
            }
            let distances = try simulate(batch)
            guard distances.count == batch.particles.count else {
                throw ABCSMCError(
                    "the simulator returned \(distances.count) distances for \(batch.particles.count) particles",
                    hint: "return exactly one distance per particle, in order (NaN for a failed simulation)")
            }
            result.simulations += distances.count
            for (particle, distance) in zip(batch.particles, distances) where result.particles.count < n {
                if distance.isFinite && distance <= tolerance {
                    result.particles.append(particle)
                    result.distances.append(distance)
                }
            }
        }
        return result
    }
}

/// `log Σ exp(xᵢ)` without overflow.
func logSumExp(_ values: [Double]) -> Double {
    guard let largest = values.max(), largest > -.infinity else { return -.infinity }
    return largest + log(values.reduce(0) { $0 + exp($1 - largest) })
}

/// The perturbation kernel of one generation, fitted to the previous population.
struct Kernel: Sendable {
    /// Standard deviations per component (component-wise kernel).
    let sigmas: [Double]
    /// The lower Cholesky factor of the covariance (multivariate kernel), row-major.
    let cholesky: [[Double]]?

    init(particles: [[Double]], weights: [Double], kind: PerturbationKernel) {
        let d = particles.first?.count ?? 0
        var means = [Double](repeating: 0, count: d)
        for (p, w) in zip(particles, weights) { for k in 0..<d { means[k] += w * p[k] } }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for (p, w) in zip(particles, weights) {
            for j in 0..<d { for k in 0...j { covariance[j][k] += w * (p[j] - means[j]) * (p[k] - means[k]) } }
        }
        for j in 0..<d {
            for k in 0...j {
                covariance[j][k] *= 2
                covariance[k][j] = covariance[j][k]
            }
            // A collapsed component still needs a kernel that moves.
            covariance[j][j] = max(covariance[j][j], 1e-12 * max(1, means[j] * means[j]))
        }
        sigmas = (0..<d).map { covariance[$0][$0].squareRoot() }
        if kind == .multivariateNormal {
            var factor: [[Double]]?
            for attempt in 0..<6 where factor == nil {
                let jitter = attempt == 0 ? 0 : pow(10, Double(attempt - 10))
                var jittered = covariance
                for j in 0..<d { jittered[j][j] += jitter * covariance[j][j] }
                factor = Kernel.choleskyFactor(jittered)
            }
            cholesky = factor
        } else {
            cholesky = nil
        }
    }

    /// The lower-triangular L with L Lᵀ = a, or nil if a is not positive definite.
    static func choleskyFactor(_ a: [[Double]]) -> [[Double]]? {
        let d = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for j in 0..<d {
            var diagonal = a[j][j]
            for k in 0..<j { diagonal -= l[j][k] * l[j][k] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            l[j][j] = diagonal.squareRoot()
            for i in (j + 1)..<max(j + 1, d) {
                var sum = a[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                l[i][j] = sum / l[j][j]
            }
        }
        return l
    }

    func perturb<G: RandomNumberGenerator>(_ center: [Double], using generator: inout G) -> [Double] {
        let d = center.count
        let z = (0..<d).map { _ in generator.nextNormal() }
        if let l = cholesky {
            return (0..<d).map { i in
                var offset = 0.0
                for k in 0...i { offset += l[i][k] * z[k] }
                return center[i] + offset
            }
        }
        return (0..<d).map { center[$0] + sigmas[$0] * z[$0] }
    }

    /// The log kernel density of `x` around `center`, up to a constant shared by all pairs.
    func logDensity(_ x: [Double], around center: [Double]) -> Double {
        let d = x.count
        if let l = cholesky {
            // Solve L y = x − center by forward substitution; the density is exp(−|y|²/2).
            var y = [Double](repeating: 0, count: d)
            var squared = 0.0
            for i in 0..<d {
                var sum = x[i] - center[i]
                for k in 0..<i { sum -= l[i][k] * y[k] }
                y[i] = sum / l[i][i]
                squared += y[i] * y[i]
            }
            return -0.5 * squared
        }
        var squared = 0.0
        for k in 0..<d {
            let z = (x[k] - center[k]) / sigmas[k]
            squared += z * z
        }
        return -0.5 * squared
    }
}
