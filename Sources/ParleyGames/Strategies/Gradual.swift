/// Punishes the n-th defection with n defections, then calms down with two cooperations.
///
/// Origin: Beaufils, Delahaye & Mathieu (1997), "Our meeting with gradual", *Artificial Life V*;
/// this is the CRISTAL-SMAC (2018) reading that axelrod 4.13.1 calls `Gradual`: on seeing a D
/// (when neither punishing nor calming) it defects, owes `defections − 1` further D, then two C.
public struct Gradual: Strategy {
    public static let info = StrategyInfo(
        key: "gradual", axelrodName: "Gradual",
        isStochastic: false,
        rule: "Plays C first; after an opponent's D (when idle) plays D as many times as the opponent has defected in total, then C, C.",
        origin: "Beaufils, Delahaye & Mathieu (1997), Artificial Life V; CRISTAL-SMAC (2018) ipd; axelrod Gradual")

    /// Defections still to play.
    public private(set) var punishCount = 0
    /// Calming cooperations still to play.
    public private(set) var calmCount = 0

    public init(parameters: ParameterValues) {}

    public mutating func reset(payoffs: Payoffs) {
        punishCount = 0
        calmCount = 0
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        if own.count == 0 { return .cooperate }
        if punishCount > 0 {
            punishCount -= 1
            return .defect
        }
        if calmCount > 0 {
            calmCount -= 1
            return .cooperate
        }
        if opponent.last == .defect {
            punishCount = opponent.defections - 1
            calmCount = 2
            return .defect
        }
        return .cooperate
    }
}

/// Gradual as Beaufils et al. (1997) first described it: the punishment length grows by one with
/// each defection seen while idle, followed by two calming cooperations.
///
/// Origin: Beaufils, Delahaye & Mathieu (1997), *Artificial Life V*. Mirrors axelrod 4.13.1
/// `OriginalGradual` (see axelrod issue #1294 for why the two differ).
public struct OriginalGradual: Strategy {
    public static let info = StrategyInfo(
        key: "original_gradual", axelrodName: "Original Gradual",
        isStochastic: false,
        rule: "Plays C; after an opponent's D (when idle) punishes with as many D as punishments so far, then C, C.",
        origin: "Beaufils, Delahaye & Mathieu (1997), Artificial Life V; axelrod OriginalGradual")

    private var calming = false
    private var punishing = false
    private var punishmentCount = 0
    private var punishmentLimit = 0

    public init(parameters: ParameterValues) {}

    public mutating func reset(payoffs: Payoffs) {
        calming = false
        punishing = false
        punishmentCount = 0
        punishmentLimit = 0
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        if calming {
            calming = false
            return .cooperate
        }
        if punishing {
            if punishmentCount < punishmentLimit {
                punishmentCount += 1
                return .defect
            }
            calming = true
            punishing = false
            punishmentCount = 0
            return .cooperate
        }
        if opponent.last == .defect {
            punishing = true
            punishmentCount += 1
            punishmentLimit += 1
            return .defect
        }
        return .cooperate
    }
}
