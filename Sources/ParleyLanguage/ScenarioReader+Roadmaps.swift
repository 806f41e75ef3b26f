/// Reading roadmaps: staged deals of benchmarks and reciprocal measures.
extension ScenarioReader {
    static let roadmapKeys = ["description", "source", "starts_when", "breach", "snapback", "steps"]
    static let roadmapStepKeys = ["name", "benchmark", "verification", "deadline", "reward", "description"]
    /// The state each roadmap computes, with its type.
    static let roadmapVariables: [(String, ValueType)] = [
        ("step", .number), ("active", .boolean), ("completed", .boolean), ("collapses", .number), ("progress", .number),
    ]
    /// The history slots each roadmap records, with their Goldstein scores (CAMEO 057, sign a formal agreement, +8).
    static let roadmapEvents: [(String, Double)] = [("agreed", 8), ("verified", 0), ("breached", 0)]

    /// Declares each roadmap's computed state variables and history slots. Runs after the
    /// events are declared, so that the roadmaps' slots follow the events'.
    mutating func declareRoadmaps(_ node: YAMLNode, eventCount: Int) {
        guard let pairs = requireMapping(node, what: "roadmaps", example: "action_for_action: { starts_when: …, steps: [ … ] }")
        else { return }
        var slot = actions.count + eventCount
        for pair in pairs {
            guard checkName(pair.key, at: pair.keyLocation, what: "roadmap", qualified: false) else { continue }
            let provenance = Provenance(source: "computed by roadmap \(pair.key)")
            for (suffix, type) in ScenarioReader.roadmapVariables {
                let name = "\(pair.key).\(suffix)"
                guard declareName(name, at: pair.keyLocation, as: .variable(variables.count, type)) else { continue }
                variables.append(StateVariable(
                    name: name, type: type, initial: .constant(0, type: type, location: pair.keyLocation), minimum: nil,
                    maximum: nil, provenance: provenance, location: pair.keyLocation, computedBy: pair.key))
            }
            for (suffix, goldstein) in ScenarioReader.roadmapEvents {
                let name = "\(pair.key).\(suffix)"
                guard declareName(name, at: pair.keyLocation, as: .historySlot(slot)) else { continue }
                pendingRoadmapEvents.append(Event(
                    name: name, trigger: .roadmap, firstStep: 0, lastStep: Int.max, once: false, effects: [],
                    goldstein: goldstein, provenance: provenance, location: pair.keyLocation))
                slot += 1
            }
        }
    }

    mutating func compileRoadmaps(_ node: YAMLNode, compiler: inout ExpressionCompiler) -> [Roadmap] {
        var roadmaps: [Roadmap] = []
        for pair in node.pairs ?? [] {
            guard case let .variable(stepVariable, _)? = symbols.symbols["\(pair.key).step"],
                  variables[stepVariable].computedBy == pair.key,
                  case let .historySlot(agreedSlot)? = symbols.symbols["\(pair.key).agreed"],
                  let fields = MappingFields(pair.value, allowed: ScenarioReader.roadmapKeys, what: "roadmap '\(pair.key)'", log: &log)
            else { continue }
            let context = ExpressionContext(place: "in a roadmap")
            let provenance = self.provenance(fields, log: &log)
            if provenance.source == nil {
                log.warning(pair.keyLocation, "roadmap '\(pair.key)' has no source",
                            hint: "cite the agreement its benchmarks and exchange rates come from, or source: assumption")
            }
            var startsWhen: Code?
            if let scalar = fields.scalar("starts_when", log: &log) {
                startsWhen = compiler.compile(scalar, expecting: .boolean, context: context, log: &log)
            } else {
                log.error(fields.location, "roadmap '\(pair.key)' has no 'starts_when:'",
                          expected: "starts_when: a condition under which the deal is agreed")
            }
            let breach = fields.scalar("breach", log: &log).flatMap {
                compiler.compile($0, expecting: .boolean, context: context, log: &log)
            }
            let snapback = fields["snapback"].map {
                effects(of: $0, what: "the snapback of '\(pair.key)'", context: context, compiler: &compiler)
            } ?? []
            var steps: [Roadmap.Step] = []
            if let stepsNode = fields["steps"] {
                guard case let .sequence(items, _) = stepsNode, !items.isEmpty else {
                    log.error(stepsNode.location, "'steps' must be a list of benchmarks",
                              expected: "- { name: testing_freeze, benchmark: CONDITION, verification: 0.9, deadline: 6, reward: { effects: { … } } }")
                    continue
                }
                for item in items {
                    if let step = compileRoadmapStep(item, roadmap: pair.key, existing: steps, compiler: &compiler) {
                        steps.append(step)
                    }
                }
            } else {
                log.error(fields.location, "roadmap '\(pair.key)' has no 'steps:'", expected: "a list of benchmarks")
            }
            guard let startsWhen else { continue }
            roadmaps.append(Roadmap(
                name: pair.key, startsWhen: startsWhen, breach: breach, snapback: snapback, steps: steps,
                stepVariable: stepVariable, activeVariable: stepVariable + 1, completedVariable: stepVariable + 2,
                collapsesVariable: stepVariable + 3, progressVariable: stepVariable + 4,
                agreedSlot: agreedSlot, verifiedSlot: agreedSlot + 1, breachedSlot: agreedSlot + 2,
                provenance: provenance, location: pair.keyLocation))
        }
        return roadmaps
    }

