import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyScenarios
import Testing

@Suite struct PolicyComparisonTests {
    func prisonersDilemma() throws -> Scenario {
        try ScenarioLoader().load(text: try #require(ShippedScenarios.text(named: "prisoners-dilemma")), file: "pd.yaml")
    }

    func compare(_ policies: [String], runs: Int = 200, threads: Int = 1) async throws -> PolicyComparisonResult {
        let scenario = try prisonersDilemma()
        var base = RunConfiguration(scenario: scenario, seed: 3, samplesUncertainParameters: true)
        try base.choosePolicy("random", forActor: "column", in: scenario)
        let arms = try PolicyComparison.arms(of: scenario, actor: "row", policies: policies, base: base)
        return try await PolicyComparison.run(scenario, arms: arms, options: EnsembleOptions(runs: runs, threads: threads))
    }

    @Test func comparingAPolicyWithItselfGivesExactlyZeroDifference() async throws {
        let result = try await compare(["tit_for_tat", "tit_for_tat"])
        for metric in result.metrics {
            #expect(metric.outcomes[1].difference == 0)
            #expect(metric.outcomes[1].differenceInterval?.lower == 0)
        }
    }

    @Test func pairedDifferencesEqualTheDifferenceOfMeans() async throws {
        let result = try await compare(["tit_for_tat", "always_defect"])
        let score = try #require(result.metrics.first { $0.metric == "row_score_per_round" })
        let difference = try #require(score.outcomes[1].difference)
        #expect(abs(difference - (score.outcomes[1].mean - score.outcomes[0].mean)) < 1e-12)
    }

    @Test func pairingNarrowsTheIntervalBelowTheUnpairedOne() async throws {
        // Same opponent moves in both arms: the paired interval is narrower than the runs' spread.
        let result = try await compare(["tit_for_tat", "win_stay_lose_shift"], runs: 400)
        let score = try #require(result.metrics.first { $0.metric == "column_score_per_round" })
        let interval = try #require(score.outcomes[1].differenceInterval)
        let spread = score.outcomes[0].upper - score.outcomes[0].lower
        #expect(interval.upper - interval.lower < spread / 5)
    }

    @Test func comparisonsDoNotDependOnThreads() async throws {
        let one = try await compare(["tit_for_tat", "generous_tit_for_tat", "grim_trigger"], runs: 300, threads: 1)
        let two = try await compare(["tit_for_tat", "generous_tit_for_tat", "grim_trigger"], runs: 300, threads: 2)
        #expect(one == two)
    }

    @Test func theReferenceComesFirst() throws {
        let scenario = try prisonersDilemma()
        let arms = try PolicyComparison.arms(of: scenario, actor: "row", policies: ["random", "grim_trigger"],
                                             reference: "grim_trigger", base: RunConfiguration(scenario: scenario))
        #expect(arms.map(\.name) == ["grim_trigger", "random"])
    }

    @Test func anUnknownActorIsAProblemWithASuggestion() throws {
        let scenario = try prisonersDilemma()
        #expect(throws: RunConfiguration.Problem(description: "unknown actor 'rowe'; actors are row, column (did you mean 'row'?)")) {
            try PolicyComparison.arms(of: scenario, actor: "rowe", base: RunConfiguration(scenario: scenario))
        }
    }
}
