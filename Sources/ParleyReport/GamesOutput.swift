import Foundation
import ParleyGames

/// Renders repeated-game results — matches, tournaments, Moran estimates and the strategy
/// list — as a terminal table, JSON or CSV.
///
/// JSON is stable: keys are sorted, numbers are printed exactly (shortest round-trip form), and
/// the documents are described in `docs/games.md`.
public enum GamesOutput {
    // MARK: Match

    /// The JSON document of one match.
    public struct MatchDocument: Codable, Sendable, Equatable {
        /// Names with parameters, first player first.
        public var players: [String]
        /// Rounds played.
        public var turns: Int
        /// Total payoffs.
        public var scores: [Double]
        /// Payoffs per round.
        public var scoresPerTurn: [Double]
        /// Shares of rounds in which each cooperated.
        public var cooperationRates: [Double]
        /// Moves as played, one string of C/D per player.
        public var moves: [String]
        /// Rounds ending CC, CD, DC, DD (first player's move first).
        public var outcomes: [Int]
        /// Index of the player with the higher total, or `nil` on a tie.
        public var winner: Int?
        /// How the match was played.
        public var settings: MatchSettings
        /// The seed.
        public var seed: UInt64
    }

    /// The match document for `result`.
    public static func document(_ result: MatchResult, settings: MatchSettings, seed: UInt64) -> MatchDocument {
        let perTurn = result.scoresPerTurn, rates = result.cooperationRates
        return MatchDocument(
            players: [result.firstName, result.secondName], turns: result.turns,
            scores: [result.firstScore, result.secondScore], scoresPerTurn: [perTurn.first, perTurn.second],
            cooperationRates: [rates.first, rates.second], moves: [result.firstMoves, result.secondMoves],
            outcomes: result.tally.outcomes, winner: result.winner, settings: settings, seed: seed)
    }

    /// One match: a per-player table (followed by both move sequences in text), JSON, or CSV.
    public static func render(_ result: MatchResult, settings: MatchSettings, seed: UInt64, format: OutputFormat) -> String {
        var table = Table(columns: ["player", "score", "score/turn", "cooperation", "winner"],
                          alignments: [.left, .right, .right, .right, .left])
        let perTurn = result.scoresPerTurn, rates = result.cooperationRates
        table.append([result.firstName, number(result.firstScore), fixed(perTurn.first), fixed(rates.first),
                      result.winner == 0 ? "yes" : ""])
        table.append([result.secondName, number(result.secondScore), fixed(perTurn.second), fixed(rates.second),
                      result.winner == 1 ? "yes" : ""])
        switch format {
        case .json: return encode(document(result, settings: settings, seed: seed))
        case .csv: return table.renderCSV()
        case .table:
            return "\(result.turns) turns of \(settings.game.name)" + describeNoise(settings) + ", seed \(seed)\n\n"
                + table.renderText() + "\n" + result.firstMoves + "\n" + result.secondMoves + "\n"
        }
    }

    // MARK: Tournament

    /// One player's line in a tournament summary.
    public struct TournamentRow: Codable, Sendable, Equatable {
        /// 1 for the best median normalised score.
        public var rank: Int
        /// Entry index.
        public var index: Int
        /// Name with parameters.
        public var name: String
        /// Median over repetitions of the mean payoff per turn against the others.
        public var medianNormalisedScore: Double
        /// Mean over repetitions of the total payoff against the others.
        public var meanScore: Double
        /// Matches won outright, over all repetitions.
        public var wins: Int
        /// Share of its moves against others that were C.
        public var cooperationRating: Double
    }

    /// The JSON document of a tournament: the ranked summary and every matrix.
    public struct TournamentDocument: Codable, Sendable, Equatable {
        /// Ranked rows, best first.
        public var summary: [TournamentRow]
        /// The full result (scores per repetition, payoff matrix, cooperation, …).
        public var result: TournamentResult
    }

    /// Ranked rows for `result`.
    public static func rows(_ result: TournamentResult) -> [TournamentRow] {
        let medians = result.medianNormalisedScores, means = result.meanScores, wins = result.totalWins
        return result.ranking.enumerated().map { rank, index in
            TournamentRow(rank: rank + 1, index: index, name: result.names[index], medianNormalisedScore: medians[index],
                          meanScore: means[index], wins: wins[index], cooperationRating: result.cooperationRating[index])
        }
    }

