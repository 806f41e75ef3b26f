import Testing

@testable import ParleyLanguage

/// `tracks:` — several decisions of one actor in the same step, each among its own actions.
@Suite struct DecisionTrackTests {
    static let twoTracks = """
        parley: 1
        name: tracks
        clock: { steps: 12 }
        actors:
          dprk: {}
        state:
          grievance: { init: 0.5, source: assumption }
        actions:
          dprk.test: {}
          dprk.hold: {}
          dprk.talk: {}
          dprk.refuse: {}
        policies:
          dprk:
            two_minds:
              description: testing and diplomacy decided in the same month
              tracks:
                testing:
                  choose:
                    temperature: "0.5"
                    utility: { test: "grievance", hold: "0" }
                diplomacy:
                  rules:
                    - { when: "did(dprk.test)", do: refuse }
                    - { do: talk }
        metrics:
          tests: "count(dprk.test)"
        """

    @Test func eachTrackIsCompiledInOrderWithItsName() throws {
        let loaded = try scenario(Self.twoTracks)
        let policy = loaded.actors[0].policies[0]
        #expect(policy.tracks.map(\.name) == ["testing", "diplomacy"])
        guard case let .choice(_, options) = policy.tracks[0].kind, case let .rules(rules) = policy.tracks[1].kind else {
            Issue.record("testing should choose and diplomacy follow rules")
            return
        }
        #expect(options.map(\.action) == [0, 1])
        #expect(rules.map(\.actions) == [[3], [2]])
    }

    @Test func aPolicyWithoutTracksHasOneUnnamedTrack() throws {
        let loaded = try scenario(base + "policies:\n  us:\n    p:\n      rules:\n        - { do: talk }\n")
        let policy = try #require(loaded.actors.first { $0.name == "us" }?.policies.first)
        #expect(policy.tracks.count == 1)
        #expect(policy.tracks[0].name == nil)
    }

    @Test func anActionDecidedByTwoTracksIsAnErrorAtTheSecondTrack() {
        let text = Self.twoTracks.replacingOccurrences(of: "- { do: talk }", with: "- { do: hold }")
        #expect(errors(text) == ["""
            s.yaml:22:9: error: dprk.hold is decided by two tracks of policy 'two_minds': 'testing' and 'diplomacy'
                hint: each action belongs to one track; tracks decide different things in the same step
            """])
    }

    @Test func aDecisionBesideTracksBelongsInsideATrack() {
        let text = Self.twoTracks.replacingOccurrences(of: "      tracks:\n",
                                                       with: "      rules: [ { do: talk } ]\n      tracks:\n")
        #expect(errors(text).first?.hasPrefix("s.yaml:17:14: error: policy 'two_minds' has 'tracks:', so 'rules' belongs inside a track") == true)
    }

    @Test func aTrackWithoutADecisionSaysWhatItNeeds() {
        let text = Self.twoTracks.replacingOccurrences(of: """
                    diplomacy:
                      rules:
                        - { when: "did(dprk.test)", do: refuse }
                        - { do: talk }
            """, with: """
                    diplomacy:
                      description: undecided
            """)
        #expect(errors(text).first?.contains("track 'diplomacy' has neither 'rules' nor 'choose'") == true)
    }

    @Test func anUnknownKeyInATrackIsReportedWithAHint() {
        let text = Self.twoTracks.replacingOccurrences(of: "          rules:\n", with: "          rule:\n")
        let messages = errors(text)
        #expect(messages.contains { $0.contains("unknown key 'rule' in track 'diplomacy' of policy 'two_minds'") && $0.contains("did you mean 'rules'?") })
    }
}
