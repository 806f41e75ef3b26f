import ParleyGames
import ParleyNumerics
import Testing

@Test func cooperatorAlwaysCooperates() {
    #expect(moves(of: Cooperator(), against: "DDCD") == "CCCC")
}

@Test func defectorAlwaysDefects() {
    #expect(moves(of: Defector(), against: "CCDC") == "DDDD")
}

@Test func alternatorStartsWithCooperationAndAlternates() {
    #expect(moves(of: Alternator(), against: "DDDDD") == "CDCDC")
}

@Test func titForTatRepeatsTheOpponentsLastMove() {
    #expect(moves(of: TitForTat(), against: "CDDCC") == "CCDDC")
}

@Test func titForTwoTatsDefectsOnlyAfterTwoDefectionsInARow() {
    #expect(moves(of: TitFor2Tats(), against: "DDCDD") == "CCDCC")
}

@Test func twoTitsForTatAnswersEachDefectionTwice() {
    #expect(moves(of: TwoTitsForTat(), against: "DCCCDC") == "CDDCCD")
}

@Test func suspiciousTitForTatOpensWithDefection() {
    #expect(moves(of: SuspiciousTitForTat(), against: "CCD") == "DCC")
}

@Test func hardTitForTatRemembersThreeRounds() {
    #expect(moves(of: HardTitForTat(), against: "DCCCC") == "CDDDC")
}

@Test func hardTitForTwoTatsNeedsTwoConsecutiveDefectionsWithinThree() {
    #expect(moves(of: HardTitFor2Tats(), against: "DCDCDDC") == "CCCCCCD")
}

@Test func antiTitForTatPlaysTheOppositeAndOpensWithCooperation() {
    #expect(moves(of: AntiTitForTat(), against: "CDC") == "CDC")
}

@Test func bullyPlaysTheOppositeAndOpensWithDefection() {
    #expect(moves(of: Bully(), against: "CDC") == "DDC")
}

@Test func forgivingTitForTatCopiesOnlyWhenDefectionsExceedTenPercent() {
    #expect(moves(of: ForgivingTitForTat(), against: "DCC") == "CDC")
    #expect(moves(of: ForgivingTitForTat(), against: "CCCCCCCCCDDC") == "CCCCCCCCCCCD")
}

@Test func winStayLoseShiftRepeatsAfterAWinAndSwitchesAfterALoss() {
    #expect(moves(of: WinStayLoseShift(), against: "CDDC") == "CCDC")
}

@Test func grudgerNeverForgivesAFirstDefection() {
    #expect(moves(of: Grudger(), against: "CDCCC") == "CCDDD")
}

@Test func softGrudgerPunishesWithFourDefectionsThenTwoCooperations() {
    #expect(moves(of: SoftGrudger(), against: "DCCCCCCC") == "CDDDDCCC")
}

@Test func forgiverDefectsOnceDefectionsExceedTenPercent() {
    #expect(moves(of: Forgiver(), against: "CCCCCCCCCDDC") == "CCCCCCCCCCCD")
    #expect(moves(of: Forgiver(), against: "DC") == "CD")
}

@Test func testerAlternatesAgainstACooperatorAndApologisesAfterADefection() {
    #expect(moves(of: Tester(), against: "CCCCC") == "DCCDC")
    #expect(moves(of: Tester(), against: "CDCCD") == "DCCCC")
}

@Test func proberExploitsAnOpponentThatDoesNotRetaliate() {
    #expect(moves(of: Prober(), against: "CCCCC") == "DCCDD")
    #expect(moves(of: Prober(), against: "CDCCD") == "DCCCC")
}

@Test func prober2CooperatesForEverAfterDefectThenCooperate() {
    #expect(moves(of: Prober2(), against: "CDCDD") == "DCCCC")
}

@Test func prober3DefectsForEverIfTheSecondMoveWasCooperation() {
    #expect(moves(of: Prober3(), against: "CCDD") == "DCDD")
}

