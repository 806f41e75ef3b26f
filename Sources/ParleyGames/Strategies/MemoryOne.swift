/// The probabilities of cooperating after each outcome of the previous round, written
/// (P(C | CC), P(C | CD), P(C | DC), P(C | DD)) with the player's own move first — the
/// convention of Nowak & Sigmund and of axelrod's `MemoryOnePlayer`.
public struct FourVector: Sendable, Equatable, Hashable, Codable {
    /// P(C) after both cooperated.
    public var afterCC: Double
    /// P(C) after it cooperated and the opponent defected.
    public var afterCD: Double
    /// P(C) after it defected and the opponent cooperated.
    public var afterDC: Double
    /// P(C) after both defected.
    public var afterDD: Double

    /// A four-vector; each value is clamped to [0, 1].
    public init(_ afterCC: Double, _ afterCD: Double, _ afterDC: Double, _ afterDD: Double) {
        func clamp(_ value: Double) -> Double { Swift.min(1, Swift.max(0, value)) }
        self.afterCC = clamp(afterCC)
        self.afterCD = clamp(afterCD)
        self.afterDC = clamp(afterDC)
        self.afterDD = clamp(afterDD)
    }

    /// The probability of cooperating after `own` against `other`.
    @inlinable
    public func probability(own: Move, other: Move) -> Double {
        switch (own, other) {
        case (.cooperate, .cooperate): return afterCC
        case (.cooperate, .defect): return afterCD
        case (.defect, .cooperate): return afterDC
        case (.defect, .defect): return afterDD
        }
    }

    /// `true` if some probability lies strictly between 0 and 1.
    public var isStochastic: Bool {
        [afterCC, afterCD, afterDC, afterDD].contains { $0 > 0 && $0 < 1 }
    }

    /// The next move of a memory-one player: `initial` in the first round, then a draw from the
    /// vector exactly as axelrod's `MemoryOnePlayer.strategy` draws (none for 0 or 1).
    @inlinable
    public func move<R: RandomNumberGenerator>(
        initial: Move, own: HistoryView, opponent: HistoryView, random: inout R
    ) -> Move {
        guard let ownLast = own.last, let opponentLast = opponent.last else { return initial }
        return random.nextMove(cooperationProbability: probability(own: ownLast, other: opponentLast))
    }

    /// The vector as axelrod prints it: `(1, 0, 0, 1)`.
    var text: String {
        "(" + [afterCC, afterCD, afterDC, afterDD].map(pythonNumber).joined(separator: ", ") + ")"
    }
}

/// Any memory-one strategy, given by its four-vector and first move.
///
/// Origin: Nowak & Sigmund (1990), "The evolution of stochastic strategies in the prisoner's
/// dilemma", *Acta Applicandae Mathematicae* 20. Mirrors axelrod 4.13.1 `MemoryOnePlayer`
/// (default (1, 0, 0, 1), i.e. win-stay lose-shift, first move C).
public struct MemoryOnePlayer: Strategy {
    public static let info = StrategyInfo(
        key: "memory_one", aliases: ["memory_one_player"], axelrodName: "Generic Memory One Player",
        parameters: [
            .probability("p_cc", default: 1, summary: "P(C) after CC (own move first)"),
            .probability("p_cd", default: 0, summary: "P(C) after CD"),
            .probability("p_dc", default: 0, summary: "P(C) after DC"),
            .probability("p_dd", default: 1, summary: "P(C) after DD"),
            StrategyParameter("initial", default: 1, range: 0...1, isInteger: true, summary: "first move: 1 = C, 0 = D"),
        ],
        isStochastic: false,
        rule: "Plays `initial` first, then C with the probability the four-vector gives for the last round's outcome.",
        origin: "Nowak & Sigmund (1990), Acta Applicandae Mathematicae 20; axelrod MemoryOnePlayer")

    /// The response probabilities.
    public var vector: FourVector
    /// The first move.
    public var initial: Move

    /// A memory-one player.
    public init(vector: FourVector, initial: Move = .cooperate) {
        self.vector = vector
        self.initial = initial
    }

    public init(parameters: ParameterValues) {
        self.init(
            vector: FourVector(parameters.value("p_cc"), parameters.value("p_cd"), parameters.value("p_dc"), parameters.value("p_dd")),
            initial: parameters.value("initial") >= 0.5 ? .cooperate : .defect)
    }

    public var name: String { "Generic Memory One Player: \(vector.text), \(initial)" }
    public var isStochastic: Bool { vector.isStochastic }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        vector.move(initial: initial, own: own, opponent: opponent, random: &random)
    }
}

