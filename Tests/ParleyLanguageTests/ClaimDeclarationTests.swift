import Testing

@testable import ParleyLanguage

@Suite struct ClaimDeclarationTests {
    let policies = """
        policies:
          us:
            talk_policy: { rules: [ { do: talk } ] }
            quiet: { rules: [ { when: "false", do: talk } ] }

        """

    @Test func aClaimResolvesItsMetricArmsAndExpectation() throws {
        let text = base + policies + """
            claims:
              talking_lowers_tension:
                claim: "talks lower tension"
                source: assumption
                metric: m
                baseline: { policies: { us: quiet } }
                alternative: { policies: { us: talk_policy }, set: { rate: 0.9 } }
                expect: decrease
                margin: 0.01

            """
        let claim = try #require(try scenario(text).claims.first)
        #expect(claim.metric == 0)
        #expect(claim.baseline.policies == [0: 1])
        #expect(claim.alternative.policies == [0: 0])
        #expect(claim.alternative.parameters == [0: 0.9])
        #expect(claim.expectation == .decrease)
        #expect(claim.margin == 0.01)
    }

    @Test func claimErrorsNameTheUnknownMetricPolicyAndExpectation() {
        let text = base + policies + """
            claims:
              c:
                source: assumption
                metric: mm
                alternative: { policies: { us: loud } }
                expect: rise

            """
        #expect(errors(text) == [
            """
            s.yaml:25:13: error: unknown metric 'mm'
                expected: one of m
                hint: did you mean 'm'?
            """,
            """
            s.yaml:26:36: error: us has no policy 'loud'
                expected: one of talk_policy, quiet
            """,
            """
            s.yaml:27:13: error: unknown expectation 'rise'
                expected: increase, decrease or no_effect
            """,
        ])
    }

    @Test func anAlternativeEqualToTheBaselineAsksNothing() {
        let text = base + policies + "claims:\n  c: { source: assumption, metric: m, expect: increase, alternative: {} }\n"
        #expect(errors(text) == ["""
            s.yaml:23:70: error: the alternative of 'c' is the same as its baseline
                hint: change a policy or a parameter so that the comparison asks something
            """])
    }
}
