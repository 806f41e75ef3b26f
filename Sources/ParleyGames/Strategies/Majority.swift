/// Cooperates while the opponent has cooperated at least as often as it has defected.
///
/// Origin: Gail Grisell's entry to Axelrod's second tournament (23rd) — Axelrod (1980b),
/// *J. Conflict Resolution* 24(3); "Soft Majority" in Mittal & Deb (2009). Mirrors axelrod 4.13.1
/// `GoByMajority` (soft, printed "Soft Go By Majority"); `memory` > 0 limits the count to the
/// opponent's last `memory` moves.
public struct GoByMajority: Strategy {
    public static let info = StrategyInfo(
        key: "soft_majority", aliases: ["go_by_majority", "soft_go_by_majority"], axelrodName: "Soft Go By Majority",
        parameters: [
            StrategyParameter("memory", default: 0, range: 0...1_000_000, isInteger: true,
                              summary: "how many of the opponent's last moves to count; 0 = all")
        ],
        isStochastic: false, rule: "Plays D if the opponent has more D than C (in the window), else C (so C first and on ties).",
        origin: "Grisell's entry in Axelrod (1980b), J. Conflict Resolution 24(3); Mittal & Deb (2009); axelrod GoByMajority")

    /// The window length; 0 counts the whole history.
    public var memory: Int

    /// Soft majority over the last `memory` moves (0 = all).
    public init(memory: Int = 0) { self.memory = memory }
    public init(parameters: ParameterValues) { self.init(memory: Int(parameters.value("memory"))) }

    public var name: String { memory > 0 ? "Soft Go By Majority: \(memory)" : "Soft Go By Majority" }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        majorityMove(opponent: opponent, memory: memory, onTie: .cooperate)
    }
}

/// Defects unless the opponent has cooperated strictly more often than it has defected — so it
/// defects first.
///
/// Origin: "Hard Majority" in Mittal & Deb (2009), "Optimal strategies of the iterated prisoner's
/// dilemma problem for multiple conflicting objectives", *IEEE Trans. Evol. Comp.* 13(3). Mirrors
/// axelrod 4.13.1 `HardGoByMajority` ("Hard Go By Majority").
public struct HardGoByMajority: Strategy {
    public static let info = StrategyInfo(
        key: "hard_majority", aliases: ["hard_go_by_majority"], axelrodName: "Hard Go By Majority",
        parameters: [
            StrategyParameter("memory", default: 0, range: 0...1_000_000, isInteger: true,
                              summary: "how many of the opponent's last moves to count; 0 = all")
        ],
        isStochastic: false, rule: "Plays C if the opponent has more C than D (in the window), else D (so D first and on ties).",
        origin: "Mittal & Deb (2009), IEEE Trans. Evol. Comp. 13(3); axelrod HardGoByMajority")

    /// The window length; 0 counts the whole history.
    public var memory: Int

    /// Hard majority over the last `memory` moves (0 = all).
    public init(memory: Int = 0) { self.memory = memory }
    public init(parameters: ParameterValues) { self.init(memory: Int(parameters.value("memory"))) }

    public var name: String { memory > 0 ? "Hard Go By Majority: \(memory)" : "Hard Go By Majority" }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        majorityMove(opponent: opponent, memory: memory, onTie: .defect)
    }
}

/// axelrod's `GoByMajority.strategy`: compare the opponent's defections and cooperations in the
/// window (`memory` 0 = the whole history).
func majorityMove(opponent: HistoryView, memory: Int, onTie: Move) -> Move {
    let window = memory > 0 ? Swift.min(memory, opponent.count) : opponent.count
    let defections = memory > 0 ? opponent.defections(inLast: window) : opponent.defections
    let cooperations = window - defections
    if defections > cooperations { return .defect }
    if defections == cooperations { return onTie }
    return .cooperate
}
