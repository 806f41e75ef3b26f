import ArgumentParser
import Foundation
import ParleyGames
import ParleyReport

/// `parley bench games`: turns per second of the benchmark tournament and of tit for tat against
/// Random(0.5), the workloads that `Benchmarks/games/run.sh` also runs in axelrod and in C.
struct BenchGamesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "games",
        abstract: "Turns/s of the repeated-games tournament and of a tit-for-tat vs Random loop (build with -c release).",
        discussion: """
            The tournament is every catalogue strategy that axelrod also has, 200 turns, no noise,
            every match played (no caching), replayed until a second has passed. Benchmarks/games/run.sh compares these numbers with
            axelrod and with a C loop in one invocation.

            Examples:
              swift run -c release parley bench games
              parley bench games --repetitions 20 --loop-matches 200000 --format json
            """)

    @Option(name: .long, help: "Round robins in the tournament measurement.")
    var repetitions: Int = 10

    @Option(name: .long, help: "Matches of --loop-turns rounds in the tit-for-tat vs Random measurement.")
    var loopMatches: Int = 100_000

    @Option(name: .long, help: "Rounds per match in the tit-for-tat vs Random measurement.")
    var loopTurns: Int = 1000

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    struct Row: Codable {
        var workload: String
        var threads: Int
        var turns: Int
        var seconds: Double
        var turnsPerSecond: Double
        var checksum: Double
    }

    func run() async throws {
        guard repetitions >= 1, loopMatches >= 1, loopTurns >= 1 else { throw ValidationError("counts must be at least 1") }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var rows: [Row] = []
        let tournament = GamesBenchmark.tournament(repetitions: repetitions)
        let turns = GamesBenchmark.tournamentTurns(repetitions: repetitions)
        _ = GamesBenchmark.tournament(repetitions: 1).run()  // warm-up
        for threads in Set([1, cores]).sorted() {
            // Replay the same tournament until a second has passed, for a steadier rate.
            let start = DispatchTime.now().uptimeNanoseconds
            var played = 0, seconds = 0.0, checksum = 0.0
            repeat {
                let result = await tournament.run(concurrency: threads)
                checksum = result.scores.joined().reduce(0, +)
                played += turns
                seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            } while seconds < 1
            rows.append(Row(workload: "tournament", threads: threads, turns: played, seconds: seconds,
                            turnsPerSecond: Double(played) / seconds, checksum: checksum))
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let loop = GamesBenchmark.titForTatVersusRandom(matches: loopMatches, turns: loopTurns)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        rows.append(Row(workload: "tit_for_tat_vs_random", threads: 1, turns: loop.turns, seconds: seconds,
                        turnsPerSecond: Double(loop.turns) / seconds, checksum: loop.checksum))
        if format == .json {
            print(GamesOutput.encode(rows), terminator: "")
            return
        }
        var table = Table(columns: ["workload", "threads", "turns", "seconds", "turns/s"],
                          alignments: [.left, .right, .right, .right, .right])
        for row in rows {
            table.append([row.workload, "\(row.threads)", "\(row.turns)", String(format: "%.3f", row.seconds),
                          String(format: "%.4g", row.turnsPerSecond)])
        }
        print(format == .csv ? table.renderCSV() : table.renderText(), terminator: "")
    }
}