/// Win-stay, lose-shift (Pavlov): repeats its move after R or T, switches after S or P.
///
/// Origin: Nowak & Sigmund (1993), "A strategy of win-stay, lose-shift that outperforms
/// tit-for-tat", *Nature* 364; Kraines & Kraines (1989) "Pavlov". Mirrors axelrod 4.13.1
/// `WinStayLoseShift` (four-vector (1, 0, 0, 1), first move C).
public struct WinStayLoseShift: Strategy {
    public static let info = StrategyInfo(
        key: "win_stay_lose_shift", aliases: ["wsls", "pavlov"], axelrodName: "Win-Stay Lose-Shift",
        isStochastic: false, rule: "Plays C first; then C after CC or DD, D after CD or DC.",
        origin: "Nowak & Sigmund (1993), Nature 364:56–58; Kraines & Kraines (1989); axelrod WinStayLoseShift")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        guard let ownLast = own.last, let opponentLast = opponent.last else { return .cooperate }
        return ownLast == opponentLast ? .cooperate : .defect
    }
}

/// Generous tit for tat: always cooperates after the opponent's C, and after the opponent's D
/// still cooperates with probability `p`.
///
/// When `p` is not given it is Nowak & Sigmund's optimal generosity for the game,
/// `p = min(1 − (T − R)/(R − S), (R − P)/(T − P))`, which is 1/3 for (T, R, P, S) = (5, 3, 1, 0).
/// Origin: Nowak & Sigmund (1992), "Tit for tat in heterogeneous populations", *Nature* 355;
/// Molander (1985), *J. Conflict Resolution* 29. Mirrors axelrod 4.13.1 `GTFT`.
public struct GTFT: Strategy {
    public static let info = StrategyInfo(
        key: "generous_tit_for_tat", aliases: ["gtft"], axelrodName: "GTFT",
        parameters: [
            .probability("p", default: nil, summary: "P(C) after the opponent's D; default min(1 − (T−R)/(R−S), (R−P)/(T−P))")
        ],
        isStochastic: true,
        rule: "Plays C first; after the opponent's C plays C, after its D plays C with probability p.",
        origin: "Nowak & Sigmund (1992), Nature 355:250–253; Molander (1985), J. Conflict Resolution 29; axelrod GTFT")

    /// The generosity given, or `nil` to derive it from the game.
    public var requestedP: Double?
    /// The generosity in use for the current game.
    public private(set) var p: Double

    /// Generous tit for tat with generosity `p` (or the game's optimum when `nil`).
    public init(p: Double? = nil) {
        requestedP = p
        self.p = p ?? GTFT.optimalGenerosity(Payoffs(reward: 3, sucker: 0, temptation: 5, punishment: 1))
    }

    public init(parameters: ParameterValues) { self.init(p: parameters["p"]) }

    /// Nowak & Sigmund's generosity `min(1 − (T − R)/(R − S), (R − P)/(T − P))`.
    public static func optimalGenerosity(_ payoffs: Payoffs) -> Double {
        let (r, s, t, p) = (payoffs.reward, payoffs.sucker, payoffs.temptation, payoffs.punishment)
        return Swift.min(1 - (t - r) / (r - s), (r - p) / (t - p))
    }

    public var name: String { "GTFT: \(pythonRounded(p))" }
    public var isStochastic: Bool { p > 0 && p < 1 }

    public mutating func reset(payoffs: Payoffs) {
        p = requestedP ?? GTFT.optimalGenerosity(payoffs)
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        FourVector(1, p, 1, p).move(initial: .cooperate, own: own, opponent: opponent, random: &random)
    }
}

/// Cooperates with probability `p` after the opponent's C and always defects after its D.
///
/// Origin: Johann Joss's entry to Axelrod's first tournament (12th) — Axelrod (1980), *J.
/// Conflict Resolution* 24(1): "cooperates 90% of the time after a cooperation by the other. It
/// always defects after a defection by the other." Mirrors axelrod 4.13.1 `FirstByJoss`
/// (four-vector (p, 0, p, 0), first move C).
public struct Joss: Strategy {
    public static let info = StrategyInfo(
        key: "joss", aliases: ["first_by_joss", "hard_joss"], axelrodName: "First by Joss",
        parameters: [.probability("p", default: 0.9, summary: "P(C) after the opponent's C")],
        isStochastic: true, rule: "Plays C first; after the opponent's C plays C with probability p, after its D plays D.",
        origin: "Joss's entry in Axelrod (1980), J. Conflict Resolution 24(1); axelrod FirstByJoss")

    /// P(C) after the opponent cooperated.
    public var p: Double

    /// Joss with cooperation probability `p` after a C.
    public init(p: Double) { self.p = p }
    public init(parameters: ParameterValues) { self.init(p: parameters.value("p")) }

