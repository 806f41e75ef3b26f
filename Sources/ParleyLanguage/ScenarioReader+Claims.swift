/// Reading claims: questions put to the model as paired comparisons.
extension ScenarioReader {
    static let claimKeys = ["claim", "source", "description", "metric", "baseline", "alternative", "expect", "margin"]

    mutating func compileClaims(_ node: YAMLNode, metrics: [Metric]) -> [Claim] {
        guard let pairs = requireMapping(node, what: "claims", example: "sanctions_do_not_slow_the_program: { claim: …, metric: … }")
        else { return [] }
        var claims: [Claim] = []
        for pair in pairs {
            guard checkName(pair.key, at: pair.keyLocation, what: "claim", qualified: false),
                  let fields = MappingFields(pair.value, allowed: ScenarioReader.claimKeys, what: "claim '\(pair.key)'", log: &log)
            else { continue }
            let provenance = self.provenance(fields, log: &log)
            if provenance.source == nil {
                log.warning(pair.keyLocation, "claim '\(pair.key)' has no source", hint: "cite where the claim is made")
            }
            let statement = fields.text("claim", log: &log) ?? pair.key
            var metric: Int?
            if let scalar = fields.scalar("metric", log: &log) {
                metric = metrics.firstIndex { $0.name == scalar.text }
                if metric == nil {
                    log.error(scalar.location, "unknown metric '\(scalar.text)'", expected: "one of \(metrics.map(\.name).joined(separator: ", "))",
                              hint: Suggestions.hint(for: scalar.text, among: metrics.map(\.name)))
                }
            } else {
                log.error(fields.location, "claim '\(pair.key)' names no metric", expected: "metric: one of the scenario's metrics")
            }
            var expectation: Claim.Expectation?
            if let scalar = fields.scalar("expect", log: &log) {
                expectation = Claim.Expectation(rawValue: scalar.text)
                if expectation == nil {
                    log.error(scalar.location, "unknown expectation '\(scalar.text)'", expected: "increase, decrease or no_effect",
                              hint: Suggestions.hint(for: scalar.text, among: Claim.Expectation.allCases.map(\.rawValue)))
                }
            } else {
                log.error(fields.location, "claim '\(pair.key)' has no 'expect:'",
                          expected: "expect: increase, decrease or no_effect (of alternative − baseline)")
            }
            let margin = fields.number("margin", log: &log) ?? 0
            if margin < 0 { log.error(fields["margin"]?.location ?? fields.location, "a margin cannot be negative") }
            let errorsBefore = log.diagnostics.count
            let baseline = fields["baseline"].map { arm($0, what: "the baseline of '\(pair.key)'") } ?? Claim.Arm(policies: [:], parameters: [:])
            guard let alternativeNode = fields["alternative"] else {
                log.error(fields.location, "claim '\(pair.key)' has no 'alternative:'",
                          expected: "alternative: { policies: { actor: policy }, set: { parameter: value } }")
                continue
            }
            let alternative = arm(alternativeNode, what: "the alternative of '\(pair.key)'")
            if baseline == alternative, log.diagnostics.count == errorsBefore {
                log.error(alternativeNode.location, "the alternative of '\(pair.key)' is the same as its baseline",
                          hint: "change a policy or a parameter so that the comparison asks something")
            }
            guard let metric, let expectation else { continue }
            claims.append(Claim(name: pair.key, statement: statement, metric: metric, baseline: baseline, alternative: alternative,
                                expectation: expectation, margin: margin, provenance: provenance, location: pair.keyLocation))
        }
        return claims
    }

    /// `{ policies: { actor: policy }, set: { parameter: value } }`.
    private mutating func arm(_ node: YAMLNode, what: String) -> Claim.Arm {
        var arm = Claim.Arm(policies: [:], parameters: [:])
        guard let fields = MappingFields(node, allowed: ["policies", "set"], what: what, log: &log) else { return arm }
        for pair in fields["policies"].flatMap({ requireMapping($0, what: "policies", example: "{ us: calibrated }") }) ?? [] {
            guard let actor = actors.firstIndex(where: { $0.name == pair.key }) else {
                log.error(pair.keyLocation, "'\(pair.key)' is not an actor", hint: Suggestions.hint(for: pair.key, among: actors.map(\.name)))
                continue
            }
            guard let scalar = pair.value.scalarValue, let policy = actors[actor].policyIndex(named: scalar.text) else {
                let names = actors[actor].policies.map(\.name)
                log.error(pair.value.location, "\(pair.key) has no policy '\(pair.value.scalarValue?.text ?? "")'",
                          expected: "one of \(names.joined(separator: ", "))",
                          hint: Suggestions.hint(for: pair.value.scalarValue?.text ?? "", among: names))
                continue
            }
            arm.policies[actor] = policy
        }
        for pair in fields["set"].flatMap({ requireMapping($0, what: "set", example: "{ rate: 8 }") }) ?? [] {
            guard let index = parameters.firstIndex(where: { $0.name == pair.key }) else {
                log.error(pair.keyLocation, "unknown parameter '\(pair.key)'", hint: Suggestions.hint(for: pair.key, among: parameters.map(\.name)))
                continue
            }
            guard let scalar = pair.value.scalarValue else { continue }
            if parameters[index].type == .boolean {
                guard scalar.text == "true" || scalar.text == "false" else {
                    log.error(scalar.location, "parameter '\(pair.key)' is true or false, not '\(scalar.text)'")
                    continue
                }
                arm.parameters[index] = scalar.text == "true" ? 1 : 0
            } else if let value = LiteralReader.number(scalar, role: "the value of '\(pair.key)'", log: &log) {
                if let minimum = parameters[index].minimum, value < minimum {
                    log.error(scalar.location, "parameter '\(pair.key)' must be at least \(minimum), not \(scalar.text)")
                } else if let maximum = parameters[index].maximum, value > maximum {
                    log.error(scalar.location, "parameter '\(pair.key)' must be at most \(maximum), not \(scalar.text)")
                }
                arm.parameters[index] = value
            }
        }
        return arm
    }
}
