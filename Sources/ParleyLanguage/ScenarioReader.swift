/// Turns a merged YAML tree into a compiled ``Scenario``: reads every declaration, resolves
/// every name, compiles every expression, and logs all problems at once.
struct ScenarioReader {
    static let topLevelKeys = [
        "parley", "name", "summary", "description", "extends", "calibration", "clock", "noise", "parameters", "actors", "state",
        "actions", "policies", "dynamics", "events", "roadmaps", "metrics", "claims",
    ]

    let file: String
    var log: DiagnosticLog
    var symbols = SymbolTable()
    var parameters: [Parameter] = []
    var actors: [Actor] = []
    var variables: [StateVariable] = []
    var actions: [Action] = []
    var events: [Event] = []
    var declared: [String: SourceLocation] = [:]
    /// The `actors:` pairs, for each actor's `policy:` default.
    var actorsPairs: [YAMLPair] = []
    /// The roadmaps' history events, appended after the scenario's own events.
    var pendingRoadmapEvents: [Event] = []

    static func read(_ tree: YAMLNode, file: String, log: inout DiagnosticLog) -> Scenario? {
        var reader = ScenarioReader(file: file, log: log)
        let scenario = reader.read(tree)
        log = reader.log
        return scenario
    }

    private mutating func read(_ tree: YAMLNode) -> Scenario? {
        guard let top = MappingFields(tree, allowed: ScenarioReader.topLevelKeys, what: "a scenario", log: &log) else {
            return nil
        }
        if let version = top.scalar("parley", log: &log) {
            if version.text != "1" {
                log.error(version.location, "this is language version \(version.text), but Parley reads version 1",
                          expected: "parley: 1")
            }
        } else {
            log.error(top.location, "missing 'parley: 1' (the language version)", expected: "parley: 1 as the first line")
        }
        let name = top.text("name", log: &log) ?? ""
        if top["name"] == nil { log.error(top.location, "missing 'name:'", expected: "name: a short title for the scenario") }
        let summary = top.text("summary", log: &log) ?? top.text("description", log: &log) ?? ""
        let clock = readClock(top["clock"], at: top.location)

        // Declarations first, so that expressions anywhere can refer to names declared anywhere.
        if let node = top["parameters"] { declareParameters(node) }
        if let node = top["actors"] {
            declareActors(node)
            actorsPairs = node.pairs ?? []
        }
        var compiler = ExpressionCompiler(symbols: symbols, variableCount: 0)
        if let node = top["state"] { declareVariables(node, compiler: &compiler) }
        if let node = top["actions"] { declareActions(node) }
        if let node = top["events"] { declareEvents(node) }
        if let node = top["roadmaps"] { declareRoadmaps(node, eventCount: top["events"]?.pairs?.count ?? 0) }

        let initialDepth = compiler.maximumStackDepth
        compiler = ExpressionCompiler(symbols: symbols, variableCount: variables.count)
        compiler.maximumStackDepth = initialDepth
        compileActors(actorsNode: top["actors"], noise: top["noise"], compiler: &compiler)
        if let node = top["actions"] { compileActions(node, compiler: &compiler) }
        if let node = top["policies"] { compilePolicies(node, compiler: &compiler) }
        if let node = top["events"] { compileEvents(node, clock: clock, compiler: &compiler) }
        events += pendingRoadmapEvents
        let roadmaps = top["roadmaps"].map { compileRoadmaps($0, compiler: &compiler) } ?? []
        let dynamics = top["dynamics"].map { compileDynamics($0, compiler: &compiler) } ?? []
        let metrics = top["metrics"].map { compileMetrics($0, clock: clock, compiler: &compiler) } ?? []
        let claims = top["claims"].map { compileClaims($0, metrics: metrics) } ?? []
        if top["metrics"] == nil {
            log.warning(top.location, "the scenario has no metrics, so runs measure nothing",
                        hint: "add 'metrics:' with at least one expression, e.g. tension: \"final(tension)\"")
        }

        guard let clock, !log.hasErrors else { return nil }
        return Scenario(
            name: name, summary: summary, file: file, clock: clock, parameters: parameters, actors: actors,
            variables: variables, actions: actions, events: events, dynamics: dynamics, metrics: metrics,
            roadmaps: roadmaps, claims: claims, maximumLag: compiler.maximumLag, maximumStackDepth: compiler.maximumStackDepth, warnings: [])
    }

    // MARK: Names

    mutating func declareName(_ name: String, at location: SourceLocation, as symbol: Symbol) -> Bool {
        if let first = declared[name] {
            log.error(location, "'\(name)' is declared twice", hint: "the first declaration is at \(first); names must be unique across parameters, state, actions and events")
            return false
        }
        if SymbolTable.builtins[name] != nil || ExpressionParserKeywords.all.contains(name) {
            log.error(location, "'\(name)' is a reserved word and cannot be declared", hint: "choose another name")
            return false
        }
        declared[name] = location
        symbols.declare(name, as: symbol)
        return true
    }

