/// Osgood's GRIT — Graduated and Reciprocated Initiatives in Tension-reduction — played with the
/// two moves of a 2×2 game.
///
/// Osgood (1962), *An Alternative to War or Surrender*, asks for unilateral conciliatory
/// initiatives that are announced, executed as announced, continued for a while without
/// reciprocation, graduated according to the reciprocation obtained, backed by the retained
/// ability to retaliate "precisely and in kind", and never stopped entirely (the rules as
/// collected in `research/formal-models.md` §2.1–2.2). With only C and D available, Parley maps
/// them as follows (a Parley design; axelrod has no GRIT):
///
/// - **announce and act**: the rule is public and it opens with C, its first initiative;
/// - **scale with the reply**: it keeps a step size `s` in [`floor`, 1]; each C from the opponent
///   multiplies `s` by `growth` (up to 1) and is answered with C (matching positive reciprocation);
/// - **retaliate in kind**: a D that meets its own C is answered with exactly one D — never more,
///   so a single provocation cannot start an escalation;
/// - **invite, and continue without reciprocation**: while both sides defect it adds `s` to a
///   credit each round and plays a new unilateral C whenever the credit reaches 1;
/// - **keep a floor**: after every `patience` consecutive D from the opponent, `s` is divided by
///   `growth`, but never below `floor`, so initiatives slow down against a defector but never stop.
///
/// What does not map: diversification across spheres (rule 2), unpredictability of timing
/// (rule 3; this version is deterministic so that it can be tested move by move), and the
/// deterrent floor D_min of §2.2 (in a 2×2 game a D is always available, so the ability to
/// retaliate is never spent).
public struct GRIT: Strategy {
    public static let info = StrategyInfo(
        key: "grit", aliases: ["osgood_grit"], axelrodName: nil, displayName: "GRIT",
        parameters: [
            StrategyParameter("initial_step", default: 0.5, range: 0...1, summary: "starting step size s"),
            StrategyParameter("growth", default: 2, range: 1...100, summary: "factor by which a reply grows s (and a rebuff shrinks it)"),
            StrategyParameter("patience", default: 2, range: 1...1_000_000, isInteger: true, summary: "consecutive opponent D before s shrinks"),
            StrategyParameter("floor", default: 0.1, range: 0...1, summary: "smallest step size: initiatives never stop"),
        ],
        isStochastic: false,
        rule: "Plays C first; answers C with C and grows its step; answers a D that met its C with one D; in mutual defection plays a unilateral C each time the accumulated step reaches 1; shrinks the step after `patience` unanswered rounds, never below `floor`.",
        origin: "Osgood (1962), An Alternative to War or Surrender (GRIT rules 1–5); Lindskold (1978), Psychological Bulletin 85; Parley's 2×2 mapping")

    /// The step size given at the start of a match.
    public var initialStep: Double
    /// Growth (and shrink) factor of the step.
    public var growth: Double
    /// Opponent defections in a row before the step shrinks.
    public var patience: Int
    /// The smallest step.
    public var floor: Double

    /// The current step size s.
    public private(set) var step: Double
    /// Accumulated initiative credit; a unilateral C is due when it reaches 1.
    public private(set) var credit: Double = 0
    /// Opponent defections since its last cooperation.
    public private(set) var unanswered = 0

    /// GRIT with the given step dynamics.
    public init(initialStep: Double = 0.5, growth: Double = 2, patience: Int = 2, floor: Double = 0.1) {
        self.initialStep = initialStep
        self.growth = growth
        self.patience = patience
        self.floor = floor
        step = Swift.max(floor, initialStep)
    }

    public init(parameters: ParameterValues) {
        self.init(
            initialStep: parameters.value("initial_step"), growth: parameters.value("growth"),
            patience: Int(parameters.value("patience")), floor: parameters.value("floor"))
    }

    public var name: String {
        "GRIT: \(pythonNumber(initialStep)), \(pythonNumber(growth)), \(patience), \(pythonNumber(floor))"
    }

    public mutating func reset(payoffs: Payoffs) {
        step = Swift.max(floor, initialStep)
        credit = 0
        unanswered = 0
    }

    public mutating func move<R: RandomNumberGenerator>(own: HistoryView, opponent: HistoryView, random: inout R) -> Move {
        guard let ownLast = own.last, let opponentLast = opponent.last else { return .cooperate }
        if opponentLast == .cooperate {
            unanswered = 0
            step = Swift.min(1, step * growth)
            return .cooperate
        }
        unanswered += 1
        if unanswered % patience == 0 { step = Swift.max(floor, step / growth) }
        if ownLast == .cooperate { return .defect }
        credit += step
        if credit >= 1 {
            credit -= 1
            return .cooperate
        }
        return .defect
    }
}
