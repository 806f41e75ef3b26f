#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ParleyNumerics

/// How a match is played: the stage game, its length, and the two noise knobs.
///
/// ```swift
/// var settings = MatchSettings(turns: 200)
/// settings.noise = 0.05            // implementation: a chosen move flips
/// settings.perceptionNoise = 0.02  // perception: a player misreads the other's move
/// ```
public struct MatchSettings: Sendable, Equatable, Codable {
    /// The 2×2 stage game.
    public var game: StageGame
    /// The number of rounds; with ``endProbability`` set, the cap on the sampled length
    /// (`nil` = no cap).
    public var turns: Int?
    /// The probability that the match ends after each round (`nil` = fixed length). The length is
    /// drawn once at the start, by inversion as axelrod's `sample_length` does:
    /// `ceil(log(1 − u) / log(1 − p))`.
    public var endProbability: Double?
    /// Implementation noise: the probability that each chosen move is flipped before it is
    /// played (axelrod's `noise`). Both players see the flipped move.
    public var noise: Double
    /// Perception noise: the probability that a player records the other's move wrongly. Each
    /// player misreads independently and remembers what it saw; scores use the true moves.
    public var perceptionNoise: Double

    /// Match settings; the defaults are axelrod's (200 turns of the (5, 3, 1, 0) prisoner's dilemma, no noise).
    public init(
        game: StageGame = .prisonersDilemma(), turns: Int? = 200, endProbability: Double? = nil,
        noise: Double = 0, perceptionNoise: Double = 0
    ) {
        self.game = game
        self.turns = turns
        self.endProbability = endProbability
        self.noise = noise
        self.perceptionNoise = perceptionNoise
    }

    /// Checks the settings, saying what to change.
    public func validate() throws(GamesError) {
        if let turns, turns < 0 { throw .invalidSetting("turns must be at least 0, got \(turns)") }
        if let endProbability, !(0...1).contains(endProbability) {
            throw .invalidSetting("the end probability must lie in [0, 1], got \(endProbability)")
        }
        if turns == nil && (endProbability ?? 0) == 0 {
            throw .invalidSetting("a match needs a number of turns or a positive end probability")
        }
        if !(0...1).contains(noise) { throw .invalidSetting("noise must lie in [0, 1], got \(noise)") }
        if !(0...1).contains(perceptionNoise) {
            throw .invalidSetting("perception noise must lie in [0, 1], got \(perceptionNoise)")
        }
    }

    /// The length of one match: fixed, or drawn from the match's generator.
    @inlinable
    public func sampleLength<G: RandomNumberGenerator>(random: inout G) -> Int {
        guard let p = endProbability else { return turns ?? 0 }
        let cap = turns ?? Int.max
        if p == 0 { return cap }
        if p == 1 { return Swift.min(1, cap) }
        let u = random.nextUniform()
        let length = (log(1 - u) / log(1 - p)).rounded(.up)
        return length >= Double(cap) ? cap : Swift.max(Int(length), 0)
    }
}

/// A problem with a games request, with a message a person can act on.
public enum GamesError: Error, Equatable, CustomStringConvertible {
    /// No strategy has this key or name; `suggestion` is the closest known key.
    case unknownStrategy(String, suggestion: String?)
    /// The strategy has no parameter of that name.
    case unknownParameter(strategy: String, parameter: String, known: [String])
    /// A parameter value is out of range or not a whole number.
    case invalidParameter(strategy: String, parameter: String, message: String)
    /// A strategy specification could not be read (`random(p=0.3)` is the form).
    case malformedSpecification(String, message: String)
    /// A match, tournament or Moran setting is out of range.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .unknownStrategy(let name, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "unknown strategy '\(name)'.\(hint) Run `parley strategies` for the list."
        case .unknownParameter(let strategy, let parameter, let known):
            let list = known.isEmpty ? "it takes no parameters" : "it takes " + known.joined(separator: ", ")
            return "strategy '\(strategy)' has no parameter '\(parameter)': \(list)."
        case .invalidParameter(let strategy, let parameter, let message):
            return "parameter '\(parameter)' of '\(strategy)': \(message)."
        case .malformedSpecification(let text, let message):
            return "cannot read strategy '\(text)': \(message). Write it as key or key(name=value, …), e.g. random(p=0.3)."
        case .invalidSetting(let message):
            return message + "."
        }
    }
}

