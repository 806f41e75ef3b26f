/// A round-robin tournament: every player meets every other player and itself, `repetitions`
/// times, as in axelrod's `Tournament`.
///
/// Match `r` of pair `k` (pairs (i, j) with i ≤ j in row order) draws from the generators of
/// match index `k × repetitions + r` under the tournament's seed, so results depend only on
/// (players, settings, repetitions, seed): the serial ``run()`` and the parallel
/// ``run(concurrency:)`` return identical results.
///
/// ```swift
/// let players = try ["tit_for_tat", "defector", "grudger"].map { try StrategyCatalog.make($0) }
/// let result = Tournament(players: players, settings: MatchSettings(turns: 200), repetitions: 5, seed: 1).run()
/// result.rankedNames.first   // "Grudger"
/// ```
public struct Tournament: Sendable {
    /// The entrants, in the order results list them.
    public var players: [AnyStrategy]
    /// How each match is played.
    public var settings: MatchSettings
    /// How many times the round robin is played.
    public var repetitions: Int
    /// The experiment seed.
    public var seed: UInt64

    /// A tournament.
    public init(players: [AnyStrategy], settings: MatchSettings = MatchSettings(), repetitions: Int = 10, seed: UInt64 = 0) {
        self.players = players
        self.settings = settings
        self.repetitions = repetitions
        self.seed = seed
    }

    /// Checks the entrants and settings.
    public func validate() throws(GamesError) {
        try settings.validate()
        if players.isEmpty { throw .invalidSetting("a tournament needs at least one player") }
        if repetitions < 1 { throw .invalidSetting("repetitions must be at least 1, got \(repetitions)") }
    }

    /// The (i, j) pairs with i ≤ j, in axelrod's order.
    public var pairs: [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for i in players.indices { for j in i..<players.count { pairs.append((i, j)) } }
        return pairs
    }

    /// Plays every match on the calling thread.
    public func run() -> TournamentResult {
        let pairs = self.pairs
        let outcomes = play(pairRange: 0..<pairs.count, pairs: pairs)
        return TournamentResult(tournament: self, pairs: pairs, outcomes: outcomes)
    }

    /// Plays the matches in `concurrency` child tasks (contiguous blocks of pairs) and merges them
    /// in pair order, so the result equals ``run()``'s bit for bit.
    public func run(concurrency: Int) async -> TournamentResult {
        let pairs = self.pairs
        let workers = Swift.max(1, Swift.min(concurrency, pairs.count))
        if workers == 1 { return run() }
        // More blocks than workers evens out pairs of unequal cost.
        let blockSize = Swift.max(1, pairs.count / (workers * 8))
        let blockCount = (pairs.count + blockSize - 1) / blockSize
        let outcomes = await withTaskGroup(of: (Int, [PairOutcome]).self) { group in
            var nextBlock = 0
            func addBlock(_ block: Int) {
                let range = (block * blockSize)..<Swift.min(pairs.count, (block + 1) * blockSize)
                group.addTask { (block, self.play(pairRange: range, pairs: pairs)) }
            }
            while nextBlock < Swift.min(workers, blockCount) {
                addBlock(nextBlock)
                nextBlock += 1
            }
            var blocks = [[PairOutcome]](repeating: [], count: blockCount)
            for await (block, result) in group {
                blocks[block] = result
                if nextBlock < blockCount {
                    addBlock(nextBlock)
                    nextBlock += 1
                }
            }
            return blocks.flatMap { $0 }
        }
        return TournamentResult(tournament: self, pairs: pairs, outcomes: outcomes)
    }

    /// Plays the pairs in `pairRange`, all repetitions each.
    func play(pairRange: Range<Int>, pairs: [(Int, Int)]) -> [PairOutcome] {
        var buffers = MatchBuffers()
        var outcomes: [PairOutcome] = []
        outcomes.reserveCapacity(pairRange.count)
        for k in pairRange {
            let (i, j) = pairs[k]
            var outcome = PairOutcome(first: i, second: j, repetitions: repetitions)
            for r in 0..<repetitions {
                var first = players[i]
                var second = players[j]
                let randomness = MatchRandomness(seed: seed, index: UInt64(k * repetitions + r))
                let tally = playMatch(&first, &second, settings: settings, randomness: randomness, buffers: &buffers)
                outcome.tallies.append(tally)
            }
            outcomes.append(outcome)
        }
        return outcomes
    }
}

/// All repetitions of one pairing.
public struct PairOutcome: Sendable, Equatable, Codable {
    /// Index of the first (row) player.
    public var first: Int
    /// Index of the second (column) player.
    public var second: Int
    /// One tally per repetition.
    public var tallies: [MatchTally]

    init(first: Int, second: Int, repetitions: Int) {
        self.first = first
        self.second = second
        tallies = []
        tallies.reserveCapacity(repetitions)
    }
}

