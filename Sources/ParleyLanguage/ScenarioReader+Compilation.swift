import ParleyGames

/// Compiling the behaviour: actors' noise, actions, policies, events, dynamics and metrics.
extension ScenarioReader {
    mutating func compileActors(actorsNode: YAMLNode?, noise: YAMLNode?, compiler: inout ExpressionCompiler) {
        var defaultImplementation: YAMLScalar?, defaultPerception: YAMLScalar?
        if let noise, let fields = MappingFields(noise, allowed: ["implementation", "perception"], what: "noise", log: &log) {
            defaultImplementation = fields.scalar("implementation", log: &log)
            defaultPerception = fields.scalar("perception", log: &log)
        }
        let actorPairs = actorsNode?.pairs ?? []
        for index in actors.indices {
            let pair = actorPairs.first { $0.key == actors[index].name }
            var implementation = defaultImplementation, perception = defaultPerception
            if let pair, pair.value.pairs != nil {
                implementation = pair.value["implementation_error"]?.scalarValue ?? implementation
                perception = pair.value["perception_error"]?.scalarValue ?? perception
            }
            let context = ExpressionContext(actorScope: actors[index].name, place: "in a noise level")
            if let implementation, !implementation.isNull {
                actors[index].implementationError = compiler.compile(implementation, expecting: .number, context: context, log: &log)
            }
            if let perception, !perception.isNull {
                actors[index].perceptionError = compiler.compile(perception, expecting: .number, context: context, log: &log)
            }
        }
    }

    mutating func compileActions(_ node: YAMLNode, compiler: inout ExpressionCompiler) {
        for pair in node.pairs ?? [] {
            guard case let .historySlot(index)? = symbols.symbols[pair.key], index < actions.count,
                  actions[index].name == pair.key else { continue }
            if pair.value.scalarValue?.isNull == true { continue }
            guard let fields = MappingFields(pair.value, allowed: ScenarioReader.actionKeys, what: "action '\(pair.key)'", log: &log)
            else { continue }
            let actorName = actors[actions[index].actor].name
            let context = ExpressionContext(actorScope: actorName, place: "in an action")
            actions[index].provenance = provenance(fields, log: &log)
            if let requires = fields.scalar("requires", log: &log) {
                actions[index].requires = compiler.compile(requires, expecting: .boolean, context: context, log: &log)
            }
            if let effects = fields["effects"] {
                actions[index].effects = compileAssignments(effects, context: context, what: "the effects of '\(pair.key)'", compiler: &compiler)
            }
            if let goldstein = fields.number("goldstein", log: &log) {
                if !(-10...10).contains(goldstein) {
                    log.error(fields["goldstein"]?.location ?? fields.location, "a Goldstein score lies between -10 and +10, not \(goldstein)",
                              hint: "see Goldstein (1992) or docs/scenario-language.md for the scale")
                }
                actions[index].goldstein = goldstein
            }
            if let flip = fields.scalar("flip", log: &log) {
                let candidates = [flip.text, "\(actorName).\(flip.text)"]
                if let name = candidates.first(where: { symbols.symbols[$0] != nil }),
                   case let .historySlot(target)? = symbols.symbols[name], target < actions.count,
                   actions[target].actor == actions[index].actor {
                    if target == index {
                        log.error(flip.location, "an action cannot flip into itself", hint: "name the action it is mistaken for, e.g. flip: defect")
                    }
                    actions[index].flip = target
                } else {
                    log.error(flip.location, "'\(flip.text)' is not another action of \(actorName)",
                              expected: "the name of one of \(actorName)'s actions",
                              hint: Suggestions.hint(for: flip.text, among: actors[actions[index].actor].actions.map { actions[$0].localName }))
                }
            }
        }
    }

