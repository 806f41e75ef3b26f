import ParleyGames
import ParleyNumerics
import Testing

@Test func catalogueHoldsAtLeastThirtyStrategiesWithOrigins() {
    #expect(StrategyCatalog.entries.count >= 30)
    for entry in StrategyCatalog.entries {
        #expect(!entry.origin.isEmpty && !entry.rule.isEmpty, "\(entry.key)")
    }
}

@Test func keysAndAliasesAreUnique() {
    let names = StrategyCatalog.entries.flatMap { [$0.key] + $0.aliases }
    #expect(Set(names).count == names.count)
}

@Test func strategiesAreFoundByKeyAliasOrAxelrodName() throws {
    #expect(try StrategyCatalog.make("grim").info.key == "grudger")
    #expect(try StrategyCatalog.make("Tit For Tat").info.key == "tit_for_tat")
    #expect(try StrategyCatalog.make("Win-Stay Lose-Shift").info.key == "win_stay_lose_shift")
}

@Test func unknownStrategySuggestsTheClosestKey() {
    #expect(throws: GamesError.unknownStrategy("tit_for_tot", suggestion: "tit_for_tat")) {
        try StrategyCatalog.make("tit_for_tot")
    }
    #expect(StrategyCatalog.suggestion(for: "zzzzzzzzzzzzzz") == nil)
}

@Test func unknownParameterListsTheKnownOnes() {
    #expect(throws: GamesError.unknownParameter(strategy: "random", parameter: "q", known: ["p"])) {
        try StrategyCatalog.make("random", parameters: ["q": 0.3])
    }
}

@Test func parameterOutOfRangeIsRejected() {
    #expect(throws: GamesError.self) { try StrategyCatalog.make("random", parameters: ["p": 1.5]) }
    #expect(throws: GamesError.self) { try StrategyCatalog.make("soft_majority", parameters: ["memory": 2.5]) }
}

@Test func specificationsCarryParameters() throws {
    let strategy = try StrategyCatalog.make(specification: "random(p=0.25)")
    #expect(strategy.name == "Random: 0.25")
    #expect(throws: GamesError.self) { try StrategyCatalog.make(specification: "random(p=)") }
    #expect(throws: GamesError.self) { try StrategyCatalog.make(specification: "random(p=0.3") }
}

@Test func gamePlayerIsDrivenOneStepAtATime() throws {
    var player = try GamePlayer(key: "tit_for_tat")
    var own = MoveHistory(capacity: 4), seen = MoveHistory(capacity: 4)
    var random = Xoshiro256StarStar(seed: 1, run: 0, stream: 3)
    var played = ""
    for opponentMove in [Move.defect, .cooperate, .cooperate] {
        let move = player.move(ownHistory: own, opponentHistory: seen, random: &random)
        own.append(move)
        seen.append(opponentMove)
        played += move.description
    }
    #expect(played == "CDC")
    player.reset()
    #expect(player.key == "tit_for_tat")
}

@Test func gamePlayerReportsUnknownKeysPrecisely() {
    #expect(throws: GamesError.unknownStrategy("generous_tit_fo_tat", suggestion: "generous_tit_for_tat")) {
        try GamePlayer(key: "generous_tit_fo_tat")
    }
}

@Test func gamePlayerDerivesGenerosityFromItsPayoffs() throws {
    let payoffs = Payoffs(reward: 4, sucker: 0, temptation: 5, punishment: 1)
    let player = try GamePlayer(key: "gtft", payoffs: payoffs)
    // min(1 − (5 − 4)/(4 − 0), (4 − 1)/(5 − 1)) = min(0.75, 0.75)
    #expect(player.name == "GTFT: 0.75")
}
