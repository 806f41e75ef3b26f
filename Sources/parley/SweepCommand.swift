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

    @Argument(help: "The experiment file (parley-experiment: 1); or describe the experiment with the flags below.")
    var experiment: String?

    @Option(name: .long, help: "Without a file: the scenario (a file or a shipped scenario's name).")
    var scenario: String?

    @Option(name: .long, help: "Without a file: the actor whose policies are the arms.")
    var actor: String?

    @Option(name: .long, help: "Without a file: comma-separated policies of --actor, one arm each.")
    var policies: String?

    @Option(name: .long, help: ArgumentHelp("Without a file: sweep a parameter over values, e.g. sanctions_2021=0.8,0.9,1 (repeatable: a full grid).",
                                            valueName: "name=v1,v2,…"))
    var grid: [String] = []

    @Option(name: .long, help: "Without a file: runs per arm per point.")
    var runs = 1000

    @Option(name: .long, help: "Without a file: the seed shared by every arm and point.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Without a file: keep one row per run and metric, not only block summaries.")
    var keepRuns = false

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

    /// The experiment the flags describe (when no file is given).
    func flagExperiment() throws -> Experiment {
        guard let scenario else {
            throw ValidationError("give an experiment file, or --scenario (with --actor, --policies, --grid) to describe one")
        }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        var arms = [Experiment.Arm(name: "default", policies: [:])]
        if let actor, let policies {
            arms = policies.split(separator: ",").map { Experiment.Arm(name: String($0), policies: [actor: String($0)]) }
        } else if actor != nil || policies != nil {
            throw ValidationError("--actor and --policies go together")
        }
        var entries: [(name: String, values: [Double])] = []
        for item in grid {
            let (name, list) = try ScenarioRunOptions.split(item, option: "--grid", example: "sanctions_2021=0.8,0.9,1")
            let values = list.split(separator: ",").map { Double($0) }
            guard !values.isEmpty, values.allSatisfy({ $0?.isFinite == true }) else {
                throw ValidationError("--grid \(item): the values must be numbers, e.g. \(name)=0.8,0.9,1")
            }
            entries.append((name, values.compactMap { $0 }))
        }
        return Experiment(name: "sweep of \(scenario)", scenario: scenario, seed: seed, runs: runs, arms: arms,
                          sweep: entries.isEmpty ? .none : .grid(entries), keepsRunValues: keepRuns)
    }

    func run() async throws {
        let (index, count) = try shardIndex()
        let loaded = try experiment.map { try ExperimentInput.load($0, quiet: quiet) }
            ?? ExperimentInput.load(flagExperiment(), file: "(command line)", quiet: quiet)
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
        return try load(experiment, file: path, quiet: quiet)
    }

    /// Loads the scenario of an experiment already read (from `file`, or from flags) and checks names.
    static func load(_ experiment: Experiment, file path: String, quiet: Bool) throws -> Loaded {
        let folder = path.hasPrefix("(") ? "" : (path as NSString).deletingLastPathComponent
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