    public var name: String { "First by Joss: \(pythonNumber(p))" }
    public var isStochastic: Bool { p > 0 && p < 1 }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        FourVector(p, 0, p, 0).move(initial: .cooperate, own: own, opponent: opponent, random: &random)
    }
}

/// Tit for tat that, after the opponent's D, still cooperates with probability 1 − q.
///
/// Origin: "Soft Joss" of the PRISON project (Beaufils, Delahaye & Mathieu, 1998). Mirrors
/// axelrod 4.13.1 `SoftJoss` (four-vector (1, 1 − q, 1, 1 − q)).
public struct SoftJoss: Strategy {
    public static let info = StrategyInfo(
        key: "soft_joss", axelrodName: "Soft Joss",
        parameters: [.probability("q", default: 0.9, summary: "P(D) after the opponent's D")],
        isStochastic: true, rule: "Plays C first; after the opponent's C plays C, after its D plays D with probability q.",
        origin: "PRISON project (Beaufils, Delahaye & Mathieu 1998) [Prison1998]; axelrod SoftJoss")

    /// P(D) after the opponent defected.
    public var q: Double

    /// Soft Joss with retaliation probability `q`.
    public init(q: Double) { self.q = q }
    public init(parameters: ParameterValues) { self.init(q: parameters.value("q")) }

    public var name: String { "Soft Joss: \(pythonRounded(q))" }
    public var isStochastic: Bool { q > 0 && q < 1 }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        FourVector(1, 1 - q, 1, 1 - q).move(initial: .cooperate, own: own, opponent: opponent, random: &random)
    }
}

/// Win-stay lose-shift that errs with probability `ep`: four-vector (1 − ε, ε, ε, 1 − ε).
///
/// Origin: Marc Harper's "Stochastic WSLS", an original axelrod strategy (not the learning rule of
/// Amaral et al. 2016). Mirrors axelrod 4.13.1 `StochasticWSLS`.
public struct StochasticWSLS: Strategy {
    public static let info = StrategyInfo(
        key: "stochastic_wsls", aliases: ["stochastic_win_stay_lose_shift"], axelrodName: "Stochastic WSLS",
        parameters: [.probability("ep", default: 0.05, summary: "P(C) after CD or DC")],
        isStochastic: true, rule: "Plays C first, then memory-one with (1 − ep, ep, ep, 1 − ep).",
        origin: "Original axelrod strategy by Marc Harper; axelrod StochasticWSLS")

    /// The error rate.
    public var ep: Double

    /// Stochastic WSLS with error rate `ep`.
    public init(ep: Double) { self.ep = ep }
    public init(parameters: ParameterValues) { self.init(ep: parameters.value("ep")) }

    public var name: String { "Stochastic WSLS: \(pythonNumber(ep))" }
    public var isStochastic: Bool { ep > 0 && ep < 1 }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        FourVector(1 - ep, ep, ep, 1 - ep).move(initial: .cooperate, own: own, opponent: opponent, random: &random)
    }
}

/// Cooperates except after receiving the sucker's payoff; after mutual defection cooperates with
/// probability 2/3.
///
/// Origin: Frean (1994), "The prisoner's dilemma without synchrony", *Proc. R. Soc. B* 257.
/// Mirrors axelrod 4.13.1 `FirmButFair` (four-vector (1, 0, 1, 2/3)).
public struct FirmButFair: Strategy {
    public static let info = StrategyInfo(
        key: "firm_but_fair", axelrodName: "Firm But Fair",
        isStochastic: true, rule: "Plays C first, then memory-one with (1, 0, 1, 2/3).",
        origin: "Frean (1994), Proc. R. Soc. B 257:75–79; axelrod FirmButFair")

    public init(parameters: ParameterValues) {}

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        FourVector(1, 0, 1, 2.0 / 3.0).move(initial: .cooperate, own: own, opponent: opponent, random: &random)
    }
}

/// The zero-determinant "linear relation" four-vector of Hilbe, Nowak & Sigmund (2013), eq. 14,
/// for baseline `l`, slope `s` and scale `phi`:
/// p1 = 1 − φ(1 − s)(R − l), p2 = 1 − φ(s(l − S) + (T − l)), p3 = φ((l − S) + s(T − l)),
/// p4 = φ(1 − s)(l − P) — axelrod's `LRPlayer.receive_match_attributes`.
func linearRelationVector(payoffs: Payoffs, phi: Double, s: Double, l: Double) -> FourVector {
    let (r, p, sucker, t) = (payoffs.reward, payoffs.punishment, payoffs.sucker, payoffs.temptation)
    return FourVector(
        1 - phi * (1 - s) * (r - l),
        1 - phi * (s * (l - sucker) + (t - l)),
        phi * ((l - sucker) + s * (t - l)),
        phi * (1 - s) * (l - p))
}

