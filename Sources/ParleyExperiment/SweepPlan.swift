import ParleyEngine
import ParleyLanguage
import ParleyNumerics

/// One point of a sweep: parameter values applied on top of the experiment's fixed ones.
public struct SweepPoint: Sendable, Hashable {
    /// The point's index.
    public var index: Int
    /// A label such as `sanctions_2021=0.9, warhead_rate=8`.
    public var label: String
    /// Parameter values by name.
    public var parameters: [String: Double]
}

/// Expands an experiment's sweep into points and its arms into configurations.
public enum SweepPlan {
    /// The points of the sweep, in a fixed order: grids vary the last parameter fastest; Latin
    /// hypercube samples (McKay, Beckman & Conover 1979) stratify each parameter's distribution
    /// into `samples` equal-probability strata, draw within each, and pair strata by seeded
    /// random permutations.
    public static func points(of experiment: Experiment, scenario: Scenario) -> [SweepPoint] {
        func point(_ index: Int, _ values: [(String, Double)]) -> SweepPoint {
            SweepPoint(index: index, label: values.isEmpty ? "baseline" : values.map { "\($0.0)=\(EnsembleFormat.short($0.1))" }.joined(separator: ", "),
                       parameters: Dictionary(values, uniquingKeysWith: { $1 }))
        }
        switch experiment.sweep {
        case .none:
            return [point(0, [])]
        case let .grid(entries):
            var combinations: [[(String, Double)]] = [[]]
            for entry in entries {
                combinations = combinations.flatMap { prefix in entry.values.map { prefix + [(entry.name, $0)] } }
            }
            return combinations.enumerated().map { point($0.offset, $0.element) }
        case let .lists(entries):
            let count = entries.map(\.values.count).min() ?? 0
            return (0..<count).map { row in point(row, entries.map { ($0.name, $0.values[row]) }) }
        case let .latinHypercube(samples, names):
            var random = Xoshiro256StarStar(seed: experiment.seed, run: 0, stream: 99)
            var columns: [[Double]] = []
            for name in names {
                guard let index = scenario.parameterIndex(named: name) else { continue }
                let parameter = scenario.parameters[index]
                var strata = Array(0..<samples)
                strata.shuffle(using: &random)
                columns.append(strata.map { stratum in
                    parameter.quantile((Double(stratum) + random.nextUniform()) / Double(samples))
                })
            }
            return (0..<samples).map { row in point(row, zip(names, columns).map { ($0, $1[row]) }) }
        }
    }

    /// The simulations of every arm at `point`: the scenario's defaults, then the arm's
    /// policies, then the experiment's fixed values, then the point's values.
    public static func simulations(of experiment: Experiment, at point: SweepPoint, scenario: Scenario)
        throws(RunConfiguration.Problem) -> [Simulation]
    {
        try experiment.arms.map { arm throws(RunConfiguration.Problem) in
            var configuration = RunConfiguration(scenario: scenario, seed: experiment.seed,
                                                 samplesUncertainParameters: experiment.uncertainty)
            for (actor, policy) in arm.policies.sorted(by: { $0.key < $1.key }) {
                try configuration.choosePolicy(policy, forActor: actor, in: scenario)
            }
            for (name, value) in experiment.fixed.merging(point.parameters, uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
                guard let index = scenario.parameterIndex(named: name) else {
                    throw RunConfiguration.Problem(description: "unknown parameter '\(name)'")
                }
                configuration.overrides[index] = value
            }
            return Simulation(scenario: scenario, configuration: configuration)
        }
    }

    /// The (point, block) pairs of shard `shard` of `shardCount`: the global index of a pair,
    /// counting blocks point by point, taken modulo the shard count.
    public static func work(points: Int, blocksPerPoint: Int, shard: Int, of shardCount: Int) -> [(point: Int, block: Int)] {
        var work: [(point: Int, block: Int)] = []
        for point in 0..<points {
            for block in 0..<blocksPerPoint where (point * blocksPerPoint + block) % shardCount == shard {
                work.append((point, block))
            }
        }
        return work
    }
}

/// Short number formatting for labels.
enum EnsembleFormat {
    static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(value)
    }
}