/// Everything a tournament measured, with axelrod's `ResultSet` definitions.
///
/// Scores, wins and cooperation ratings leave self-play out (as axelrod does); the payoff matrix
/// and per-pair cooperation include it.
public struct TournamentResult: Sendable, Equatable, Codable {
    /// Players' names with parameters, in entry order.
    public var names: [String]
    /// Turns per match (or the cap with an end probability).
    public var turns: Int?
    /// End probability per round, if matches have random length.
    public var endProbability: Double?
    /// Implementation noise.
    public var noise: Double
    /// Perception noise.
    public var perceptionNoise: Double
    /// Repetitions of the round robin.
    public var repetitions: Int
    /// The seed.
    public var seed: UInt64
    /// The stage game.
    public var game: StageGame
    /// `scores[i][r]`: player i's total payoff against all other players in repetition r.
    public var scores: [[Double]]
    /// `normalisedScores[i][r]`: player i's mean payoff per turn over its opponents in repetition r.
    public var normalisedScores: [[Double]]
    /// `wins[i][r]`: matches player i won outright (higher total) in repetition r.
    public var wins: [[Int]]
    /// Player indices from best to worst median normalised score (ties keep entry order).
    public var ranking: [Int]
    /// `payoffMatrix[i][j]`: mean over repetitions of i's payoff per turn against j.
    public var payoffMatrix: [[Double]]
    /// `payoffStandardDeviations[i][j]`: population standard deviation of those per-turn payoffs.
    public var payoffStandardDeviations: [[Double]]
    /// `cooperation[i][j]`: i's cooperations against j, summed over repetitions.
    public var cooperation: [[Int]]
    /// `normalisedCooperation[i][j]`: i's share of cooperative moves against j.
    public var normalisedCooperation: [[Double]]
    /// Player i's cooperations over all its turns against others (axelrod's cooperating rating).
    public var cooperationRating: [Double]
    /// `matchLengths[r][i][j]`: turns of the (i, j) match in repetition r.
    public var matchLengths: [[[Int]]]

    /// Names from best to worst.
    public var rankedNames: [String] { ranking.map { names[$0] } }

    /// Median of each player's normalised scores over repetitions.
    public var medianNormalisedScores: [Double] { normalisedScores.map(Statistics.median) }

    /// Total wins of each player over all repetitions.
    public var totalWins: [Int] { wins.map { $0.reduce(0, +) } }

    /// Mean total score of each player per repetition.
    public var meanScores: [Double] { scores.map(Statistics.mean) }

    init(tournament: Tournament, pairs: [(Int, Int)], outcomes: [PairOutcome]) {
        let n = tournament.players.count
        let reps = tournament.repetitions
        let game = tournament.settings.game
        names = tournament.players.map { player in
            var copy = player
            copy.reset(payoffs: game.row)
            return copy.name
        }
        turns = tournament.settings.turns
        endProbability = tournament.settings.endProbability
        noise = tournament.settings.noise
        perceptionNoise = tournament.settings.perceptionNoise
        repetitions = reps
        seed = tournament.seed
        self.game = game

        var scores = [[Double]](repeating: [Double](repeating: 0, count: reps), count: n)
        var perTurnSums = [[Double]](repeating: [Double](repeating: 0, count: reps), count: n)
        var wins = [[Int]](repeating: [Int](repeating: 0, count: reps), count: n)
        var perTurn = [[[Double]]](repeating: [[Double]](repeating: [], count: n), count: n)
        var cooperation = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var selfCooperation = [Int](repeating: 0, count: n)
        var lengths = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: 0, count: n), count: n), count: reps)
        for outcome in outcomes {
            let (i, j) = (outcome.first, outcome.second)
            for (r, tally) in outcome.tallies.enumerated() {
                let a = tally.firstScore(in: game), b = tally.secondScore(in: game)
                let t = Double(tally.turns)
                let (perTurnA, perTurnB) = tally.turns == 0 ? (0, 0) : (a / t, b / t)
                lengths[r][i][j] = tally.turns
                lengths[r][j][i] = tally.turns
                if i == j {
                    perTurn[i][i].append((perTurnA + perTurnB) / 2)
                    selfCooperation[i] += tally.firstCooperations + tally.secondCooperations
                    continue
                }
                perTurn[i][j].append(perTurnA)
                perTurn[j][i].append(perTurnB)
                cooperation[i][j] += tally.firstCooperations
                cooperation[j][i] += tally.secondCooperations
                scores[i][r] += a
                scores[j][r] += b
                perTurnSums[i][r] += perTurnA
                perTurnSums[j][r] += perTurnB
                if a > b { wins[i][r] += 1 } else if b > a { wins[j][r] += 1 }
            }
        }
        // Self-play counts both copies; axelrod halves the sum (rounding down).
        for i in 0..<n { cooperation[i][i] = selfCooperation[i] / 2 }
        let opponents = Double(Swift.max(1, n - 1))
        self.scores = scores
        normalisedScores = perTurnSums.map { $0.map { $0 / opponents } }
        self.wins = wins
        payoffMatrix = perTurn.map { $0.map(Statistics.mean) }
        payoffStandardDeviations = perTurn.map { $0.map(Statistics.populationStandardDeviation) }
        self.cooperation = cooperation
        matchLengths = lengths
        var totalLengths = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for r in 0..<reps { for i in 0..<n { for j in 0..<n { totalLengths[i][j] += lengths[r][i][j] } } }
        var normalisedCooperation = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n where totalLengths[i][j] > 0 {
                normalisedCooperation[i][j] = Double(cooperation[i][j]) / Double(totalLengths[i][j])
            }
        }
        self.normalisedCooperation = normalisedCooperation
        cooperationRating = (0..<n).map { (i: Int) -> Double in
            var cooperations = 0, turns = 0
            for j in 0..<n where j != i {
                cooperations += cooperation[i][j]
                turns += totalLengths[i][j]
            }
            return Double(cooperations) / Double(Swift.max(1, turns))
        }
        let medians = normalisedScores.map(Statistics.median)
        ranking = (0..<n).sorted { (a: Int, b: Int) -> Bool in
            if medians[a] != medians[b] { return medians[a] > medians[b] }
            return a < b
        }
    }
}

/// The few exact statistics the games module needs (exact medians for axelrod's ranking).
enum Statistics {
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func populationStandardDeviation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)).squareRoot()
    }

    /// The middle value, or the mean of the two middle values (as numpy's `median`).
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Linear interpolation between order statistics (numpy's default method).
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
