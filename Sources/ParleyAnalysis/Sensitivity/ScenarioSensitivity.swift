import ParleyEngine
import ParleyLanguage
import ParleyNumerics

/// One factor of a scenario's sensitivity analysis: a parameter that carries a `dist:`.
public struct SensitivityFactor: Sendable, Hashable {
    /// The parameter's name.
    public var name: String
    /// Its index in the scenario's parameters.
    public var parameterIndex: Int
    /// Its distribution as written in the scenario (`pert(5, 7.5, 10)`), with bounds if any.
    public var distribution: String
    /// Its unit, if declared.
    public var unit: String?
    /// Its `source:`, if declared.
    public var source: String?
    /// Its description, if declared.
    public var description: String?
}

/// Which sensitivity method to run.
public enum SensitivityMethod: String, Sendable, Hashable, CaseIterable {
    /// Morris elementary effects: cheap screening, r(k + 1) points.
    case morris
    /// Sobol' first-order and total indices by Saltelli sampling, N(k + 2) points.
    case sobol
}

/// What a scenario sensitivity analysis found.
public struct ScenarioSensitivityResult: Sendable, Equatable {
    /// The method's own result.
    public enum Analysis: Sendable, Equatable {
        /// Morris screening.
        case morris(MorrisResult)
        /// Sobol' indices.
        case sobol(SobolResult)
    }

    /// The scenario's name.
    public var scenario: String
    /// The metric analysed.
    public var metric: String
    /// The metric's unit, if declared.
    public var metricUnit: String?
    /// Runs averaged at each point.
    public var runsPerPoint: Int
    /// The experiment's seed, shared by every point (common random numbers).
    public var seed: UInt64
    /// The factors, in the order of the analysis' coordinates.
    public var factors: [SensitivityFactor]
    /// The parameters fixed by the user and left out of the analysis, by name.
    public var fixedParameters: [String: Double]
    /// The method's result, with the analysis' coordinates in factor order.
    public var analysis: Analysis

    /// The number of model points evaluated.
    public var points: Int {
        switch analysis {
        case let .morris(result): result.design.trajectories.count * (result.design.factorCount + 1)
        case let .sobol(result): result.design.baseSamples * (result.design.factorCount + 2)
        }
    }

    /// Factor positions from the most to the least important (μ* for Morris, ST for Sobol').
    public var ranking: [Int] {
        switch analysis {
        case let .morris(result): result.ranking
        case let .sobol(result): result.ranking
        }
    }
}

