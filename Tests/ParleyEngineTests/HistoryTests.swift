import ParleyEngine
import ParleyLanguage
import Testing

/// The semantics of did, count, since, last and goldstein: "the n most recent visible steps".
@Suite struct HistoryTests {
    /// An actor who acts at steps 1 and 3 (t = 1, 3) of six; metrics read history after the run.
    func scenario(metrics: String, extra: String = "") throws -> Scenario {
        try compile(scenarioText(steps: 6, """
            actors:
              a: {}
            state:
              seen_in_decision: { init: 0, source: assumption }
              x: { init: 0, source: assumption }
            actions:
              a.act: { goldstein: -7, effects: { x: "x + 1" } }
              a.wait: {}
              a.note: { effects: { seen_in_decision: "seen_in_decision + 1" } }
            policies:
              a:
                p:
                  rules:
                    - { when: "t == 1 or t == 3", do: act }
                    - { when: "did(act)", do: note }
                    - { do: wait }
            \(extra)
            metrics:
            \(metrics)
            """))
    }

    @Test func didInADecisionSeesThePreviousStep() async throws {
        // Decisions at t = 2 and t = 4 see the act of t = 1 and t = 3.
        let summary = try await ensemble(try scenario(metrics: "  noted: \"seen_in_decision\""), runs: 1)
        #expect(try summary.values("noted") == [2])
    }

    @Test func countWithinCountsTheMostRecentSteps() async throws {
        let summary = try await ensemble(try scenario(metrics: """
              all: "count(a.act)"
              recent: "count(a.act, within: 3)"
              last_two: "count(a.act, within: 2)"
            """), runs: 1)
        // After the last step (t = 5): acts at t = 1 and 3; the last 3 steps are t = 3, 4, 5.
        #expect(try summary.values("all") == [2])
        #expect(try summary.values("recent") == [1])
        #expect(try summary.values("last_two") == [0])
    }

    @Test func sinceCountsStepsFromTheLastOccurrence() async throws {
        let summary = try await ensemble(try scenario(metrics: "  since_act: \"since(a.act)\""), runs: 1)
        #expect(try summary.values("since_act") == [2])
    }

    @Test func sinceSomethingThatNeverHappenedIsInfiniteAndStopsAMetric() async throws {
        let text = scenarioText(steps: 2, """
            actors:
              a: {}
            actions:
              a.never: {}
            metrics:
              gap: "since(a.never)"
            """)
        await #expect(throws: RunError.self) { try await ensemble(try compile(text), runs: 1) }
    }

    @Test func didInDynamicsSeesTheCurrentStep() async throws {
        let summary = try await ensemble(try scenario(metrics: "  acted: { sum: \"number(did(a.act))\" }"), runs: 1)
        #expect(try summary.values("acted") == [2])
    }

    @Test func lastReadsTheValueAtTheStartOfEarlierSteps() async throws {
        let text = scenarioText(steps: 5, """
            state:
              x: { init: 0, source: assumption }
            dynamics:
              x: "x + 10"
            metrics:
              now: "x"
              one_back: "last(x)"
              three_back: "last(x, 3)"
              far_back: "last(x, 50)"
            """)
        let summary = try await ensemble(try compile(text), runs: 1)
        // After 5 steps x = 50; last(x, k) is x at the end of step t − k (t = 4).
        #expect(try summary.values("now") == [50])
        #expect(try summary.values("one_back") == [40])
        #expect(try summary.values("three_back") == [20])
        #expect(try summary.values("far_back") == [0])
    }

    @Test func goldsteinSumsTheScoresOfTheLatestStep() async throws {
        let summary = try await ensemble(try scenario(metrics: "  hostility: { sum: \"goldstein()\" }"), runs: 1)
        #expect(try summary.values("hostility") == [-14])
    }

    @Test func eventsAreVisibleToDecisionsInTheSameStep() async throws {
        let text = scenarioText(steps: 4, """
            actors:
              a: {}
            state:
              reacted_at: { init: -1, source: assumption }
            actions:
              a.react: { effects: { reacted_at: "t" } }
            policies:
              a:
                p: { rules: [ { when: "did(shock)", do: react } ] }
            events:
              shock: { at: 2 }
            metrics:
              reacted_at: "reacted_at"
            """)
        #expect(try await ensemble(try compile(text), runs: 1).values("reacted_at") == [2])
    }
}
