import Testing

@testable import ParleyLanguage

@Suite struct RoadmapDeclarationTests {
    let roadmap = """
        roadmaps:
          deal:
            source: "Feb 2007 Initial Actions"
            starts_when: "tension < 1"
            breach: "did(dprk.missile_test)"
            snapback: { effects: { tension: "1" } }
            steps:
              - { name: freeze, benchmark: "did(dprk.hold)", verification: 0.9, deadline: 6, reward: { effects: { tension: "tension - 0.1" } } }
              - { name: talks, benchmark: "true" }

        """

    @Test func aRoadmapDeclaresItsStateAndEvents() throws {
        let compiled = try scenario(base + roadmap)
        let deal = try #require(compiled.roadmaps.first)
        #expect(deal.steps.map(\.name) == ["freeze", "talks"])
        #expect(deal.steps[0].deadline == 6)
        #expect(deal.steps[1].deadline == nil)
        #expect(compiled.variables[deal.stepVariable].name == "deal.step")
        #expect(compiled.variables[deal.progressVariable].name == "deal.progress")
        #expect(compiled.historySlotName(deal.agreedSlot) == "deal.agreed")
        #expect(compiled.historySlotName(deal.breachedSlot) == "deal.breached")
    }

    @Test func roadmapStateCanBeReadInExpressions() throws {
        let text = base.replacingOccurrences(of: "  m: \"final(tension)\"\n", with: "  m: \"final(tension)\"\n  s: \"deal.step\"\n  a: \"count(deal.agreed)\"\n")
        #expect(throws: Never.self) { try scenario(text + roadmap) }
    }

    @Test func roadmapStateCannotBeAssigned() {
        let text = base + roadmap + "dynamics:\n  deal.step: \"2\"\n"
        #expect(errors(text) == ["""
            s.yaml:28:3: error: 'deal.step' is computed by roadmap deal and cannot be assigned
                hint: read it in conditions; the roadmap moves it as benchmarks are verified
            """])
    }

    @Test func aRoadmapNeedsAStartConditionAndSteps() {
        let text = base + "roadmaps:\n  deal: { source: assumption }\n"
        #expect(errors(text) == [
            """
            s.yaml:19:9: error: roadmap 'deal' has no 'starts_when:'
                expected: starts_when: a condition under which the deal is agreed
            """,
            """
            s.yaml:19:9: error: roadmap 'deal' has no 'steps:'
                expected: a list of benchmarks
            """,
        ])
    }

    @Test func aVerificationProbabilityMustLieInTheUnitInterval() {
        let text = base + "roadmaps:\n  deal:\n    source: assumption\n    starts_when: \"true\"\n    steps:\n      - { name: a, benchmark: \"true\", verification: 1.5 }\n"
        #expect(errors(text) == ["s.yaml:23:53: error: a verification probability lies in [0, 1], not 1.5"])
    }

    @Test func aRoadmapWithoutASourceIsWarnedAbout() throws {
        let text = base + "roadmaps:\n  deal:\n    starts_when: \"true\"\n    steps: [ { name: a, benchmark: \"true\" } ]\n"
        #expect(try scenario(text).warnings.map(\.description) == ["""
            s.yaml:19:3: warning: roadmap 'deal' has no source
                hint: cite the agreement its benchmarks and exchange rates come from, or source: assumption
            """])
    }
}
