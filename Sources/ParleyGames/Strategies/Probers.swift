/// Opens D, C, C; if the opponent cooperated in rounds 2 and 3 it defects for ever, otherwise it
/// plays tit for tat.
///
/// Origin: Li, Hingston & Kendall (2011), *IEEE TCIAIG* 3(4). Mirrors axelrod 4.13.1 `Prober`.
public struct Prober: Strategy {
    public static let info = StrategyInfo(
        key: "prober", axelrodName: "Prober",
        isStochastic: false,
        rule: "Plays D, C, C; then D for ever if the opponent played C in rounds 2 and 3, else tit for tat.",
        origin: "Li, Hingston & Kendall (2011), IEEE TCIAIG 3(4); axelrod Prober")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        switch own.count {
        case 0: return .defect
        case 1, 2: return .cooperate
        default:
            if opponent[1] == .cooperate && opponent[2] == .cooperate { return .defect }
            return opponent.last ?? .cooperate
        }
    }
}

/// Opens D, C, C; if the opponent answered D then C in rounds 2 and 3 it cooperates for ever,
/// otherwise it plays tit for tat.
///
/// Origin: PRISON project (Beaufils, Delahaye & Mathieu, 1998). Mirrors axelrod 4.13.1 `Prober2`.
public struct Prober2: Strategy {
    public static let info = StrategyInfo(
        key: "prober_2", aliases: ["prober2"], axelrodName: "Prober 2",
        isStochastic: false,
        rule: "Plays D, C, C; then C for ever if the opponent played D then C in rounds 2 and 3, else tit for tat.",
        origin: "PRISON project (Beaufils, Delahaye & Mathieu 1998) [Prison1998]; axelrod Prober2")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        switch own.count {
        case 0: return .defect
        case 1, 2: return .cooperate
        default:
            if opponent[1] == .defect && opponent[2] == .cooperate { return .cooperate }
            return opponent.last ?? .cooperate
        }
    }
}

/// Opens D, C; if the opponent cooperated in round 2 it defects for ever, otherwise it plays tit
/// for tat.
///
/// Origin: PRISON project (Beaufils, Delahaye & Mathieu, 1998). Mirrors axelrod 4.13.1 `Prober3`.
public struct Prober3: Strategy {
    public static let info = StrategyInfo(
        key: "prober_3", aliases: ["prober3"], axelrodName: "Prober 3",
        isStochastic: false,
        rule: "Plays D, C; then D for ever if the opponent played C in round 2, else tit for tat.",
        origin: "PRISON project (Beaufils, Delahaye & Mathieu 1998) [Prison1998]; axelrod Prober3")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        switch own.count {
        case 0: return .defect
        case 1: return .cooperate
        default:
            if opponent[1] == .cooperate { return .defect }
            return opponent.last ?? .cooperate
        }
    }
}

/// Opens D, D, C, C; if the opponent cooperated in rounds 2 and 3 it defects for ever, otherwise
/// it plays tit for tat.
///
/// Origin: PRISON project (Beaufils, Delahaye & Mathieu, 1998). Mirrors axelrod 4.13.1 `HardProber`.
public struct HardProber: Strategy {
    public static let info = StrategyInfo(
        key: "hard_prober", axelrodName: "Hard Prober",
        isStochastic: false,
        rule: "Plays D, D, C, C; then D for ever if the opponent played C in rounds 2 and 3, else tit for tat.",
        origin: "PRISON project (Beaufils, Delahaye & Mathieu 1998) [Prison1998]; axelrod HardProber")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        switch own.count {
        case 0, 1: return .defect
        case 2, 3: return .cooperate
        default:
            if opponent[1] == .cooperate && opponent[2] == .cooperate { return .defect }
            return opponent.last ?? .cooperate
        }
    }
}

/// Defects first; if the opponent ever defects it apologises with a C and plays tit for tat for
/// the rest of the match; otherwise it cooperates in rounds 2 and 3 and then alternates D and C.
///
/// Origin: David Gladstein's TESTER, 46th in Axelrod's second tournament — Axelrod (1980b),
/// *J. Conflict Resolution* 24(3). Mirrors axelrod 4.13.1 `SecondByTester` ("Second by Tester").
public struct Tester: Strategy {
    public static let info = StrategyInfo(
        key: "tester", aliases: ["second_by_tester"], axelrodName: "Second by Tester",
        isStochastic: false,
        rule: "Plays D first; after the opponent's first D plays C and then tit for tat; until then C in rounds 2–3 and then alternates.",
        origin: "Gladstein's TESTER in Axelrod (1980b), J. Conflict Resolution 24(3); axelrod SecondByTester")

    /// `true` once the opponent has defected and it plays tit for tat.
    public private(set) var isTitForTat = false

    public init(parameters: ParameterValues) {}

    public mutating func reset(payoffs: Payoffs) { isTitForTat = false }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        guard let opponentLast = opponent.last, let ownLast = own.last else { return .defect }
        if isTitForTat { return opponentLast }
        if opponentLast == .defect {
            isTitForTat = true
            return .cooperate
        }
        if own.count == 1 || own.count == 2 { return .cooperate }
        return ownLast.flipped
    }
}
