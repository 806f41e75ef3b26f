import Testing
import ParleyScenarios
@testable import ParleyLanguage

/// What the loader produces: names resolved to slots, stack depths, the shipped scenarios.
struct CompilationTests {
    static let game = """
        parley: 1
        name: Game
        clock: { steps: 10 }
        parameters:
          first: { value: 1, source: s }
          second: { value: 2, source: s }
        actors:
          row: { opponent: column }
          column: { opponent: row }
        state:
          tension: { init: 0, source: s }
          row.score: { init: 0, source: s }
          column.score: { init: 0, source: s }
        actions:
          row.cooperate: {}
          row.defect: {}
          column.cooperate: {}
          column.defect: {}
        events:
          crisis: { at: 3 }
        policies:
          row:
            mirror:
              rules:
                - { when: "did(opponent.defect) and score < opponent.score", do: defect }
                - { do: cooperate }
          column:
            greedy:
              choose:
                utility: { defect: "score + second", cooperate: "last(score, 3)" }
        dynamics:
          tension: "second + column.score + count(crisis)"
        metrics:
          m: "final(tension)"
        """

    @Test func namesResolveToTheirParameterStateAndHistorySlots() throws {
        let loaded = try scenario(CompilationTests.game)
        #expect(loaded.dynamics.count == 1)
        #expect(loaded.dynamics[0].variable == 0)
        // crisis is the first event, after the four actions.
        #expect(loaded.dynamics[0].code.instructions == [.parameter(1), .state(2), .add, .count(slot: 4, within: 0), .add])
    }

    @Test func opponentNamesResolveThroughTheActorsOpponent() throws {
        let loaded = try scenario(CompilationTests.game)
        guard case let .rules(rules) = loaded.actors[0].policies[0].tracks[0].kind else {
            Issue.record("mirror should be a rule policy")
            return
        }
        let code = try #require(rules[0].condition).instructions
        // did(column.defect) and row.score < column.score
        #expect(code.first == .did(slot: 3, within: 1))
        #expect(code.contains(.state(1)) && code.contains(.state(2)))
        #expect(rules.map(\.actions) == [[1], [0]])
    }

    @Test func unqualifiedNamesInAPolicyResolveToTheActorsOwnStateAndActions() throws {
        let loaded = try scenario(CompilationTests.game)
        guard case let .choice(_, options) = loaded.actors[1].policies[0].tracks[0].kind else {
            Issue.record("greedy should be a choice policy")
            return
        }
        #expect(options.map(\.action) == [3, 2])
        #expect(options[0].utility.instructions == [.state(2), .parameter(1), .add])
        #expect(options[1].utility.instructions == [.lagged(variable: 2, lag: 3)])
        #expect(loaded.maximumLag == [0, 0, 3])
    }

    @Test func stackDepthIsTheDeepestTheStackGets() throws {
        let text = base + "dynamics:\n  tension: \"1 + (2 + (3 + 4))\"\n  dprk.warheads: \"((1 + 2) + 3) + 4\"\n"
        let loaded = try scenario(text)
        #expect(loaded.dynamics.map(\.code.stackDepth) == [4, 2])
        #expect(loaded.maximumStackDepth == 4)
    }

    @Test func conditionalsAndShortCircuitsDoNotInflateTheStackDepth() throws {
        let text = base + "dynamics:\n  tension: \"if tension > 0 and rate > 0 then 1 else 2\"\n"
        let code = try scenario(text).dynamics[0].code
        #expect(code.stackDepth == 2)
        #expect(code.instructions.filter { if case .jumpIfFalse = $0 { true } else { false } }.count == 2)
    }

    @Test func shippedScenariosLoadWithoutWarnings() throws {
        for name in ShippedScenarios.names {
            let text = try #require(ShippedScenarios.text(named: name))
            let loaded = try scenario(text, file: "\(name).yaml")
            #expect(loaded.warnings.isEmpty, "\(name)")
            #expect(!loaded.metrics.isEmpty, "\(name)")
        }
        #expect(Set(["prisoners-dilemma", "richardson"]).isSubset(of: ShippedScenarios.names))
    }

    @Test func prisonersDilemmaStrategiesAreSharedByBothPlayers() throws {
        let text = try #require(ShippedScenarios.text(named: "prisoners-dilemma"))
        let loaded = try scenario(text, file: "prisoners-dilemma.yaml")
        #expect(loaded.actors.map { $0.policies.map(\.name) }[0] == loaded.actors.map { $0.policies.map(\.name) }[1])
        #expect(loaded.actors.map(\.defaultPolicy) == [0, 0])
        #expect(loaded.actions.map(\.flip) == [1, 0, 3, 2])
    }
}
