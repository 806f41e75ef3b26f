import Foundation

/// Reads and checks `experiment.yaml` files against their scenario, with the same located
/// diagnostics as scenarios.
public enum ExperimentLoader {
    static let keys = [
        "parley-experiment", "name", "scenario", "seed", "runs", "block_size", "uncertainty", "arms", "fixed", "sweep",
        "metrics", "keep", "series", "description",
    ]

    /// Parses experiment text (`file` names it in diagnostics). The scenario is resolved by the
    /// caller (it may be a shipped one); use ``check(_:against:file:)`` to check names against it.
    public static func parse(text: String, file: String) throws(ScenarioError) -> Experiment {
        var log = DiagnosticLog()
        guard let node = YAMLReader.read(text, file: file, log: &log),
              let fields = MappingFields(node, allowed: keys, what: "an experiment", log: &log) else {
            throw ScenarioError(diagnostics: log.diagnostics)
        }
        if fields.text("parley-experiment", log: &log) != "1" {
            log.error(fields.location, "missing 'parley-experiment: 1' (the experiment format version)", expected: "parley-experiment: 1")
        }
        let scenario = fields.text("scenario", log: &log) ?? ""
        if scenario.isEmpty { log.error(fields.location, "missing 'scenario:'", expected: "a scenario file or a shipped scenario's name") }
        func whole(_ key: String, default value: Int, minimum: Int) -> Int {
            guard let number = fields.number(key, log: &log) else { return value }
            guard number >= Double(minimum), number == number.rounded(), number <= 1e12 else {
                log.error(fields[key]?.location ?? fields.location, "'\(key)' must be a whole number of at least \(minimum)")
                return value
            }
            return Int(number)
        }
        let runs = whole("runs", default: 1000, minimum: 1)
        let blockSize = fields["block_size"] == nil ? nil : whole("block_size", default: 1000, minimum: 1)
        let seed = UInt64(exactly: whole("seed", default: 1, minimum: 0)) ?? 1
        var arms: [Experiment.Arm] = []
        if let node = fields["arms"] { arms = readArms(node, log: &log) }
        if arms.isEmpty { arms = [Experiment.Arm(name: "default", policies: [:])] }
        var fixed: [String: Double] = [:]
        for pair in fields["fixed"]?.pairs ?? [] {
            if let scalar = pair.value.scalarValue, let value = number(scalar, log: &log) { fixed[pair.key] = value }
        }
        let sweep = fields["sweep"].map { readSweep($0, log: &log) } ?? .none
        var metrics: [String] = []
        if let node = fields["metrics"] {
            guard case let .sequence(items, _) = node else {
                log.error(node.location, "'metrics' lists metric names", expected: "[warheads_jan_2025, freeze_months]")
                throw ScenarioError(diagnostics: log.diagnostics)
            }
            metrics = items.compactMap { $0.scalarValue?.text }
        }
        var keepsRunValues = false
        if let keep = fields.scalar("keep", log: &log) {
            switch keep.text {
            case "runs": keepsRunValues = true
            case "summaries": keepsRunValues = false
            default: log.error(keep.location, "unknown 'keep: \(keep.text)'", expected: "summaries or runs")
            }
        }
        let experiment = Experiment(
            name: fields.text("name", log: &log) ?? "experiment", scenario: scenario, seed: seed, runs: runs, blockSize: blockSize,
            uncertainty: fields.boolean("uncertainty", log: &log) ?? true, arms: arms, fixed: fixed, sweep: sweep, metrics: metrics,
            keepsRunValues: keepsRunValues, keepsSeries: fields.boolean("series", log: &log) ?? false)
        if log.hasErrors { throw ScenarioError(diagnostics: log.diagnostics) }
        return experiment
    }

