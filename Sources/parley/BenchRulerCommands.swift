import ArgumentParser
import Foundation
import ParleyData
import ParleyEngine
import ParleyHistory
import ParleyLanguage
import ParleyReport
import ParleyValidation

/// The elapsed seconds of `work`, on the monotonic clock.
private func timed<T>(_ work: () async throws -> T) async rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try await work()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// `parley bench forecast`: a korea-2021 forecast as users run it — parameters drawn, every run's
/// per-year values kept and written as long-form CSV.
struct BenchForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Time a forecast of a shipped scenario: its runs, their per-period values, and the long-form CSV (target: 10,000 korea-2021 runs in under 10 s)."
    )

    @Argument(help: "The scenario (default: korea-2021).")
    var scenario = "korea-2021"

    @Option(name: .long, help: "Runs per measurement.")
    var runs = 10_000

    @Option(name: .long, help: "Measurements; the table gives the minimum, median and maximum.")
    var repetitions = 3

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() async throws {
        let loaded = try ScenarioInput.load(scenario, quiet: true)
        let configuration = RunConfiguration(scenario: loaded, seed: 1, samplesUncertainParameters: true)
        let simulation = Simulation(scenario: loaded, configuration: configuration)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let description = RunDescription(scenario: loaded, configuration: configuration)
        _ = try await Ensemble.run(simulation, options: EnsembleOptions(runs: min(runs, 500), threads: threads))  // warm-up
        var seconds: [Double] = []
        var bytes = 0
        for _ in 0..<max(1, repetitions) {
            let (text, elapsed) = try await timed {
                let summary = try await Ensemble.run(simulation, options: EnsembleOptions(runs: runs, threads: threads, keepsRunValues: true))
                return ForecastReport.render(summary, description: description, format: .csv)
            }
            bytes = text.utf8.count
            seconds.append(elapsed)
        }
        BenchTiming(name: "forecast \(scenario), \(runs) runs, \(threads) threads, long-form CSV (\(bytes) bytes)", seconds: seconds,
                    target: 10, work: Double(runs), unit: "runs").print(format: format)
    }
}

/// `parley bench backtest`: the rolling-origin backtest with its default budget.
struct BenchBacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Time the rolling-origin backtest of korea-history with the default budget (target: under 10 minutes)."
    )

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() async throws {
        let loaded = try ScenarioInput.load("korea-history", quiet: true, loader: ScenarioInput.priorLoader)
        let model = try HistoryModel(scenario: loaded, seed: 1)
        let record = try DPRKRecord(directory: ShippedData.dprkDirectory)
        guard let first = model.months.first, let last = model.months.last else { throw ValidationError("korea-history has no steps") }
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let settings = BacktestSettings(calibration: CalibrationSettings(window: first...last, threads: threads))
        let (result, elapsed) = try await timed { try Backtester.run(model, record: record, settings: settings) }
        let origins = result.origins.map(\.origin.description).joined(separator: ", ")
        BenchTiming(name: "rolling backtest, origins \(origins), \(threads) threads", seconds: [elapsed], target: 600,
                    work: Double(result.origins.count), unit: "origins").print(format: format)
    }
}

/// A timing against its target.
struct BenchTiming: Codable {
    var name: String
    var seconds: [Double]
    var target: Double
    var work: Double
    var unit: String

    var median: Double { seconds.sorted()[seconds.count / 2] }

    func print(format: OutputFormat) {
        switch format {
        case .json:
            Swift.print(EnsembleReport.encode(self), terminator: "")
        case .table, .csv:
            var table = Table(columns: ["benchmark", "min s", "median s", "max s", "\(unit)/s", "target s", "within target"],
                              alignments: [.left, .right, .right, .right, .right, .right, .left])
            let sorted = seconds.sorted()
            table.append([name, String(format: "%.2f", sorted.first ?? .nan), String(format: "%.2f", median),
                          String(format: "%.2f", sorted.last ?? .nan), String(format: "%.0f", work / median),
                          String(format: "%.0f", target), median < target ? "yes" : "NO"])
            Swift.print(format == .csv ? table.renderCSV() : table.renderText(), terminator: "")
        }
    }
}
