import ParleyEngine
import ParleyLanguage
import Testing

/// A two-benchmark deal: freeze (reciprocated by easing), then shutdown (by aid).
@Suite struct RoadmapTests {
    func scenario(policy: String, verification: String = "1", deadline: Int = 3, steps: Int = 12) throws -> Scenario {
        try compile(scenarioText(steps: steps, """
            actors:
              dprk: {}
            state:
              sanctions: { init: 1, min: 0, source: assumption }
              aid: { init: 0, source: assumption }
            actions:
              dprk.freeze: {}
              dprk.shutdown: {}
              dprk.test: {}
              dprk.wait: {}
            policies:
              dprk:
                comply:
                  rules:
                    - { when: "deal.step == 1", do: freeze }
                    - { when: "deal.step == 2", do: [freeze, shutdown] }
                    - { do: wait }
                stall:
                  rules:
                    - { do: wait }
                cheat:
                  rules:
                    - { when: "deal.step == 2", do: test }
                    - { do: freeze }
            roadmaps:
              deal:
                source: assumption
                starts_when: "t >= 2"
                breach: "did(dprk.test)"
                snapback: { effects: { sanctions: "1" } }
                steps:
                  - name: freeze
                    benchmark: "did(dprk.freeze)"
                    verification: \(verification)
                    deadline: \(deadline)
                    reward: { effects: { sanctions: "sanctions - 0.25" } }
                  - name: shutdown
                    benchmark: "did(dprk.shutdown)"
                    verification: \(verification)
                    deadline: \(deadline)
                    reward: { effects: { aid: "aid + 1" } }
            metrics:
              step: "deal.step"
              completed: "deal.completed"
              active: "deal.active"
              collapses: "deal.collapses"
              progress: "deal.progress"
              sanctions: "sanctions"
              aid: "aid"
              agreed: "count(deal.agreed)"
              verified: "count(deal.verified)"
              breached: "count(deal.breached)"
            """))
    }

    @Test func aComplyingPartyCompletesTheRoadmapAndReceivesEveryMeasure() async throws {
        let summary = try await ensemble(try scenario(policy: "comply"), runs: 1, policies: ["dprk": "comply"])
        // t = 2 agreed; t = 3 freeze verified (step 2); t = 4 shutdown verified (step 3 = complete).
        #expect(try summary.values("step") == [3])
        #expect(try summary.values("completed") == [1])
        #expect(try summary.values("active") == [0])
        #expect(try summary.values("progress") == [1])
        #expect(try summary.values("sanctions") == [0.75])
        #expect(try summary.values("aid") == [1])
        #expect(try summary.values("verified") == [2])
        #expect(try summary.values("agreed") == [1])
    }

    @Test func aMissedDeadlineCollapsesTheDealAndSnapsBack() async throws {
        let summary = try await ensemble(try scenario(policy: "stall", steps: 6), runs: 1, policies: ["dprk": "stall"])
        // Agreed at t = 2, nothing verified, deadline of 3 steps passes at t = 5.
        #expect(try summary.values("collapses") == [1])
        #expect(try summary.values("step") == [0])
        #expect(try summary.values("breached") == [0])
        #expect(try summary.values("progress") == [0])
    }

    @Test func aBreachCollapsesTheDealUndoesTheMeasuresAndIsRecorded() async throws {
        let summary = try await ensemble(try scenario(policy: "cheat", steps: 5), runs: 1, policies: ["dprk": "cheat"])
        // t = 2 agreed; t = 3 freeze verified (sanctions 0.75); t = 4 a test: breach, sanctions snap back to 1.
        #expect(try summary.values("breached") == [1])
        #expect(try summary.values("sanctions") == [1])
        #expect(try summary.values("progress") == [0.5])
        #expect(try summary.values("collapses") == [1])
    }

    @Test func aCollapsedDealCanBeAgreedAgain() async throws {
        let summary = try await ensemble(try scenario(policy: "stall", steps: 12), runs: 1, policies: ["dprk": "stall"])
        // Agreed at 2, collapses at 5, agreed at 6, collapses at 9, agreed at 10.
        #expect(try summary.values("agreed") == [3])
        #expect(try summary.values("collapses") == [2])
    }

    @Test func verificationSucceedsAtItsProbability() async throws {
        let runs = 4000
        let summary = try await ensemble(try scenario(policy: "comply", verification: "0.3", deadline: 1, steps: 4), runs: runs,
                                         threads: 2, policies: ["dprk": "comply"])
        // With a one-step deadline, the freeze is verified at t = 3 with probability 0.3.
        let rate = try summary.metric("verified").summary.mean
        #expect(abs(rate - 0.3) < 5 * (0.21 / Double(runs)).squareRoot())
    }
}

@Suite struct RoadmapHistoryTests {
    @Test func aPolicySeesLastStepsRoadmapEventsLikeActions() async throws {
        let text = scenarioText(steps: 5, """
            actors:
              a: {}
            state:
              reacted_at: { init: -1, source: assumption }
            actions:
              a.react: { effects: { reacted_at: "t" } }
            policies:
              a:
                p: { rules: [ { when: "did(deal.agreed)", do: react } ] }
            roadmaps:
              deal:
                source: assumption
                starts_when: "t == 1"
                steps: [ { name: wait, benchmark: "false" } ]
            metrics:
              reacted_at: "reacted_at"
              agreed_now: "did(deal.agreed, within: 4)"
            """)
        // Agreed in the roadmap phase of t = 1; the policy sees it when deciding at t = 2.
        let summary = try await ensemble(try compile(text), runs: 1)
        #expect(try summary.values("reacted_at") == [2])
        #expect(try summary.values("agreed_now") == [1])
    }
}