    private mutating func compileRoadmapStep(_ item: YAMLNode, roadmap: String, existing: [Roadmap.Step],
                                             compiler: inout ExpressionCompiler) -> Roadmap.Step? {
        guard let fields = MappingFields(item, allowed: ScenarioReader.roadmapStepKeys, what: "a roadmap step", log: &log) else {
            return nil
        }
        let context = ExpressionContext(place: "in a roadmap")
        guard let name = fields.scalar("name", log: &log) else {
            log.error(fields.location, "the roadmap step has no 'name:'", expected: "name: testing_freeze")
            return nil
        }
        if existing.contains(where: { $0.name == name.text }) {
            log.error(name.location, "roadmap '\(roadmap)' has two steps named '\(name.text)'")
        }
        guard let benchmarkScalar = fields.scalar("benchmark", log: &log) else {
            log.error(fields.location, "the roadmap step '\(name.text)' has no 'benchmark:'",
                      expected: "benchmark: a condition that holds while the benchmark is met")
            return nil
        }
        let benchmark = compiler.compile(benchmarkScalar, expecting: .boolean, context: context, log: &log)
        var verification = Code.constant(1, location: fields.location)
        if let scalar = fields.scalar("verification", log: &log),
           let code = compiler.compile(scalar, expecting: .number, context: context, log: &log) {
            verification = code
            if let value = code.constantValue, !(0...1).contains(value) {
                log.error(scalar.location, "a verification probability lies in [0, 1], not \(value)")
            }
        }
        var deadline: Int?
        if let value = fields.number("deadline", log: &log) {
            if value >= 1, value == value.rounded(), value <= 1_000_000 {
                deadline = Int(value)
            } else {
                log.error(fields["deadline"]?.location ?? fields.location, "a deadline is a whole number of steps, at least 1")
            }
        }
        let reward = fields["reward"].map {
            effects(of: $0, what: "the reward of '\(name.text)'", context: context, compiler: &compiler)
        } ?? []
        guard let benchmark else { return nil }
        return Roadmap.Step(name: name.text, benchmark: benchmark, verification: verification, deadline: deadline,
                            reward: reward, location: fields.location)
    }

    /// `{ effects: { variable: expression, … } }`.
    private mutating func effects(of node: YAMLNode, what: String, context: ExpressionContext,
                                  compiler: inout ExpressionCompiler) -> [Assignment] {
        guard let fields = MappingFields(node, allowed: ["effects", "description"], what: what, log: &log) else { return [] }
        guard let effects = fields["effects"] else {
            log.error(fields.location, "\(what) has no 'effects:'", expected: "effects: { variable: expression, … }")
            return []
        }
        return compileAssignments(effects, context: context, what: what, compiler: &compiler)
    }
}
