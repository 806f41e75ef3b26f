import ArgumentParser
import Foundation
import ParleyBargaining
import ParleyData
import ParleyReport

/// `parley bench bargaining`: the SMP on 40- and 80-actor tables and BDM on every DEU III
/// development issue, against KTAB's published times and a Python/NumPy SMP run in the same
/// invocation (Benchmarks/bargaining/smp.py).
struct BenchBargainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bargaining",
        abstract: "Time the SMP on 40- and 80-actor tables and BDM on the DEU III development file (build with -c release).",
        discussion: """
            KTAB's SMP is reported to take 8.7 s for a 40-actor case and 123 s for 80 actors; KTAB cannot be built here, so \
            the ratio is to those published times, and to a NumPy implementation of the same SMP round \
            (Benchmarks/bargaining/smp.py) run on the same tables in this invocation when --peer is given.

            Examples:
              swift run -c release parley bench bargaining --peer Benchmarks/bargaining/smp.py
            """)

    @Option(name: .long, help: "Dimensions of the synthetic SMP tables.")
    var dimensions = 2

    @Option(name: .long, help: "Seed of the synthetic tables.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Also run this Python SMP (e.g. Benchmarks/bargaining/smp.py) on the same tables.", valueName: "FILE"))
    var peer: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    struct Row: Codable {
        var workload: String
        var implementation: String
        var rounds: Int
        var seconds: Double
        var forecast: Double
        var ktabSeconds: Double?
        var speedupOverKTAB: Double?
    }

    func run() throws {
        var rows: [Row] = []
        for (actors, ktab) in [(40, 8.7), (80, 123.0)] {
            let table = BargainingTable.synthetic(actors: actors, dimensions: dimensions, seed: seed)
            _ = table.forecast(.smp, options: BargainingOptions(rounds: 1))  // warm-up
            let start = DispatchTime.now().uptimeNanoseconds
            let forecast = table.forecast(.smp)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let workload = "smp \(actors) actors × \(dimensions) dims"
            rows.append(Row(workload: workload, implementation: "parley", rounds: forecast.rounds.count - 1, seconds: seconds,
                            forecast: forecast.outcome[0], ktabSeconds: ktab, speedupOverKTAB: ktab / seconds))
            if let peer {
                rows.append(try runPeer(peer, table: table, workload: workload, rounds: forecast.rounds.count - 1, ktab: ktab))
            }
        }
        let issues = try BargainInput.issues("deu3-dev")
        let start = DispatchTime.now().uptimeNanoseconds
        var total = 0.0, rounds = 0
        for issue in issues {
            let forecast = issue.table.forecast(.bdm)
            total += forecast.outcome[0]
            rounds += forecast.rounds.count - 1
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        rows.append(Row(workload: "bdm on \(issues.count) DEU III issues", implementation: "parley", rounds: rounds, seconds: seconds,
                        forecast: total / Double(issues.count)))
        if format == .json {
            print(GamesOutput.encode(rows), terminator: "")
            return
        }
        var table = Table(columns: ["workload", "implementation", "rounds", "seconds", "forecast", "KTAB s", "× faster than KTAB"],
                          alignments: [.left, .left, .right, .right, .right, .right, .right])
        for row in rows {
            table.append([row.workload, row.implementation, String(row.rounds), String(format: "%.4f", row.seconds),
                          String(format: "%.4f", row.forecast), row.ktabSeconds.map { String($0) } ?? "",
                          row.speedupOverKTAB.map { String(format: "%.0f", $0) } ?? ""])
        }
        print(format == .csv ? table.renderCSV() : table.renderText(), terminator: "")
    }

    /// Writes the table to a temporary CSV, runs the Python SMP on it for the same number of
    /// rounds, and reads its `seconds forecast` line.
    private func runPeer(_ script: String, table: BargainingTable, workload: String, rounds: Int, ktab: Double) throws -> Row {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-\(table.name).csv")
        var text = "actor,capability," + table.dimensions.indices.map { "position:d\($0),salience:d\($0)" }.joined(separator: ",") + "\n"
        for actor in table.actors {
            text += "\(actor.name),\(actor.capability)," + table.dimensions.indices.map { "\(actor.positions[$0]),\(actor.saliences[$0])" }
                .joined(separator: ",") + "\n"
        }
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, file.path, String(rounds)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard process.terminationStatus == 0, fields.count >= 2 else {
            throw ValidationError("the peer \(script) failed (status \(process.terminationStatus)); is numpy installed?")
        }
        return Row(workload: workload, implementation: "python/numpy", rounds: rounds, seconds: fields[0], forecast: fields[1],
                   ktabSeconds: ktab, speedupOverKTAB: ktab / fields[0])
    }
}
