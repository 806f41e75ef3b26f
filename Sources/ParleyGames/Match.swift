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

/// Reusable move buffers for a match, so that playing many matches allocates once.
public struct MatchBuffers: Sendable {
    /// The first player's moves as played.
    public var first = MoveHistory()
    /// The second player's moves as played.
    public var second = MoveHistory()
    /// The second player's moves as the first player saw them (perception noise only).
    public var firstView = MoveHistory()
    /// The first player's moves as the second player saw them (perception noise only).
    public var secondView = MoveHistory()

    /// Empty buffers.
    public init() {}

    @usableFromInline
    mutating func prepare(capacity: Int, perceiving: Bool) {
        first.removeAll()
        second.removeAll()
        firstView.removeAll()
        secondView.removeAll()
        first.moves.reserveCapacity(capacity)
        second.moves.reserveCapacity(capacity)
        if perceiving {
            firstView.moves.reserveCapacity(capacity)
            secondView.moves.reserveCapacity(capacity)
        }
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
    randomness: inout MatchRandomness, buffers: inout MatchBuffers
) -> MatchTally {
    let turns = settings.sampleLength(random: &randomness.match)
    first.reset(payoffs: settings.game.row)
    second.reset(payoffs: settings.game.column)
    let perceiving = settings.perceptionNoise > 0
    buffers.prepare(capacity: turns, perceiving: perceiving)
    let noise = settings.noise
    var cc = 0, cd = 0, dc = 0, dd = 0
    if !perceiving {
        for _ in 0..<turns {
            var a = first.move(own: buffers.first, opponent: buffers.second, random: &randomness.first)
            var b = second.move(own: buffers.second, opponent: buffers.first, random: &randomness.second)
            if noise > 0 {
                a = randomness.match.nextFlip(of: a, probability: noise)
                b = randomness.match.nextFlip(of: b, probability: noise)
            }
            buffers.first.append(a)
            buffers.second.append(b)
            switch (a, b) {
            case (.cooperate, .cooperate): cc &+= 1
            case (.cooperate, .defect): cd &+= 1
            case (.defect, .cooperate): dc &+= 1
            case (.defect, .defect): dd &+= 1
            }
        }
    } else {
        let misread = settings.perceptionNoise
        for _ in 0..<turns {
            var a = first.move(own: buffers.first, opponent: buffers.firstView, random: &randomness.first)
            var b = second.move(own: buffers.second, opponent: buffers.secondView, random: &randomness.second)
            if noise > 0 {
                a = randomness.match.nextFlip(of: a, probability: noise)
                b = randomness.match.nextFlip(of: b, probability: noise)
            }
            buffers.first.append(a)
            buffers.second.append(b)
            buffers.firstView.append(randomness.match.nextFlip(of: b, probability: misread))
            buffers.secondView.append(randomness.match.nextFlip(of: a, probability: misread))
            switch (a, b) {
            case (.cooperate, .cooperate): cc &+= 1
            case (.cooperate, .defect): cd &+= 1
            case (.defect, .cooperate): dc &+= 1
            case (.defect, .defect): dd &+= 1
            }
        }
    }
    var tally = MatchTally()
    tally.turns = turns
    tally.outcomes = [cc, cd, dc, dd]
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
        var randomness = MatchRandomness(seed: seed, index: index)
        var buffers = MatchBuffers()
        let tally = playMatch(&first, &second, settings: settings, randomness: &randomness, buffers: &buffers)
        return MatchResult(
            firstName: first.name, secondName: second.name, tally: tally,
            firstScore: tally.firstScore(in: settings.game), secondScore: tally.secondScore(in: settings.game),
            firstMoves: buffers.first.letters, secondMoves: buffers.second.letters)
    }
}