/// The tallies of one match, in the first player's order of (own, other) outcomes.
public struct MatchTally: Sendable, Equatable, Codable {
    /// Rounds played.
    public var turns: Int = 0
    /// Rounds that ended (C, C), (C, D), (D, C), (D, D) from the first player's side.
    public var outcomes: [Int] = [0, 0, 0, 0]

    /// An empty tally.
    public init() {}

    /// The first player's cooperations.
    public var firstCooperations: Int { outcomes[0] + outcomes[1] }
    /// The second player's cooperations.
    public var secondCooperations: Int { outcomes[0] + outcomes[2] }

    /// Total payoff of the first player.
    public func firstScore(in game: StageGame) -> Double {
        let p = game.row
        return Double(outcomes[0]) * p.reward + Double(outcomes[1]) * p.sucker
            + Double(outcomes[2]) * p.temptation + Double(outcomes[3]) * p.punishment
    }

    /// Total payoff of the second player.
    public func secondScore(in game: StageGame) -> Double {
        let p = game.column
        return Double(outcomes[0]) * p.reward + Double(outcomes[1]) * p.temptation
            + Double(outcomes[2]) * p.sucker + Double(outcomes[3]) * p.punishment
    }
}

/// Reusable move storage for matches, so that playing many matches allocates only when a match
/// is longer than any before it. The last match's moves stay readable until the next one starts.
public struct MatchBuffers {
    @usableFromInline let storage = MoveStorage()

    /// Empty buffers.
    public init() {}

    /// The first player's moves in the last match.
    public var first: MoveHistory { storage.history(storage.first) }
    /// The second player's moves in the last match.
    public var second: MoveHistory { storage.history(storage.second) }
}

/// Raw move storage behind ``MatchBuffers``: four arrays (both players' moves and, with perception
/// noise, what each saw of the other) written by index in the inner loop — no reference counting
/// or uniqueness checks per round. A class because it owns manually allocated memory.
@usableFromInline
final class MoveStorage {
    @usableFromInline var capacity = 0
    @usableFromInline var count = 0
    @usableFromInline var first = UnsafeMutablePointer<Move>.allocate(capacity: 1)
    @usableFromInline var second = UnsafeMutablePointer<Move>.allocate(capacity: 1)
    @usableFromInline var firstView = UnsafeMutablePointer<Move>.allocate(capacity: 1)
    @usableFromInline var secondView = UnsafeMutablePointer<Move>.allocate(capacity: 1)

    @usableFromInline init() {}

    @usableFromInline
    func reserve(_ needed: Int) {
        count = 0
        guard needed > capacity else { return }
        let size = Swift.max(needed, capacity * 2)
        for pointer in [first, second, firstView, secondView] { pointer.deallocate() }
        first = .allocate(capacity: size)
        second = .allocate(capacity: size)
        firstView = .allocate(capacity: size)
        secondView = .allocate(capacity: size)
        capacity = size
    }

    func history(_ pointer: UnsafeMutablePointer<Move>) -> MoveHistory {
        MoveHistory(UnsafeBufferPointer(start: pointer, count: count))
    }

    deinit {
        for pointer in [first, second, firstView, secondView] { pointer.deallocate() }
    }
}

/// The three generators of one match, all derived from (seed, match index): stream 0 draws the
/// length and the noise, streams 1 and 2 belong to the two players. A match therefore depends only
/// on its seed and index, never on which thread plays it or what was played before.
public struct MatchRandomness: Sendable {
    /// Length and noise draws.
    public var match: Xoshiro256StarStar
    /// The first player's draws.
    public var first: Xoshiro256StarStar
    /// The second player's draws.
    public var second: Xoshiro256StarStar