    /// Reads `{ variable: expression, … }` in order.
    mutating func compileAssignments(_ node: YAMLNode, context: ExpressionContext, what: String,
                                     compiler: inout ExpressionCompiler) -> [Assignment] {
        guard let pairs = requireMapping(node, what: what, example: "{ tension: \"tension + 0.05\" }") else { return [] }
        var assignments: [Assignment] = []
        for pair in pairs {
            guard let (resolved, symbol) = symbols.resolve(pair.key, actorScope: context.actorScope),
                  case let .variable(variable, type) = symbol else {
                let variables = self.variables.map(\.name)
                log.error(pair.keyLocation, "'\(pair.key)' is not a state variable, so it cannot be assigned",
                          expected: "a name declared under 'state:'", hint: Suggestions.hint(for: pair.key, among: variables))
                continue
            }
            if let roadmap = variables[variable].computedBy {
                log.error(pair.keyLocation, "'\(resolved)' is computed by roadmap \(roadmap) and cannot be assigned",
                          hint: "read it in conditions; the roadmap moves it as benchmarks are verified")
                continue
            }
            guard let scalar = pair.value.scalarValue, !scalar.isNull else {
                log.error(pair.value.location, "the new value of '\(pair.key)' must be an expression, but this is \(pair.value.kindName)")
                continue
            }
            if let code = compiler.compile(scalar, expecting: type, context: context, log: &log) {
                assignments.append(Assignment(variable: variable, code: code))
            }
        }
        return assignments
    }

    mutating func compilePolicies(_ node: YAMLNode, compiler: inout ExpressionCompiler) {
        guard let pairs = requireMapping(node, what: "policies", example: "us: { calibrated: { rules: [ … ] } }") else { return }
        for pair in pairs {
            guard let actor = actors.firstIndex(where: { $0.name == pair.key }) else {
                log.error(pair.keyLocation, "policies are grouped by actor, but '\(pair.key)' is not an actor",
                          expected: "one of \(actors.map(\.name).joined(separator: ", "))",
                          hint: Suggestions.hint(for: pair.key, among: actors.map(\.name)))
                continue
            }
            guard let policyPairs = requireMapping(pair.value, what: "the policies of \(pair.key)", example: "calibrated: { rules: [ … ] }")
            else { continue }
            for policyPair in policyPairs {
                if actors[actor].policyIndex(named: policyPair.key) != nil {
                    log.error(policyPair.keyLocation, "\(pair.key) has two policies named '\(policyPair.key)'")
                    continue
                }
                if let policy = compilePolicy(policyPair, actor: actor, compiler: &compiler) {
                    actors[actor].policies.append(policy)
                }
            }
        }
        let actorPairs = actorsPairs.reduce(into: [String: YAMLPair]()) { $0[$1.key] = $1 }
        for index in actors.indices where !actors[index].policies.isEmpty {
            actors[index].defaultPolicy = 0
            if let chosen = actorPairs[actors[index].name]?.value["policy"]?.scalarValue, !chosen.isNull {
                if let policy = actors[index].policyIndex(named: chosen.text) {
                    actors[index].defaultPolicy = policy
                } else {
                    log.error(chosen.location, "\(actors[index].name) has no policy named '\(chosen.text)'",
                              expected: "one of \(actors[index].policies.map(\.name).joined(separator: ", "))",
                              hint: Suggestions.hint(for: chosen.text, among: actors[index].policies.map(\.name)))
                }
            }
        }
    }

    static let decisionKeys = ["rules", "choose", "builtin", "parameters", "cooperate", "defect", "opponent_defected"]

