import ParleyLanguage

/// What varies between the runs of one experiment arm: seed, policies, parameter values.
public struct RunConfiguration: Sendable, Hashable {
    /// The experiment's seed; run `i` draws from streams derived from (seed, i).
    public var seed: UInt64
    /// For each actor, the index of its policy (nil: the actor takes no action).
    public var policies: [Int?]
    /// Parameter values fixed by the user (`--set`), by parameter index. These are never drawn.
    public var overrides: [Int: Double]
    /// Whether parameters with a `dist:` are drawn once per run (the command line's default; `--central` turns it off).
    public var samplesUncertainParameters: Bool

    /// The configuration with each actor's default policy.
    public init(scenario: Scenario, seed: UInt64 = 1, samplesUncertainParameters: Bool = false) {
        self.seed = seed
        self.policies = scenario.actors.map(\.defaultPolicy)
        self.overrides = [:]
        self.samplesUncertainParameters = samplesUncertainParameters
    }

    /// A user's request that could not be applied to the scenario.
    public struct Problem: Error, Sendable, CustomStringConvertible, Equatable {
        /// What is wrong and what to do.
        public var description: String

        /// Creates a problem report.
        public init(description: String) { self.description = description }
    }

    /// Picks `policy` for `actor` (`--policy us=calibrated`).
    public mutating func choosePolicy(_ policy: String, forActor actor: String, in scenario: Scenario) throws(Problem) {
        guard let actorIndex = scenario.actorIndex(named: actor) else {
            let names = scenario.actors.map(\.name)
            throw Problem(description: "unknown actor '\(actor)'; actors are \(names.joined(separator: ", "))"
                + (closest(actor, names).map { " (did you mean '\($0)'?)" } ?? ""))
        }
        let policies = scenario.actors[actorIndex].policies.map(\.name)
        guard let policyIndex = scenario.actors[actorIndex].policyIndex(named: policy) else {
            throw Problem(description: policies.isEmpty
                ? "\(actor) has no policies"
                : "\(actor) has no policy '\(policy)'; its policies are \(policies.joined(separator: ", "))"
                    + (closest(policy, policies).map { " (did you mean '\($0)'?)" } ?? ""))
        }
        self.policies[actorIndex] = policyIndex
    }

    /// Fixes a parameter's value (`--set warhead_rate=8`); `true`/`false` for boolean parameters.
    public mutating func setParameter(_ name: String, to text: String, in scenario: Scenario) throws(Problem) {
        guard let index = scenario.parameterIndex(named: name) else {
            let names = scenario.parameters.map(\.name)
            throw Problem(description: "unknown parameter '\(name)'"
                + (closest(name, names).map { " (did you mean '\($0)'?)" } ?? "")
                + "; 'parley list --parameters' shows them")
        }
        let parameter = scenario.parameters[index]
        let value: Double
        switch (parameter.type, text) {
        case (.boolean, "true"): value = 1
        case (.boolean, "false"): value = 0
        case (.boolean, _):
            throw Problem(description: "parameter '\(name)' is true or false, not '\(text)'")
        default:
            guard let number = Double(text), number.isFinite else {
                throw Problem(description: "parameter '\(name)' needs a number, not '\(text)'")
            }
            if let minimum = parameter.minimum, number < minimum {
                throw Problem(description: "parameter '\(name)' must be at least \(minimum), not \(text)")
            }
            if let maximum = parameter.maximum, number > maximum {
                throw Problem(description: "parameter '\(name)' must be at most \(maximum), not \(text)")
            }
            value = number
        }
        overrides[index] = value
    }

    private func closest(_ name: String, _ candidates: [String]) -> String? {
        Suggestions.closest(to: name, among: candidates)
    }
}
