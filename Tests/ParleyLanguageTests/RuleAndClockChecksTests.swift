import Testing

@testable import ParleyLanguage

@Suite struct RuleAndClockChecksTests {
    @Test func aRuleListingAnActionTwiceIsAnError() {
        let text = base + "policies:\n  us:\n    p:\n      rules:\n        - { do: [talk, us.talk] }\n"
        #expect(errors(text) == ["""
            s.yaml:22:24: error: 'do' lists us.talk twice
                hint: an action is taken at most once per step
            """])
    }

    @Test func aRuleAfterAnUnconditionalRuleWithARequirementIsReachable() throws {
        let text = """
            parley: 1
            name: requires
            clock: { steps: 3 }
            actors:
              a: {}
            state:
              x: { init: 0, source: assumption }
            actions:
              a.hard: { requires: "x > 1" }
              a.easy: {}
            policies:
              a:
                p:
                  rules:
                    - { do: hard }
                    - { do: easy }
            metrics:
              x: "x"
            """
        #expect(try scenario(text).warnings.isEmpty)
    }

    @Test func anActionCannotFlipIntoItself() {
        let text = """
            parley: 1
            name: flip
            clock: { steps: 3 }
            actors:
              a: {}
            actions:
              a.act: { flip: act }
            metrics:
              t: "t"
            """
        #expect(errors(text) == ["""
            s.yaml:7:18: error: an action cannot flip into itself
                hint: name the action it is mistaken for, e.g. flip: defect
            """])
    }

    @Test func opponentCannotNameAnActor() {
        let text = "parley: 1\nname: o\nclock: { steps: 3 }\nactors:\n  opponent: {}\nmetrics:\n  t: \"t\"\n"
        #expect(errors(text) == ["""
            s.yaml:5:3: error: 'opponent' is a reserved word and cannot name an actor
                hint: opponent.x means the other player's x in an actor with an opponent:
            """])
    }

    @Test func aCalendarStepNeedsAStartDate() {
        let text = "parley: 1\nname: c\nclock: { steps: 3, step: month }\nmetrics:\n  t: \"t\"\n"
        #expect(errors(text) == ["""
            s.yaml:3:8: error: a clock with a step of one month needs a start date
                expected: start: YYYY-MM
                hint: for abstract time without a calendar, write clock: { steps: N }
            """])
    }

    @Test func anEndDateNeedsAStartDate() {
        let text = "parley: 1\nname: c\nclock: { end: 2025-01 }\nmetrics:\n  t: \"t\"\n"
        #expect(errors(text) == ["""
            s.yaml:3:15: error: 'end' needs 'start'
                expected: start: YYYY-MM together with end:
                hint: for abstract time, give steps: N instead
            """])
    }

    @Test func anInvalidStepCountIsReportedOnce() {
        let text = "parley: 1\nname: c\nclock: { steps: 0 }\nmetrics:\n  t: \"t\"\n"
        #expect(errors(text) == ["s.yaml:3:17: error: 'steps' must be a whole number of at least 1"])
    }
}