    /// The generators of match `index` under `seed`.
    @inlinable
    public init(seed: UInt64, index: UInt64) {
        match = Xoshiro256StarStar(seed: seed, run: index, stream: 0)
        first = Xoshiro256StarStar(seed: seed, run: index, stream: 1)
        second = Xoshiro256StarStar(seed: seed, run: index, stream: 2)
    }
}

/// Plays one match between two strategies (any concrete types, specialized by the compiler).
///
/// Both strategies are reset for the game first. Each round both choose a move from their own
/// histories; implementation noise then flips each chosen move (first player's draw first, as in
/// axelrod's `simultaneous_play`), and with perception noise each player records a possibly
/// misread copy of the other's move. No allocation happens inside the loop once `buffers` hold
/// enough capacity.
@inlinable
public func playMatch<A: Strategy, B: Strategy>(
    _ first: inout A, _ second: inout B, settings: MatchSettings,
    randomness: MatchRandomness, buffers: inout MatchBuffers
) -> MatchTally {
    // Locals rather than fields: the generators and counters stay in registers.
    var matchRandom = randomness.match, firstRandom = randomness.first, secondRandom = randomness.second
    let turns = settings.sampleLength(random: &matchRandom)
    first.reset(payoffs: settings.game.row)
    second.reset(payoffs: settings.game.column)
    let storage = buffers.storage
    storage.reserve(turns)
    let firstMoves = storage.first, secondMoves = storage.second
    let noise = settings.noise
    let misread = settings.perceptionNoise
    // Branch-free tallies (random moves would defeat a branch predictor): the four outcome
    // counts follow from each side's defections and the mutual ones.
    var firstDefections = 0, secondDefections = 0, mutualDefections = 0
    if misread == 0 && noise == 0 {
        for turn in 0..<turns {
            let firstHistory = HistoryView(base: firstMoves, count: turn, defections: firstDefections)
            let secondHistory = HistoryView(base: secondMoves, count: turn, defections: secondDefections)
            let a = first.move(own: firstHistory, opponent: secondHistory, random: &firstRandom)
            let b = second.move(own: secondHistory, opponent: firstHistory, random: &secondRandom)
            firstMoves[turn] = a
            secondMoves[turn] = b
            firstDefections &+= Int(a.rawValue)
            secondDefections &+= Int(b.rawValue)
            mutualDefections &+= Int(a.rawValue & b.rawValue)
        }
    } else if misread == 0 {
        for turn in 0..<turns {
            let firstHistory = HistoryView(base: firstMoves, count: turn, defections: firstDefections)
            let secondHistory = HistoryView(base: secondMoves, count: turn, defections: secondDefections)
            var a = first.move(own: firstHistory, opponent: secondHistory, random: &firstRandom)
            var b = second.move(own: secondHistory, opponent: firstHistory, random: &secondRandom)
            a = matchRandom.nextFlip(of: a, probability: noise)
            b = matchRandom.nextFlip(of: b, probability: noise)
            firstMoves[turn] = a
            secondMoves[turn] = b
            firstDefections &+= Int(a.rawValue)
            secondDefections &+= Int(b.rawValue)
            mutualDefections &+= Int(a.rawValue & b.rawValue)
        }
    } else {
        let firstSeen = storage.firstView, secondSeen = storage.secondView
        var firstSeenDefections = 0, secondSeenDefections = 0
        for turn in 0..<turns {
            let firstHistory = HistoryView(base: firstMoves, count: turn, defections: firstDefections)
            let secondHistory = HistoryView(base: secondMoves, count: turn, defections: secondDefections)
            let firstView = HistoryView(base: firstSeen, count: turn, defections: firstSeenDefections)
            let secondView = HistoryView(base: secondSeen, count: turn, defections: secondSeenDefections)
            var a = first.move(own: firstHistory, opponent: firstView, random: &firstRandom)
            var b = second.move(own: secondHistory, opponent: secondView, random: &secondRandom)
            if noise > 0 {
                a = matchRandom.nextFlip(of: a, probability: noise)
                b = matchRandom.nextFlip(of: b, probability: noise)
            }
            firstMoves[turn] = a
            secondMoves[turn] = b
            firstDefections &+= Int(a.rawValue)
            secondDefections &+= Int(b.rawValue)
            mutualDefections &+= Int(a.rawValue & b.rawValue)
            let seenByFirst = matchRandom.nextFlip(of: b, probability: misread)
            let seenBySecond = matchRandom.nextFlip(of: a, probability: misread)
            firstSeen[turn] = seenByFirst
            secondSeen[turn] = seenBySecond
            firstSeenDefections &+= Int(seenByFirst.rawValue)
            secondSeenDefections &+= Int(seenBySecond.rawValue)
        }
    }
    storage.count = turns
    var tally = MatchTally()
    tally.turns = turns
    let dd = mutualDefections
    tally.outcomes = [turns - firstDefections - secondDefections + dd, secondDefections - dd, firstDefections - dd, dd]
    return tally
}

