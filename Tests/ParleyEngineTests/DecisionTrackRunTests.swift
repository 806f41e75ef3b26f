import ParleyEngine
import ParleyLanguage
import Testing

/// Runs of policies with several decision tracks: every track acts in the same step, on the
/// same state, and what each chose is visible to `did`, `count` and `since`.
@Suite struct DecisionTrackRunTests {
    /// Testing by rule every third month; diplomacy refuses talks in a test month, else talks.
    let scenario = """
        parley: 1
        name: tracks
        clock: { steps: 12 }
        actors:
          dprk: {}
          us: {}
        state:
          talks: { init: 0, source: assumption }
        actions:
          dprk.test: {}
          dprk.hold: {}
          dprk.talk: { effects: { talks: "talks + 1" } }
          dprk.refuse: {}
          us.offer: {}
        policies:
          dprk:
            two_minds:
              tracks:
                testing:
                  rules:
                    - { when: "t % 3 == 0", do: test }
                    - { do: hold }
                diplomacy:
                  rules:
                    - { when: "t % 3 == 0", do: refuse }
                    - { do: talk }
          us:
            answer:
              rules:
                - { when: "did(dprk.test) and did(dprk.talk)", do: offer }
        metrics:
          tests: "count(dprk.test)"
          holds: "count(dprk.hold)"
          refusals: "count(dprk.refuse)"
          talks: "talks"
          same_month: { sum: "number(did(dprk.test) and did(dprk.refuse))" }
          offers: "count(us.offer)"
          since_refusal: "since(dprk.refuse)"
        """

    @Test func everyTrackActsInEveryStep() async throws {
        let summary = try await ensemble(try compile(scenario), runs: 1)
        #expect(try summary.values("tests") == [4])
        #expect(try summary.values("holds") == [8])
        #expect(try summary.values("refusals") == [4])
        #expect(try summary.values("talks") == [8])
    }

    @Test func bothTracksChoicesAreVisibleInTheSameStep() async throws {
        let summary = try await ensemble(try compile(scenario), runs: 1)
        #expect(try summary.values("same_month") == [4])
        #expect(try summary.values("since_refusal") == [2])   // last refusal at t = 9, the run ends after t = 11
        #expect(try summary.values("offers") == [0])          // a test month never has talks
    }

    @Test func aChoiceTrackAndARuleTrackDrawFromTheActorsStreamDeterministically() async throws {
        let choosing = scenario.replacingOccurrences(of: """
                    testing:
                      rules:
                        - { when: "t % 3 == 0", do: test }
                        - { do: hold }
            """, with: """
                    testing:
                      choose:
                        temperature: "1"
                        utility: { test: "0", hold: "0" }
            """)
        let compiled = try compile(choosing)
        let one = try await ensemble(compiled, runs: 400, threads: 1)
        let three = try await ensemble(compiled, runs: 400, threads: 3)
        #expect(one.runValues == three.runValues)
        let tests = try one.values("tests"), refusals = try one.values("refusals")
        #expect(tests.contains { $0 != 4 }, "the testing track chooses at random")
        #expect(refusals.allSatisfy { $0 == 4 }, "diplomacy still follows its rules")
        let mean = tests.reduce(0, +) / Double(tests.count)
        #expect(abs(mean - 6) < 0.5)
    }

    @Test func implementationErrorReachesTheActionsOfEveryTrack() async throws {
        let noisy = scenario
            .replacingOccurrences(of: "  dprk: {}\n", with: "  dprk: { implementation_error: \"1\" }\n")
            .replacingOccurrences(of: "dprk.test: {}", with: "dprk.test: { flip: hold }")
            .replacingOccurrences(of: "dprk.refuse: {}", with: "dprk.refuse: { flip: talk }")
            .replacingOccurrences(of: "dprk.hold: {}", with: "dprk.hold: { flip: test }")
            .replacingOccurrences(of: "dprk.talk: { effects:", with: "dprk.talk: { flip: refuse, effects:")
        let summary = try await ensemble(try compile(noisy), runs: 1)
        #expect(try summary.values("tests") == [8])
        #expect(try summary.values("refusals") == [8])
    }
}