    /// Problems with an experiment's names: unknown actors, policies, parameters, metrics.
    public static func check(_ experiment: Experiment, against scenario: Scenario, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let here = SourceLocation(file: file, line: 1, column: 1)
        func unknown(_ what: String, _ name: String, among names: [String]) {
            problems.append(.error(at: here, "unknown \(what) '\(name)' in \(scenario.name)",
                                   expected: "one of \(names.joined(separator: ", "))", hint: Suggestions.hint(for: name, among: names)))
        }
        for arm in experiment.arms {
            for (actor, policy) in arm.policies {
                guard let index = scenario.actorIndex(named: actor) else {
                    unknown("actor", actor, among: scenario.actors.map(\.name))
                    continue
                }
                if scenario.actors[index].policyIndex(named: policy) == nil {
                    unknown("policy of \(actor)", policy, among: scenario.actors[index].policies.map(\.name))
                }
            }
        }
        var swept: [String] = []
        switch experiment.sweep {
        case .none: break
        case let .grid(entries), let .lists(entries): swept = entries.map(\.name)
        case let .latinHypercube(_, parameters): swept = parameters
        }
        for name in Array(experiment.fixed.keys).sorted() + swept where scenario.parameterIndex(named: name) == nil {
            unknown("parameter", name, among: scenario.parameters.map(\.name))
        }
        if case let .latinHypercube(_, parameters) = experiment.sweep {
            for name in parameters {
                if let index = scenario.parameterIndex(named: name), scenario.parameters[index].distribution == nil {
                    problems.append(.error(at: here, "parameter '\(name)' has no dist: to sample from",
                                           hint: "give it a dist: in the scenario, or sweep it with grid:"))
                }
            }
        }
        for metric in experiment.metrics where scenario.metricIndex(named: metric) == nil {
            unknown("metric", metric, among: scenario.metrics.map(\.name))
        }
        return problems
    }

    private static func number(_ scalar: YAMLScalar, log: inout DiagnosticLog) -> Double? {
        LiteralReader.number(scalar, role: "a value", log: &log)
    }

    private static func readArms(_ node: YAMLNode, log: inout DiagnosticLog) -> [Experiment.Arm] {
        switch node {
        case .mapping:
            // arms: { actor: us, policies: [a, b] } — one arm per policy of one actor.
            guard let fields = MappingFields(node, allowed: ["actor", "policies"], what: "arms", log: &log),
                  let actor = fields.text("actor", log: &log), case let .sequence(items, _)? = fields["policies"] else {
                log.error(node.location, "arms: { actor: …, policies: [ … ] } needs both", expected: "arms: { actor: us, policies: [calibrated, strategic_patience] }")
                return []
            }
            return items.compactMap { $0.scalarValue?.text }.map { Experiment.Arm(name: $0, policies: [actor: $0]) }
        case let .sequence(items, _):
            // arms: [ { name: patient, policies: { us: strategic_patience } }, … ]
            return items.compactMap { item in
                guard let fields = MappingFields(item, allowed: ["name", "policies"], what: "an arm", log: &log),
                      let name = fields.text("name", log: &log) else { return nil }
                var policies: [String: String] = [:]
                for pair in fields["policies"]?.pairs ?? [] { policies[pair.key] = pair.value.scalarValue?.text }
                return Experiment.Arm(name: name, policies: policies)
            }
        case .scalar:
            log.error(node.location, "'arms' must be a mapping or a list", expected: "arms: { actor: us, policies: [ … ] }")
            return []
        }
    }

    private static func readSweep(_ node: YAMLNode, log: inout DiagnosticLog) -> Experiment.Sweep {
        guard let fields = MappingFields(node, allowed: ["grid", "lists", "latin_hypercube"], what: "sweep", log: &log) else { return .none }
        func entries(_ node: YAMLNode) -> [(name: String, values: [Double])] {
            (node.pairs ?? []).compactMap { pair in
                guard case let .sequence(items, _) = pair.value, !items.isEmpty else {
                    log.error(pair.value.location, "'\(pair.key)' needs a list of values", expected: "\(pair.key): [0.8, 0.9, 1.0]")
                    return nil
                }
                return (pair.key, items.compactMap { $0.scalarValue }.compactMap { number($0, log: &log) })
            }
        }
        if let grid = fields["grid"] { return .grid(entries(grid)) }
        if let lists = fields["lists"] {
            let list = entries(lists)
            if Set(list.map(\.values.count)).count > 1 {
                log.error(lists.location, "every list in 'lists' needs the same length", hint: "use grid: for every combination")
            }
            return .lists(list)
        }
        if let lhs = fields["latin_hypercube"],
           let lhsFields = MappingFields(lhs, allowed: ["samples", "parameters"], what: "latin_hypercube", log: &log) {
            let samples = lhsFields.number("samples", log: &log).map { Int($0) } ?? 0
            guard samples >= 2, case let .sequence(items, _)? = lhsFields["parameters"] else {
                log.error(lhs.location, "latin_hypercube needs samples (at least 2) and parameters",
                          expected: "latin_hypercube: { samples: 20, parameters: [a, b] }")
                return .none
            }
            return .latinHypercube(samples: samples, parameters: items.compactMap { $0.scalarValue?.text })
        }
        return .none
    }
}