/// An extortionate zero-determinant strategy with baseline l = P: it enforces
/// (its score − P) = 2 × (the opponent's score − P) when s = 1/2.
///
/// Origin: Press & Dyson (2012), *PNAS* 109(26); "Extort-2" of Stewart & Plotkin (2012), *PNAS*
/// 109(26). For (5, 3, 1, 0) its four-vector is (8/9, 1/2, 1/3, 0). Mirrors axelrod 4.13.1
/// `ZDExtort2` (φ = 1/9, s = 1/2, first move C).
public struct ZDExtort2: Strategy {
    public static let info = StrategyInfo(
        key: "zd_extort_2", aliases: ["extort_2", "zdextort2"], axelrodName: "ZD-Extort-2",
        parameters: [
            StrategyParameter("phi", default: 1.0 / 9.0, range: 0...1, summary: "scale φ of the linear relation"),
            StrategyParameter("s", default: 0.5, range: -1...1, summary: "slope s (extortion factor 1/s)"),
        ],
        isStochastic: true, rule: "Plays C first, then the memory-one vector of Hilbe et al. (2013) eq. 14 with l = P.",
        origin: "Press & Dyson (2012), PNAS 109(26); Stewart & Plotkin (2012), PNAS 109(26); axelrod ZDExtort2")

    /// Scale φ.
    public var phi: Double
    /// Slope s.
    public var s: Double
    /// The four-vector in use for the current game.
    public private(set) var vector: FourVector

    /// Extort-2 with the given scale and slope.
    public init(phi: Double = 1.0 / 9.0, s: Double = 0.5) {
        self.phi = phi
        self.s = s
        vector = linearRelationVector(payoffs: Payoffs(reward: 3, sucker: 0, temptation: 5, punishment: 1), phi: phi, s: s, l: 1)
    }
    public init(parameters: ParameterValues) { self.init(phi: parameters.value("phi"), s: parameters.value("s")) }

    public var name: String { "ZD-Extort-2: \(pythonNumber(phi)), \(pythonNumber(s))" }

    public mutating func reset(payoffs: Payoffs) {
        vector = linearRelationVector(payoffs: payoffs, phi: phi, s: s, l: payoffs.punishment)
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        vector.move(initial: .cooperate, own: own, opponent: opponent, random: &random)
    }
}

/// A generous zero-determinant strategy with baseline l = R.
///
/// Origin: Stewart & Plotkin (2012), "Extortion and cooperation in the prisoner's dilemma",
/// *PNAS* 109(26) (ZDGTFT-2). Mirrors axelrod 4.13.1 `ZDGTFT2` (φ = 1/4, s = 1/2, first move C).
public struct ZDGTFT2: Strategy {
    public static let info = StrategyInfo(
        key: "zd_gtft_2", aliases: ["zdgtft2"], axelrodName: "ZD-GTFT-2",
        parameters: [
            StrategyParameter("phi", default: 0.25, range: 0...1, summary: "scale φ of the linear relation"),
            StrategyParameter("s", default: 0.5, range: -1...1, summary: "slope s"),
        ],
        isStochastic: true, rule: "Plays C first, then the memory-one vector of Hilbe et al. (2013) eq. 14 with l = R.",
        origin: "Stewart & Plotkin (2012), PNAS 109(26); axelrod ZDGTFT2")

    /// Scale φ.
    public var phi: Double
    /// Slope s.
    public var s: Double
    /// The four-vector in use for the current game.
    public private(set) var vector: FourVector

    /// ZD-GTFT-2 with the given scale and slope.
    public init(phi: Double = 0.25, s: Double = 0.5) {
        self.phi = phi
        self.s = s
        vector = linearRelationVector(payoffs: Payoffs(reward: 3, sucker: 0, temptation: 5, punishment: 1), phi: phi, s: s, l: 3)
    }
    public init(parameters: ParameterValues) { self.init(phi: parameters.value("phi"), s: parameters.value("s")) }

    public var name: String { "ZD-GTFT-2: \(pythonNumber(phi)), \(pythonNumber(s))" }

    public mutating func reset(payoffs: Payoffs) {
        vector = linearRelationVector(payoffs: payoffs, phi: phi, s: s, l: payoffs.reward)
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        vector.move(initial: .cooperate, own: own, opponent: opponent, random: &random)
    }
}

/// Python's `str(round(x, 2))` for the values strategies print.
func pythonRounded(_ value: Double) -> String {
    pythonNumber((value * 100).rounded() / 100)
}
