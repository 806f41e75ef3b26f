import ParleyEngine
import ParleyLanguage
import ParleyScenarios
import Testing

/// A loader that resolves `extends:` to shipped scenarios (and reads nothing from disk).
let shippedLoader = ScenarioLoader(readFile: { path in throw NoFileOnDisk(path) }, shippedScenario: { ShippedScenarios.text(named: $0) })

/// The error of a file the tests' loader does not read.
struct NoFileOnDisk: Error {
    init(_ path: String) {}
}

/// Compiles scenario text, failing the test with the diagnostics if it has errors.
func compile(_ text: String, file: String = "test.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Scenario {
    do {
        return try shippedLoader.load(text: text, file: file)
    } catch {
        Issue.record("scenario did not compile:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// A shipped scenario, compiled.
func shipped(_ name: String) throws -> Scenario {
    let text = try #require(ShippedScenarios.text(named: name))
    return try shippedLoader.load(text: text, file: "\(name).yaml")
}

/// Runs an ensemble with every run's metric values kept.
func ensemble(
    _ scenario: Scenario, runs: Int, seed: UInt64 = 1, threads: Int = 1, uncertainty: Bool = false,
    policies: [String: String] = [:], set: [String: String] = [:]
) async throws -> EnsembleSummary {
    var configuration = RunConfiguration(scenario: scenario, seed: seed, samplesUncertainParameters: uncertainty)
    for (actor, policy) in policies { try configuration.choosePolicy(policy, forActor: actor, in: scenario) }
    for (name, value) in set { try configuration.setParameter(name, to: value, in: scenario) }
    let simulation = Simulation(scenario: scenario, configuration: configuration)
    return try await Ensemble.run(simulation, options: EnsembleOptions(runs: runs, threads: threads, keepsRunValues: true))
}

extension EnsembleSummary {
    /// The summary of the metric with this name.
    func metric(_ name: String) throws -> MetricSummary {
        try #require(metrics.first { $0.name == name })
    }

    /// Every run's value of the metric with this name.
    func values(_ name: String) throws -> [Double] {
        let index = try #require(metrics.firstIndex { $0.name == name })
        return runValues.map { $0[index] }
    }
}

/// A minimal scenario: an abstract clock, the given sections appended.
func scenarioText(steps: Int = 10, _ body: String) -> String {
    """
    parley: 1
    name: test
    clock: { steps: \(steps) }
    \(body)
    """
}
