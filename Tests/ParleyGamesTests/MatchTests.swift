import ParleyGames
import ParleyNumerics
import PropertyBased
import Testing

@Test func titForTatLosesOnlyTheFirstRoundToADefector() {
    let result = Match(TitForTat(), Defector(), settings: MatchSettings(turns: 200)).play(seed: 0)
    #expect(result.firstScore == 199)   // S once, then P 199 times
    #expect(result.secondScore == 204)  // T once, then P 199 times
    #expect(result.firstMoves == "C" + String(repeating: "D", count: 199))
    #expect(result.winner == 1)
}

@Test func mutualCooperationEarnsTheRewardEveryRound() {
    let result = Match(TitForTat(), Cooperator(), settings: MatchSettings(turns: 50)).play(seed: 0)
    #expect(result.firstScore == 150 && result.secondScore == 150)
    #expect(result.winner == nil)
    #expect(result.cooperationRates.first == 1)
}

@Test func asymmetricGamesPayEachPlayerFromItsOwnMatrix() {
    // Row player's matrix A and column player's B as in axelrod's AsymmetricGame(A, B).
    let game = StageGame.asymmetric(a: [[3, 0], [5, 1]], b: [[2, 6], [0, 1]])
    let result = Match(Cooperator(), Defector(), settings: MatchSettings(game: game, turns: 4)).play(seed: 0)
    #expect(result.firstScore == 0)   // A[C][D] = 0
    #expect(result.secondScore == 24) // B[C][D] = 6
}

@Test func implementationNoiseOfOneFlipsEveryMove() {
    let settings = MatchSettings(turns: 100, noise: 1)
    let result = Match(Cooperator(), Cooperator(), settings: settings).play(seed: 3)
    #expect(result.firstMoves == String(repeating: "D", count: 100))
    #expect(result.firstScore == 100)
}

@Test func implementationNoiseFlipsMovesAtItsRate() {
    let settings = MatchSettings(turns: 20_000, noise: 0.1)
    let result = Match(Cooperator(), Cooperator(), settings: settings).play(seed: 5)
    let rate = 1 - result.cooperationRates.first
    #expect(isNear(rate, 0.1, within: 5 * standardError(proportion: 0.1, draws: 20_000)))
}

@Test func perceptionNoiseChangesWhatIsSeenButNotWhatWasPlayed() {
    // Tit for tat misreads every C as D, so it defects from round 2; the cooperator's own moves stay C.
    let settings = MatchSettings(turns: 10, perceptionNoise: 1)
    let result = Match(TitForTat(), Cooperator(), settings: settings).play(seed: 0)
    #expect(result.firstMoves == "C" + String(repeating: "D", count: 9))
    #expect(result.secondMoves == String(repeating: "C", count: 10))
    #expect(result.firstScore == 3 + 9 * 5)
}

@Test func perceptionNoiseAloneLeavesUnconditionalPlayersUntouched() {
    let settings = MatchSettings(turns: 500, perceptionNoise: 0.3)
    let result = Match(Cooperator(), Defector(), settings: settings).play(seed: 11)
    #expect(result.firstScore == 0 && result.secondScore == 2500)
}

@Test func probabilisticEndingGivesGeometricLengths() {
    let settings = MatchSettings(turns: nil, endProbability: 0.1)
    var total = 0
    let matches = 4000
    for index in 0..<matches {
        total += Match(TitForTat(), TitForTat(), settings: settings).play(seed: 2, index: UInt64(index)).turns
    }
    let mean = Double(total) / Double(matches)
    // Geometric with p = 0.1: mean 10, standard deviation √0.9 / 0.1 ≈ 9.5.
    #expect(isNear(mean, 10, within: 5 * 9.5 / Double(matches).squareRoot()))
}

@Test func endProbabilityIsCappedByTurns() {
    let settings = MatchSettings(turns: 3, endProbability: 0.01)
    for index in 0..<50 {
        #expect(Match(Cooperator(), Cooperator(), settings: settings).play(seed: 1, index: UInt64(index)).turns <= 3)
    }
}

@Test func matchesAreAPureFunctionOfTheirSeed() async {
    let settings = MatchSettings(turns: 60, noise: 0.05, perceptionNoise: 0.05)
    let keys = StrategyCatalog.keys
    await propertyCheck(
        count: 40, input: Gen.element(of: keys), Gen.element(of: keys), Gen.int(in: 0...1_000_000)
    ) { a, b, seed in
        let match = Match(try! StrategyCatalog.make(a!), try! StrategyCatalog.make(b!), settings: settings)
        #expect(match.play(seed: UInt64(seed)) == match.play(seed: UInt64(seed)))
    }
}

@Test func scoresAreConservedInEveryMatch() async {
    // In the prisoner's dilemma each round pays 6 (R+R), 5 (S+T) or 2 (P+P) in total.
    let keys = StrategyCatalog.keys
    await propertyCheck(count: 40, input: Gen.element(of: keys), Gen.element(of: keys)) { a, b in
        let settings = MatchSettings(turns: 40, noise: 0.1)
        let result = Match(try! StrategyCatalog.make(a!), try! StrategyCatalog.make(b!), settings: settings).play(seed: 9)
        let o = result.tally.outcomes
        #expect(result.firstScore + result.secondScore == Double(6 * o[0] + 5 * (o[1] + o[2]) + 2 * o[3]))
        #expect(o.reduce(0, +) == result.turns)
    }
}

@Test func invalidSettingsAreRejectedWithAReason() {
    #expect(throws: GamesError.self) { try MatchSettings(turns: 10, noise: 1.5).validate() }
    #expect(throws: GamesError.self) { try MatchSettings(turns: nil, endProbability: nil).validate() }
    #expect(throws: GamesError.self) { try MatchSettings(turns: -1).validate() }
}
