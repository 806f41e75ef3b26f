/// Reading the declarations: parameters, actors, state variables, actions and events.
extension ScenarioReader {
    static let parameterKeys = ["value", "dist", "unit", "source", "description", "min", "max"]
    static let actorKeys = ["name", "description", "source", "policy", "opponent", "implementation_error", "perception_error"]
    static let variableKeys = ["init", "min", "max", "unit", "source", "description", "type"]
    static let actionKeys = ["requires", "effects", "goldstein", "flip", "description", "source"]
    static let eventKeys = ["at", "hazard", "when", "from", "until", "once", "effects", "goldstein", "description", "source"]

    func provenance(_ fields: MappingFields, log: inout DiagnosticLog) -> Provenance {
        Provenance(source: fields.text("source", log: &log), unit: fields.text("unit", log: &log),
                   description: fields.text("description", log: &log))
    }

    mutating func declareParameters(_ node: YAMLNode) {
        guard let pairs = requireMapping(node, what: "parameters", example: "warhead_rate: { value: 6, source: … }") else { return }
        for pair in pairs {
            guard checkName(pair.key, at: pair.keyLocation, what: "parameter", qualified: false) else { continue }
            var parameter = Parameter(name: pair.key, type: .number, value: 0, distribution: nil, minimum: nil, maximum: nil,
                                      provenance: Provenance(), location: pair.keyLocation)
            var valueScalar: YAMLScalar?
            if let scalar = pair.value.scalarValue {
                valueScalar = scalar
                log.warning(pair.keyLocation, "parameter '\(pair.key)' has no source",
                            hint: "write it as { value: \(scalar.text), source: \"…\" }, or source: assumption")
            } else if let fields = MappingFields(pair.value, allowed: ScenarioReader.parameterKeys, what: "parameter '\(pair.key)'", log: &log) {
                parameter.provenance = provenance(fields, log: &log)
                valueScalar = fields.scalar("value", log: &log)
                parameter.minimum = fields.number("min", log: &log)
                parameter.maximum = fields.number("max", log: &log)
                if valueScalar == nil {
                    log.error(fields.location, "parameter '\(pair.key)' has no value", expected: "value: a number or true/false")
                }
                if parameter.provenance.source == nil {
                    log.warning(pair.keyLocation, "parameter '\(pair.key)' has no source",
                                hint: "add source: with a citation, or source: assumption")
                }
                if let dist = fields.scalar("dist", log: &log) {
                    parameter.distribution = DistributionReader.read(dist, log: &log)
                }
            } else {
                continue
            }
            if let valueScalar {
                switch valueScalar.text {
                case "true", "false":
                    parameter.type = .boolean
                    parameter.value = valueScalar.text == "true" ? 1 : 0
                default:
                    parameter.value = LiteralReader.number(valueScalar, role: "the value of '\(pair.key)'", log: &log) ?? 0
                }
                checkParameter(parameter, valueLocation: valueScalar.location)
            }
            if declareName(pair.key, at: pair.keyLocation, as: .parameter(parameters.count, parameter.type)) {
                parameters.append(parameter)
            }
        }
    }

    private mutating func checkParameter(_ parameter: Parameter, valueLocation: SourceLocation) {
        if let minimum = parameter.minimum, let maximum = parameter.maximum, minimum > maximum {
            log.error(parameter.location, "parameter '\(parameter.name)' has min \(minimum) above max \(maximum)")
        }
        if let minimum = parameter.minimum, parameter.value < minimum {
            log.error(valueLocation, "the value \(parameter.value) of '\(parameter.name)' is below its min \(minimum)")
        }
        if let maximum = parameter.maximum, parameter.value > maximum {
            log.error(valueLocation, "the value \(parameter.value) of '\(parameter.name)' is above its max \(maximum)")
        }
        guard let distribution = parameter.distribution else { return }
        if parameter.type == .boolean, !isBernoulli(distribution) {
            log.error(parameter.location, "the boolean parameter '\(parameter.name)' needs dist: bernoulli(p)",
                      expected: "bernoulli(p)")
        }
        if parameter.type == .number, isBernoulli(distribution) {
            log.error(parameter.location, "bernoulli(p) draws true or false, but '\(parameter.name)' is a number",
                      hint: "give the parameter value: true or false, or use choice(0, 1)")
        }
        let support = distribution.support
        if parameter.type == .number, !support.contains(parameter.value) {
            log.warning(valueLocation, "the value \(parameter.value) of '\(parameter.name)' lies outside its distribution \(distribution)",
                        hint: "runs draw from the distribution; with --central they use the value")
        }
        if let minimum = parameter.minimum, let maximum = parameter.maximum,
           support.upperBound < minimum || support.lowerBound > maximum {
            log.error(parameter.location, "the distribution \(distribution) of '\(parameter.name)' lies outside its bounds [\(minimum), \(maximum)]")
        }
    }

