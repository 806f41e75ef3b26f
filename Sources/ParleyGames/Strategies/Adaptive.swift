/// Opens with six C and five D, then plays whichever move has earned it more in total so far.
///
/// Origin: Li, Hingston & Kendall (2011), *IEEE TCIAIG* 3(4). Mirrors axelrod 4.13.1 `Adaptive`:
/// each round it first adds the last round's own payoff to the total of the move it played, and
/// after the opening plays C only if C's total is strictly greater than D's.
public struct Adaptive: Strategy {
    public static let info = StrategyInfo(
        key: "adaptive", axelrodName: "Adaptive",
        isStochastic: false,
        rule: "Plays C×6 then D×5; afterwards the move whose summed payoffs so far are higher (D on ties).",
        origin: "Li, Hingston & Kendall (2011), IEEE TCIAIG 3(4); axelrod Adaptive")

    private var payoffs = Payoffs(reward: 3, sucker: 0, temptation: 5, punishment: 1)
    /// Summed payoffs earned when playing C.
    public private(set) var cooperationTotal: Double = 0
    /// Summed payoffs earned when playing D.
    public private(set) var defectionTotal: Double = 0

    public init(parameters: ParameterValues) {}

    public mutating func reset(payoffs: Payoffs) {
        self.payoffs = payoffs
        cooperationTotal = 0
        defectionTotal = 0
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        if let ownLast = own.last, let opponentLast = opponent.last {
            let earned = payoffs.payoff(own: ownLast, other: opponentLast)
            if ownLast == .cooperate { cooperationTotal += earned } else { defectionTotal += earned }
        }
        if own.count < 11 { return own.count < 6 ? .cooperate : .defect }  // C×6 then D×5
        return cooperationTotal > defectionTotal ? .cooperate : .defect
    }
}