@Test func hardProberOpensDefectDefectCooperateCooperate() {
    #expect(moves(of: HardProber(), against: "CCCCC") == "DDCCD")
}

@Test func softMajorityCooperatesOnTiesAndHardMajorityDefects() {
    #expect(moves(of: GoByMajority(), against: "DCD") == "CDC")
    #expect(moves(of: HardGoByMajority(), against: "DCD") == "DDD")
    #expect(moves(of: HardGoByMajority(), against: "CCD") == "DCC")
}

@Test func majorityWithMemoryCountsOnlyTheWindow() {
    // Whole history: 2 D vs 2 C → tie → C. Last 2: C, D → tie → C; last 1 is D → D.
    #expect(moves(of: GoByMajority(memory: 1), against: "DDCCD") == "CDDCC")
}

@Test func gradualPunishesWithTheOpponentsTotalDefections() {
    #expect(moves(of: Gradual(), against: "DCCCCCDCCCCC") == "CDCCCCCDDCCC")
    #expect(moves(of: Gradual(), against: "DDCCDCCC") == "CDCCCDDD")
}

@Test func originalGradualPunishesWithTheNumberOfPunishmentsSoFar() {
    #expect(moves(of: OriginalGradual(), against: "DDCCDCCC") == "CDCCCDDC")
}

@Test func adaptivePlaysItsOpeningThenTheMoveThatEarnedMore() {
    #expect(moves(of: Adaptive(), against: String(repeating: "C", count: 13)) == "CCCCCCDDDDDDD")
    #expect(moves(of: Adaptive(), against: String(repeating: "D", count: 13)) == "CCCCCCDDDDDDD")
}

@Test func contriteTitForTatAcceptsPunishmentForItsOwnNoisyDefection() {
    var contrite = ContriteTitForTat()
    contrite.reset(payoffs: StageGame.prisonersDilemma().row)
    var random = Xoshiro256StarStar(seed: 1)
    #expect(contrite.move(own: MoveHistory(), opponent: MoveHistory(), random: &random) == .cooperate)
    // Noise turned its C into D while the opponent cooperated: it answers C and becomes contrite.
    #expect(contrite.move(own: MoveHistory(letters: "D")!, opponent: MoveHistory(letters: "C")!, random: &random) == .cooperate)
    #expect(contrite.isContrite)
    // The opponent retaliates; tit for tat would defect, the contrite player does not.
    #expect(contrite.move(own: MoveHistory(letters: "DC")!, opponent: MoveHistory(letters: "CD")!, random: &random) == .cooperate)
    #expect(!contrite.isContrite)
}

@Test func contriteTitForTatIsTitForTatWithoutNoise() {
    #expect(moves(of: ContriteTitForTat(), against: "CDDCCD") == moves(of: TitForTat(), against: "CDDCCD"))
}

@Test func jossAlwaysDefectsAfterADefection() {
    for seed in 1...20 as ClosedRange<UInt64> {
        #expect(moves(of: Joss(p: 0.9), against: "DDDD", seed: seed) == "CDDD")
    }
}

@Test func jossWithCertainCooperationIsTitForTat() {
    #expect(moves(of: Joss(p: 1), against: "CDDCDC") == moves(of: TitForTat(), against: "CDDCDC"))
}

@Test func randomWithCertainProbabilitiesDrawsNothing() {
    var strategy = Random(p: 0)
    var random = Xoshiro256StarStar(seed: 9)
    let before = random
    #expect(strategy.move(own: MoveHistory(), opponent: MoveHistory(), random: &random) == .defect)
    var after = random, untouched = before
    #expect(after.next() == untouched.next())
    #expect(!strategy.isStochastic && !Random(p: 1).isStochastic && Random(p: 0.5).isStochastic)
}