    private func isBernoulli(_ distribution: Distribution) -> Bool {
        if case .bernoulli = distribution { return true }
        return false
    }

    mutating func declareActors(_ node: YAMLNode) {
        guard let pairs = requireMapping(node, what: "actors", example: "us: { name: United States }") else { return }
        for pair in pairs {
            guard isValidName(pair.key, allowingActor: false) else {
                log.error(pair.keyLocation, "'\(pair.key)' is not a valid actor name", expected: "letters, digits and _, e.g. dprk")
                continue
            }
            if pair.key == "opponent" {
                log.error(pair.keyLocation, "'opponent' is a reserved word and cannot name an actor",
                          hint: "opponent.x means the other player's x in an actor with an opponent:")
                continue
            }
            if symbols.actorNames.contains(pair.key) {
                log.error(pair.keyLocation, "actor '\(pair.key)' is declared twice")
                continue
            }
            var displayName = pair.key
            var provenance = Provenance()
            if pair.value.scalarValue?.isNull != true,
               let fields = MappingFields(pair.value, allowed: ScenarioReader.actorKeys, what: "actor '\(pair.key)'", log: &log) {
                displayName = fields.text("name", log: &log) ?? pair.key
                provenance = self.provenance(fields, log: &log)
            }
            symbols.actorNames.append(pair.key)
            actors.append(Actor(name: pair.key, displayName: displayName, provenance: provenance, policies: [],
                                defaultPolicy: nil, implementationError: nil, perceptionError: nil, actions: [],
                                location: pair.keyLocation))
        }
        for pair in pairs {
            guard let opponent = pair.value["opponent"]?.scalarValue, !opponent.isNull else { continue }
            if symbols.actorNames.contains(opponent.text), opponent.text != pair.key {
                symbols.opponents[pair.key] = opponent.text
            } else {
                log.error(opponent.location, "the opponent of \(pair.key) must be another actor, not '\(opponent.text)'",
                          expected: "one of \(symbols.actorNames.filter { $0 != pair.key }.joined(separator: ", "))",
                          hint: Suggestions.hint(for: opponent.text, among: symbols.actorNames.filter { $0 != pair.key }))
            }
        }
    }

    /// The pairs of a mapping section, or nil after logging.
    mutating func requireMapping(_ node: YAMLNode, what: String, example: String) -> [YAMLPair]? {
        if let pairs = node.pairs { return pairs }
        if node.scalarValue?.isNull == true { return [] }
        log.error(node.location, "'\(what)' must be a mapping, but this is \(node.kindName)", expected: example)
        return nil
    }

