import Testing
@testable import ParleyLanguage

/// Declarations: names, bounds, distributions, actions, policies and events.
struct DeclarationTests {
    /// A scenario whose parameter `p` has `dist: DIST` on line 10, column 11.
    func distributionErrors(_ distribution: String) -> [String] {
        errors("""
            parley: 1
            name: x
            clock: { steps: 3 }
            actors: { a: {} }
            metrics: { m: "p" }
            parameters:
              p:
                value: 1
                source: s
                dist: \(distribution)
            """)
    }

    static let distributions = "one of bernoulli(p) for a true/false parameter; beta(alpha, beta) or beta(alpha, beta, lower, upper); choice(v1, v2, …), equally likely; gamma(shape, scale); lognormal(mu, sigma) of the logarithm; loguniform(lower, upper) with 0 < lower < upper; normal(mean, sd); pert(lower, mode, upper); triangular(lower, mode, upper); uniform(lower, upper)"

    @Test func unknownDistributionSuggestsAKnownOne() {
        #expect(distributionErrors("unifrom(0, 2)") == ["""
            s.yaml:10:11: error: unknown distribution 'unifrom'
                expected: \(DeclarationTests.distributions)
                hint: did you mean 'uniform'?
            """])
    }

    @Test func distributionWithTheWrongNumberOfArgumentsIsRejected() {
        #expect(distributionErrors("uniform(0)") == ["""
            s.yaml:10:11: error: bad distribution uniform(0): it takes 2 arguments, not 1
                expected: uniform(lower, upper)
            """])
    }

    @Test func distributionWithLowerAboveUpperIsRejected() {
        #expect(distributionErrors("uniform(2, 0)") == ["""
            s.yaml:10:11: error: bad distribution uniform(2, 0): the lower bound must be below the upper bound
                expected: uniform(lower, upper)
            """])
    }

    @Test func triangularModeOutsideItsBoundsIsRejected() {
        #expect(distributionErrors("triangular(0, 3, 2)") == ["""
            s.yaml:10:11: error: bad distribution triangular(0, 3, 2): the mode must lie between the bounds
                expected: triangular(lower, mode, upper)
            """])
    }

    @Test func nonPositiveSpreadIsRejected() {
        #expect(distributionErrors("normal(1, 0)") == ["""
            s.yaml:10:11: error: bad distribution normal(1, 0): the spread (second argument) must be positive
                expected: normal(mean, sd)
            """])
        #expect(distributionErrors("gamma(1, -2)") == ["""
            s.yaml:10:11: error: bad distribution gamma(1, -2): shape and scale must be positive
                expected: gamma(shape, scale)
            """])
    }

    @Test func distributionArgumentsMustBePlainNumbers() {
        #expect(distributionErrors("uniform(0, x)") == ["""
            s.yaml:10:22: error: the arguments of 'uniform' must be plain numbers
                expected: uniform(lower, upper)
            """])
    }

    @Test func anExpressionIsNotADistribution() {
        #expect(distributionErrors("\"1 + 2\"") == ["""
            s.yaml:10:14: error: '1 + 2' is not a distribution
                expected: \(DeclarationTests.distributions)
            """])
    }

    @Test func distributionOutsideTheParametersBoundsIsRejected() {
        let text = """
            parley: 1
            name: x
            clock: { steps: 3 }
            actors: { a: {} }
            metrics: { m: "p" }
            parameters:
              p: { value: 0.5, min: 0, max: 1, dist: "uniform(2, 3)", source: s }
            """
        #expect(diagnostics(text) == [
            "s.yaml:7:3: error: the distribution uniform(2, 3) of 'p' lies outside its bounds [0.0, 1.0]",
            """
            s.yaml:7:15: warning: the value 0.5 of 'p' lies outside its distribution uniform(2, 3)
                hint: runs draw from the distribution; with --central they use the value
            """,
        ])
    }

    @Test func initialValueBelowItsMinimumIsRejected() {
        let text = base.replacingOccurrences(of: "init: 45,", with: "init: -1,")
        #expect(errors(text) == ["""
            s.yaml:11:26: error: the initial value -1.0 of 'dprk.warheads' is below its min 0.0
                hint: raise init or lower min
            """])
    }

    @Test func initialValueAboveItsMaximumIsRejected() {
        let text = base.replacingOccurrences(of: "init: 0.5,", with: "init: 1.5,")
        #expect(errors(text) == ["""
            s.yaml:10:20: error: the initial value 1.5 of 'tension' is above its max 1.0
                hint: lower init or raise max
            """])
    }

    @Test func parameterValueOutsideItsMinAndMaxIsRejected() {
        let text = """
            parley: 1
            name: x
            clock: { steps: 3 }
            actors: { a: {} }
            metrics: { m: "p + q" }
            parameters:
              p: { value: 5, min: 0, max: 1, source: s }
              q: { value: -1, min: 0, source: s }
            """
        #expect(errors(text) == [
            "s.yaml:7:15: error: the value 5.0 of 'p' is above its max 1.0",
            "s.yaml:8:15: error: the value -1.0 of 'q' is below its min 0.0",
        ])
    }

    @Test func namesMustBeUniqueAcrossParametersStateActionsAndEvents() {
        let text = """
            parley: 1
            name: x
            clock: { steps: 3 }
            actors: { a: {} }
            metrics: { m: "p" }
            parameters:
              p: { value: 1, source: s }
            state:
              p: { init: 1, source: s }
              a.hold: { init: 0, source: s }
            actions:
              a.hold: {}
            events:
              p: { at: 1 }
            """
        let hint = "names must be unique across parameters, state, actions and events"
        #expect(errors(text) == [
            "s.yaml:9:3: error: 'p' is declared twice\n    hint: the first declaration is at s.yaml:7:3; \(hint)",
            "s.yaml:12:3: error: 'a.hold' is declared twice\n    hint: the first declaration is at s.yaml:10:3; \(hint)",
            "s.yaml:14:3: error: 'p' is declared twice\n    hint: the first declaration is at s.yaml:7:3; \(hint)",
        ])
    }

    @Test func reservedWordsCannotBeDeclared() {
        let text = """
            parley: 1
            name: x
            clock: { steps: 3 }
            actors: { a: {} }
            metrics: { m: "1" }
            parameters:
              t: { value: 1, source: s }
              and: { value: 1, source: s }
            state:
              date: { init: 1, source: s }
            """
        let hint = "\n    hint: choose another name"
        #expect(errors(text) == [
            "s.yaml:7:3: error: 't' is a reserved word and cannot be declared" + hint,
            "s.yaml:8:3: error: 'and' is a reserved word and cannot be declared" + hint,
            "s.yaml:10:3: error: 'date' is a reserved word and cannot be declared" + hint,
        ])
    }

    @Test func qualifiedNamesMustStartWithAnActor() {
        let text = """
            parley: 1
            name: x
            clock: { steps: 3 }
            actors: { a: {} }
            metrics: { m: "1" }
            state:
              b.x: { init: 0, source: s }
            actions:
              hold: {}
            """
        #expect(errors(text) == [
            "s.yaml:7:3: error: 'b' in 'b.x' is not an actor\n    expected: one of a\n    hint: did you mean 'a'?",
            "s.yaml:9:3: error: the action 'hold' must name its actor\n    expected: actor.action, e.g. dprk.hold",
        ])
    }

    @Test func anActorCannotBeItsOwnOpponent() {
        let text = """
            parley: 1
            name: x
            clock: { steps: 3 }
            metrics: { m: "1" }
            actors:
              a: { opponent: b }
              b: { opponent: b }
            """
        #expect(errors(text) == ["""
            s.yaml:7:18: error: the opponent of b must be another actor, not 'b'
                expected: one of a
                hint: did you mean 'a'?
            """])
    }

    @Test func goldsteinScoreOutsideMinusTenToTenIsRejected() {
        let text = base.replacingOccurrences(of: "us.talk: {}", with: "us.talk: { goldstein: -10.5 }")
        #expect(errors(text) == ["""
            s.yaml:15:25: error: a Goldstein score lies between -10 and +10, not -10.5
                hint: see Goldstein (1992) or docs/scenario-language.md for the scale
            """])
    }

    @Test func policyReferringToAnotherActorsActionIsRejected() {
        #expect(errors(base + "policies:\n  us:\n    p:\n      rules:\n        - { do: dprk.hold }\n") == ["""
            s.yaml:22:17: error: 'dprk.hold' is an action of dprk, not of us
                hint: a policy chooses among its own actor's actions
            """])
    }

    @Test func policyNamingAnUnknownActionSuggestsOneOfItsOwn() {
        #expect(errors(base + "policies:\n  us:\n    p:\n      rules:\n        - { do: tallk }\n") == ["""
            s.yaml:22:17: error: us has no action 'tallk'
                expected: one of talk
                hint: did you mean 'talk'?
            """])
    }

    @Test func policiesOfAnUnknownActorSuggestAnActor() {
        #expect(errors(base + "policies:\n  usa:\n    p:\n      rules:\n        - { do: talk }\n") == ["""
            s.yaml:19:3: error: policies are grouped by actor, but 'usa' is not an actor
                expected: one of us, dprk
                hint: did you mean 'us'?
            """])
    }

    @Test func unknownDefaultPolicyListsTheActorsPolicies() {
        let text = base.replacingOccurrences(of: "opponent: dprk }", with: "opponent: dprk, policy: doves }")
            + "policies:\n  us:\n    dove:\n      rules:\n        - { do: talk }\n"
        #expect(errors(text) == ["""
            s.yaml:7:54: error: us has no policy named 'doves'
                expected: one of dove
                hint: did you mean 'dove'?
            """])
    }

    @Test func rulesMustBeAList() {
        #expect(errors(base + "policies:\n  us:\n    p: { rules: talk }\n") == ["""
            s.yaml:20:17: error: 'rules' must be a list
                expected: a list of rules such as - { when: CONDITION, do: ACTION }
            """])
    }

    @Test func eventWithoutATriggerIsRejected() {
        #expect(errors(base + "events:\n  e: { effects: { tension: \"0\" } }\n") == ["""
            s.yaml:19:6: error: event 'e' has no trigger
                expected: exactly one of at: (dates or steps), hazard: (a probability per step), when: (a condition)
            """])
    }

    @Test func eventWithSeveralTriggersIsRejected() {
        #expect(errors(base + "events:\n  e: { at: 3, hazard: 0.1 }\n") == ["""
            s.yaml:19:6: error: event 'e' has several triggers (at, hazard)
                expected: exactly one of at: (dates or steps), hazard: (a probability per step), when: (a condition)
            """])
    }

    @Test func eventStepOutsideTheClockIsRejected() {
        #expect(errors(base + "events:\n  e: { at: [0, 12] }\n") == ["""
            s.yaml:19:16: error: '12' is not a step of this clock
                expected: a whole number from 0 to 11
            """])
    }

    @Test func eventDatesOutsideTheClockAreRejected() {
        let text = """
            parley: 1
            name: x
            clock: { start: 2021-05, end: 2022-01, step: month }
            actors: { a: {} }
            metrics: { m: "count(e) + count(f) + count(g)" }
            events:
              e: { at: 2022-03 }
              f: { at: 2021-04 }
              g: { at: 2021-12 }
            """
        #expect(errors(text) == [
            "s.yaml:7:12: error: 2022-03 is outside the clock (2021-05 to 2022-01)",
            "s.yaml:8:12: error: 2021-04 is outside the clock (2021-05 to 2022-01)",
        ])
    }

    @Test func hazardOutsideZeroToOneIsRejected() {
        #expect(errors(base + "events:\n  e: { hazard: 1.5 }\n") == [
            "s.yaml:19:16: error: a hazard is a probability per step, so it lies in [0, 1], not 1.5",
        ])
    }
}
