import ParleyGames
import Testing

@Test func neutralDriftFixesEachIndividualWithProbabilityOneOverN() {
    let process = MoranProcess(
        types: [AnyStrategy(Cooperator()), AnyStrategy(Defector())], counts: [1, 4], fitness: .constant([1, 1]))
    let runs = 20_000
    let estimate = process.fixationProbabilities(runs: runs, seed: 7)[0]
    #expect(isNear(estimate, 0.2, within: 5 * standardError(proportion: 0.2, draws: runs)))
}

@Test func fixationProbabilityMatchesMoransFormulaForConstantFitness() {
    let r = 2.0, n = 6
    let process = MoranProcess(
        types: [AnyStrategy(Cooperator()), AnyStrategy(Defector())], counts: [1, n - 1], fitness: .constant([r, 1]))
    let runs = 20_000
    let expected = MoranProcess.fixationProbability(relativeFitness: r, populationSize: n)
    #expect(isNear(expected, 0.5 / (1 - 1.0 / 64), within: 1e-12))
    let estimate = process.fixationProbabilities(runs: runs, seed: 11)[0]
    #expect(isNear(estimate, expected, within: 5 * standardError(proportion: expected, draws: runs)))
}

@Test func closedFormIsOneOverNAtNeutrality() {
    #expect(MoranProcess.fixationProbability(relativeFitness: 1, populationSize: 8) == 0.125)
    #expect(isNear(MoranProcess.fixationProbability(relativeFitness: 1 + 1e-9, populationSize: 8), 0.125, within: 1e-6))
}

@Test func payoffDrivenRunsEndWithOneType() {
    let process = MoranProcess(
        types: [AnyStrategy(TitForTat()), AnyStrategy(Defector()), AnyStrategy(Random(p: 0.5))], counts: [2, 2, 2],
        settings: MatchSettings(turns: 20))
    for run in 0..<10 {
        let outcome = process.run(seed: 3, run: UInt64(run))
        let fixed = try! #require(outcome.fixedType)
        #expect(outcome.finalCounts[fixed] == 6)
        #expect(outcome == process.run(seed: 3, run: UInt64(run)))
    }
}

@Test func moranRejectsMismatchedCounts() {
    let process = MoranProcess(types: [AnyStrategy(TitForTat())], counts: [2, 3])
    #expect(throws: GamesError.self) { try process.validate() }
}
