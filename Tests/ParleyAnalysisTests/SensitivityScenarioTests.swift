import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyScenarios
import Testing

@Suite struct SensitivityScenarioTests {
    func shipped(_ name: String) throws -> Scenario {
        try ScenarioLoader(shippedScenario: { ShippedScenarios.text(named: $0) }).load(text: try #require(ShippedScenarios.text(named: name)), file: "\(name).yaml")
    }

    /// A scenario whose metric is a known function of its parameters: 3·alpha + beta + noise·0.
    func linear() throws -> Scenario {
        try ScenarioLoader().load(text: """
            parley: 1
            name: linear
            clock: { steps: 2 }
            parameters:
              alpha: { value: 5, dist: "uniform(0, 10)", unit: widgets, source: assumption }
              beta: { value: 3, dist: "uniform(2, 4)", source: assumption }
              shift: { value: 1, dist: "normal(0, 1)", source: assumption }
              fixed: { value: 7, source: assumption }
            state:
              x: { init: "3 * alpha + beta + fixed", source: assumption }
            metrics:
              x: "x"
              shifted: "x + shift"
            """, file: "linear.yaml")
    }

    @Test func theFactorsAreTheParametersWithADistributionThatAreNotFixed() throws {
        let scenario = try shipped("prisoners-dilemma")
        var configuration = RunConfiguration(scenario: scenario, seed: 1)
        let all = try ScenarioSensitivity(scenario: scenario, configuration: configuration, runsPerPoint: 5)
        #expect(all.factors.map(\.name) == ["generosity", "implementation_noise", "perception_noise"])
        #expect(all.factors[0].distribution == "uniform(0, 0.5) [min 0, max 1]")
        #expect(all.factors[0].source?.hasPrefix("Nowak & Sigmund (1992)") == true)
        #expect(all.metric == 0)
        try configuration.setParameter("generosity", to: "0.2", in: scenario)
        let rest = try ScenarioSensitivity(scenario: scenario, configuration: configuration, runsPerPoint: 5)
        #expect(rest.factors.map(\.name) == ["implementation_noise", "perception_noise"])
        // The fixed value stays in every point's configuration.
        #expect(rest.configuration(at: [0.5, 0.5]).overrides[scenario.parameterIndex(named: "generosity")!] == 0.2)
    }

    @Test func aPointSetsEveryFactorToItsQuantileAndKeepsTheSeed() throws {
        let scenario = try linear()
        let analysis = try ScenarioSensitivity(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 9),
                                               metric: "x", runsPerPoint: 3)
        #expect(analysis.factors.map(\.name) == ["alpha", "beta", "shift"])
        #expect(analysis.factors[0].unit == "widgets")
        let values = analysis.parameterValues(at: [0.25, 1, 0.5])
        #expect(values[0] == 2.5 && values[1] == 4 && abs(values[2]) < 1e-15)
        // The normal's tails are cut at the 0.1% and 99.9% quantiles instead of ±∞.
        let tails = analysis.parameterValues(at: [0, 0, 1]).last!
        #expect(abs(tails - 3.090232306167813) < 1e-9)
        #expect(abs(analysis.parameterValues(at: [0, 0, 0]).last! + 3.090232306167813) < 1e-9)
        let configuration = analysis.configuration(at: [0.25, 1, 0.5])
        #expect(configuration.seed == 9 && !configuration.samplesUncertainParameters)
    }

