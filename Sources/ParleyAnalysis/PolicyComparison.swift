import ParleyEngine
import ParleyLanguage
import ParleyNumerics

/// One arm of a comparison: a name and the configuration it runs.
public struct ComparisonArm: Sendable, Hashable {
    /// The arm's name, usually the policy's (`calibrated`).
    public var name: String
    /// The seed, policies and parameters of the arm.
    public var configuration: RunConfiguration

    /// Creates an arm.
    public init(name: String, configuration: RunConfiguration) {
        self.name = name
        self.configuration = configuration
    }
}

/// How one metric fared in one arm, and against the reference arm.
public struct ArmOutcome: Sendable, Equatable {
    /// The arm's name.
    public var arm: String
    /// The mean over runs.
    public var mean: Double
    /// The 10th and 90th percentiles: the central 80% of runs.
    public var lower: Double, upper: Double
    /// The mean paired difference from the reference arm (nil for the reference itself).
    public var difference: Double?
    /// The 95% confidence interval of that mean difference (Student's t over paired runs).
    public var differenceInterval: ConfidenceInterval?
}

/// One metric across the arms.
public struct MetricComparison: Sendable, Equatable {
    /// The metric's name.
    public var metric: String
    /// Its unit, if declared.
    public var unit: String?
    /// One outcome per arm, in arm order.
    public var outcomes: [ArmOutcome]
}

/// The result of comparing arms with common random numbers.
public struct PolicyComparisonResult: Sendable, Equatable {
    /// The scenario's name.
    public var scenario: String
    /// The arms' names; the first is the reference for differences.
    public var arms: [String]
    /// Runs per arm.
    public var runs: Int
    /// The seed shared by all arms.
    public var seed: UInt64
    /// One entry per metric.
    public var metrics: [MetricComparison]
    /// The raw paired summaries, for further analysis.
    public var paired: PairedSummary
}

/// Compares policies (or any configurations) of one scenario on paired runs: run `i` of every
/// arm draws the same parameters and meets the same random events, so differences between arms
/// are due to the policies, and their confidence intervals are far narrower than unpaired ones.
public enum PolicyComparison {
    /// One arm per policy of `actor`, each otherwise equal to `base`.
    ///
    /// - Parameters:
    ///   - policies: the policies to compare (nil: all of the actor's, in declaration order).
    ///   - reference: the policy the others are compared against (nil: the first).
    public static func arms(
        of scenario: Scenario, actor: String, policies: [String]? = nil, reference: String? = nil, base: RunConfiguration
    ) throws(RunConfiguration.Problem) -> [ComparisonArm] {
        guard let actorIndex = scenario.actorIndex(named: actor) else {
            let names = scenario.actors.map(\.name)
            throw RunConfiguration.Problem(description: "unknown actor '\(actor)'; actors are \(names.joined(separator: ", "))"
                + (Suggestions.closest(to: actor, among: names).map { " (did you mean '\($0)'?)" } ?? ""))
        }
        var names = policies ?? scenario.actors[actorIndex].policies.map(\.name)
        if let reference {
            if !names.contains(reference) { names.insert(reference, at: 0) }
            names.removeAll { $0 == reference }
            names.insert(reference, at: 0)
        }
        guard names.count >= 2 else {
            throw RunConfiguration.Problem(description: "\(actor) needs at least two policies to compare; it has \(names.joined(separator: ", "))")
        }
        var arms: [ComparisonArm] = []
        for name in names {
            var configuration = base
            try configuration.choosePolicy(name, forActor: actor, in: scenario)
            arms.append(ComparisonArm(name: name, configuration: configuration))
        }
        return arms
    }

    /// Runs every arm on the same run indices and summarises each metric.
    public static func run(
        _ scenario: Scenario, arms: [ComparisonArm], options: EnsembleOptions, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RunError) -> PolicyComparisonResult {
        let simulations = arms.map { Simulation(scenario: scenario, configuration: $0.configuration) }
        let paired = try await Ensemble.runPaired(simulations, options: options, progress: progress)
        return result(scenario, arms: arms.map(\.name), paired: paired, runs: options.runs, seed: arms.first?.configuration.seed ?? 0)
    }

    /// The comparison of paired runs already made (for example merged from a results store).
    public static func result(_ scenario: Scenario, arms: [String], paired: PairedSummary, runs: Int, seed: UInt64)
        -> PolicyComparisonResult
    {
        let metrics = scenario.metrics.enumerated().map { index, metric in
            MetricComparison(
                metric: metric.name, unit: metric.provenance.unit,
                outcomes: arms.indices.map { arm in
                    let summary = paired.arms[arm].metrics[index].summary
                    let difference = arm == 0 ? nil : paired.differences[arm][index]
                    return ArmOutcome(
                        arm: arms[arm], mean: summary.mean, lower: summary.quantile(0.1), upper: summary.quantile(0.9),
                        difference: difference?.mean, differenceInterval: difference?.meanConfidenceInterval(level: 0.95))
                })
        }
        return PolicyComparisonResult(scenario: scenario.name, arms: arms, runs: runs, seed: seed, metrics: metrics, paired: paired)
    }
}
