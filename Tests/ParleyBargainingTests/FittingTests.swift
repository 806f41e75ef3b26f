import ParleyBargaining
import Testing

@Test func foldAssignmentIsBalancedAndSeeded() {
    let folds = FittedModel.foldAssignment(count: 185, folds: 10, seed: 1)
    let sizes = (0..<10).map { fold in folds.filter { $0 == fold }.count }
    #expect(sizes.min()! >= 18 && sizes.max()! <= 19)
    #expect(folds == FittedModel.foldAssignment(count: 185, folds: 10, seed: 1))
    #expect(folds != FittedModel.foldAssignment(count: 185, folds: 10, seed: 2))
}

@Test func fittingIsDeterministicAndNeverWorseInSampleThanTheCompromise() throws {
    let issues = Array(try developmentIssues().prefix(60))
    let first = FittedModel.fit(issues, folds: 3, seed: 5)
    let second = FittedModel.fit(issues, folds: 3, seed: 5)
    #expect(first == second)
    #expect(first.trainingError <= FittedModel.compromise.meanAbsoluteError(issues) + 1e-12)
    #expect(first.scores.map(\.specification) == FittedModel.Specification.allCases)
}

@Test func compromiseSpecificationPredictsTheCompromiseModel() throws {
    let issue = try developmentIssues()[0]
    #expect(FittedModel.compromise.predict(issue.table, procedure: issue.procedure, votingRule: issue.votingRule) == issue.table.compromise())
}

@Test func validationIsDeterministicForASeedAndPairsTheBootstrap() throws {
    let issues = Array(try developmentIssues().prefix(25))
    let fitted = FittedModel.fit(issues, folds: 3, seed: 1)
    let a = BargainingValidation.validate(issues, fitted: fitted, resamples: 200, seed: 3)
    let b = BargainingValidation.validate(issues, fitted: fitted, resamples: 200, seed: 3)
    #expect(a == b)
    let compromise = try #require(a.rows.first { $0.model == "compromise" && $0.group == "all" })
    #expect(compromise.differenceFromCompromise == 0 && compromise.differenceInterval.lower == 0)
    #expect(compromise.interval.lower <= compromise.meanAbsoluteError && compromise.meanAbsoluteError <= compromise.interval.upper)
    #expect(a.rows.contains { $0.model == BargainingValidation.crossValidatedLabel })
}