    @Test func morrisOnAScenarioRecoversTheMetricsSlopesInQuantileUnits() async throws {
        let scenario = try linear()
        let analysis = try ScenarioSensitivity(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 1),
                                               metric: "x", runsPerPoint: 2)
        let result = try await analysis.morris(trajectories: 6, bootstrap: BootstrapOptions(resamples: 20), concurrency: 3)
        guard case let .morris(morris) = result.analysis else { Issue.record("not a Morris result"); return }
        // x = 3·alpha + beta + 7 with alpha over 10 and beta over 2: slopes 30 and 2 per quantile range.
        #expect(abs(morris.effects[0].absoluteMean - 30) < 1e-9)
        #expect(abs(morris.effects[1].absoluteMean - 2) < 1e-9)
        #expect(morris.effects[2].absoluteMean == 0)
        #expect(result.ranking == [0, 1, 2])
        #expect(result.metric == "x" && result.runsPerPoint == 2 && result.points == 6 * 4)
    }

    @Test func sobolOnAScenarioGivesTheVarianceSharesOfALinearMetric() async throws {
        let scenario = try linear()
        let analysis = try ScenarioSensitivity(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 1),
                                               metric: "x", runsPerPoint: 1)
        let result = try await analysis.sobol(baseSamples: 256, bootstrap: BootstrapOptions(resamples: 0), concurrency: 2)
        guard case let .sobol(sobol) = result.analysis else { Issue.record("not a Sobol' result"); return }
        // Var(3·alpha) = 9·100/12 = 75, Var(beta) = 4/12: shares 0.99558 and 0.00442.
        #expect(abs(sobol.indices[0].firstOrder - 75 / (75 + 1.0 / 3)) < 0.01)
        #expect(abs(sobol.indices[0].total - 75 / (75 + 1.0 / 3)) < 0.01)
        #expect(abs(sobol.indices[1].total - (1.0 / 3) / (75 + 1.0 / 3)) < 0.002)
        #expect(sobol.indices[2].total == 0)
    }

    @Test func theOutputAtAPointIsTheEnsembleMeanWithCommonRandomNumbers() async throws {
        let scenario = try shipped("prisoners-dilemma")
        var base = RunConfiguration(scenario: scenario, seed: 4)
        try base.choosePolicy("random", forActor: "column", in: scenario)
        let analysis = try ScenarioSensitivity(scenario: scenario, configuration: base, metric: "row_score_per_round",
                                               runsPerPoint: 20)
        let point = [0.2, 0.7, 0.4]
        let direct = try await Ensemble.run(Simulation(scenario: scenario, configuration: analysis.configuration(at: point)),
                                            options: EnsembleOptions(runs: 20, threads: 2))
        let metric = try #require(scenario.metricIndex(named: "row_score_per_round"))
        #expect(try await analysis.output(at: point) == direct.metrics[metric].summary.mean)
    }

    @Test func scenarioResultsDoNotDependOnConcurrency() async throws {
        let scenario = try shipped("prisoners-dilemma")
        var base = RunConfiguration(scenario: scenario, seed: 2)
        try base.choosePolicy("random", forActor: "column", in: scenario)
        let analysis = try ScenarioSensitivity(scenario: scenario, configuration: base, runsPerPoint: 10)
        let one = try await analysis.morris(trajectories: 4, bootstrap: BootstrapOptions(resamples: 50), concurrency: 1)
        let many = try await analysis.morris(trajectories: 4, bootstrap: BootstrapOptions(resamples: 50), concurrency: 5)
        #expect(one == many)
    }

    @Test func unknownMetricsAndScenariosWithoutUncertaintyAreExplained() throws {
        let scenario = try linear()
        let configuration = RunConfiguration(scenario: scenario, seed: 1)
        #expect(throws: SensitivityError.unknownMetric("xx", known: ["x", "shifted"])) {
            try ScenarioSensitivity(scenario: scenario, configuration: configuration, metric: "xx", runsPerPoint: 1)
        }
        #expect(SensitivityError.unknownMetric("xx", known: ["x", "shifted"]).description.contains("did you mean 'x'?"))
        var fixed = configuration
        for name in ["alpha", "beta", "shift"] { try fixed.setParameter(name, to: "1", in: scenario) }
        #expect(throws: SensitivityError.noUncertainParameters(scenario: "linear")) {
            try ScenarioSensitivity(scenario: scenario, configuration: fixed, runsPerPoint: 1)
        }
    }
}
