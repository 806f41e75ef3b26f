import ParleyNumerics

/// A strategy as a scenario policy: the value type the engine holds for an actor whose policy is
/// `builtin: <key>`, created by key and parameters and driven one round at a time.
///
/// The engine maps its own two actions to ``Move/cooperate`` and ``Move/defect``, keeps one
/// ``MoveHistory`` per side (reserve the run's length up front), and each step calls
/// ``move(ownHistory:opponentHistory:random:)`` with its own generator. A step performs no
/// allocation, no string or dictionary work and no existential dispatch: the strategy is an enum
/// payload switched on directly.
///
/// ```swift
/// var policy = try GamePlayer(key: "generous_tit_for_tat", parameters: ["p": 0.2])
/// var own = MoveHistory(capacity: 52), seen = MoveHistory(capacity: 52)
/// var random = Xoshiro256StarStar(seed: 42, run: 0, stream: 3)
/// policy.reset()
/// let move = policy.move(ownHistory: own, opponentHistory: seen, random: &random)
/// own.append(move)
/// ```
public struct GamePlayer: Sendable {
    /// The strategy and its state.
    public private(set) var strategy: AnyStrategy
    /// The payoffs this player faces (own move first); strategies such as GTFT and the
    /// zero-determinant ones derive their probabilities from them.
    public let payoffs: Payoffs

    /// A player for the strategy with key (alias or axelrod name) `key`.
    ///
    /// - Parameters:
    ///   - key: a catalogue key such as `tit_for_tat`; `parley strategies` lists them.
    ///   - parameters: values overriding the strategy's defaults, by parameter name.
    ///   - payoffs: the player's payoffs; the prisoner's dilemma (5, 3, 1, 0) by default.
    /// - Throws: ``GamesError/unknownStrategy(_:suggestion:)`` (with a did-you-mean),
    ///   ``GamesError/unknownParameter(strategy:parameter:known:)`` or
    ///   ``GamesError/invalidParameter(strategy:parameter:message:)``.
    public init(
        key: String, parameters: [String: Double] = [:],
        payoffs: Payoffs = StageGame.prisonersDilemma().row
    ) throws(GamesError) {
        strategy = try StrategyCatalog.make(key, parameters: parameters)
        self.payoffs = payoffs
        strategy.reset(payoffs: payoffs)
    }

    /// The catalogue key of the strategy.
    public var key: String { strategy.info.key }
    /// The strategy's name with its parameters.
    public var name: String { strategy.name }
    /// Whether the strategy draws from `random`.
    public var isStochastic: Bool { strategy.isStochastic }

    /// Forgets everything remembered from earlier rounds; call before each run.
    public mutating func reset() {
        strategy.reset(payoffs: payoffs)
    }

    /// The player's move for the next round.
    ///
    /// - Parameters:
    ///   - ownHistory: this player's moves so far, as carried out.
    ///   - opponentHistory: the other side's moves so far, as this player perceived them.
    ///   - random: the run's generator for this actor's decisions.
    public mutating func move<R: RandomNumberGenerator>(
        ownHistory: MoveHistory, opponentHistory: MoveHistory, random: inout R
    ) -> Move {
        strategy.move(own: ownHistory, opponent: opponentHistory, random: &random)
    }

    /// The player's move from views of the histories (for an engine that keeps its own move
    /// buffers): no allocation, no reference counting.
    public mutating func move(
        ownHistory: HistoryView, opponentHistory: HistoryView, random: inout Xoshiro256StarStar
    ) -> Move {
        strategy.move(own: ownHistory, opponent: opponentHistory, random: &random)
    }

    /// The player's move for the next round, drawing from the engine's generator type; compiled
    /// (specialized) inside this module, so a caller in another module pays no generic dispatch.
    public mutating func move(
        ownHistory: MoveHistory, opponentHistory: MoveHistory, random: inout Xoshiro256StarStar
    ) -> Move {
        strategy.move(own: ownHistory, opponent: opponentHistory, random: &random)
    }
}
