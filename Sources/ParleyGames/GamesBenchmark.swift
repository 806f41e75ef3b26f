/// The workloads of `parley bench games` and `Benchmarks/games/run.sh`, defined once so that the
/// Swift, Python (axelrod) and C sides measure the same thing.
public enum GamesBenchmark {
    /// The benchmark tournament's entrants: every catalogue strategy that axelrod 4.13.1 also has,
    /// with default parameters.
    public static var tournamentKeys: [String] {
        StrategyCatalog.entries.filter { $0.axelrodName != nil }.map(\.key)
    }

    /// The benchmark tournament: ``tournamentKeys``, 200 turns, no noise, `repetitions` round robins.
    /// Every match is played (no caching of deterministic pairings, as on the axelrod side).
    public static func tournament(repetitions: Int, turns: Int = 200, seed: UInt64 = 1) -> Tournament {
        let players = tournamentKeys.map { try! StrategyCatalog.make($0) }
        return Tournament(players: players, settings: MatchSettings(turns: turns), repetitions: repetitions, seed: seed)
    }

    /// Turns played by ``tournament(repetitions:turns:seed:)``.
    public static func tournamentTurns(repetitions: Int, turns: Int = 200) -> Int {
        let n = tournamentKeys.count
        return n * (n + 1) / 2 * repetitions * turns
    }

    /// Plays `matches` matches of `turns` rounds between tit for tat and Random(0.5) with concrete
    /// (specialized) types — the workload of the hand-written C loop in `Benchmarks/games`.
    ///
    /// - Returns: the turns played and tit for tat's total score, a checksum that keeps the
    ///   optimizer from skipping the work.
    public static func titForTatVersusRandom(matches: Int, turns: Int, seed: UInt64 = 1) -> (turns: Int, checksum: Double) {
        var buffers = MatchBuffers()
        let settings = MatchSettings(turns: turns)
        var total = 0
        var checksum = 0.0
        for index in 0..<matches {
            var tft = TitForTat()
            var random = Random(p: 0.5)
            let randomness = MatchRandomness(seed: seed, index: UInt64(index))
            let tally = playMatch(&tft, &random, settings: settings, randomness: randomness, buffers: &buffers)
            total += tally.turns
            checksum += tally.firstScore(in: settings.game)
        }
        return (total, checksum)
    }
}
