import ParleyBargaining
import Testing

@Test func compromiseIsTheCapabilitySalienceWeightedMean() throws {
    let actors = [
        BargainingActor(name: "a", capability: 2, position: 0, salience: 0.5),
        BargainingActor(name: "b", capability: 1, position: 60, salience: 1),
        BargainingActor(name: "c", capability: 3, position: 100, salience: 0),
    ]
    // weights 1, 1, 0 → (0 + 60) / 2
    #expect(try BargainingTable(name: "t", actors: actors).compromise() == 30)
}

@Test func compromiseOfTheEmissionsCaseIsScholzsStartingMean() throws {
    let table = try shippedTable("eu_emissions_bdm1994.csv")
    // Σ c·s·x / Σ c·s = 5.003 / 0.677 = 7.39003 (Scholz et al. print 7.39)
    #expect(abs(table.compromise() - 5.003 / 0.677) < 1e-12)
}

@Test func weightedMedianIsThePositionHoldingHalfTheWeight() throws {
    #expect(try table([(0, 1), (10, 1), (100, 1)]).weightedMedian() == 10)
    #expect(try table([(0, 3), (10, 1), (100, 1)]).weightedMedian() == 0)
    #expect(try table([(100, 1), (0, 1), (10, 2.5)]).weightedMedian() == 10)
}

@Test func weightedMedianSplitsAnExactTieAtTheMidpoint() throws {
    #expect(try table([(0, 1), (10, 1)]).weightedMedian() == 5)
    #expect(try table([(20, 2), (40, 1), (40, 1)]).weightedMedian() == 30)
}

@Test func weightedMedianOfTheEmissionsCaseIsSeven() throws {
    #expect(try shippedTable("eu_emissions_bdm1994.csv").weightedMedian() == 7)
}

@Test func nashSolutionOfOneActorIsItsPosition() throws {
    let solution = try table([(60, 1), (60, 2)], reference: 0).nashSolution()
    #expect(abs(solution.outcome - 60) < 1e-9)
}

@Test func nashSolutionOfTwoActorsSolvesTheFirstOrderCondition() throws {
    // Actors at 60 and 80, equal weights, d = 0: the maximiser of log(3600 − (x−60)²) +
    // log(6400 − (x−80)²) satisfies (x−60)(6400 − (x−80)²) + (x−80)(3600 − (x−60)²) = 0, which
    // expands to −2x(x² − 210x + 9600) = 0: the root in (60, 80) is 105 − √1425 = 67.2508….
    let solution = try table([(60, 1), (80, 1)], reference: 0).nashSolution()
    let x = solution.outcome
    #expect(abs((x - 60) * (6400 - (x - 80) * (x - 80)) + (x - 80) * (3600 - (x - 60) * (x - 60))) < 1e-6)
    #expect(abs(x - (105 - 1425.0.squareRoot())) < 1e-9)
    #expect(solution.reason == .closedForm)
}

@Test func nashSolutionKeepsTheReferencePointWhenActorsStandOnBothSides() throws {
    let solution = try table([(20, 1), (80, 1)], reference: 50).nashSolution()
    #expect(solution.outcome == 50)
    #expect(solution.reason == .referencePointStands)
}

@Test func nashSolutionWithoutAReferencePointIsTheCompromiseModel() throws {
    let table = try table([(20, 1), (80, 3)])
    let solution = table.nashSolution()
    #expect(solution.outcome == table.compromise())
    #expect(solution.reason == .noReferencePoint)
}
