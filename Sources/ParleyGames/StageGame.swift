/// The four payoffs one player can receive, seen from that player's side of the table:
/// the first letter is the player's own move, the second the other player's.
///
/// In the prisoner's dilemma these are the classic reward R (CC), sucker S (CD),
/// temptation T (DC) and punishment P (DD) of Rapoport & Chammah (1965), *Prisoner's Dilemma*.
public struct Payoffs: Sendable, Equatable, Hashable, Codable {
    /// Payoff when both play C (R in the prisoner's dilemma).
    public var reward: Double
    /// Payoff for playing C against D (S).
    public var sucker: Double
    /// Payoff for playing D against C (T).
    public var temptation: Double
    /// Payoff when both play D (P).
    public var punishment: Double

    /// The four payoffs, named as in the prisoner's dilemma.
    public init(reward: Double, sucker: Double, temptation: Double, punishment: Double) {
        self.reward = reward
        self.sucker = sucker
        self.temptation = temptation
        self.punishment = punishment
    }

    /// The payoff for playing `own` against `other`.
    @inlinable
    public func payoff(own: Move, other: Move) -> Double {
        switch (own, other) {
        case (.cooperate, .cooperate): return reward
        case (.cooperate, .defect): return sucker
        case (.defect, .cooperate): return temptation
        case (.defect, .defect): return punishment
        }
    }

    /// The payoffs indexed by `2 × own + other`, for the inner loop.
    @inlinable
    public var table: (Double, Double, Double, Double) { (reward, sucker, temptation, punishment) }
}

/// A 2×2 stage game: two players each choose C or D at once and receive a payoff.
///
/// A game is *symmetric* when both players face the same ``Payoffs``; an asymmetric game gives
/// the row player (the first player of a match) and the column player their own tables. Both
/// tables are written from their owner's side (own move first), so a strategy never needs to
/// know which side it sits on.
///
/// ```swift
/// let pd = StageGame.prisonersDilemma()                 // (T, R, P, S) = (5, 3, 1, 0)
/// let custom = StageGame.symmetric(reward: 4, sucker: 0, temptation: 6, punishment: 1)
/// ```
public struct StageGame: Sendable, Equatable, Hashable, Codable {
    /// A short name for reports (`prisoners-dilemma`, `chicken`, `stag-hunt`, `custom`).
    public var name: String
    /// The first (row) player's payoffs, own move first.
    public var row: Payoffs
    /// The second (column) player's payoffs, own move first.
    public var column: Payoffs

    /// A game from both players' tables.
    public init(name: String = "custom", row: Payoffs, column: Payoffs) {
        self.name = name
        self.row = row
        self.column = column
    }

    /// `true` when both players face the same payoffs.
    public var isSymmetric: Bool { row == column }

    /// The payoffs of the player in `seat` (0 = row, 1 = column).
    public func payoffs(seat: Int) -> Payoffs { seat == 0 ? row : column }

    /// A symmetric game with the given prisoner's-dilemma-style payoffs.
    public static func symmetric(
        name: String = "custom", reward: Double, sucker: Double, temptation: Double, punishment: Double
    ) -> StageGame {
        let payoffs = Payoffs(reward: reward, sucker: sucker, temptation: temptation, punishment: punishment)
        return StageGame(name: name, row: payoffs, column: payoffs)
    }

    /// The prisoner's dilemma, by default with Axelrod's (1984) payoffs (T, R, P, S) = (5, 3, 1, 0),
    /// the same as axelrod's `Game()`.
    public static func prisonersDilemma(
        reward: Double = 3, sucker: Double = 0, temptation: Double = 5, punishment: Double = 1
    ) -> StageGame {
        symmetric(name: "prisoners-dilemma", reward: reward, sucker: sucker, temptation: temptation, punishment: punishment)
    }

    /// Chicken (hawk–dove): T > R > S > P, so giving way (C) against a player who does not is
    /// better than a crash (D, D). Rapoport & Chammah (1966), "The game of Chicken",
    /// *American Behavioral Scientist* 10(3). Default values (T, R, S, P) = (5, 3, 1, 0) are ours.
    public static func chicken(
        reward: Double = 3, sucker: Double = 1, temptation: Double = 5, punishment: Double = 0
    ) -> StageGame {
        symmetric(name: "chicken", reward: reward, sucker: sucker, temptation: temptation, punishment: punishment)
    }

    /// The stag hunt: R > T ≥ P > S, so mutual cooperation is best but cooperating alone is worst.
    /// Skyrms (2004), *The Stag Hunt and the Evolution of Social Structure*; default values
    /// (R, T, P, S) = (4, 3, 2, 0) are ours.
    public static func stagHunt(
        reward: Double = 4, sucker: Double = 0, temptation: Double = 3, punishment: Double = 2
    ) -> StageGame {
        symmetric(name: "stag-hunt", reward: reward, sucker: sucker, temptation: temptation, punishment: punishment)
    }

    /// An asymmetric game from the row player's matrix `a` and the column player's matrix `b`,
    /// indexed `[row][column]` as in axelrod's `AsymmetricGame(A, B)` (row/column 0 = C).
    public static func asymmetric(name: String = "custom", a: [[Double]], b: [[Double]]) -> StageGame {
        precondition(a.count == 2 && b.count == 2 && a.allSatisfy { $0.count == 2 } && b.allSatisfy { $0.count == 2 },
                     "a 2×2 game needs two 2×2 matrices")
        let row = Payoffs(reward: a[0][0], sucker: a[0][1], temptation: a[1][0], punishment: a[1][1])
        let column = Payoffs(reward: b[0][0], sucker: b[1][0], temptation: b[0][1], punishment: b[1][1])
        return StageGame(name: name, row: row, column: column)
    }

    /// The named presets, as the command line spells them.
    public static func preset(named name: String) -> StageGame? {
        switch name.lowercased() {
        case "prisoners-dilemma", "pd", "prisoners_dilemma": return .prisonersDilemma()
        case "chicken", "hawk-dove": return .chicken()
        case "stag-hunt", "stag_hunt", "staghunt": return .stagHunt()
        default: return nil
        }
    }
}
