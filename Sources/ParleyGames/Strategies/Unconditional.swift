/// Always cooperates.
///
/// Origin: Axelrod (1984), *The Evolution of Cooperation* ("ALL C"); Press & Dyson (2012) ALLC.
/// Mirrors axelrod 4.13.1 `Cooperator`.
public struct Cooperator: Strategy {
    public static let info = StrategyInfo(
        key: "cooperator", aliases: ["allc", "always_cooperate"], axelrodName: "Cooperator",
        isStochastic: false, rule: "Plays C every round.",
        origin: "Axelrod (1984), The Evolution of Cooperation; axelrod Cooperator")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        .cooperate
    }
}

/// Always defects.
///
/// Origin: Axelrod (1984), *The Evolution of Cooperation* ("ALL D"); Press & Dyson (2012) ALLD.
/// Mirrors axelrod 4.13.1 `Defector`.
public struct Defector: Strategy {
    public static let info = StrategyInfo(
        key: "defector", aliases: ["alld", "always_defect"], axelrodName: "Defector",
        isStochastic: false, rule: "Plays D every round.",
        origin: "Axelrod (1984), The Evolution of Cooperation; axelrod Defector")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        .defect
    }
}

/// Cooperates with probability `p` every round, whatever happened before.
///
/// Origin: the RANDOM entry of Axelrod (1980), "Effective choice in the prisoner's dilemma",
/// *J. Conflict Resolution* 24(1) (15th of 15). Mirrors axelrod 4.13.1 `Random(p)`, which draws
/// nothing when `p` is 0 or 1.
public struct Random: Strategy {
    public static let info = StrategyInfo(
        key: "random", aliases: ["lunatic"], axelrodName: "Random",
        parameters: [.probability("p", default: 0.5, summary: "probability of cooperating")],
        isStochastic: true, rule: "Plays C with probability p each round (first round included).",
        origin: "Axelrod (1980), J. Conflict Resolution 24(1), the RANDOM rule; axelrod Random")

    /// The probability of cooperating.
    public var p: Double

    /// Cooperates with probability `p`.
    public init(p: Double) { self.p = p }
    public init(parameters: ParameterValues) { self.init(p: parameters.value("p")) }

    public var name: String { "Random: \(pythonNumber(p))" }
    public var isStochastic: Bool { p > 0 && p < 1 }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        random.nextMove(cooperationProbability: p)
    }
}

/// Cooperates, then alternates: D after its own C, C after its own D.
///
/// Origin: Axelrod (1984); Mittal & Deb (2009) "periodic player CD". Mirrors axelrod 4.13.1
/// `Alternator`.
public struct Alternator: Strategy {
    public static let info = StrategyInfo(
        key: "alternator", axelrodName: "Alternator",
        isStochastic: false, rule: "Plays C first, then the opposite of its own last move.",
        origin: "Axelrod (1984), The Evolution of Cooperation; axelrod Alternator")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        guard let last = own.last else { return .cooperate }
        return last.flipped
    }
}
