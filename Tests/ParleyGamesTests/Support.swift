import ParleyGames
import ParleyNumerics

/// The moves `strategy` makes against an opponent who plays `opponent` (letters, e.g. "CDDC"):
/// its i-th move is chosen before it sees the opponent's i-th move.
func moves<S: Strategy>(
    of strategy: S, against opponent: String, payoffs: Payoffs = StageGame.prisonersDilemma().row, seed: UInt64 = 1
) -> String {
    var strategy = strategy
    strategy.reset(payoffs: payoffs)
    var own = MoveHistory(), seen = MoveHistory()
    var random = Xoshiro256StarStar(seed: seed)
    var letters = ""
    for letter in opponent {
        let move = strategy.move(own: own, opponent: seen, random: &random)
        own.append(move)
        seen.append(Move(letter: letter)!)
        letters += move.description
    }
    return letters
}

/// `|a − b| ≤ tolerance`.
func isNear(_ a: Double, _ b: Double, within tolerance: Double) -> Bool { abs(a - b) <= tolerance }

/// The standard error of a proportion p estimated from n draws.
func standardError(proportion p: Double, draws n: Int) -> Double { (p * (1 - p) / Double(n)).squareRoot() }
