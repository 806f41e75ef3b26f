import ParleyEngine
import ParleyGames
import ParleyLanguage
import ParleyScenarios
import Testing

/// Strategies from the games library used as scenario policies (`builtin:`).
@Suite struct BuiltinPolicyTests {
    let scenario: Scenario

    init() throws { scenario = try shipped("prisoners-dilemma") }

    @Test func builtinTitForTatPlaysExactlyLikeTheRuleWrittenOne() async throws {
        let text = try #require(scenarioTextOfShippedPD())
            .replacingOccurrences(of: "    gradual: { builtin: gradual,", with: "    tft_library: { builtin: tit_for_tat, cooperate: cooperate, defect: defect }\n    gradual: { builtin: gradual,")
        let extended = try compile(text)
        for opponent in ["always_defect", "grim_trigger", "win_stay_lose_shift", "gradual"] {
            let rules = try await ensemble(extended, runs: 1, policies: ["row": "tit_for_tat", "column": opponent])
            let library = try await ensemble(extended, runs: 1, policies: ["row": "tft_library", "column": opponent])
            #expect(rules.runValues == library.runValues, "against \(opponent)")
        }
    }

    @Test(arguments: [("gradual", "Gradual"), ("grit", "GRIT"), ("calibrated_reciprocity", "Calibrated Reciprocity"),
                      ("contrite_tit_for_tat", "Contrite Tit For Tat")])
    func aDeterministicBuiltinScoresAsInTheGamesModule(policy: String, strategy: String) async throws {
        // Scenario: row plays the builtin against column's rule-written always_defect, 200 rounds.
        let summary = try await ensemble(scenario, runs: 1, policies: ["row": policy, "column": "always_defect"])
        let match = Match(try StrategyCatalog.make(policy), Defector(), settings: MatchSettings(turns: 200)).play(seed: 1)
        #expect(try summary.values("row_score_per_round")[0] == match.firstScore / 200, "\(strategy)")
        #expect(try summary.values("column_score_per_round")[0] == match.secondScore / 200, "\(strategy)")
    }

    @Test func anUnknownStrategyIsALoadErrorWithASuggestion() throws {
        let text = try #require(scenarioTextOfShippedPD()).replacingOccurrences(of: "builtin: gradual,", with: "builtin: gradul,")
        #expect(throws: ScenarioError.self) { try ScenarioLoader().load(text: text, file: "pd.yaml") }
        do {
            _ = try ScenarioLoader().load(text: text, file: "pd.yaml")
        } catch {
            #expect(error.errors.map(\.message) == ["unknown strategy 'gradul'. Did you mean 'gradual'? Run `parley strategies` for the list."])
        }
    }

    @Test func anUnknownStrategyParameterIsALoadError() throws {
        let text = try #require(scenarioTextOfShippedPD()).replacingOccurrences(of: "parameters: { window: 10, tolerance: 1 }",
                                                                                 with: "parameters: { windoww: 10 }")
        do {
            _ = try ScenarioLoader().load(text: text, file: "pd.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.first?.message.hasPrefix("strategy 'calibrated_reciprocity' has no parameter 'windoww'") == true)
        }
    }

    func scenarioTextOfShippedPD() -> String? { ShippedScenarios.text(named: "prisoners-dilemma") }
}