    private mutating func compilePolicy(_ pair: YAMLPair, actor: Int, compiler: inout ExpressionCompiler) -> Policy? {
        let actorName = actors[actor].name
        guard let fields = MappingFields(
            pair.value, allowed: ScenarioReader.decisionKeys + ["tracks", "description", "source"],
            what: "policy '\(pair.key)' of \(actorName)", log: &log) else { return nil }
        let provenance = self.provenance(fields, log: &log)
        guard let tracksNode = fields["tracks"] else {
            guard let kind = compileDecision(fields, name: pair.key, what: "policy '\(pair.key)'", actor: actor, compiler: &compiler)
            else { return nil }
            return Policy(name: pair.key, tracks: [Policy.Track(name: nil, kind: kind, location: pair.keyLocation)],
                          provenance: provenance, location: pair.keyLocation)
        }
        for key in ScenarioReader.decisionKeys where fields[key] != nil {
            log.error(fields[key]?.location ?? fields.location, "policy '\(pair.key)' has 'tracks:', so '\(key)' belongs inside a track",
                      expected: "tracks: { NAME: { \(key == "choose" ? "choose" : key): … }, … }",
                      hint: "move '\(key)' under one of the tracks, or drop 'tracks:' for a single decision")
        }
        guard let trackPairs = requireMapping(tracksNode, what: "tracks", example: "testing: { choose: { … } }") else { return nil }
        if trackPairs.isEmpty {
            log.error(tracksNode.location, "'tracks' lists no tracks", expected: "tracks: { NAME: { rules: … } or { choose: … }, … }")
            return nil
        }
        var tracks: [Policy.Track] = []
        var decidedBy: [Int: String] = [:]
        for trackPair in trackPairs {
            guard let trackFields = MappingFields(trackPair.value, allowed: ScenarioReader.decisionKeys + ["description"],
                                                  what: "track '\(trackPair.key)' of policy '\(pair.key)'", log: &log),
                  let kind = compileDecision(trackFields, name: pair.key, what: "track '\(trackPair.key)'", actor: actor, compiler: &compiler)
            else { continue }
            for action in Self.actions(of: kind) {
                if let other = decidedBy[action] {
                    log.error(trackPair.keyLocation, "\(actions[action].name) is decided by two tracks of policy '\(pair.key)': '\(other)' and '\(trackPair.key)'",
                              hint: "each action belongs to one track; tracks decide different things in the same step")
                } else {
                    decidedBy[action] = trackPair.key
                }
            }
            tracks.append(Policy.Track(name: trackPair.key, kind: kind, location: trackPair.keyLocation))
        }
        guard tracks.count == trackPairs.count else { return nil }
        return Policy(name: pair.key, tracks: tracks, provenance: provenance, location: pair.keyLocation)
    }

    /// The actions a decision can choose.
    static func actions(of kind: Policy.Kind) -> [Int] {
        switch kind {
        case let .rules(rules): rules.flatMap(\.actions)
        case let .choice(_, options): options.map(\.action)
        case let .builtin(policy): [policy.cooperate, policy.defect]
        }
    }

