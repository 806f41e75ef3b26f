import ParleyLanguage
import ParleyScenarios
import Testing
@testable import ParleyEngine

/// Per-run traces: what calibration reads. A run's trace must depend only on its own job.
struct TracesTests {
    static func shipped(_ name: String) throws -> Scenario {
        try ScenarioLoader(shippedScenario: { ShippedScenarios.text(named: $0) }, appliesCalibration: false)
            .load(text: try #require(ShippedScenarios.text(named: name)), file: "<shipped>/\(name).yaml")
    }

    @Test(arguments: ["korea-2021", "korea-history", "prisoners-dilemma", "richardson"])
    func aRunsTraceDoesNotDependOnTheRunsBeforeItInTheSameWorker(name: String) throws {
        let scenario = try Self.shipped(name)
        let series = scenario.metrics.indices.filter { scenario.metrics[$0].kind == .series }
        let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 9, samplesUncertainParameters: true))
        let alone = try simulation.traces([TraceJob(run: 3)], series: series)
        let afterOthers = try simulation.traces([TraceJob(run: 11), TraceJob(run: 5), TraceJob(run: 3)], series: series)
        #expect(alone[0] == afterOthers[2])
    }

    @Test func perRunValuesOverrideTheDrawAndTheThreadCountChangesNothing() throws {
        let scenario = try Self.shipped("korea-history")
        let series = scenario.metrics.indices.filter { scenario.metrics[$0].kind == .series }
        let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 2, samplesUncertainParameters: true))
        let index = try #require(scenario.parameterIndex(named: "srbm_base"))
        let jobs = (0..<6).map { TraceJob(run: $0, values: [index: -1.0 - Double($0) * 0.2]) }
        #expect(try simulation.traces(jobs, series: series, threads: 1) == simulation.traces(jobs, series: series, threads: 3))
    }
}