    func isValidName(_ name: String, allowingActor: Bool) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || (allowingActor && parts.count == 2) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
            return part.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) }
        }
    }

    mutating func checkName(_ name: String, at location: SourceLocation, what: String, qualified: Bool) -> Bool {
        guard isValidName(name, allowingActor: qualified) else {
            log.error(location, "'\(name)' is not a valid \(what) name",
                      expected: qualified ? "letters, digits and _, optionally prefixed by an actor: dprk.warheads"
                                          : "letters, digits and _, starting with a letter")
            return false
        }
        if qualified, let dot = name.firstIndex(of: ".") {
            let actor = String(name[..<dot])
            if !symbols.actorNames.contains(actor) {
                log.error(location, "'\(actor)' in '\(name)' is not an actor",
                          expected: "one of \(symbols.actorNames.joined(separator: ", "))",
                          hint: Suggestions.hint(for: actor, among: symbols.actorNames))
                return false
            }
        }
        return true
    }

    // MARK: Clock

    private mutating func readClock(_ node: YAMLNode?, at location: SourceLocation) -> Clock? {
        guard let node else {
            log.error(location, "missing 'clock:'", expected: "clock: { start: 2021-05, end: 2025-01, step: month } or clock: { steps: 100 }")
            return nil
        }
        guard let fields = MappingFields(node, allowed: ["start", "end", "step", "steps", "dt"], what: "the clock", log: &log) else {
            return nil
        }
        var unit = Clock.Unit.step
        if let stepScalar = fields.scalar("step", log: &log) {
            guard let parsed = Clock.Unit(rawValue: stepScalar.text) else {
                log.error(stepScalar.location, "unknown step '\(stepScalar.text)'",
                          expected: "one of day, week, month, quarter, year",
                          hint: Suggestions.hint(for: stepScalar.text, among: Clock.Unit.allCases.map(\.rawValue)))
                return nil
            }
            unit = parsed
        }
        func date(_ key: String) -> CalendarDate? {
            guard let scalar = fields.scalar(key, log: &log) else { return nil }
            guard let date = CalendarDate(parsing: scalar.text) else {
                log.error(scalar.location, "'\(scalar.text)' is not a date", expected: "YYYY-MM or YYYY-MM-DD")
                return nil
            }
            return date
        }
        let start = date("start"), end = date("end")
        var steps = fields.number("steps", log: &log).flatMap { value -> Int? in
            guard value >= 1, value == value.rounded(), value <= 10_000_000 else {
                log.error(fields["steps"]?.location ?? location, "'steps' must be a whole number of at least 1")
                return nil
            }
            return Int(value)
        }
        if start == nil, unit != .step {
            log.error(fields.location, "a clock with a step of one \(unit.rawValue) needs a start date",
                      expected: "start: YYYY-MM", hint: "for abstract time without a calendar, write clock: { steps: N }")
            return nil
        }
        if start == nil, let endNode = fields["end"] {
            log.error(endNode.location, "'end' needs 'start'", expected: "start: YYYY-MM together with end:",
                      hint: "for abstract time, give steps: N instead")
            return nil
        }
        if start != nil, unit == .step {
            log.error(fields.location, "a clock with a start date needs a step length", expected: "step: day, week, month, quarter or year")
            return nil
        }
        if let start, let end {
            guard end > start else {
                log.error(fields["end"]?.location ?? location, "the clock ends (\(end)) before it starts (\(start))")
                return nil
            }
            var count = 0
            while let next = Clock.date(of: count, start: start, unit: unit), next < end, count <= 10_000_000 { count += 1 }
            if let given = steps, given != count {
                log.error(fields["steps"]?.location ?? location, "'steps: \(given)' disagrees with start and end, which give \(count) steps",
                          hint: "give either end or steps")
            }
            steps = count
        }
        guard let steps else {
            if fields["steps"] == nil {
                log.error(fields.location, "the clock needs a length", expected: "end: YYYY-MM together with start:, or steps: N")
            }
            return nil
        }
        let stepLength: Double
        switch unit {
        case .day: stepLength = 1 / 365.25
        case .week: stepLength = 7 / 365.25
        case .month: stepLength = 1.0 / 12
        case .quarter: stepLength = 0.25
        case .year: stepLength = 1
        case .step: stepLength = fields.number("dt", log: &log) ?? 1
        }
        if unit != .step, fields["dt"] != nil {
            log.error(fields["dt"]?.location ?? location, "'dt' is set by the step length for calendar clocks",
                      hint: "remove dt: a step of one \(unit.rawValue) has dt = \(stepLength) years")
        }
        if stepLength <= 0 { log.error(fields["dt"]?.location ?? location, "'dt' must be positive") }
        return Clock(unit: unit, steps: steps, start: start, stepLength: stepLength)
    }
}

/// Words of the expression language that cannot be declared as names.
enum ExpressionParserKeywords {
    static let all: Set<String> = Lexer.keywords
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