    /// One decision: `rules:`, `choose:` or `builtin:` (with its fields), of a policy or a track.
    private mutating func compileDecision(_ fields: MappingFields, name: String, what: String, actor: Int,
                                          compiler: inout ExpressionCompiler) -> Policy.Kind? {
        let actorName = actors[actor].name
        let context = ExpressionContext(actorScope: actorName, place: "in a policy")
        if fields["builtin"] != nil {
            if fields["rules"] != nil || fields["choose"] != nil {
                log.error(fields.location, "a policy has one of 'rules', 'choose' or 'builtin', not several")
                return nil
            }
            return compileBuiltin(fields, name: name, actor: actor, compiler: &compiler)
        }
        for key in ["parameters", "cooperate", "defect", "opponent_defected"] where fields[key] != nil {
            log.error(fields[key]?.location ?? fields.location, "'\(key)' belongs to a 'builtin:' policy",
                      hint: "add builtin: STRATEGY, or remove '\(key)'")
        }
        switch (fields["rules"], fields["choose"]) {
        case let (rules?, nil):
            guard case let .sequence(items, _) = rules else {
                log.error(rules.location, "'rules' must be a list", expected: "a list of rules such as - { when: CONDITION, do: ACTION }")
                return nil
            }
            var compiled: [Rule] = []
            var unconditional: SourceLocation?
            for item in items {
                guard let ruleFields = MappingFields(item, allowed: ["when", "do", "description"], what: "a rule", log: &log) else { continue }
                if let earlier = unconditional {
                    log.warning(item.location, "this rule can never fire: the rule at line \(earlier.line) always fires first",
                                hint: "move the rule without 'when:' (or with 'when: true') to the end")
                }
                var condition: Code?
                if let when = ruleFields.scalar("when", log: &log) {
                    condition = compiler.compile(when, expecting: .boolean, context: context, log: &log)
                }
                guard let doNode = ruleFields["do"] else {
                    log.error(item.location, "the rule has no 'do:'", expected: "do: one of \(actorName)'s actions, or a list of them")
                    continue
                }
                let ruleActions = actionList(doNode, actor: actor)
                // A rule always fires when it has no condition and none of its actions can be unavailable.
                let isUnconditional = (ruleFields["when"] == nil || condition?.constantValue == 1)
                    && ruleActions.allSatisfy { actions[$0].requires == nil }
                if isUnconditional { unconditional = unconditional ?? item.location }
                compiled.append(Rule(condition: condition, actions: ruleActions, location: item.location))
            }
            return .rules(compiled)
        case let (nil, choose?):
            guard let chooseFields = MappingFields(choose, allowed: ["temperature", "utility"], what: "'choose'", log: &log) else { return nil }
            var temperature = Code.constant(1, location: chooseFields.location)
            if let scalar = chooseFields.scalar("temperature", log: &log),
               let code = compiler.compile(scalar, expecting: .number, context: context, log: &log) {
                temperature = code
                if let value = code.constantValue, value < 0 {
                    log.error(scalar.location, "the temperature must be 0 or more", hint: "0 picks the best option; larger values choose more randomly")
                }
            }
            guard let utility = chooseFields["utility"], let utilityPairs = requireMapping(utility, what: "utility", example: "hold: \"0\"")
            else {
                log.error(chooseFields.location, "'choose' needs 'utility:'", expected: "utility: { action: expression, … }")
                return nil
            }
            var options: [ChoiceOption] = []
            for utilityPair in utilityPairs {
                guard let action = resolveAction(utilityPair.key, actor: actor, at: utilityPair.keyLocation) else { continue }
                guard let scalar = utilityPair.value.scalarValue, !scalar.isNull else {
                    log.error(utilityPair.value.location, "the utility of '\(utilityPair.key)' must be an expression")
                    continue
                }
                if let code = compiler.compile(scalar, expecting: .number, context: context, log: &log) {
                    options.append(ChoiceOption(action: action, utility: code))
                }
            }
            if utilityPairs.isEmpty { log.error(utility.location, "'utility' lists no actions") }
            return .choice(temperature: temperature, options: options)
        case (_?, _?):
            log.error(fields.location, "a policy has either 'rules' or 'choose', not both")
            return nil
        case (nil, nil):
            log.error(fields.location, "\(what) has neither 'rules' nor 'choose'",
                      expected: "rules: [ … ] (ordered rules), choose: { temperature, utility } (discrete choice) or builtin: STRATEGY")
            return nil
        }
    }

