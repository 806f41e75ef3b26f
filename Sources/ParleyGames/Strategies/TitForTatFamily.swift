/// Cooperates first, then copies the opponent's last move.
///
/// Origin: Anatol Rapoport's entry, winner of Axelrod's first tournament — Axelrod (1980),
/// "Effective choice in the prisoner's dilemma", *J. Conflict Resolution* 24(1). Mirrors axelrod
/// 4.13.1 `TitForTat`.
public struct TitForTat: Strategy {
    public static let info = StrategyInfo(
        key: "tit_for_tat", aliases: ["tft"], axelrodName: "Tit For Tat",
        isStochastic: false, rule: "Plays C first, then the opponent's last move.",
        origin: "Rapoport's rule in Axelrod (1980), J. Conflict Resolution 24(1); axelrod TitForTat")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        opponent.last ?? .cooperate
    }
}

/// Defects only after two consecutive defections by the opponent.
///
/// Origin: John Maynard Smith's entry to Axelrod's second tournament (24th) — Axelrod (1980b),
/// "More effective choice in the prisoner's dilemma", *J. Conflict Resolution* 24(3).
/// Mirrors axelrod 4.13.1 `TitFor2Tats`.
public struct TitFor2Tats: Strategy {
    public static let info = StrategyInfo(
        key: "tit_for_two_tats", aliases: ["tit_for_2_tats", "tf2t"], axelrodName: "Tit For 2 Tats",
        isStochastic: false, rule: "Plays D if the opponent's last two moves were both D, else C (so C first).",
        origin: "Maynard Smith's entry in Axelrod (1980b), J. Conflict Resolution 24(3); axelrod TitFor2Tats")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        let count = opponent.count
        return count >= 2 && opponent[count - 1] == .defect && opponent[count - 2] == .defect ? .defect : .cooperate
    }
}

/// Answers each defection with two defections.
///
/// Origin: Axelrod (1984), *The Evolution of Cooperation*. Mirrors axelrod 4.13.1 `TwoTitsForTat`.
public struct TwoTitsForTat: Strategy {
    public static let info = StrategyInfo(
        key: "two_tits_for_tat", aliases: ["ttft"], axelrodName: "Two Tits For Tat",
        isStochastic: false, rule: "Plays D if either of the opponent's last two moves was D, else C (so C first).",
        origin: "Axelrod (1984), The Evolution of Cooperation; axelrod TwoTitsForTat")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        opponent.containsDefection(inLast: 2) ? .defect : .cooperate
    }
}

/// Tit for tat that opens with a defection.
///
/// Origin: Beaufils, Delahaye & Mathieu (1997) "Mistrust"; Hilbe, Nowak & Sigmund (2013), *PNAS*
/// 110(17). Mirrors axelrod 4.13.1 `SuspiciousTitForTat`.
public struct SuspiciousTitForTat: Strategy {
    public static let info = StrategyInfo(
        key: "suspicious_tit_for_tat", aliases: ["stft", "mistrust"], axelrodName: "Suspicious Tit For Tat",
        isStochastic: false, rule: "Plays D first, then the opponent's last move.",
        origin: "Hilbe, Nowak & Sigmund (2013), PNAS 110(17); Beaufils et al. (1997) Mistrust; axelrod SuspiciousTitForTat")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        opponent.last ?? .defect
    }
}

/// Defects if the opponent defected in any of its last three moves.
///
/// Origin: "Hard Tit For Tat" of the PRISON project (Beaufils, Delahaye & Mathieu, 1998), as
/// collected in axelrod; mirrors axelrod 4.13.1 `HardTitForTat`.
public struct HardTitForTat: Strategy {
    public static let info = StrategyInfo(
        key: "hard_tit_for_tat", aliases: ["htft"], axelrodName: "Hard Tit For Tat",
        isStochastic: false, rule: "Plays C first; then D if any of the opponent's last three moves was D, else C.",
        origin: "PRISON project (Beaufils, Delahaye & Mathieu 1998) via axelrod HardTitForTat [PD2017]")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        opponent.containsDefection(inLast: 3) ? .defect : .cooperate
    }
}

/// Defects if the opponent defected twice in a row within its last three moves.
///
/// Origin: Stewart & Plotkin (2012), "Extortion and cooperation in the prisoner's dilemma",
/// *PNAS* 109(26). Mirrors axelrod 4.13.1 `HardTitFor2Tats`.
public struct HardTitFor2Tats: Strategy {
    public static let info = StrategyInfo(
        key: "hard_tit_for_two_tats", aliases: ["hard_tit_for_2_tats"], axelrodName: "Hard Tit For 2 Tats",
        isStochastic: false, rule: "Plays C first; then D if the opponent's last three moves contain two consecutive D, else C.",
        origin: "Stewart & Plotkin (2012), PNAS 109(26); axelrod HardTitFor2Tats")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        let count = opponent.count
        var index = Swift.max(1, count - 2)
        while index < count {
            if opponent[index] == .defect && opponent[index - 1] == .defect { return .defect }
            index += 1
        }
        return .cooperate
    }
}

