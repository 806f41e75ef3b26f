import ParleyEngine
import ParleyLanguage
import Testing

@Suite struct DeterminismTests {
    @Test func theSameSeedGivesIdenticalResultsOnOneAndTwoThreads() async throws {
        let scenario = try shipped("prisoners-dilemma")
        let policies = ["row": "generous_tit_for_tat", "column": "random"]
        let one = try await ensemble(scenario, runs: 700, seed: 42, threads: 1, uncertainty: true, policies: policies)
        let two = try await ensemble(scenario, runs: 700, seed: 42, threads: 2, uncertainty: true, policies: policies)
        #expect(one == two)
    }

    @Test func theSameSeedGivesIdenticalResultsWithManyThreads() async throws {
        let scenario = try shipped("richardson")
        let one = try await ensemble(scenario, runs: 300, seed: 9, threads: 1, uncertainty: true, set: ["shock": "0.5"])
        let seven = try await ensemble(scenario, runs: 300, seed: 9, threads: 7, uncertainty: true, set: ["shock": "0.5"])
        #expect(one == seven)
    }

    @Test func differentSeedsGiveDifferentResults() async throws {
        let scenario = try shipped("prisoners-dilemma")
        let policies = ["row": "random", "column": "random"]
        let first = try await ensemble(scenario, runs: 50, seed: 1, policies: policies)
        let second = try await ensemble(scenario, runs: 50, seed: 2, policies: policies)
        #expect(try first.values("row_score_per_round") != second.values("row_score_per_round"))
    }

    @Test func aRunDependsOnlyOnItsIndexNotOnTheEnsembleSize() async throws {
        let scenario = try shipped("prisoners-dilemma")
        let policies = ["row": "random", "column": "generous_tit_for_tat"]
        let small = try await ensemble(scenario, runs: 10, seed: 5, policies: policies)
        let large = try await ensemble(scenario, runs: 200, seed: 5, threads: 2, policies: policies)
        #expect(Array(large.runValues.prefix(10)) == small.runValues)
    }

    @Test func parameterDrawsArePairedAcrossPolicies() async throws {
        // Common random numbers: the parameter stream does not depend on the policies.
        let scenario = try compile(scenarioText("""
            parameters:
              rate: { value: 1, dist: "uniform(0, 10)", source: assumption }
            actors:
              a: {}
            state:
              x: { init: 0, source: assumption }
            actions:
              a.act: { effects: { x: "x + uniform(0, 1)" } }
              a.rest: {}
            policies:
              a:
                busy: { rules: [ { do: act } ] }
                idle: { rules: [ { do: rest } ] }
            metrics:
              rate: "rate"
            """))
        let busy = try await ensemble(scenario, runs: 20, uncertainty: true, policies: ["a": "busy"])
        let idle = try await ensemble(scenario, runs: 20, uncertainty: true, policies: ["a": "idle"])
        #expect(try busy.values("rate") == idle.values("rate"))
    }

    @Test func anActorsRandomChoicesDoNotDependOnAnotherActorsPolicy() async throws {
        // b chooses at random; whether a draws random numbers (gambler) or not (steady) must not change b's moves.
        let scenario = try compile(scenarioText(steps: 30, """
            actors:
              a: {}
              b: {}
            actions:
              a.act: {}
              b.left: {}
              b.right: {}
            policies:
              a:
                gambler: { rules: [ { when: "bernoulli(0.5)", do: act } ] }
                steady: { rules: [ { do: act } ] }
              b:
                coin: { choose: { temperature: 1, utility: { left: "0", right: "0" } } }
            metrics:
              lefts: "count(b.left)"
            """))
        let gambler = try await ensemble(scenario, runs: 40, policies: ["a": "gambler"])
        let steady = try await ensemble(scenario, runs: 40, policies: ["a": "steady"])
        #expect(try gambler.values("lefts") == steady.values("lefts"))
    }

    @Test func fixingOneParameterLeavesTheOthersDrawsPaired() async throws {
        let scenario = try compile(scenarioText(steps: 1, """
            parameters:
              a: { value: 1, dist: "uniform(0, 10)", source: assumption }
              b: { value: 1, dist: "uniform(0, 10)", source: assumption }
            metrics:
              b: "b"
            """))
        let drawn = try await ensemble(scenario, runs: 20, uncertainty: true)
        let fixed = try await ensemble(scenario, runs: 20, uncertainty: true, set: ["a": "5"])
        #expect(try drawn.values("b") == fixed.values("b"))
    }
}
