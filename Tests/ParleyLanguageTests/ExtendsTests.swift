import Testing
@testable import ParleyLanguage

/// `extends:` lays a short variant over a base scenario.
struct ExtendsTests {
    static let korea = """
        parley: 1
        name: Korea base
        clock: { steps: 24 }
        parameters:
          rate: { value: 0.5, source: assumption }
          restraint: { value: 0.1, source: assumption }
        actors:
          us: { name: United States, opponent: dprk, policy: firm }
          dprk: { name: North Korea, opponent: us }
        state:
          tension: { init: 0.5, min: 0, max: 1, source: assumption }
        actions:
          us.talk: {}
          us.sanction: {}
          dprk.test: { effects: { tension: "tension + rate" } }
          dprk.hold: {}
        policies:
          us:
            firm:
              rules:
                - { when: "did(opponent.test)", do: sanction }
                - { do: talk }
          dprk:
            steady:
              rules:
                - { do: hold }
        metrics:
          tension: "final(tension)"
        """

    @Test func tenLineVariantChangesOneParameterAndOnePolicyRule() throws {
        let variant = """
            extends: korea.yaml
            name: Korea, patient US
            parameters:
              rate: { value: 0.8, source: "what if the tests escalate faster" }
            policies:
              us:
                firm:
                  rules:
                    - { when: "count(opponent.test, within: 3) >= 2", do: sanction }
                    - { do: talk }
            """
        let loaded = try scenario(variant, file: "variant.yaml", others: ["korea.yaml": ExtendsTests.korea])
        #expect(loaded.name == "Korea, patient US")
        #expect(loaded.parameters.map(\.name) == ["rate", "restraint"])
        #expect(loaded.parameters.map(\.value) == [0.8, 0.1])
        #expect(loaded.parameters[0].provenance.source == "what if the tests escalate faster")
        let us = try #require(loaded.actorIndex(named: "us"))
        guard case let .rules(rules) = loaded.actors[us].policies[0].tracks[0].kind else {
            Issue.record("firm should be a rule policy")
            return
        }
        #expect(rules[0].condition?.text == "count(opponent.test, within: 3) >= 2")
        #expect(rules[0].location == SourceLocation(file: "variant.yaml", line: 9, column: 11))
        #expect(loaded.actors[try #require(loaded.actorIndex(named: "dprk"))].policies.map(\.name) == ["steady"])
        #expect(loaded.clock.steps == 24)
    }

    @Test func nullRemovesAKeyOfTheBase() throws {
        let variant = "extends: korea.yaml\nparameters:\n  restraint: null\n"
        let loaded = try scenario(variant, file: "variant.yaml", others: ["korea.yaml": ExtendsTests.korea])
        #expect(loaded.parameters.map(\.name) == ["rate"])
    }

    @Test func nestedMergeKeepsTheSiblingsOfAChangedKey() throws {
        let variant = "extends: korea.yaml\nstate:\n  tension: { init: 0.9 }\n"
        let loaded = try scenario(variant, file: "variant.yaml", others: ["korea.yaml": ExtendsTests.korea])
        let tension = loaded.variables[0]
        #expect(tension.initial.constantValue == 0.9)
        #expect(tension.minimum == 0)
        #expect(tension.maximum == 1)
        #expect(tension.provenance.source == "assumption")
    }

    @Test func diagnosticsInTheChildPointAtTheChildsFile() {
        let variant = "extends: korea.yaml\nparameters:\n  rate: { value: 0.8, source: s, max: 0.5 }\nmetrics:\n  tension: \"final(tensoin)\"\n"
        #expect(errors(variant, file: "variant.yaml", others: ["korea.yaml": ExtendsTests.korea]) == [
            "variant.yaml:3:18: error: the value 0.8 of 'rate' is above its max 0.5",
            """
            variant.yaml:5:19: error: unknown name 'tensoin'
                expected: a parameter, a state variable, t, date or dt
                hint: did you mean 'tension'?
            """,
        ])
    }

    @Test func diagnosticsInheritedFromTheBasePointAtTheBasesFile() {
        let broken = ExtendsTests.korea.replacingOccurrences(of: "\"tension + rate\"", with: "\"tension + rat\"")
        #expect(errors("extends: korea.yaml\n", file: "variant.yaml", others: ["korea.yaml": broken]) == ["""
            korea.yaml:15:47: error: unknown name 'rat'
                expected: a parameter, a state variable, t, date or dt
                hint: did you mean 'rate'?
            """])
    }

    @Test func extendsIsRelativeToTheExtendingFile() throws {
        let loaded = try scenario("extends: korea.yaml\n", file: "variants/v.yaml", others: ["variants/korea.yaml": ExtendsTests.korea])
        #expect(loaded.name == "Korea base")
    }

    @Test func cyclicExtendsThroughAnotherFileIsReported() {
        #expect(errors("extends: b.yaml\n", file: "a.yaml", others: ["b.yaml": "extends: a.yaml\n"]) == ["""
            b.yaml:1:10: error: cyclic extends: a.yaml → b.yaml → a.yaml
                hint: a scenario cannot extend itself, directly or through others
            """])
    }

    @Test func aScenarioExtendingItselfIsReported() {
        #expect(errors("extends: a.yaml\n", file: "a.yaml") == ["""
            a.yaml:1:10: error: cyclic extends: a.yaml → a.yaml
                hint: a scenario cannot extend itself, directly or through others
            """])
    }

    @Test func extendingAMissingFileIsReportedAtTheExtends() {
        #expect(errors("parley: 1\nextends: nowhere.yaml\n", file: "a.yaml") == ["""
            a.yaml:2:10: error: cannot read scenario 'nowhere.yaml'
                hint: extends: takes a path relative to this file, or a shipped scenario's name
            """])
    }

    @Test func readingAMissingFileIsReported() {
        #expect(throws: ScenarioError.self) { try loader([:]).load(path: "gone.yaml") }
        #expect(loader([:]).check(path: "gone.yaml").map(\.description) == ["""
            gone.yaml:1:1: error: cannot read scenario 'gone.yaml'
                hint: check the path; 'parley list' shows the shipped scenarios
            """])
    }
}