    /// `builtin: STRATEGY` with `cooperate:`, `defect:`, optional `parameters:` and `opponent_defected:`.
    private mutating func compileBuiltin(_ fields: MappingFields, name: String, actor: Int,
                                         compiler: inout ExpressionCompiler) -> Policy.Kind? {
        let actorName = actors[actor].name
        guard let key = fields.scalar("builtin", log: &log) else { return nil }
        var parameters: [String: Double] = [:]
        if let node = fields["parameters"] {
            for parameter in requireMapping(node, what: "parameters", example: "{ p: 0.2 }") ?? [] {
                guard let scalar = parameter.value.scalarValue,
                      let value = LiteralReader.number(scalar, role: "strategy parameter '\(parameter.key)'", log: &log) else { continue }
                parameters[parameter.key] = value
            }
        }
        do {
            _ = try StrategyCatalog.make(key.text, parameters: parameters)
        } catch {
            log.error(key.location, error.description, hint: "'parley strategies' lists the strategies and their parameters")
            return nil
        }
        func action(_ field: String) -> Int? {
            guard let scalar = fields.scalar(field, log: &log) else {
                log.error(fields.location, "a builtin policy needs '\(field):', the action \(actorName) plays as \(field == "cooperate" ? "C" : "D")")
                return nil
            }
            return resolveAction(scalar.text, actor: actor, at: scalar.location)
        }
        let cooperate = action("cooperate"), defect = action("defect")
        var opponentDefected: Code?
        let context = ExpressionContext(actorScope: actorName, place: "in a policy")
        if let scalar = fields.scalar("opponent_defected", log: &log) {
            opponentDefected = compiler.compile(scalar, expecting: .boolean, context: context, log: &log)
        } else if let defect, let opponent = symbols.opponents[actorName],
                  case let .historySlot(slot)? = symbols.symbols["\(opponent).\(actions[defect].localName)"] {
            // By default the opponent defects when it takes the action named like ours.
            opponentDefected = Code(instructions: [.did(slot: slot, within: 1)], type: .boolean,
                                    text: "did(\(opponent).\(actions[defect].localName))", location: fields.location, stackDepth: 1)
        } else {
            log.error(fields.location, "a builtin policy needs 'opponent_defected:'",
                      expected: "a condition such as did(opponent.defect)",
                      hint: "or give \(actorName) an opponent: that has an action named like the defect action")
        }
        guard let cooperate, let defect, let opponentDefected else { return nil }
        if cooperate == defect {
            log.error(fields.location, "the cooperate and defect actions of a builtin policy must differ")
            return nil
        }
        return .builtin(BuiltinPolicy(strategy: key.text, parameters: parameters, cooperate: cooperate, defect: defect,
                                      opponentDefected: opponentDefected))
    }

    private mutating func actionList(_ node: YAMLNode, actor: Int) -> [Int] {
        switch node {
        case let .scalar(scalar):
            return resolveAction(scalar.text, actor: actor, at: scalar.location).map { [$0] } ?? []
        case let .sequence(items, _):
            var list: [Int] = []
            for item in items {
                guard let scalar = item.scalarValue else {
                    log.error(item.location, "'do' lists action names", expected: "an action name")
                    continue
                }
                guard let action = resolveAction(scalar.text, actor: actor, at: scalar.location) else { continue }
                if list.contains(action) {
                    log.error(scalar.location, "'do' lists \(actions[action].name) twice", hint: "an action is taken at most once per step")
                    continue
                }
                list.append(action)
            }
            return list
        case .mapping:
            log.error(node.location, "'do' takes an action name or a list of them, not a mapping")
            return []
        }
    }

    /// Resolves `name` (local or qualified) to one of `actor`'s actions.
    private mutating func resolveAction(_ name: String, actor: Int, at location: SourceLocation) -> Int? {
        let actorName = actors[actor].name
        let own = actors[actor].actions.map { actions[$0].localName }
        for candidate in [name, "\(actorName).\(name)"] {
            if case let .historySlot(slot)? = symbols.symbols[candidate], slot < actions.count {
                guard actions[slot].actor == actor else {
                    log.error(location, "'\(name)' is an action of \(actors[actions[slot].actor].name), not of \(actorName)",
                              hint: "a policy chooses among its own actor's actions")
                    return nil
                }
                return slot
            }
        }
        log.error(location, "\(actorName) has no action '\(name)'",
                  expected: own.isEmpty ? "declare \(actorName).\(name) under 'actions:'" : "one of \(own.joined(separator: ", "))",
                  hint: Suggestions.hint(for: name, among: own))
        return nil
    }