    mutating func declareVariables(_ node: YAMLNode, compiler: inout ExpressionCompiler) {
        guard let pairs = requireMapping(node, what: "state", example: "dprk.warheads: { init: 45, min: 0, source: … }") else { return }
        for pair in pairs {
            guard checkName(pair.key, at: pair.keyLocation, what: "state variable", qualified: true) else { continue }
            var initialScalar: YAMLScalar?
            var variable = StateVariable(name: pair.key, type: .number, initial: .constant(0, location: pair.keyLocation),
                                         minimum: nil, maximum: nil, provenance: Provenance(), location: pair.keyLocation)
            var declaredType: ValueType?
            if let scalar = pair.value.scalarValue {
                initialScalar = scalar
                log.warning(pair.keyLocation, "state variable '\(pair.key)' has no source",
                            hint: "write it as { init: \(scalar.text), source: \"…\" }, or source: assumption")
            } else if let fields = MappingFields(pair.value, allowed: ScenarioReader.variableKeys, what: "state variable '\(pair.key)'", log: &log) {
                initialScalar = fields.scalar("init", log: &log)
                if initialScalar == nil {
                    log.error(fields.location, "state variable '\(pair.key)' has no initial value", expected: "init: a number, true/false, or an expression of parameters")
                }
                variable.minimum = fields.number("min", log: &log)
                variable.maximum = fields.number("max", log: &log)
                variable.provenance = provenance(fields, log: &log)
                if variable.provenance.source == nil {
                    log.warning(pair.keyLocation, "state variable '\(pair.key)' has no source",
                                hint: "add source: with a citation, or source: assumption")
                }
                if let typeScalar = fields.scalar("type", log: &log) {
                    declaredType = ValueType(rawValue: typeScalar.text)
                    if declaredType == nil || declaredType == .date {
                        log.error(typeScalar.location, "unknown state type '\(typeScalar.text)'", expected: "number or boolean")
                        declaredType = nil
                    }
                }
            } else {
                continue
            }
            if let initialScalar,
               let code = compiler.compile(initialScalar, expecting: declaredType, context: .initialValue(), log: &log) {
                variable.initial = code
                variable.type = code.type
                if code.type == .date {
                    log.error(initialScalar.location, "a state variable cannot hold a date", expected: "a number or a boolean")
                }
                if let value = code.constantValue {
                    if let minimum = variable.minimum, value < minimum {
                        log.error(initialScalar.location, "the initial value \(value) of '\(pair.key)' is below its min \(minimum)",
                                  hint: "raise init or lower min")
                    }
                    if let maximum = variable.maximum, value > maximum {
                        log.error(initialScalar.location, "the initial value \(value) of '\(pair.key)' is above its max \(maximum)",
                                  hint: "lower init or raise max")
                    }
                }
            }
            if let minimum = variable.minimum, let maximum = variable.maximum, minimum > maximum {
                log.error(pair.keyLocation, "state variable '\(pair.key)' has min \(minimum) above max \(maximum)")
            }
            if variable.type == .boolean, variable.minimum != nil || variable.maximum != nil {
                log.error(pair.keyLocation, "the boolean state variable '\(pair.key)' cannot have bounds")
            }
            if declareName(pair.key, at: pair.keyLocation, as: .variable(variables.count, variable.type)) {
                variables.append(variable)
            }
        }
    }

    mutating func declareActions(_ node: YAMLNode) {
        guard let pairs = requireMapping(node, what: "actions", example: "dprk.missile_test: { effects: { tension: \"tension + 0.05\" } }")
        else { return }
        for pair in pairs {
            guard pair.key.contains(".") else {
                log.error(pair.keyLocation, "the action '\(pair.key)' must name its actor", expected: "actor.action, e.g. dprk.\(pair.key)")
                continue
            }
            guard checkName(pair.key, at: pair.keyLocation, what: "action", qualified: true) else { continue }
            let parts = pair.key.split(separator: ".")
            let actorName = String(parts[0])
            guard let actor = actors.firstIndex(where: { $0.name == actorName }) else { continue }
            guard declareName(pair.key, at: pair.keyLocation, as: .historySlot(actions.count)) else { continue }
            actors[actor].actions.append(actions.count)
            actions.append(Action(name: pair.key, localName: String(parts[1]), actor: actor, requires: nil, effects: [],
                                  goldstein: 0, flip: nil, provenance: Provenance(), location: pair.keyLocation))
        }
    }

    mutating func declareEvents(_ node: YAMLNode) {
        guard let pairs = requireMapping(node, what: "events", example: "rok_election: { at: 2022-03, effects: { … } }") else { return }
        for (index, pair) in pairs.enumerated() {
            guard checkName(pair.key, at: pair.keyLocation, what: "event", qualified: false) else { continue }
            // Actions are declared before events, so an event's history slot follows them.
            _ = declareName(pair.key, at: pair.keyLocation, as: .historySlot(actions.count + index))
        }
    }
}