@Test func randomCooperatesAtItsRate() {
    let letters = moves(of: Random(p: 0.3), against: String(repeating: "C", count: 20_000), seed: 4)
    let rate = Double(letters.filter { $0 == "C" }.count) / 20_000
    #expect(isNear(rate, 0.3, within: 5 * standardError(proportion: 0.3, draws: 20_000)))
}

@Test func generousTitForTatHasNowakAndSigmundsGenerosityForTheStandardGame() {
    var gtft = GTFT()
    gtft.reset(payoffs: StageGame.prisonersDilemma().row)
    #expect(isNear(gtft.p, 1.0 / 3.0, within: 1e-15))
    #expect(gtft.name == "GTFT: 0.33")
}

@Test func generousTitForTatForgivesAtRateP() {
    let letters = moves(of: GTFT(p: 0.25), against: String(repeating: "D", count: 20_001), seed: 7)
    let forgiven = Double(letters.dropFirst().filter { $0 == "C" }.count) / 20_000
    #expect(isNear(forgiven, 0.25, within: 5 * standardError(proportion: 0.25, draws: 20_000)))
    #expect(moves(of: GTFT(p: 0.25), against: "CCCCCC") == "CCCCCC")
}

@Test func extortTwoHasStewartAndPlotkinsFourVector() {
    var extort = ZDExtort2()
    extort.reset(payoffs: StageGame.prisonersDilemma().row)
    let v = extort.vector
    #expect(isNear(v.afterCC, 8.0 / 9.0, within: 1e-12) && isNear(v.afterCD, 0.5, within: 1e-12))
    #expect(isNear(v.afterDC, 1.0 / 3.0, within: 1e-12) && isNear(v.afterDD, 0, within: 1e-12))
}

@Test func memoryOnePlayerWithAlternatorsVectorAlternates() {
    let alternator = MemoryOnePlayer(vector: FourVector(0, 0, 1, 1))
    #expect(moves(of: alternator, against: "CDCCD") == moves(of: Alternator(), against: "CDCCD"))
    #expect(!alternator.isStochastic)
}

@Test func gritOpensWithAnInitiativeAndCooperatesWithAReciprocator() {
    #expect(moves(of: GRIT(), against: "CCCCCC") == "CCCCCC")
}

@Test func gritRetaliatesOnceThenKeepsMakingInitiativesAtTheFloor() {
    // Step 0.5 halves every 2 unanswered rounds down to the 0.1 floor; credit reaches 1 in round 8.
    #expect(moves(of: GRIT(), against: String(repeating: "D", count: 11)) == "CDDDDDDDCDD")
    let long = moves(of: GRIT(), against: String(repeating: "D", count: 1000))
    let initiatives = long.dropFirst(100).filter { $0 == "C" }.count
    // At the floor: 1/floor = 10 rounds of credit plus the one retaliation after each initiative.
    #expect((81...82).contains(initiatives))
}

@Test func gritAnswersASingleDefectionWithExactlyOneDefection() {
    #expect(moves(of: GRIT(), against: "CCDCCC") == "CCCDCC")
}

@Test func calibratedReciprocityForgivesAnIsolatedProvocation() {
    #expect(moves(of: CalibratedReciprocity(), against: "CCDCCCCC") == "CCCCCCCC")
}

@Test func calibratedReciprocityAnswersRepeatedProvocationsOneForOne() {
    #expect(moves(of: CalibratedReciprocity(), against: "CCDCCDCC") == "CCCCCCDC")
    #expect(moves(of: CalibratedReciprocity(), against: "DDDD") == "CCDD")
}

@Test func resetForgetsStateBetweenMatches() {
    for key in StrategyCatalog.keys {
        var strategy = try! StrategyCatalog.make(key)
        let opponent = "DCCDDCDCCDDDCCCDCDCD"
        let first = moves(of: strategy, against: opponent)
        _ = moves(of: strategy, against: opponent)
        strategy.reset(payoffs: StageGame.prisonersDilemma().row)
        #expect(moves(of: strategy, against: opponent) == first, "\(key)")
    }
}
