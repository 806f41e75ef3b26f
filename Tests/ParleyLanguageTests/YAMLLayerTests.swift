import Testing
@testable import ParleyLanguage

/// Problems in the YAML layer: syntax, duplicate and unknown keys, the required top-level keys.
struct YAMLLayerTests {
    @Test func yamlSyntaxErrorIsReportedAtItsPlaceWithWhatYAMLWasDoing() {
        let text = "parley: 1\nname: x\nclock: { steps: 3\nmetrics: { m: \"1\" }\n"
        #expect(errors(text) == ["""
            s.yaml:4:8: error: YAML syntax: did not find expected ',' or '}'
                hint: while parsing a flow mapping; check indentation (spaces, not tabs) and quote expressions that contain ':' or '#'
            """])
    }

    @Test func tabIndentationIsAYAMLSyntaxError() {
        #expect(errors("\tparley: 1\n") == ["""
            s.yaml:1:1: error: YAML syntax: found character that cannot start any token
                hint: while scanning for the next token; check indentation (spaces, not tabs) and quote expressions that contain ':' or '#'
            """])
    }

    @Test func undefinedAliasIsAYAMLStructureError() {
        #expect(errors("a: &x 1\nb: *y\n") == ["s.yaml:2:4: error: YAML structure: found undefined alias"])
    }

    @Test func emptyFileSaysWhatAScenarioIs() {
        #expect(errors("") == ["""
            s.yaml:1:1: error: the file is empty
                expected: a scenario: a mapping with at least 'parley: 1' and 'name:'
            """])
    }

    @Test func topLevelListIsNotAScenario() {
        #expect(errors("- a\n- b\n") == ["""
            s.yaml:1:1: error: a scenario must be a mapping, but this is a list
                expected: keys: parley, name, summary, description, extends, calibration, clock, noise, parameters, actors, state, actions, policies, dynamics, events, roadmaps, metrics, claims
            """])
    }

    @Test func duplicateKeyPointsAtTheSecondAndNamesTheFirstLine() {
        let text = "parley: 1\nname: x\nname: y\nclock: { steps: 3 }\nmetrics: { m: \"1\" }\n"
        #expect(errors(text) == ["""
            s.yaml:3:1: error: duplicate key 'name'
                hint: the first 'name' is at line 2; YAML keeps only one of them, so merge the two or rename one
            """])
    }

    @Test func twoDynamicsRulesForOneVariableAreReportedAsADuplicateKey() {
        #expect(errors(base + "dynamics:\n  tension: \"tension\"\n  tension: \"1\"\n") == ["""
            s.yaml:20:3: error: duplicate key 'tension'
                hint: the first 'tension' is at line 19; YAML keeps only one of them, so merge the two or rename one
            """])
    }

    @Test func unknownTopLevelKeySuggestsTheClosestKnownKey() {
        let text = "parley: 1\nname: x\nclok: { steps: 3 }\nmetrics: { m: \"1\" }\n"
        #expect(errors(text) == [
            """
            s.yaml:1:1: error: missing 'clock:'
                expected: clock: { start: 2021-05, end: 2025-01, step: month } or clock: { steps: 100 }
            """,
            """
            s.yaml:3:1: error: unknown key 'clok' in a scenario
                expected: one of parley, name, summary, description, extends, calibration, clock, noise, parameters, actors, state, actions, policies, dynamics, events, roadmaps, metrics, claims
                hint: did you mean 'clock'?
            """,
        ])
    }

    @Test func unknownFieldSuggestsTheClosestKnownField() {
        let text = "parley: 1\nname: x\nclock: { steps: 3, stp: month }\nmetrics: { m: \"1\" }\n"
        #expect(errors(text) == ["""
            s.yaml:3:20: error: unknown key 'stp' in the clock
                expected: one of start, end, step, steps, dt
                hint: did you mean 'step'?
            """])
    }

    @Test func missingParleyNameAndClockAreEachReported() {
        #expect(errors("summary: x\nmetrics: { m: \"1\" }\n") == [
            """
            s.yaml:1:1: error: missing 'parley: 1' (the language version)
                expected: parley: 1 as the first line
            """,
            """
            s.yaml:1:1: error: missing 'name:'
                expected: name: a short title for the scenario
            """,
            """
            s.yaml:1:1: error: missing 'clock:'
                expected: clock: { start: 2021-05, end: 2025-01, step: month } or clock: { steps: 100 }
            """,
        ])
    }

    @Test func anotherLanguageVersionIsRejected() {
        #expect(errors("parley: 2\nname: x\nclock: { steps: 3 }\nmetrics: { m: \"1\" }\n") == ["""
            s.yaml:1:9: error: this is language version 2, but Parley reads version 1
                expected: parley: 1
            """])
    }

    @Test func aListWhereAValueBelongsIsReported() {
        #expect(errors("parley: 1\nname: [x]\nclock: { steps: 3 }\nmetrics: { m: \"1\" }\n") == [
            "s.yaml:2:7: error: 'name' must be a single value, but this is a list",
        ])
    }

    @Test func clockEndingBeforeItStartsIsReported() {
        let text = "parley: 1\nname: x\nclock: { start: 2021-05, end: 2021-01, step: month }\nmetrics: { m: \"1\" }\n"
        #expect(errors(text) == ["s.yaml:3:31: error: the clock ends (2021-01) before it starts (2021-05)"])
    }
}