    /// A tournament: the ranked summary as a table or CSV, or the whole result as JSON.
    public static func render(_ result: TournamentResult, format: OutputFormat) -> String {
        var table = Table(columns: ["rank", "strategy", "median score/turn", "mean score", "wins", "cooperation"],
                          alignments: [.right, .left, .right, .right, .right, .right])
        for row in rows(result) {
            table.append(["\(row.rank)", row.name, fixed(row.medianNormalisedScore), fixed(row.meanScore, digits: 1),
                          "\(row.wins)", fixed(row.cooperationRating)])
        }
        switch format {
        case .json: return encode(TournamentDocument(summary: rows(result), result: result))
        case .csv: return table.renderCSV()
        case .table:
            let length = result.endProbability.map { "ending with probability \(number($0)) per turn" + (result.turns.map { ", at most \($0) turns" } ?? "") }
                ?? "\(result.turns ?? 0) turns"
            var settings = MatchSettings(game: result.game, turns: result.turns, endProbability: result.endProbability)
            settings.noise = result.noise
            settings.perceptionNoise = result.perceptionNoise
            return "\(result.names.count) players, \(result.repetitions) repetitions, \(length) of \(result.game.name)"
                + describeNoise(settings) + ", seed \(result.seed)\n\n" + table.renderText()
        }
    }

    // MARK: Moran

    /// The JSON document of a Moran estimate.
    public struct MoranDocument: Codable, Sendable, Equatable {
        /// One row per type.
        public struct Row: Codable, Sendable, Equatable {
            /// Name with parameters.
            public var name: String
            /// Individuals at the start.
            public var initialCount: Int
            /// Share of runs in which this type took over.
            public var fixationProbability: Double
            /// Standard error of that share.
            public var standardError: Double

            /// A row.
            public init(name: String, initialCount: Int, fixationProbability: Double, standardError: Double) {
                self.name = name
                self.initialCount = initialCount
                self.fixationProbability = fixationProbability
                self.standardError = standardError
            }
        }
        /// The types.
        public var types: [Row]
        /// Runs simulated.
        public var runs: Int
        /// Runs that hit the generation limit before fixation.
        public var unfixedRuns: Int
        /// Mean generations per run.
        public var meanGenerations: Double
        /// The seed.
        public var seed: UInt64

        /// A document.
        public init(types: [Row], runs: Int, unfixedRuns: Int, meanGenerations: Double, seed: UInt64) {
            self.types = types
            self.runs = runs
            self.unfixedRuns = unfixedRuns
            self.meanGenerations = meanGenerations
            self.seed = seed
        }
    }

    /// A Moran estimate as a table, JSON or CSV.
    public static func render(_ document: MoranDocument, format: OutputFormat) -> String {
        var table = Table(columns: ["strategy", "start", "fixation", "std error"], alignments: [.left, .right, .right, .right])
        for row in document.types {
            table.append([row.name, "\(row.initialCount)", fixed(row.fixationProbability), fixed(row.standardError)])
        }
        switch format {
        case .json: return encode(document)
        case .csv: return table.renderCSV()
        case .table:
            return "\(document.runs) runs, seed \(document.seed), mean \(fixed(document.meanGenerations, digits: 1)) generations"
                + (document.unfixedRuns > 0 ? ", \(document.unfixedRuns) runs unfixed" : "") + "\n\n" + table.renderText()
        }
    }

    // MARK: Strategies

    /// The strategy library: key, axelrod name, parameters, stochastic, origin (and the rule in
    /// JSON and CSV, or in the table when `rules` is set).
    public static func render(_ entries: [StrategyInfo], format: OutputFormat, rules: Bool = false) -> String {
        if format == .json { return encode(entries) }
        var columns = ["key", "axelrod name", "parameters", "stochastic", "origin"]
        if rules || format == .csv { columns.insert("rule", at: 4) }
        var table = Table(columns: columns)
        for entry in entries {
            let parameters = entry.parameters.map { "\($0.name)=\($0.defaultValue.map(number) ?? "game")" }.joined(separator: " ")
            var row = [entry.key + (entry.aliases.isEmpty ? "" : " (" + entry.aliases.joined(separator: ", ") + ")"),
                       entry.axelrodName ?? "— (Parley)", parameters, entry.isStochastic ? "yes" : "no", entry.origin]
            if rules || format == .csv { row.insert(entry.rule, at: 4) }
            table.append(row)
        }
        return format == .csv ? table.renderCSV() : table.renderText()
    }

    // MARK: Helpers

    /// Pretty, key-sorted JSON with a trailing newline.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }

    static func describeNoise(_ settings: MatchSettings) -> String {
        var parts: [String] = []
        if settings.noise > 0 { parts.append("noise \(number(settings.noise))") }
        if settings.perceptionNoise > 0 { parts.append("perception noise \(number(settings.perceptionNoise))") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func fixed(_ value: Double, digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
}
