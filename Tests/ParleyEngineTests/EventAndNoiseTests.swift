import Foundation
import ParleyEngine
import ParleyLanguage
import Testing

@Suite struct EventTests {
    @Test func scheduledEventsFireInTheStepContainingTheirDate() async throws {
        let text = """
            parley: 1
            name: calendar
            clock: { start: 2021-05, end: 2025-01, step: month }
            state:
              fired_at: { init: -1, source: assumption }
            events:
              election: { at: 2022-03-09, effects: { fired_at: "t" } }
            metrics:
              fired_at: "fired_at"
              steps: "t + 1"
            """
        let summary = try await ensemble(try compile(text), runs: 1)
        #expect(try summary.values("fired_at") == [10])  // 2021-05 + 10 months = 2022-03
        #expect(try summary.values("steps") == [44])
    }

    @Test func aHazardFiresAtItsRate() async throws {
        let text = scenarioText(steps: 100, """
            state:
              hits: { init: 0, source: assumption }
            events:
              crisis: { hazard: 0.2, effects: { hits: "hits + 1" } }
            metrics:
              hits: "hits"
            """)
        let runs = 400
        let summary = try await ensemble(try compile(text), runs: runs, threads: 2)
        let mean = try summary.metric("hits").summary.mean
        // Binomial(100, 0.2): mean 20, sd 4; the mean of 400 runs has sd 0.2.
        #expect(abs(mean - 20) < 1)
    }

    @Test func onceEventsFireAtMostOnceAndWindowsLimitThem() async throws {
        let text = scenarioText(steps: 20, """
            state:
              hits: { init: 0, source: assumption }
              windowed: { init: 0, source: assumption }
            events:
              first: { when: "t >= 3", once: true, effects: { hits: "hits + 1" } }
              bounded: { when: "true", from: 5, until: 7, effects: { windowed: "windowed + 1" } }
            metrics:
              hits: "hits"
              windowed: "windowed"
            """)
        let summary = try await ensemble(try compile(text), runs: 1)
        #expect(try summary.values("hits") == [1])
        #expect(try summary.values("windowed") == [3])
    }
}

@Suite struct NoiseTests {
    func alwaysCooperate(implementation: String = "0", perception: String = "0") throws -> Scenario {
        try compile(scenarioText(steps: 200, """
            actors:
              a: { opponent: b, implementation_error: \(implementation) }
              b: { opponent: a, perception_error: \(perception) }
            state:
              misread: { init: 0, source: assumption }
            actions:
              a.cooperate: { flip: defect }
              a.defect: { flip: cooperate }
              b.notice: { effects: { misread: "misread + 1" } }
            policies:
              a:
                nice: { rules: [ { do: cooperate } ] }
              b:
                watch: { rules: [ { when: "did(opponent.defect)", do: notice } ] }
            metrics:
              defections: { sum: "number(did(a.defect))" }
              misread: "misread"
            """))
    }

    @Test func implementationErrorFlipsMovesAtItsRate() async throws {
        let summary = try await ensemble(try alwaysCooperate(implementation: "0.1"), runs: 200, threads: 2)
        let rate = try summary.metric("defections").summary.mean / 200
        #expect(abs(rate - 0.1) < 0.01)  // 40,000 moves: sd of the rate ≈ 0.0015
    }

    @Test func perceptionErrorMisleadsTheObserverButNotTheTruth() async throws {
        let summary = try await ensemble(try alwaysCooperate(perception: "0.25"), runs: 200, threads: 2)
        #expect(try summary.metric("defections").summary.mean == 0)
        // b decides at steps 1…199 on what it saw of the previous step.
        let rate = try summary.metric("misread").summary.mean / 199
        #expect(abs(rate - 0.25) < 0.015)
    }

    @Test func withoutNoiseNothingIsMisread() async throws {
        let summary = try await ensemble(try alwaysCooperate(), runs: 5)
        #expect(try summary.metric("misread").summary.maximum == 0)
    }
}