    mutating func compileEvents(_ node: YAMLNode, clock: Clock?, compiler: inout ExpressionCompiler) {
        for (index, pair) in (node.pairs ?? []).enumerated() {
            guard symbols.symbols[pair.key] == .historySlot(actions.count + index) else { continue }
            guard let fields = MappingFields(pair.value, allowed: ScenarioReader.eventKeys, what: "event '\(pair.key)'", log: &log)
            else { continue }
            let context = ExpressionContext(place: "in an event")
            let steps = clock?.steps ?? 1
            var trigger: Event.Trigger?
            let triggers = ["at", "hazard", "when"].filter { fields[$0] != nil }
            if triggers.count != 1 {
                log.error(fields.location, triggers.isEmpty ? "event '\(pair.key)' has no trigger"
                                                            : "event '\(pair.key)' has several triggers (\(triggers.joined(separator: ", ")))",
                          expected: "exactly one of at: (dates or steps), hazard: (a probability per step), when: (a condition)")
            }
            if let at = fields["at"] {
                let items: [YAMLNode] = if case let .sequence(list, _) = at { list } else { [at] }
                var scheduled: [Int] = []
                for item in items {
                    guard let scalar = item.scalarValue, let clock else { continue }
                    if let step = step(of: scalar, clock: clock) { scheduled.append(step) }
                }
                trigger = .scheduled(scheduled.sorted())
            } else if let hazard = fields.scalar("hazard", log: &log) {
                if let code = compiler.compile(hazard, expecting: .number, context: context, log: &log) {
                    trigger = .hazard(code)
                    if let value = code.constantValue, !(0...1).contains(value) {
                        log.error(hazard.location, "a hazard is a probability per step, so it lies in [0, 1], not \(value)")
                    }
                }
            } else if let when = fields.scalar("when", log: &log) {
                if let code = compiler.compile(when, expecting: .boolean, context: context, log: &log) { trigger = .condition(code) }
            }
            var firstStep = 0, lastStep = steps - 1
            if let from = fields.scalar("from", log: &log), let clock, let step = step(of: from, clock: clock) { firstStep = step }
            if let until = fields.scalar("until", log: &log), let clock, let step = step(of: until, clock: clock) { lastStep = step }
            var goldstein = 0.0
            if let value = fields.number("goldstein", log: &log) {
                if !(-10...10).contains(value) {
                    log.error(fields["goldstein"]?.location ?? fields.location, "a Goldstein score lies between -10 and +10, not \(value)")
                }
                goldstein = value
            }
            let effects = fields["effects"].map {
                compileAssignments($0, context: context, what: "the effects of '\(pair.key)'", compiler: &compiler)
            } ?? []
            events.append(Event(
                name: pair.key, trigger: trigger ?? .scheduled([]), firstStep: firstStep, lastStep: lastStep,
                once: fields.boolean("once", log: &log) ?? false, effects: effects, goldstein: goldstein,
                provenance: provenance(fields, log: &log), location: pair.keyLocation))
        }
    }

    /// The step of a date (calendar clocks) or a step number (abstract clocks).
    private mutating func step(of scalar: YAMLScalar, clock: Clock) -> Int? {
        if clock.start != nil {
            guard let date = CalendarDate(parsing: scalar.text) else {
                log.error(scalar.location, "'\(scalar.text)' is not a date", expected: "YYYY-MM or YYYY-MM-DD")
                return nil
            }
            guard let step = clock.step(containing: date.dayNumber) else {
                log.error(scalar.location, "\(date) is outside the clock (\(clock.label(ofStep: 0)) to \(clock.label(ofStep: clock.steps)))")
                return nil
            }
            return step
        }
        guard let value = Double(scalar.text), value == value.rounded(), value >= 0, value < Double(clock.steps) else {
            log.error(scalar.location, "'\(scalar.text)' is not a step of this clock", expected: "a whole number from 0 to \(clock.steps - 1)")
            return nil
        }
        return Int(value)
    }

    mutating func compileDynamics(_ node: YAMLNode, compiler: inout ExpressionCompiler) -> [Assignment] {
        let assignments = compileAssignments(node, context: ExpressionContext(place: "in dynamics"), what: "dynamics", compiler: &compiler)
        var seen: Set<Int> = []
        for assignment in assignments where !seen.insert(assignment.variable).inserted {
            log.error(assignment.code.location, "'\(variables[assignment.variable].name)' has two dynamics rules",
                      hint: "dynamics are simultaneous; combine the two into one expression")
        }
        return assignments
    }

