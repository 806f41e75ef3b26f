import ParleyNumerics

/// A Moran process: a finite population in which, each generation, one individual is chosen to
/// reproduce with probability proportional to its fitness and its offspring replaces an individual
/// chosen uniformly at random (possibly the parent), until one type has taken over.
///
/// This is Moran (1958), "Random processes in genetics", *Proc. Cambridge Phil. Soc.* 54, as
/// axelrod's `MoranProcess` runs it in its default birth–death mode: with ``Fitness/payoff`` an
/// individual's fitness is the sum of its payoffs per turn in one match against every other
/// individual. ``Fitness/constant(_:)`` gives each type a fixed fitness, for which the fixation
/// probability of one mutant of relative fitness r among N is (1 − 1/r)/(1 − 1/r^N)
/// (``fixationProbability(relativeFitness:populationSize:)``), and 1/N under neutral drift.
///
/// ```swift
/// let process = MoranProcess(
///     types: [AnyStrategy(TitForTat()), AnyStrategy(Defector())], counts: [5, 5],
///     settings: MatchSettings(turns: 50))
/// let estimate = process.fixationProbabilities(runs: 200, seed: 1)   // [P(TFT fixes), P(ALLD fixes)]
/// ```
public struct MoranProcess: Sendable {
    /// How fitness is computed.
    public enum Fitness: Sendable, Equatable {
        /// Sum of per-turn match payoffs against every other individual (axelrod's default).
        case payoff
        /// A fixed fitness per type, in the order of ``MoranProcess/types``.
        case constant([Double])
    }

    /// The strategy of each type.
    public var types: [AnyStrategy]
    /// How many individuals of each type start.
    public var counts: [Int]
    /// How matches are played (for payoff fitness).
    public var settings: MatchSettings
    /// How fitness is computed.
    public var fitness: Fitness
    /// A run stops unfixed after this many generations.
    public var maximumGenerations: Int

    /// A Moran process.
    public init(
        types: [AnyStrategy], counts: [Int], settings: MatchSettings = MatchSettings(),
        fitness: Fitness = .payoff, maximumGenerations: Int = 100_000
    ) {
        self.types = types
        self.counts = counts
        self.settings = settings
        self.fitness = fitness
        self.maximumGenerations = maximumGenerations
    }

    /// The population size N.
    public var populationSize: Int { counts.reduce(0, +) }

    /// Checks the population and settings.
    public func validate() throws(GamesError) {
        try settings.validate()
        if types.count != counts.count || types.isEmpty {
            throw .invalidSetting("give one starting count per type (\(types.count) types, \(counts.count) counts)")
        }
        if counts.contains(where: { $0 < 0 }) || populationSize < 2 {
            throw .invalidSetting("the population needs at least 2 individuals and no negative counts")
        }
        if case .constant(let values) = fitness {
            if values.count != types.count { throw .invalidSetting("give one fitness per type") }
            if values.contains(where: { !($0 >= 0) || !$0.isFinite }) { throw .invalidSetting("fitness values must be finite and ≥ 0") }
        }
    }

    /// The closed-form probability that one mutant of relative fitness `r` takes over a population
    /// of `n` (Moran 1958): (1 − 1/r)/(1 − 1/r^n), and 1/n when r = 1.
    public static func fixationProbability(relativeFitness r: Double, populationSize n: Int) -> Double {
        if r == 1 { return 1 / Double(n) }
        var power = 1.0
        for _ in 0..<n { power /= r }
        return (1 - 1 / r) / (1 - power)
    }

    /// Runs the process once: run `run` of the experiment with seed `seed`.
    public func run(seed: UInt64, run: UInt64 = 0) -> MoranRun {
        var random = Xoshiro256StarStar(seed: seed, run: run, stream: 0)
        var seeder = Xoshiro256StarStar(seed: seed, run: run, stream: 1)
        let matchSeed = seeder.next()
        var matchIndex: UInt64 = 0
        var population: [Int] = []
        for (type, count) in counts.enumerated() { population += Array(repeating: type, count: count) }
        let n = population.count
        var typeCounts = counts
        var buffers = MatchBuffers()
        var cache: [Int: (Double, Double)] = [:]
        var scores = [Double](repeating: 0, count: n)
        var generations = 0

        func fixedType() -> Int? { typeCounts.firstIndex(of: n) }

        while fixedType() == nil && generations < maximumGenerations {
            switch fitness {
            case .constant(let values):
                for i in 0..<n { scores[i] = values[population[i]] }
            case .payoff:
                for i in 0..<n { scores[i] = 0 }
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        let (a, b) = (population[i], population[j])
                        let deterministic = settings.noise == 0 && settings.perceptionNoise == 0
                            && settings.endProbability == nil && !types[a].isStochastic && !types[b].isStochastic
                        let key = a * types.count + b
                        var perTurn: (Double, Double)
                        if deterministic, let cached = cache[key] {
                            perTurn = cached
                        } else {
                            var first = types[a], second = types[b]
                            let randomness = MatchRandomness(seed: matchSeed, index: matchIndex)
                            matchIndex &+= 1
                            let tally = playMatch(&first, &second, settings: settings, randomness: randomness, buffers: &buffers)
                            let t = Double(Swift.max(1, tally.turns))
                            perTurn = (tally.firstScore(in: settings.game) / t, tally.secondScore(in: settings.game) / t)
                            if deterministic { cache[key] = perTurn }
                        }
                        scores[i] += perTurn.0
                        scores[j] += perTurn.1
                    }
                }
            }
            let parent = Self.select(proportionalTo: scores, random: &random)
            let dead = Int(Double(n) * random.nextUniform())
            typeCounts[population[dead]] -= 1
            population[dead] = population[parent]
            typeCounts[population[parent]] += 1
            generations += 1
        }
        return MoranRun(fixedType: fixedType(), generations: generations, finalCounts: typeCounts)
    }

    /// Estimates each type's fixation probability from `runs` independent runs (runs that hit
    /// ``maximumGenerations`` count for no type).
    public func fixationProbabilities(runs: Int, seed: UInt64) -> [Double] {
        var fixations = [Int](repeating: 0, count: types.count)
        for run in 0..<runs {
            if let type = self.run(seed: seed, run: UInt64(run)).fixedType { fixations[type] += 1 }
        }
        return fixations.map { Double($0) / Double(Swift.max(1, runs)) }
    }

    /// Index chosen with probability proportional to its weight, as axelrod's
    /// `fitness_proportionate_selection` (cumulative sums, first ≥ u × total); uniform if all are 0.
    static func select<G: RandomNumberGenerator>(proportionalTo weights: [Double], random: inout G) -> Int {
        let total = weights.reduce(0, +)
        let u = random.nextUniform()
        if total <= 0 { return Int(Double(weights.count) * u) }
        let target = u * total
        var sum = 0.0
        for (index, weight) in weights.enumerated() {
            sum += weight
            if sum >= target { return index }
        }
        return weights.count - 1
    }
}

/// One run of a Moran process.
public struct MoranRun: Sendable, Equatable, Codable {
    /// The type that took over, or `nil` if the generation limit came first.
    public var fixedType: Int?
    /// Generations played.
    public var generations: Int
    /// Individuals of each type at the end.
    public var finalCounts: [Int]
}
