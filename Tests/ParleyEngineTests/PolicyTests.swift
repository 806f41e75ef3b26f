import Foundation
import ParleyEngine
import ParleyLanguage
import Testing

@Suite struct RulePolicyTests {
    let scenario: Scenario

    init() throws { scenario = try shipped("prisoners-dilemma") }

    @Test func titForTatAgainstAlwaysDefectLosesOnlyTheFirstRound() async throws {
        let summary = try await ensemble(scenario, runs: 1, policies: ["row": "tit_for_tat", "column": "always_defect"])
        // Row: S on round 1, then P for 199 rounds; column: T, then P.
        #expect(try summary.values("row_score_per_round")[0] == (0 + 199 * 1) / 200.0)
        #expect(try summary.values("column_score_per_round")[0] == (5 + 199 * 1) / 200.0)
    }

    @Test func twoTitForTatsCooperateThroughout() async throws {
        let summary = try await ensemble(scenario, runs: 1)
        #expect(try summary.values("mutual_cooperation")[0] == 1)
    }

    @Test func grimTriggerNeverForgives() async throws {
        // Against a random opponent, grim defects forever after the opponent's first defection.
        let summary = try await ensemble(scenario, runs: 30, policies: ["row": "grim_trigger", "column": "random"])
        for cooperation in try summary.values("row_cooperation") {
            // Random defects in round 1 with probability 1/2, after which grim cooperates at most once.
            #expect(cooperation <= 0.1)
        }
    }

    @Test func winStayLoseShiftCooperatesAfterMutualDefection() async throws {
        // Pavlov against always-defect alternates: C (sucker), D (punished), C, D, …
        let summary = try await ensemble(scenario, runs: 1, policies: ["row": "win_stay_lose_shift", "column": "always_defect"])
        #expect(try summary.values("row_cooperation")[0] == 0.5)
    }

    @Test func theFirstMatchingRuleWhoseActionsAreAvailableActs() async throws {
        let text = scenarioText(steps: 4, """
            actors:
              a: {}
            state:
              x: { init: 0, source: assumption }
            actions:
              a.big: { requires: "x >= 2", effects: { x: "x + 10" } }
              a.small: { effects: { x: "x + 1" } }
            policies:
              a:
                p:
                  rules:
                    - { do: big }
                    - { do: small }
            metrics:
              x: "x"
            """)
        // Steps: small (x=1), small (x=2), big (x=12), big (x=22).
        let summary = try await ensemble(try compile(text), runs: 1)
        #expect(try summary.values("x") == [22])
    }

    @Test func aRuleCanTakeSeveralActionsAtOnce() async throws {
        let text = scenarioText(steps: 3, """
            actors:
              a: {}
            state:
              x: { init: 0, source: assumption }
              y: { init: 0, source: assumption }
            actions:
              a.one: { effects: { x: "x + 1" } }
              a.two: { effects: { y: "y + 2" } }
            policies:
              a:
                p: { rules: [ { do: [one, two] } ] }
            metrics:
              total: "x + y"
            """)
        #expect(try await ensemble(try compile(text), runs: 1).values("total") == [9])
    }
}

@Suite struct ChoicePolicyTests {
    func choiceScenario(temperature: String) throws -> Scenario {
        try compile(scenarioText(steps: 1, """
            actors:
              a: {}
            actions:
              a.left: {}
              a.right: {}
              a.blocked: { requires: "false" }
            policies:
              a:
                p:
                  choose:
                    temperature: \(temperature)
                    utility: { left: "1", right: "0", blocked: "100" }
            metrics:
              left: "did(a.left)"
            """))
    }

    @Test func choiceProbabilitiesFollowTheLogitRule() async throws {
        let runs = 20_000
        let summary = try await ensemble(try choiceScenario(temperature: "0.5"), runs: runs, threads: 2)
        let expected = exp(1 / 0.5) / (exp(1 / 0.5) + exp(0))  // 0.8808
        let observed = try summary.metric("left").summary.mean
        let bound = 5 * (expected * (1 - expected) / Double(runs)).squareRoot()
        #expect(abs(observed - expected) < bound)
    }

    @Test func zeroTemperaturePicksTheBestAvailableOption() async throws {
        let summary = try await ensemble(try choiceScenario(temperature: "0"), runs: 200)
        #expect(try summary.metric("left").summary.mean == 1)
    }

    @Test func unavailableOptionsAreNeverChosen() async throws {
        // 'blocked' has by far the highest utility but its requires: is false.
        let summary = try await ensemble(try choiceScenario(temperature: "1000"), runs: 2000)
        let left = try summary.metric("left").summary.mean
        #expect(abs(left - 0.5) < 0.06)
    }
}