/// Binds the generic sensitivity methods to a scenario: the factors are the parameters that
/// carry a `dist:` (and are not fixed by `--set`), a point of the unit cube becomes parameter
/// values through each parameter's truncated quantile function (``ParleyLanguage/Parameter/quantile(_:)``),
/// and the output at a point is the mean of one metric over `runsPerPoint` runs.
///
/// Every point runs the same run indices with the same seed, so all points share common random
/// numbers (the same random events and decisions' draws): differences between points come from
/// the parameters, not from simulation noise, which is what keeps elementary effects and index
/// estimates stable with modest `runsPerPoint`.
///
/// ```swift
/// let configuration = RunConfiguration(scenario: scenario, seed: 1)
/// let analysis = try ScenarioSensitivity(scenario: scenario, configuration: configuration,
///                                        metric: "warheads_jan_2025", runsPerPoint: 50)
/// let result = try await analysis.morris(trajectories: 20, concurrency: 2)
/// ```
public struct ScenarioSensitivity: Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// The policies, fixed parameters and seed every point shares.
    public let configuration: RunConfiguration
    /// The index of the metric analysed.
    public let metric: Int
    /// Runs averaged at each point.
    public let runsPerPoint: Int
    /// The factors: parameters with a `dist:` not fixed in `configuration`.
    public let factors: [SensitivityFactor]
    /// For a factor unbounded at one end (a normal, a gamma's upper tail), unit-cube coordinates
    /// are kept this far from that end, so that grid points at 0 or 1 map to the 0.1% or 99.9%
    /// quantile rather than to ±∞ (Saltelli et al. 2008, *The Primer*, §3.5, advise the same for
    /// Morris levels of unbounded distributions).
    public let tailProbability: Double

    /// Prepares the analysis.
    ///
    /// - Parameters:
    ///   - configuration: policies, `--set` overrides (which remove parameters from the factors)
    ///     and the seed; its `samplesUncertainParameters` is ignored.
    ///   - metric: the metric's name (nil: the scenario's first metric).
    ///   - runsPerPoint: R ≥ 1 runs averaged at each point.
    ///   - tailProbability: see ``tailProbability``.
    /// - Throws: ``SensitivityError`` for an unknown metric, no factors, or R < 1.
    public init(
        scenario: Scenario, configuration: RunConfiguration, metric: String? = nil, runsPerPoint: Int,
        tailProbability: Double = 0.001
    ) throws(SensitivityError) {
        let names = scenario.metrics.map(\.name)
        guard let metricIndex = metric.map({ scenario.metricIndex(named: $0) }) ?? (names.isEmpty ? nil : 0) else {
            throw .unknownMetric(metric ?? "", known: names)
        }
        guard runsPerPoint >= 1 else {
            throw .invalidCount(name: "the number of runs per point", value: runsPerPoint, requirement: "at least 1")
        }
        let factors = scenario.parameters.enumerated().compactMap { index, parameter -> SensitivityFactor? in
            guard let distribution = parameter.distribution, configuration.overrides[index] == nil else { return nil }
            var bounds: [String] = []
            if let minimum = parameter.minimum { bounds.append("min \(written(minimum))") }
            if let maximum = parameter.maximum { bounds.append("max \(written(maximum))") }
            return SensitivityFactor(
                name: parameter.name, parameterIndex: index,
                distribution: distribution.description + (bounds.isEmpty ? "" : " [" + bounds.joined(separator: ", ") + "]"),
                unit: parameter.provenance.unit, source: parameter.provenance.source,
                description: parameter.provenance.description)
        }
        guard !factors.isEmpty else { throw .noUncertainParameters(scenario: scenario.name) }
        var shared = configuration
        shared.samplesUncertainParameters = false
        self.scenario = scenario
        self.configuration = shared
        self.metric = metricIndex
        self.runsPerPoint = runsPerPoint
        self.factors = factors
        self.tailProbability = tailProbability
    }

    /// The parameter values at a point of the unit cube, one per factor.
    public func parameterValues(at point: [Double]) -> [Double] {
        zip(factors, point).map { factor, coordinate in
            let parameter = scenario.parameters[factor.parameterIndex]
            var probability = coordinate
            if !parameter.quantile(0).isFinite { probability = Swift.max(probability, tailProbability) }
            if !parameter.quantile(1).isFinite { probability = Swift.min(probability, 1 - tailProbability) }
            return parameter.quantile(probability)
        }
    }

    /// The run configuration at a point: the shared one with every factor set.
    public func configuration(at point: [Double]) -> RunConfiguration {
        var result = configuration
        for (factor, value) in zip(factors, parameterValues(at: point)) { result.overrides[factor.parameterIndex] = value }
        return result
    }

    /// The output at a point: the metric's mean over ``runsPerPoint`` runs (run indices
    /// 0..<R, the shared seed), run on one thread — points are what run in parallel.
    ///
    /// - Throws: ``ParleyEngine/RunError`` when a run fails.
    public func output(at point: [Double]) async throws -> Double {
        let simulation = Simulation(scenario: scenario, configuration: configuration(at: point))
        let summary = try await Ensemble.run(simulation, options: EnsembleOptions(runs: runsPerPoint, threads: 1))
        return summary.metrics[metric].summary.mean
    }

    /// The model on the unit cube that the generic methods analyse.
    public var model: UnitCubeModel {
        let analysis = self
        return { point in try await analysis.output(at: point) }
    }

    /// Morris screening of the factors.
    ///
    /// - Parameters:
    ///   - trajectories: r ≥ 2 trajectories (r(k + 1) points).
    ///   - levels: the grid's levels (even).
    ///   - concurrency: how many points run at once; results do not depend on it.
    ///   - progress: called with the number of points evaluated so far.
    /// - Throws: ``SensitivityError`` for a bad design, ``ParleyEngine/RunError`` for a failed run.
    public func morris(
        trajectories: Int, levels: Int = 4, bootstrap: BootstrapOptions = BootstrapOptions(), concurrency: Int = 1,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> ScenarioSensitivityResult {
        let design = try MorrisDesign(factorCount: factors.count, trajectories: trajectories, levels: levels,
                                      seed: configuration.seed)
        let result = try await MorrisScreening.run(model, design: design, bootstrap: bootstrap, concurrency: concurrency,
                                                   progress: progress)
        return self.result(.morris(result))
    }

    /// Sobol' indices of the factors by Saltelli sampling.
    ///
    /// - Parameters:
    ///   - baseSamples: N ≥ 2 base samples (N(k + 2) points).
    ///   - sampling: the base sample's source (nil: the Sobol' sequence when it has the dimensions).
    ///   - concurrency: how many points run at once; results do not depend on it.
    ///   - progress: called with the number of points evaluated so far.
    /// - Throws: ``SensitivityError`` for a bad design, ``ParleyEngine/RunError`` for a failed run.
    public func sobol(
        baseSamples: Int, sampling: BaseSampling? = nil, bootstrap: BootstrapOptions = BootstrapOptions(),
        concurrency: Int = 1, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> ScenarioSensitivityResult {
        let design = try SaltelliDesign(factorCount: factors.count, baseSamples: baseSamples, sampling: sampling,
                                        seed: configuration.seed)
        let result = try await SobolIndices.run(model, design: design, bootstrap: bootstrap, concurrency: concurrency,
                                                progress: progress)
        return self.result(.sobol(result))
    }

    private func result(_ analysis: ScenarioSensitivityResult.Analysis) -> ScenarioSensitivityResult {
        var fixed: [String: Double] = [:]
        for (index, value) in configuration.overrides { fixed[scenario.parameters[index].name] = value }
        return ScenarioSensitivityResult(
            scenario: scenario.name, metric: scenario.metrics[metric].name, metricUnit: scenario.metrics[metric].provenance.unit,
            runsPerPoint: runsPerPoint, seed: configuration.seed, factors: factors, fixedParameters: fixed,
            analysis: analysis)
    }
}

/// A number as a scenario would write it.
private func written(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