/// Plays the opposite of the opponent's last move, cooperating first.
///
/// Origin: Hilbe, Nowak & Sigmund (2013), *PNAS* 110(17); Ashlock et al. (2009) "Psycho".
/// Mirrors axelrod 4.13.1 `AntiTitForTat`.
public struct AntiTitForTat: Strategy {
    public static let info = StrategyInfo(
        key: "anti_tit_for_tat", aliases: ["psycho"], axelrodName: "Anti Tit For Tat",
        isStochastic: false, rule: "Plays C first, then the opposite of the opponent's last move.",
        origin: "Hilbe, Nowak & Sigmund (2013), PNAS 110(17); axelrod AntiTitForTat")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        opponent.last?.flipped ?? .cooperate
    }
}

/// Plays the opposite of the opponent's last move, defecting first ("reverse tit for tat").
///
/// Origin: Nachbar (1992), "Evolution in the finitely repeated prisoner's dilemma",
/// *J. Economic Behavior & Organization* 19(3). Mirrors axelrod 4.13.1 `Bully`.
public struct Bully: Strategy {
    public static let info = StrategyInfo(
        key: "bully", aliases: ["reverse_tit_for_tat"], axelrodName: "Bully",
        isStochastic: false, rule: "Plays D first, then the opposite of the opponent's last move.",
        origin: "Nachbar (1992), J. Economic Behavior & Organization 19(3); axelrod Bully")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        opponent.last?.flipped ?? .defect
    }
}

/// Tit for tat that, when noise turned its own intended C into a D that the opponent had not
/// provoked, becomes *contrite*: it accepts the opponent's answer and cooperates until it has
/// cooperated successfully.
///
/// Origin: Wu & Axelrod (1995), "How to cope with noise in the iterated prisoner's dilemma",
/// *J. Conflict Resolution* 39(1); Sugden (1986) and Boyd (1989) standing. Mirrors axelrod 4.13.1
/// `ContriteTitForTat`, including its exact bookkeeping: it compares its *intended* last move
/// with the one played, becomes contrite when noise made it defect against a cooperator, and while
/// contrite plays C once its own last move was C.
public struct ContriteTitForTat: Strategy {
    public static let info = StrategyInfo(
        key: "contrite_tit_for_tat", aliases: ["ctft"], axelrodName: "Contrite Tit For Tat",
        isStochastic: false,
        rule: "Tit for tat; if noise flipped its own intended move to D against an opponent's C, it becomes contrite and plays C once its last move was C.",
        origin: "Wu & Axelrod (1995), J. Conflict Resolution 39(1); axelrod ContriteTitForTat")

    /// `true` while it owes the opponent an unanswered retaliation.
    public private(set) var isContrite = false
    /// The move it intended last round (before noise).
    public private(set) var lastIntended: Move? = nil

    public init(parameters: ParameterValues) {}

    public mutating func reset(payoffs: Payoffs) {
        isContrite = false
        lastIntended = nil
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        let move = decide(own: own, opponent: opponent)
        lastIntended = move
        return move
    }

    private mutating func decide(own: HistoryView, opponent: HistoryView) -> Move {
        guard let opponentLast = opponent.last, let ownLast = own.last else { return .cooperate }
        if isContrite && ownLast == .cooperate {
            isContrite = false
            return .cooperate
        }
        if lastIntended != ownLast && ownLast == .defect && opponentLast == .cooperate {
            isContrite = true
        }
        return opponentLast
    }
}

/// Cooperates unless the opponent has defected in more than 10% of the rounds, in which case it
/// copies the opponent's last move.
///
/// Origin: Thomas Campbell's "Forgiving Tit For Tat", an original axelrod strategy. Mirrors
/// axelrod 4.13.1 `ForgivingTitForTat`.
public struct ForgivingTitForTat: Strategy {
    public static let info = StrategyInfo(
        key: "forgiving_tit_for_tat", aliases: ["ftft"], axelrodName: "Forgiving Tit For Tat",
        isStochastic: false,
        rule: "Plays C while the opponent's defections are at most 10% of its moves; otherwise the opponent's last move.",
        origin: "Original axelrod strategy by Thomas Campbell; axelrod ForgivingTitForTat")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        if Double(opponent.defections) > Double(opponent.count) / 10.0, let last = opponent.last { return last }
        return .cooperate
    }
}
