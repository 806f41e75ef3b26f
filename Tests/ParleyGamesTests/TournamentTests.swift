import ParleyGames
import Testing

private func standardTrio() -> [AnyStrategy] {
    [AnyStrategy(TitForTat()), AnyStrategy(Defector()), AnyStrategy(Cooperator())]
}

@Test func tournamentTotalsLeaveSelfPlayOut() {
    let result = Tournament(players: standardTrio(), settings: MatchSettings(turns: 10), repetitions: 1, seed: 0).run()
    // TFT–ALLD 9:14, TFT–ALLC 30:30, ALLD–ALLC 50:0.
    #expect(result.scores == [[39], [64], [30]])
    #expect(result.wins == [[0], [2], [0]])
    #expect(result.normalisedScores == [[1.95], [3.2], [1.5]])
    #expect(result.rankedNames == ["Defector", "Tit For Tat", "Cooperator"])
}

@Test func payoffMatrixIncludesSelfPlay() {
    let result = Tournament(players: standardTrio(), settings: MatchSettings(turns: 10), repetitions: 2, seed: 0).run()
    #expect(result.payoffMatrix[0] == [3, 0.9, 3])
    #expect(result.payoffMatrix[1] == [1.4, 1, 5])
    #expect(result.payoffStandardDeviations[0] == [0, 0, 0])
    #expect(result.cooperation[0] == [20, 2, 20])
    #expect(result.cooperationRating[0] == 22.0 / 40.0)
    #expect(result.matchLengths.count == 2)
}

@Test func everyPairIncludingSelfPlayIsPlayedEachRepetition() {
    let players = try! ["random", "tit_for_tat", "grudger", "joss"].map { try StrategyCatalog.make($0) }
    let tournament = Tournament(players: players, settings: MatchSettings(turns: 5), repetitions: 3, seed: 1)
    #expect(tournament.pairs.count == 10)
    let result = tournament.run()
    for r in 0..<3 { for i in 0..<4 { for j in 0..<4 { #expect(result.matchLengths[r][i][j] == 5) } } }
}

@Test func parallelTournamentEqualsSerialTournament() async {
    let players = try! ["random", "generous_tit_for_tat", "joss", "tit_for_tat", "grudger", "stochastic_wsls", "grit", "adaptive"]
        .map { try StrategyCatalog.make($0) }
    let tournament = Tournament(
        players: players, settings: MatchSettings(turns: 50, noise: 0.05), repetitions: 4, seed: 2024)
    let serial = tournament.run()
    for concurrency in [2, 3, 7] {
        #expect(await tournament.run(concurrency: concurrency) == serial)
    }
}

@Test func differentSeedsGiveDifferentNoisyTournaments() {
    let settings = MatchSettings(turns: 50, noise: 0.1)
    let a = Tournament(players: standardTrio(), settings: settings, repetitions: 2, seed: 1).run()
    let b = Tournament(players: standardTrio(), settings: settings, repetitions: 2, seed: 2).run()
    #expect(a.scores != b.scores)
}

@Test func rankingTiesKeepEntryOrder() {
    let players = [AnyStrategy(Cooperator()), AnyStrategy(TitForTat())]
    let result = Tournament(players: players, settings: MatchSettings(turns: 10), repetitions: 1, seed: 0).run()
    #expect(result.ranking == [0, 1])
}

@Test func tournamentRejectsZeroRepetitions() {
    #expect(throws: GamesError.self) { try Tournament(players: standardTrio(), repetitions: 0).validate() }
}
