import ArgumentParser
import Foundation
import ParleyEngine
import ParleyExperiment
import ParleyLanguage
import ParleyStore

/// `parley sweep`: run an experiment file (or one shard of it) into a results store.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run an experiment file into a results store (SQLite by default, or PostgreSQL).",
        discussion: """
            Runs every arm at every point of the experiment's sweep on common random numbers and stores the \\
            results block by block. Blocks already in the store are skipped, so running the same command again \\
            resumes an interrupted sweep, and shards (--shard i/N) on many machines can share one PostgreSQL.

            Examples:
              parley sweep experiments/sanctions.yaml
              parley sweep experiments/sanctions.yaml --store results.sqlite --resume
              parley sweep experiments/sanctions.yaml --store postgres://parley@db:5432/parley --shard 3/16
              parley report --store results.sqlite
            """
    )

    @Argument(help: "The experiment file (parley-experiment: 1).")
    var experiment: String

    @Option(name: .long, help: "Where results go: an SQLite file, or a postgres:// URL.")
    var store = "parley.sqlite"

    @Option(name: .long, help: ArgumentHelp("Run only the i-th of N disjoint slices (1-based), e.g. 3/16.", valueName: "i/N"))
    var shard: String?

    @Flag(name: .long, help: "Continue an interrupted sweep (blocks already stored are always skipped; this says so).")
    var resume = false

    @Option(name: .long, help: "How many runs execute at once (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Flag(name: .long, help: "No progress bar and no warnings on standard error.")
    var quiet = false

    /// `i/N` → (i − 1, N).
    func shardIndex() throws -> (index: Int, count: Int) {
        guard let shard else { return (0, 1) }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
            throw ValidationError("--shard takes i/N with 1 ≤ i ≤ N, e.g. 3/16; got '\(shard)'")
        }
        return (parts[0] - 1, parts[1])
    }

    func run() async throws {
        let (index, count) = try shardIndex()
        let loaded = try ExperimentInput.load(experiment, quiet: quiet)
        let store = try await ResultStores.open(self.store)
        let bar = ProgressBar(total: loaded.runner.blockCount(shard: index, of: count), label: "sweep", quiet: quiet)
        let outcome: SweepOutcome
        do {
            outcome = try await loaded.runner.run(
                into: store, shard: index, of: count, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                commandLine: CommandLine.arguments.joined(separator: " "), version: Parley.configuration.version
            ) { done, _ in bar.update(done) }
            bar.finish()
        } catch let error as RunError {
            bar.finish()
            try? await store.close()
            Terminal.error(error.description + "\n")
            throw ExitCode(65)
        }
        try await store.close()
        let shardText = count > 1 ? " shard \(index + 1)/\(count)" : ""
        print("experiment \(outcome.experiment)\(shardText): \(outcome.blocksRun) block\(outcome.blocksRun == 1 ? "" : "s") run, "
              + "\(outcome.blocksSkipped) already stored, \(outcome.blocksInShard) in all → \(self.store)")
        if resume, outcome.blocksSkipped == 0, outcome.blocksRun > 0, !quiet {
            Terminal.error("note: nothing to resume; the sweep ran from the start\n")
        }
    }
}

/// Loading an experiment file and its scenario for the command line.
enum ExperimentInput {
    struct Loaded {
        var experiment: Experiment
        var scenario: Scenario
        var runner: SweepRunner
    }

    /// Reads the experiment, loads its scenario (relative to the experiment's folder, or shipped),
    /// checks names; prints diagnostics and exits 65 on errors.
    static func load(_ path: String, quiet: Bool) throws -> Loaded {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read experiment file '\(path)'")
        }
        let experiment: Experiment
        do {
            experiment = try ExperimentLoader.parse(text: text, file: path)
        } catch {
            Terminal.error(error.description + "\n")
            throw ExitCode(65)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let relative = folder.isEmpty || experiment.scenario.hasPrefix("/") ? experiment.scenario
                                                                           : (folder as NSString).appendingPathComponent(experiment.scenario)
        let scenarioPath = FileManager.default.fileExists(atPath: relative) ? relative : experiment.scenario
        let scenario = try ScenarioInput.load(scenarioPath, quiet: quiet)
        let problems = ExperimentLoader.check(experiment, against: scenario, file: path)
        if !problems.isEmpty {
            Terminal.error(ScenarioError(diagnostics: problems).description + "\n")
            throw ExitCode(65)
        }
        let scenarioText = ScenarioInput.text(of: scenarioPath) ?? ""
        do {
            return Loaded(experiment: experiment, scenario: scenario,
                          runner: try SweepRunner(experiment: experiment, scenario: scenario, scenarioText: scenarioText))
        } catch {
            throw ValidationError(error.description)
        }
    }
}
