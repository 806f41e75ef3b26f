import Foundation
import ParleyEngine
import ParleyExperiment
import ParleyLanguage
import ParleyScenarios
import ParleyStore
import Testing

/// Sweeps into an SQLite store: points, shards, resumption, and equality with in-process runs.
@Suite struct SweepTests {
    let scenario: Scenario
    let scenarioText: String

    init() throws {
        scenarioText = try #require(ShippedScenarios.text(named: "prisoners-dilemma"))
        scenario = try ScenarioLoader().load(text: scenarioText, file: "prisoners-dilemma.yaml")
    }

    func experiment(_ yaml: String) throws -> Experiment {
        try ExperimentLoader.parse(text: "parley-experiment: 1\nscenario: prisoners-dilemma\n" + yaml, file: "e.yaml")
    }

    func temporaryStore() async throws -> (any ResultStore, URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-sweep-\(UUID().uuidString).sqlite")
        return (try await ResultStores.open(url.path), url)
    }

    let pairedSweep = """
        seed: 5
        runs: 90
        block_size: 20
        arms: { actor: row, policies: [tit_for_tat, generous_tit_for_tat] }
        sweep:
          grid: { implementation_noise: [0, 0.02], generosity: [0.1, 0.3] }
        """

    @Test func aGridHasEveryCombinationWithTheLastParameterFastest() throws {
        let points = SweepPlan.points(of: try experiment(pairedSweep), scenario: scenario)
        #expect(points.map(\.label) == [
            "implementation_noise=0, generosity=0.1", "implementation_noise=0, generosity=0.3",
            "implementation_noise=0.02, generosity=0.1", "implementation_noise=0.02, generosity=0.3",
        ])
    }

    @Test func latinHypercubeSamplesFillEveryStratumOnce() throws {
        let lhs = try experiment("seed: 3\nsweep:\n  latin_hypercube: { samples: 10, parameters: [generosity, implementation_noise] }\n")
        let points = SweepPlan.points(of: lhs, scenario: scenario)
        #expect(points.count == 10)
        // generosity ~ uniform(0, 0.5): one value in each tenth of the range.
        let strata = points.compactMap { $0.parameters["generosity"] }.map { Int($0 / 0.05) }.sorted()
        #expect(strata == Array(0..<10))
    }

    @Test func aSweepStoresExactlyTheSummariesOfAnInProcessRun() async throws {
        let definition = try experiment(pairedSweep)
        let runner = try SweepRunner(experiment: definition, scenario: scenario, scenarioText: scenarioText)
        let (store, url) = try await temporaryStore()
        defer { try? FileManager.default.removeItem(at: url) }
        let outcome = try await runner.run(into: store, threads: 2, commandLine: "test", version: "test")
        #expect(outcome.blocksRun == 4 * 5)
        let stored = try await runner.summaries(from: store)
        for (point, summary) in stored {
            let simulations = try SweepPlan.simulations(of: definition, at: point, scenario: scenario)
            let direct = try await Ensemble.runPaired(simulations, options: EnsembleOptions(runs: 90, threads: 1, blockSize: 20))
            #expect(summary == direct, "point \(point.label)")
        }
        try await store.close()
    }

    @Test func shardsTogetherEqualOneRunAndRerunningStoresNothingNew() async throws {
        let definition = try experiment(pairedSweep)
        let runner = try SweepRunner(experiment: definition, scenario: scenario, scenarioText: scenarioText)
        let (sharded, shardedURL) = try await temporaryStore()
        let (whole, wholeURL) = try await temporaryStore()
        defer {
            try? FileManager.default.removeItem(at: shardedURL)
            try? FileManager.default.removeItem(at: wholeURL)
        }
        var total = 0
        for shard in 0..<3 {
            total += try await runner.run(into: sharded, shard: shard, of: 3, threads: 1, commandLine: "t", version: "t").blocksRun
        }
        #expect(total == 20)
        _ = try await runner.run(into: whole, threads: 2, commandLine: "t", version: "t")
        let again = try await runner.run(into: sharded, threads: 2, commandLine: "t", version: "t")
        #expect(again.blocksRun == 0)
        #expect(again.blocksSkipped == 20)
        let fromShards = try await runner.summaries(from: sharded).map(\.summary)
        let fromWhole = try await runner.summaries(from: whole).map(\.summary)
        #expect(fromShards == fromWhole)
        try await sharded.close()
        try await whole.close()
    }

    @Test func anIncompletePointReportsNoSummaryUntilItsBlocksAreAllThere() async throws {
        let definition = try experiment(pairedSweep)
        let runner = try SweepRunner(experiment: definition, scenario: scenario, scenarioText: scenarioText)
        let (store, url) = try await temporaryStore()
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try await runner.run(into: store, shard: 0, of: 2, threads: 1, commandLine: "t", version: "t")
        #expect(try await runner.summaries(from: store).allSatisfy { $0.summary == nil })
        _ = try await runner.run(into: store, shard: 1, of: 2, threads: 1, commandLine: "t", version: "t")
        #expect(try await runner.summaries(from: store).allSatisfy { $0.summary != nil })
        try await store.close()
    }

    @Test func theExperimentIdDependsOnTheDefinitionAndTheScenarioText() throws {
        let first = try SweepRunner(experiment: try experiment(pairedSweep), scenario: scenario, scenarioText: scenarioText)
        let sameAgain = try SweepRunner(experiment: try experiment(pairedSweep), scenario: scenario, scenarioText: scenarioText)
        let otherSeed = try SweepRunner(experiment: try experiment(pairedSweep.replacingOccurrences(of: "seed: 5", with: "seed: 6")),
                                        scenario: scenario, scenarioText: scenarioText)
        let otherText = try SweepRunner(experiment: try experiment(pairedSweep), scenario: scenario, scenarioText: scenarioText + "\n# edited\n")
        #expect(first.id == sameAgain.id)
        #expect(first.id != otherSeed.id)
        #expect(first.id != otherText.id)
    }

    @Test func experimentNamesAreCheckedAgainstTheScenario() throws {
        let definition = try experiment("arms: { actor: row, policies: [tit_for_tatt] }\nfixed: { temptaton: 4 }\n")
        let problems = ExperimentLoader.check(definition, against: scenario, file: "e.yaml").map(\.message)
        #expect(problems.contains("unknown policy of row 'tit_for_tatt' in Iterated prisoner's dilemma"))
        #expect(problems.contains("unknown parameter 'temptaton' in Iterated prisoner's dilemma"))
    }
}
