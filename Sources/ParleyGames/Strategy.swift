import ParleyNumerics

/// A rule for playing a repeated 2×2 game, one round at a time.
///
/// A strategy is a value: its fields are its parameters and whatever it remembers between
/// rounds. The match calls ``reset(payoffs:)`` once before the first round, then ``move(own:opponent:random:)``
/// once per round with both histories as this player knows them. The histories hold the moves
/// actually played (after implementation noise); with perception noise the opponent's history
/// is what this player *saw*. A strategy draws randomness only from `random`, so a match is a
/// pure function of its seed.
///
/// Conforming types name their origin in ``info``; ``StrategyCatalog`` lists them all.
public protocol Strategy: Sendable {
    /// The catalogue entry: key, axelrod name, parameters, rule and origin.
    static var info: StrategyInfo { get }

    /// Creates the strategy from parameters already checked against ``info`` (defaults filled in).
    init(parameters: ParameterValues)

    /// The name with parameter values, as axelrod prints it (`"GTFT: 0.33"`).
    var name: String { get }

    /// `true` if this instance draws random numbers (e.g. `Random(p: 1)` does not).
    var isStochastic: Bool { get }

    /// Forgets everything learnt in a previous match and adapts to the payoffs this player faces.
    mutating func reset(payoffs: Payoffs)

    /// The move for the next round.
    ///
    /// - Parameters:
    ///   - own: this player's moves so far, as played (after implementation noise).
    ///   - opponent: the opponent's moves so far, as this player perceived them.
    ///   - random: this player's own generator; the only source of randomness.
    mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move
}

extension Strategy {
    /// The catalogue name, for strategies without parameters.
    public var name: String { Self.info.displayName }
    /// Whether the catalogue marks the strategy stochastic.
    public var isStochastic: Bool { Self.info.isStochastic }
    /// Stateless strategies have nothing to forget.
    public mutating func reset(payoffs: Payoffs) {}
    /// The strategy with its default parameters.
    public init() { self.init(parameters: ParameterValues(Self.info.parameters)) }

    /// The move for the next round, given owned histories (for tests and for callers that keep
    /// ``MoveHistory`` values); the views are taken for the duration of the call.
    public mutating func move<R: RandomNumberGenerator>(own: MoveHistory, opponent: MoveHistory, random: inout R) -> Move {
        own.withView { ownView in
            opponent.withView { opponentView in move(own: ownView, opponent: opponentView, random: &random) }
        }
    }
}

/// One tunable number of a strategy.
public struct StrategyParameter: Sendable, Equatable, Codable {
    /// The key used on the command line and in scenario files (`p`, `window`).
    public var name: String
    /// The value used when none is given; `nil` means "derived from the game" (GTFT's `p`).
    public var defaultValue: Double?
    /// The smallest allowed value.
    public var minimum: Double
    /// The largest allowed value.
    public var maximum: Double
    /// `true` if only whole numbers make sense.
    public var isInteger: Bool
    /// What the number means.
    public var summary: String

    /// Describes a parameter.
    public init(
        _ name: String, default defaultValue: Double?, range: ClosedRange<Double>, isInteger: Bool = false,
        summary: String
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.minimum = range.lowerBound
        self.maximum = range.upperBound
        self.isInteger = isInteger
        self.summary = summary
    }

    /// A probability in [0, 1].
    public static func probability(_ name: String, default value: Double?, summary: String) -> StrategyParameter {
        StrategyParameter(name, default: value, range: 0...1, summary: summary)
    }
}

/// A strategy's catalogue entry.
public struct StrategyInfo: Sendable, Equatable, Codable {
    /// The snake_case key (`tit_for_tat`).
    public var key: String
    /// Other keys accepted for it (`grim` for `grudger`).
    public var aliases: [String]
    /// The name in axelrod 4.13.1 (`"Tit For Tat"`), or `nil` for Parley's own strategies.
    public var axelrodName: String?
    /// The name shown in results: axelrod's where it exists.
    public var displayName: String
    /// Tunable numbers, with defaults.
    public var parameters: [StrategyParameter]
    /// Whether the strategy draws random numbers with its default parameters.
    public var isStochastic: Bool
    /// The rule in one or two sentences, including the first move.
    public var rule: String
    /// Where the rule comes from in the literature (and which axelrod class it mirrors).
    public var origin: String

    /// Describes a strategy.
    public init(
        key: String, aliases: [String] = [], axelrodName: String?, displayName: String? = nil,
        parameters: [StrategyParameter] = [], isStochastic: Bool, rule: String, origin: String
    ) {
        self.key = key
        self.aliases = aliases
        self.axelrodName = axelrodName
        self.displayName = displayName ?? axelrodName ?? key
        self.parameters = parameters
        self.isStochastic = isStochastic
        self.rule = rule
        self.origin = origin
    }
}

/// Parameter values with defaults filled in, as a strategy's initializer receives them.
public struct ParameterValues: Sendable, Equatable {
    /// The values by parameter name; a parameter whose default is "from the game" may be absent.
    public private(set) var values: [String: Double]

    /// The defaults of `parameters`.
    public init(_ parameters: [StrategyParameter]) {
        var values: [String: Double] = [:]
        for parameter in parameters {
            if let value = parameter.defaultValue { values[parameter.name] = value }
        }
        self.values = values
    }

    /// Values given explicitly (already validated by ``StrategyCatalog``).
    public init(values: [String: Double]) { self.values = values }

    /// The value of `name`, or `nil` when it is derived from the game.
    public subscript(name: String) -> Double? { values[name] }

    /// The value of `name`; the parameter must have a default.
    public func value(_ name: String) -> Double {
        guard let value = values[name] else { preconditionFailure("parameter \(name) has no value") }
        return value
    }
}

extension RandomNumberGenerator {
    /// C with probability `p`, else D, drawing exactly as axelrod's `random_choice` does:
    /// no draw at all when `p` is 0 or 1, otherwise one uniform `u` and C iff `u < p`.
    @inlinable
    public mutating func nextMove(cooperationProbability p: Double) -> Move {
        if p == 0 { return .defect }
        if p == 1 { return .cooperate }
        return nextUniform() < p ? .cooperate : .defect
    }

    /// `move`, flipped with probability `p` (axelrod's `random_flip`: no draw when `p` is 0 or 1).
    @inlinable
    public mutating func nextFlip(of move: Move, probability p: Double) -> Move {
        nextMove(cooperationProbability: p) == .cooperate ? move.flipped : move
    }
}

/// Formats a number as Python's `str(float)` would for the values strategies use (`0.5`, `1.0`).
func pythonNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) + ".0" : String(value)
}
