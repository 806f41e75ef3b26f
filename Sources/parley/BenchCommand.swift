import ArgumentParser
import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyReport
import ParleyScenarios

/// `parley bench`: performance measurements (build with -c release first).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Parley's speed and memory (build with -c release).",
        discussion: """
            Examples:
              swift run -c release parley bench scenarios
              swift run -c release parley bench games
              swift run -c release parley bench memory --runs 100000 richardson
              swift run -c release parley bench forecast
              swift run -c release parley bench backtest
              swift run -c release parley bench bargaining --peer Benchmarks/bargaining/smp.py
            """,
        subcommands: [BenchScenariosCommand.self, BenchGamesCommand.self, BenchMemoryCommand.self, BenchForecastCommand.self,
                      BenchBacktestCommand.self, BenchBargainingCommand.self],
        defaultSubcommand: BenchScenariosCommand.self
    )
}

/// Runs/s and steps/s of every shipped scenario on one thread and on all, and peak memory
/// for 1,000 and 100,000 runs (each measured in a fresh process).
struct BenchScenariosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Runs/s and steps/s per shipped scenario (1 thread and all), and peak memory for 1k vs 100k runs."
    )

    @Option(name: .long, help: "Runs per measurement.")
    var runs = 20_000

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Skip the peak-memory measurements (which start child processes).")
    var skipMemory = false

    struct Row: Codable {
        var scenario: String
        var threads: Int
        var runs: Int
        var seconds: Double
        var runsPerSecond: Double
        var stepsPerSecond: Double
    }

    struct MemoryRow: Codable {
        var scenario: String
        var runs: Int
        var peakMemoryMiB: Double
    }

    func run() async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var rows: [Row] = []
        var memory: [MemoryRow] = []
        for name in ShippedScenarios.names {
            let scenario = try ScenarioInput.load(name, quiet: true)
            let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 1))
            _ = try await Ensemble.run(simulation, options: EnsembleOptions(runs: min(runs, 500), threads: 1))  // warm-up
            for threads in Set([1, cores]).sorted() {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await Ensemble.run(simulation, options: EnsembleOptions(runs: runs, threads: threads))
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                rows.append(Row(scenario: name, threads: threads, runs: runs, seconds: seconds,
                                runsPerSecond: Double(runs) / seconds,
                                stepsPerSecond: Double(runs * scenario.clock.steps) / seconds))
            }
            if !skipMemory {
                for count in [1_000, 100_000] {
                    memory.append(MemoryRow(scenario: name, runs: count, peakMemoryMiB: try peakMemory(scenario: name, runs: count)))
                }
            }
        }
        if format == .json {
            struct Document: Codable { var speed: [Row]; var memory: [MemoryRow] }
            print(EnsembleReport.encode(Document(speed: rows, memory: memory)), terminator: "")
            return
        }
        var table = Table(columns: ["scenario", "threads", "runs", "seconds", "runs/s", "steps/s"],
                          alignments: [.left, .right, .right, .right, .right, .right])
        for row in rows {
            table.append([row.scenario, "\(row.threads)", "\(row.runs)", String(format: "%.3f", row.seconds),
                          String(format: "%.0f", row.runsPerSecond), String(format: "%.3g", row.stepsPerSecond)])
        }
        var memoryTable = Table(columns: ["scenario", "runs", "peak MiB"], alignments: [.left, .right, .right])
        for row in memory { memoryTable.append([row.scenario, "\(row.runs)", String(format: "%.1f", row.peakMemoryMiB)]) }
        if format == .csv {
            print(table.renderCSV() + (memory.isEmpty ? "" : "\n" + memoryTable.renderCSV()), terminator: "")
        } else {
            print(table.renderText() + (memory.isEmpty ? "" : "\n" + memoryTable.renderText()), terminator: "")
        }
    }

    /// Runs `parley bench memory` in a child process and reads its peak resident memory.
    private func peakMemory(scenario: String, runs: Int) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = ["bench", "memory", "--runs", "\(runs)", scenario]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Double(text) ?? .nan
    }
}

/// Runs one ensemble and prints this process's peak resident memory in MiB.
struct BenchMemoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Run an ensemble and print the process's peak resident memory in MiB."
    )

    @Argument(help: "A scenario file or shipped scenario name.")
    var scenario: String?

    @Option(name: .long, help: "How many runs.")
    var runs = 1000

    func run() async throws {
        let loaded = try ScenarioInput.load(scenario, quiet: true)
        let simulation = Simulation(scenario: loaded, configuration: RunConfiguration(scenario: loaded, seed: 1))
        _ = try await Ensemble.run(simulation, options: EnsembleOptions(runs: runs, threads: ProcessInfo.processInfo.activeProcessorCount))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "%.1f", Double(usage.ru_maxrss) / 1024))  // Linux reports KiB
    }
}
