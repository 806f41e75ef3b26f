/// Cooperates until the opponent's first defection, then defects for ever (grim trigger).
///
/// Origin: James Friedman's entry to Axelrod's first tournament (7th) — Axelrod (1980), *J.
/// Conflict Resolution* 24(1); Friedman (1971), "A non-cooperative equilibrium for supergames",
/// *Rev. Econ. Studies* 38. Mirrors axelrod 4.13.1 `Grudger`.
public struct Grudger: Strategy {
    public static let info = StrategyInfo(
        key: "grudger", aliases: ["grim", "grim_trigger", "spiteful"], axelrodName: "Grudger",
        isStochastic: false, rule: "Plays C until the opponent has defected once, then D for ever.",
        origin: "Friedman (1971), Rev. Econ. Studies 38; Axelrod (1980), J. Conflict Resolution 24(1); axelrod Grudger")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        opponent.defections > 0 ? .defect : .cooperate
    }
}

/// Answers a defection with D, D, D, D, C, C and then forgives.
///
/// Origin: Li, Hingston & Kendall (2011), "Engineering design of strategies for winning iterated
/// prisoner's dilemma competitions", *IEEE TCIAIG* 3(4) (SGRIM). Mirrors axelrod 4.13.1
/// `SoftGrudger`: on seeing the opponent's D it plays D, then D, D, D, C, C regardless of the
/// opponent, then watches again.
public struct SoftGrudger: Strategy {
    public static let info = StrategyInfo(
        key: "soft_grudger", aliases: ["sgrim"], axelrodName: "Soft Grudger",
        isStochastic: false,
        rule: "Plays C; after an opponent's D plays D, D, D, D, C, C (whatever the opponent does), then C again until the next D.",
        origin: "Li, Hingston & Kendall (2011), IEEE TCIAIG 3(4); axelrod SoftGrudger")

    /// `true` while playing out a punishment.
    public private(set) var isGrudged = false
    /// Position in the punishment sequence.
    public private(set) var grudgeMemory = 0

    public init(parameters: ParameterValues) {}

    public mutating func reset(payoffs: Payoffs) {
        isGrudged = false
        grudgeMemory = 0
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        if isGrudged {
            // The rest of axelrod's [D, D, D, C, C] after the first D.
            let move: Move = grudgeMemory < 3 ? .defect : .cooperate
            grudgeMemory += 1
            if grudgeMemory == 5 {
                grudgeMemory = 0
                isGrudged = false
            }
            return move
        }
        if opponent.last == .defect {
            isGrudged = true
            return .defect
        }
        return .cooperate
    }
}

/// Cooperates unless the opponent has defected in more than 10% of the rounds so far.
///
/// Origin: Thomas Campbell's "Forgiver", an original axelrod strategy (distinct from the
/// "Forgiver" of Zagorsky et al. 2013). Mirrors axelrod 4.13.1 `Forgiver`.
public struct Forgiver: Strategy {
    public static let info = StrategyInfo(
        key: "forgiver", axelrodName: "Forgiver",
        isStochastic: false, rule: "Plays D if the opponent's defections exceed 10% of its moves, else C.",
        origin: "Original axelrod strategy by Thomas Campbell; axelrod Forgiver")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        Double(opponent.defections) > Double(opponent.count) / 10.0 ? .defect : .cooperate
    }
}