/// The result of one match, with both players' moves.
public struct MatchResult: Sendable, Equatable, Codable {
    /// The first player's name (with parameters).
    public var firstName: String
    /// The second player's name.
    public var secondName: String
    /// Outcome counts and length.
    public var tally: MatchTally
    /// The first player's total payoff.
    public var firstScore: Double
    /// The second player's total payoff.
    public var secondScore: Double
    /// The first player's moves as played, e.g. `"CCDC"`.
    public var firstMoves: String
    /// The second player's moves as played.
    public var secondMoves: String

    /// Rounds played.
    public var turns: Int { tally.turns }
    /// Payoff per round of each player (0 for an empty match).
    public var scoresPerTurn: (first: Double, second: Double) {
        tally.turns == 0 ? (0, 0) : (firstScore / Double(tally.turns), secondScore / Double(tally.turns))
    }
    /// Share of rounds in which each player cooperated.
    public var cooperationRates: (first: Double, second: Double) {
        tally.turns == 0
            ? (0, 0) : (Double(tally.firstCooperations) / Double(tally.turns), Double(tally.secondCooperations) / Double(tally.turns))
    }
    /// 0 if the first player scored more, 1 if the second did, `nil` on a tie.
    public var winner: Int? {
        firstScore == secondScore ? nil : (firstScore > secondScore ? 0 : 1)
    }
}

/// A match between two library strategies.
///
/// ```swift
/// let match = Match(TitForTat(), Defector(), settings: MatchSettings(turns: 10))
/// let result = match.play(seed: 1)
/// result.firstScore   // 9: S once, then P nine times
/// ```
public struct Match: Sendable {
    /// The first (row) player.
    public var first: AnyStrategy
    /// The second (column) player.
    public var second: AnyStrategy
    /// How the match is played.
    public var settings: MatchSettings

    /// A match between two strategies.
    public init<A: Strategy, B: Strategy>(_ first: A, _ second: B, settings: MatchSettings = MatchSettings()) {
        self.first = AnyStrategy(first)
        self.second = AnyStrategy(second)
        self.settings = settings
    }

    /// Plays the match; the result depends only on the strategies, the settings, `seed` and `index`.
    public func play(seed: UInt64, index: UInt64 = 0) -> MatchResult {
        var first = self.first
        var second = self.second
        let randomness = MatchRandomness(seed: seed, index: index)
        var buffers = MatchBuffers()
        let tally = playMatch(&first, &second, settings: settings, randomness: randomness, buffers: &buffers)
        return MatchResult(
            firstName: first.name, secondName: second.name, tally: tally,
            firstScore: tally.firstScore(in: settings.game), secondScore: tally.secondScore(in: settings.game),
            firstMoves: buffers.first.letters, secondMoves: buffers.second.letters)
    }
}