    mutating func compileMetrics(_ node: YAMLNode, clock: Clock?, compiler: inout ExpressionCompiler) -> [Metric] {
        guard let pairs = requireMapping(node, what: "metrics", example: "warheads: \"final(dprk.warheads)\"") else { return [] }
        var metrics: [Metric] = []
        let kinds = Metric.Kind.allCases.map(\.rawValue)
        for pair in pairs {
            var kind = Metric.Kind.final
            var scalar = pair.value.scalarValue
            var provenance = Provenance()
            var periods: PeriodGrid?
            if scalar == nil {
                guard let fields = MappingFields(pair.value, allowed: kinds + ["per", "unit", "description", "source"],
                                                 what: "metric '\(pair.key)'", log: &log) else { continue }
                let given = kinds.filter { fields[$0] != nil }
                guard given.count == 1, let name = given.first, let chosen = Metric.Kind(rawValue: name) else {
                    log.error(fields.location, "metric '\(pair.key)' needs exactly one of \(kinds.joined(separator: ", "))",
                              expected: "e.g. { series: \"tension\" } or { sum: \"number(frozen)\" }")
                    continue
                }
                kind = chosen
                scalar = fields.scalar(name, log: &log)
                provenance = self.provenance(fields, log: &log)
                if let per = fields.scalar("per", log: &log) {
                    guard let grid = readPeriods(per, metric: pair.key, kind: kind, clock: clock) else { continue }
                    periods = grid
                }
            }
            guard let scalar, !scalar.isNull else {
                log.error(pair.value.location, "metric '\(pair.key)' has no expression")
                continue
            }
            guard let code = compiler.compile(scalar, expecting: nil, context: .metric(), log: &log) else { continue }
            if code.type == .date {
                log.error(scalar.location, "a metric must be a number or a boolean, not a date")
                continue
            }
            if code.type == .boolean, kind == .sum {
                log.error(scalar.location, "a sum needs numbers", hint: "use number(\(scalar.text)) to count the steps where it holds")
                continue
            }
            metrics.append(Metric(name: pair.key, kind: kind, code: code, provenance: provenance, periods: periods))
        }
        return metrics
    }

    /// The clock's periods for `per: PERIOD` on metric `metric`, or nil after logging why not.
    /// With no clock (it has its own errors), nothing is logged.
    private mutating func readPeriods(_ per: YAMLScalar, metric: String, kind: Metric.Kind, clock: Clock?) -> PeriodGrid? {
        let names = Metric.Period.allCases.map(\.rawValue)
        guard let period = Metric.Period(rawValue: per.text) else {
            log.error(per.location, "unknown period '\(per.text)' for metric '\(metric)'", expected: "one of \(names.joined(separator: ", "))",
                      hint: Suggestions.hint(for: per.text, among: names))
            return nil
        }
        guard kind != .series else {
            log.error(per.location, "'per:' goes with sum, mean, max, min or final, not with series",
                      expected: "e.g. { sum: \"number(did(dprk.missile_test))\", per: year }",
                      hint: "a series already keeps every step; drop per: or use another kind")
            return nil
        }
        guard let clock else { return nil }
        switch clock.periods(period) {
        case let .success(grid):
            return grid
        case .failure(.abstractClock):
            log.error(per.location, "'per: \(period.rawValue)' needs a calendar clock, but this scenario's clock only counts steps",
                      expected: "a clock with dates, e.g. clock: { start: 2021-05, end: 2025-01, step: month }",
                      hint: "on an abstract clock, measure the whole run (drop per:) or keep every step with series:")
            return nil
        case .failure(.shorterThanStep):
            let longer = Metric.Period.allCases.filter { $0.months >= clock.unit.months }.map(\.rawValue)
            log.error(per.location, "'per: \(period.rawValue)' is shorter than one step of the clock (a \(clock.unit.rawValue))",
                      expected: "a period at least as long as a step: \(longer.joined(separator: " or "))",
                      hint: "choose a longer period, or a shorter step in clock:")
            return nil
        }
    }
}
