/// The "calibrated approach" of the policy paper as a repeated-game rule: reciprocate every
/// measurable step at once, forgive small provocations, and answer larger ones in proportion —
/// one D for each unforgiven D, never an escalation.
///
/// Trottier (2021), "The Biden administration's North Korea policy: a new direction or back to
/// the future?", Canadian Global Affairs Institute, asks that the United States "reciprocate
/// their positive and measurable actions with its own" and "not over-react to such provocations".
/// In a 2×2 game a measurable step is an observed C and a provocation an observed D. The rule
/// (a Parley design; axelrod has no such strategy):
///
/// - first round: C;
/// - after the opponent's C: C (reciprocate the step at once, whatever came before);
/// - after the opponent's D: C if the opponent's defections among its last `window` moves number
///   at most `tolerance` (a small, isolated provocation is forgiven), otherwise D (an answer in
///   kind, one for one).
///
/// Literature behind each clause: forgiving isolated defections restores cooperation under
/// noise (Molander 1985, *J. Conflict Resolution* 29; Wu & Axelrod 1995, *J. Conflict
/// Resolution* 39(1)); reciprocating states "are quicker to forgive single acts of
/// noncooperation" (Frank et al. 2018, *Science Advances* 4(1)); answering in proportion rather
/// than by escalation follows Osgood's "precise and in kind" and the Six-Party "action for action"
/// principle (2005). Against a steady defector it is exploited only while the window holds at most
/// `tolerance` defections (twice with the defaults).
public struct CalibratedReciprocity: Strategy {
    public static let info = StrategyInfo(
        key: "calibrated_reciprocity", aliases: ["calibrated"], axelrodName: nil, displayName: "Calibrated Reciprocity",
        parameters: [
            StrategyParameter("window", default: 10, range: 1...1_000_000, isInteger: true, summary: "how many of the opponent's last moves count as recent"),
            StrategyParameter("tolerance", default: 1, range: 0...1_000_000, isInteger: true, summary: "recent defections forgiven as small provocations"),
        ],
        isStochastic: false,
        rule: "Plays C first; after the opponent's C plays C; after its D plays C if it has defected at most `tolerance` times in its last `window` moves, else D.",
        origin: "Trottier (2021), CGAI policy paper (\"reciprocate … measurable actions\", \"not over-react\"); Molander (1985); Wu & Axelrod (1995); Frank et al. (2018), Science Advances 4(1)")

    /// How many recent opponent moves are weighed.
    public var window: Int
    /// How many recent defections are forgiven.
    public var tolerance: Int

    /// Calibrated reciprocity with the given window and tolerance.
    public init(window: Int = 10, tolerance: Int = 1) {
        self.window = window
        self.tolerance = tolerance
    }

    public init(parameters: ParameterValues) {
        self.init(window: Int(parameters.value("window")), tolerance: Int(parameters.value("tolerance")))
    }

    public var name: String { "Calibrated Reciprocity: \(window), \(tolerance)" }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        guard let opponentLast = opponent.last else { return .cooperate }
        if opponentLast == .cooperate { return .cooperate }
        return opponent.defections(inLast: window) <= tolerance ? .cooperate : .defect
    }
}
