import Foundation
import ParleyEngine
import ParleyHistory
import ParleyLanguage
import ParleyNumerics

/// A problem with a history scenario or a calibration request, said so that a user can act on it.
public struct CalibrationError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What is wrong and what to do.
    public var description: String

    /// Creates an error with its message.
    public init(_ description: String) { self.description = description }
}

/// One parameter being fitted: where it is in the scenario, and its prior (the scenario's `dist:`).
public struct FittedParameter: Sendable, Hashable {
    /// The parameter's index in the scenario.
    public var index: Int
    /// Its name.
    public var name: String
    /// The prior, from the parameter's `dist:`.
    public var prior: Distribution
    /// The prior as ABC-SMC reads it.
    public var abcPrior: PriorDistribution
    /// The parameter's value in the scenario file (the prior's central value).
    public var scenarioValue: Double
}

/// What one simulated history left behind, month by month over the scenario's clock.
public struct SimulatedHistory: Sendable, Equatable {
    /// 1 in a month with missile tests (SRBM or IRBM/ICBM), else 0.
    public var missileMonths: [Double]
    /// 1 in a month with IRBM/ICBM (or satellite) launches.
    public var longRangeMonths: [Double]
    /// 1 in a month with a nuclear test.
    public var nuclearMonths: [Double]
    /// Warheads at the end of each month.
    public var warheads: [Double]
    /// Ballistic missiles launched in each month (0 in a month without launches).
    public var missiles: [Double]
}

/// A history scenario ready to be run with chosen parameter values: the link between
/// the engine and calibration.
///
/// The scenario must define the series metrics `missile_months`, `long_range_months`,
/// `nuclear_months`, `warheads_series` and `missile_counts` (korea-history does), run on a
/// monthly clock.
public struct HistoryModel: Sendable {
    /// The scenario (loaded without its calibration file: fitting starts from the priors).
    public let scenario: Scenario
    /// The parameters being fitted, in order.
    public let fitted: [FittedParameter]
    /// The month of each step.
    public let months: [YearMonth]
    /// The seed of every run.
    public let seed: UInt64
    let simulation: Simulation
    let seriesMetrics: [Int]

    /// The series metrics a history scenario must define.
    public static let requiredSeries = ["missile_months", "long_range_months", "nuclear_months", "warheads_series", "missile_counts"]

    /// Prepares `scenario` for fitting.
    ///
    /// - Parameters:
    ///   - parameters: names to fit; nil fits every parameter with a `dist:` whose `source:`
    ///     starts with "calibrated".
    ///   - seed: the seed of every run; runs also draw every other uncertain parameter from its
    ///     `dist:` (the nuisance parameters are integrated out, not fixed).
    public init(scenario: Scenario, parameters: [String]? = nil, seed: UInt64) throws(CalibrationError) {
        guard scenario.clock.unit == .month, scenario.clock.start != nil else {
            throw CalibrationError("\(scenario.file): a history scenario needs a monthly clock with a start date")
        }
        var months: [YearMonth] = []
        for step in 0..<scenario.clock.steps {
            guard let month = YearMonth(parsing: String(scenario.clock.label(ofStep: step).prefix(7))) else {
                throw CalibrationError("\(scenario.file): step \(step) has no calendar month")
            }
            months.append(month)
        }
        var series: [Int] = []
        for name in HistoryModel.requiredSeries {
            guard let index = scenario.metrics.firstIndex(where: { $0.name == name }), scenario.metrics[index].kind == .series else {
                throw CalibrationError("\(scenario.file): a history scenario needs the series metric '\(name)' (see korea-history.yaml)")
            }
            series.append(index)
        }
        let names = parameters ?? scenario.parameters.filter {
            $0.distribution != nil && ($0.provenance.source ?? "").lowercased().hasPrefix("calibrated")
        }.map(\.name)
        guard !names.isEmpty else {
            throw CalibrationError("\(scenario.file): no parameter to fit — mark them with a dist: and source: \"calibrated; …\", or name them with --parameters")
        }
        var fitted: [FittedParameter] = []
        for name in names {
            guard let index = scenario.parameterIndex(named: name) else {
                throw CalibrationError("unknown parameter '\(name)'"
                    + (Suggestions.closest(to: name, among: scenario.parameters.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""))
            }
            let parameter = scenario.parameters[index]
            guard let distribution = parameter.distribution else {
                throw CalibrationError("parameter '\(name)' has no dist:, so it has no prior to fit from")
            }
            fitted.append(FittedParameter(index: index, name: name, prior: distribution,
                                          abcPrior: try HistoryModel.prior(distribution, of: parameter),
                                          scenarioValue: parameter.value))
        }
        self.scenario = scenario
        self.fitted = fitted
        self.months = months
        self.seed = seed
        seriesMetrics = series
        simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: seed, samplesUncertainParameters: true))
    }

    /// The ABC prior for a parameter's `dist:`.
    static func prior(_ distribution: Distribution, of parameter: Parameter) throws(CalibrationError) -> PriorDistribution {
        switch distribution {
        case let .uniform(lower, upper):
            return .uniform(lower: lower, upper: upper)
        case let .logUniform(lower, upper):
            return .logUniform(lower: lower, upper: upper)
        case let .normal(mean, deviation):
            return .truncatedNormal(mean: mean, standardDeviation: deviation,
                                    lower: parameter.minimum ?? -.infinity, upper: parameter.maximum ?? .infinity)
        default:
            throw CalibrationError("parameter '\(parameter.name)' has dist: \(distribution); calibration priors are uniform, loguniform or normal")
        }
    }

    /// Runs every particle `replicates` times: particle `p`'s replicate `r` is run
    /// `firstRuns[p] + r`. Results depend only on the particles, their run indices and the seed,
    /// never on `threads`.
    ///
    /// - Parameter fixed: other parameters' values (by index) for every run, e.g. ones fitted
    ///   outside the calibration.
    public func simulate(_ particles: [[Double]], firstRuns: [Int], replicates: Int, threads: Int,
                         fixed: [Int: Double] = [:]) throws(CalibrationError) -> [[SimulatedHistory]] {
        var jobs: [TraceJob] = []
        jobs.reserveCapacity(particles.count * replicates)
        for (p, particle) in particles.enumerated() {
            var values = fixed
            for (d, parameter) in fitted.enumerated() { values[parameter.index] = particle[d] }
            for r in 0..<replicates { jobs.append(TraceJob(run: firstRuns[p] + r, values: values)) }
        }
        let traces: [RunTrace]
        do {
            traces = try simulation.traces(jobs, series: seriesMetrics, threads: threads)
        } catch {
            throw CalibrationError("a run failed: \(error)")
        }
        return (0..<particles.count).map { p in
            (0..<replicates).map { r in
                let trace = traces[p * replicates + r]
                return SimulatedHistory(missileMonths: trace.series[0], longRangeMonths: trace.series[1],
                                        nuclearMonths: trace.series[2], warheads: trace.series[3], missiles: trace.series[4])
            }
        }
    }

    /// The standard deviation of each fitted parameter's prior (from 20,000 fixed draws).
    public var priorStandardDeviations: [Double] {
        fitted.enumerated().map { d, parameter in
            var random = Xoshiro256StarStar(seed: 0x5EED, run: UInt64(d), stream: 9)
            let draws = (0..<20_000).map { _ in parameter.abcPrior.sample(using: &random) }
            let mean = draws.reduce(0, +) / Double(draws.count)
            return (draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)).squareRoot()
        }
    }
}
