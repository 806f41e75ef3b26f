import ArgumentParser
import Foundation
import ParleyExperiment
import ParleyLanguage
import ParleyReport
import ParleyStore

/// `parley report`: read an experiment back from a results store and print (or export) it.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report an experiment from a results store (all shards merged).",
        discussion: """
            Merges every stored block of every point in block order — the same summaries as one \\
            uninterrupted run — and prints each point's comparison of its arms. Also writes the summaries \\
            table of the store, for SQL users.

            Examples:
              parley report                                   # the newest experiment in parley.sqlite
              parley report --store postgres://parley@db/parley --experiment 3fa2 --format csv
              parley report --html sanctions.html
            """
    )

    @Option(name: .long, help: "The results store: an SQLite file or a postgres:// URL.")
    var store = "parley.sqlite"

    @Option(name: .long, help: "The experiment's id or a unique prefix (default: the newest).")
    var experiment: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML report with charts to FILE.", valueName: "FILE"))
    var html: String?

    func run() async throws {
        if !store.hasPrefix("postgres"), !FileManager.default.fileExists(atPath: store) {
            throw ValidationError("no results store at '\(store)'; run 'parley sweep' first or pass --store")
        }
        let results = try await ResultStores.open(store)
        do {
            let record: ExperimentRecord
            if let experiment {
                guard let found = try await results.experiment(id: experiment) else {
                    throw ValidationError("no experiment '\(experiment)' in \(store)")
                }
                record = found
            } else {
                guard let newest = try await results.experiments().first else {
                    throw ValidationError("\(store) holds no experiment yet")
                }
                record = newest
            }
            let stored: StoredExperiment
            do {
                stored = try StoredExperiment(record: record, loader: ScenarioInput.loader)
            } catch {
                Terminal.error(error.description + "\n")
                throw ExitCode(65)
            }
            let points = try await stored.results(from: results)
            var text = format == .table
                ? "experiment \(record.id) (\(record.name)) — \(record.scenario), \(record.runs) runs per arm, seed \(record.seed)\n"
                  + "command: \(record.commandLine)\n\n" : ""
            var csvRows: [String] = []
            var jsonPoints: [String] = []
            for point in points {
                guard let comparison = point.comparison else {
                    let note = "point \(point.point.index) (\(point.point.label)): \(point.blocksStored) of \(point.blocksExpected) blocks stored — incomplete"
                    if format == .table { text += note + "\n\n" } else { Terminal.error(note + "\n") }
                    continue
                }
                try await results.storeSummaries(
                    StoredExperiment.summaryRows(experiment: record.id, point: point.point.index, comparison: comparison),
                    experiment: record.id)
                switch format {
                case .table:
                    text += "point \(point.point.index): \(point.point.label)\n" + ComparisonReport.render(comparison, format: .table) + "\n"
                case .csv:
                    let lines = ComparisonReport.render(comparison, format: .csv).split(separator: "\n").map(String.init)
                    if csvRows.isEmpty, let header = lines.first { csvRows.append("point," + header) }
                    csvRows += lines.dropFirst().map { "\(point.point.index),\($0)" }
                case .json:
                    jsonPoints.append("{\"point\": \(point.point.index), \"label\": \(EnsembleReport.encode(point.point.label).trimmingCharacters(in: .whitespacesAndNewlines)), "
                                      + "\"comparison\": \(ComparisonReport.render(comparison, format: .json).trimmingCharacters(in: .whitespacesAndNewlines))}")
                }
            }
            if let html {
                var document = HTMLReport(title: "\(record.name) — \(record.scenario)", scenario: stored.scenario,
                                          command: record.commandLine, seed: record.seed)
                for point in points {
                    guard let comparison = point.comparison else { continue }
                    document.addComparison(comparison, label: "point \(point.point.index): \(point.point.label)")
                }
                try document.write(to: URL(fileURLWithPath: html))
            }
            if format == .csv { text = csvRows.joined(separator: "\n") + "\n" }
            if format == .json { text = "[\n" + jsonPoints.joined(separator: ",\n") + "\n]\n" }
            print(text, terminator: "")
        } catch {
            try? await results.close()
            throw error
        }
        try await results.close()
    }
}
