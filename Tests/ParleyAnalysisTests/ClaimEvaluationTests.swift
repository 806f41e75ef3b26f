import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyNumerics
import ParleyScenarios
import Testing

@Suite struct ClaimVerdictRuleTests {
    func verdict(_ lower: Double, _ upper: Double, _ expectation: Claim.Expectation, margin: Double = 0) -> ClaimVerdict.Verdict {
        ClaimEvaluation.verdict(effect: (lower + upper) / 2, interval: ConfidenceInterval(lower: lower, upper: upper, level: 0.95),
                                expectation: expectation, margin: margin)
    }

    @Test func anIncreaseIsSupportedWhenTheWholeIntervalIsPositiveAndTheMeanClearsTheMargin() {
        #expect(verdict(0.2, 0.6, .increase, margin: 0.3) == .supported)
        #expect(verdict(0.1, 0.25, .increase, margin: 0.3) == .contradicted)  // reliably below what matters
        #expect(verdict(0.05, 0.4, .increase, margin: 0.3) == .inconclusive)  // mean 0.225 < 0.3, upper above it
        #expect(verdict(-0.1, 0.5, .increase) == .inconclusive)
        #expect(verdict(-0.5, -0.1, .increase) == .contradicted)
    }

    @Test func aDecreaseMirrorsAnIncrease() {
        #expect(verdict(-0.6, -0.2, .decrease, margin: 0.3) == .supported)
        #expect(verdict(-0.2, 0.1, .decrease, margin: 0.3) == .contradicted)
        #expect(verdict(-0.5, 0.2, .decrease) == .inconclusive)
    }

    @Test func noEffectNeedsTheIntervalInsideTheMargin() {
        #expect(verdict(-0.1, 0.1, .noEffect, margin: 0.2) == .supported)
        #expect(verdict(0.3, 0.5, .noEffect, margin: 0.2) == .contradicted)
        #expect(verdict(-0.5, -0.3, .noEffect, margin: 0.2) == .contradicted)
        #expect(verdict(0.1, 0.3, .noEffect, margin: 0.2) == .inconclusive)
    }

    @Test func noEffectWithoutAMarginCanNeverBeSupported() {
        #expect(verdict(-1e-9, 1e-9, .noEffect) == .inconclusive)
        #expect(verdict(0, 0, .noEffect) == .inconclusive)  // identical arms do not contradict it either
    }
}

@Suite struct ClaimEvaluationTests {
    @Test func theShippedPrisonersDilemmaClaimsGetTheirExpectedVerdicts() async throws {
        let scenario = try ScenarioLoader().load(text: try #require(ShippedScenarios.text(named: "prisoners-dilemma")), file: "pd.yaml")
        let verdicts = try await ClaimEvaluation.evaluate(scenario, base: RunConfiguration(scenario: scenario, seed: 1),
                                                          options: EnsembleOptions(runs: 200, threads: 2))
        #expect(verdicts.map(\.verdict) == [.supported, .supported, .contradicted])
        // Grim without noise cooperates in every round.
        #expect(verdicts[2].baselineMean == 1)
    }

    @Test func claimArmsOverrideTheBaseConfiguration() throws {
        let scenario = try ScenarioLoader().load(text: try #require(ShippedScenarios.text(named: "prisoners-dilemma")), file: "pd.yaml")
        let claim = try #require(scenario.claims.first)
        let configuration = ClaimEvaluation.configuration(of: claim.alternative, base: RunConfiguration(scenario: scenario))
        let row = try #require(scenario.actorIndex(named: "row"))
        #expect(scenario.actors[row].policies[configuration.policies[row] ?? -1].name == "generous_tit_for_tat")
        #expect(configuration.overrides[try #require(scenario.parameterIndex(named: "implementation_noise"))] == 0.01)
    }
}
