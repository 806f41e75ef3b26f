import Testing
@testable import ParleyLanguage

/// Warnings, which let a scenario load, and reporting every problem at once.
struct WarningAndReportingTests {
    @Test func missingSourcesAreWarningsInShorthandAndLongForm() throws {
        let text = """
            parley: 1
            name: x
            clock: { steps: 3 }
            actors: { a: {} }
            metrics: { m: "p + q + s + u" }
            parameters:
              p: 1
              q: { value: 2 }
            state:
              s: 3
              u: { init: 4, unit: arms }
            """
        let loaded = try scenario(text)
        #expect(loaded.warnings.map(\.description) == [
            "s.yaml:7:3: warning: parameter 'p' has no source\n    hint: write it as { value: 1, source: \"…\" }, or source: assumption",
            "s.yaml:8:3: warning: parameter 'q' has no source\n    hint: add source: with a citation, or source: assumption",
            "s.yaml:10:3: warning: state variable 's' has no source\n    hint: write it as { init: 3, source: \"…\" }, or source: assumption",
            "s.yaml:11:3: warning: state variable 'u' has no source\n    hint: add source: with a citation, or source: assumption",
        ])
    }

    @Test func ruleAfterAnUnconditionalRuleIsUnreachable() throws {
        let text = base + "policies:\n  us:\n    p:\n      rules:\n        - { do: talk }\n        - { when: \"tension > 0\", do: talk }\n"
        #expect(try scenario(text).warnings.map(\.description) == ["""
            s.yaml:23:11: warning: this rule can never fire: the rule at line 22 always fires first
                hint: move the rule without 'when:' (or with 'when: true') to the end
            """])
    }

    @Test func ruleAfterWhenTrueIsUnreachable() throws {
        let text = base + "policies:\n  us:\n    p:\n      rules:\n        - { when: \"true\", do: talk }\n        - { do: talk }\n"
        #expect(try scenario(text).warnings.map(\.description) == ["""
            s.yaml:23:11: warning: this rule can never fire: the rule at line 22 always fires first
                hint: move the rule without 'when:' (or with 'when: true') to the end
            """])
    }

    @Test func scenarioWithoutMetricsIsWarnedAbout() throws {
        let text = "parley: 1\nname: x\nclock: { steps: 3 }\nactors: { a: {} }\n"
        #expect(try scenario(text).warnings.map(\.description) == ["""
            s.yaml:1:1: warning: the scenario has no metrics, so runs measure nothing
                hint: add 'metrics:' with at least one expression, e.g. tension: "final(tension)"
            """])
    }

    @Test func warningsAloneDoNotStopALoad() {
        #expect(throws: Never.self) { try scenario("parley: 1\nname: x\nclock: { steps: 3 }\n") }
    }

    @Test func everyProblemOfAFileIsReportedAtOnceInFileOrder() {
        let text = """
            parley: 1
            name: x
            clock: { steps: 12 }
            actors: { us: {} }
            metrics:
              m: "final(tensoin)"
            state:
              tension: { init: 2, max: 1, source: s }
            dynamics:
              tension: "tension + true"
            parameters:
              p: { value: 1, source: s, dist: "uniform(1)" }
            unknown: 3
            """
        let found = errors(text)
        #expect(found.map { $0.prefix { $0 != " " } } == [
            "s.yaml:6:13:", "s.yaml:8:20:", "s.yaml:10:23:", "s.yaml:12:36:", "s.yaml:13:1:",
        ])
        #expect(found.count == 5)
    }

    @Test func scenarioErrorEndsWithTheNumberOfErrors() {
        guard case let .failure(error) = load("parley: 1\nname: x\nclock: { steps: 3 }\nmetrics: { m: \"a\", n: \"b\" }\n") else {
            Issue.record("the scenario should not load")
            return
        }
        #expect(error.description.hasSuffix("\n2 errors"))
        #expect(error.errors.count == 2)
    }
}
