import ArgumentParser
import Foundation
import ParleyGames
import ParleyReport

/// Options shared by `match`, `tournament` and `moran`: the stage game, match length, noise and seed.
struct GameOptions: ParsableArguments {
    @Option(name: .long, help: "Rounds per match (with --prob-end: the cap on the sampled length).")
    var turns: Int?

    @Option(name: .customLong("prob-end"), help: "Probability that a match ends after each round (random length).")
    var probEnd: Double?

    @Option(name: .long, help: "Implementation noise: probability that each chosen move is flipped (axelrod's noise).")
    var noise: Double = 0

    @Option(name: .long, help: "Perception noise: probability that a player misreads the other's move.")
    var perceptionNoise: Double = 0

    @Option(name: .long, help: "Stage game: prisoners-dilemma, chicken or stag-hunt.")
    var game: String = "prisoners-dilemma"

    @Option(name: .long, help: "Custom symmetric payoffs R,S,T,P (own move first: CC, CD, DC, DD); overrides --game.")
    var payoffs: String?

    @Option(name: .long, help: "The second player's own payoffs R,S,T,P, making the game asymmetric.")
    var columnPayoffs: String?

    @Option(name: .long, help: "Seed: results depend only on the strategies, the settings and this number.")
    var seed: UInt64 = 0

    /// The match settings the options describe (exit status 64 when they are wrong).
    func settings(defaultTurns: Int = 200) throws -> MatchSettings {
        guard var stageGame = StageGame.preset(named: game) else {
            throw ValidationError("unknown game '\(game)'; use prisoners-dilemma, chicken, stag-hunt, or --payoffs R,S,T,P")
        }
        if let payoffs { stageGame = try StageGame(name: "custom", row: Self.parse(payoffs), column: Self.parse(payoffs)) }
        if let columnPayoffs { stageGame.column = try Self.parse(columnPayoffs); stageGame.name = "custom" }
        let settings = MatchSettings(
            game: stageGame, turns: turns ?? (probEnd == nil ? defaultTurns : nil), endProbability: probEnd,
            noise: noise, perceptionNoise: perceptionNoise)
        do { try settings.validate() } catch { throw ValidationError(error.description) }
        return settings
    }

    static func parse(_ text: String) throws -> Payoffs {
        let values = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 4, text.split(separator: ",").count == 4 else {
            throw ValidationError("payoffs must be four numbers R,S,T,P, got '\(text)'")
        }
        return Payoffs(reward: values[0], sucker: values[1], temptation: values[2], punishment: values[3])
    }
}

/// Reads strategy specifications (`tit_for_tat`, `random(p=0.3)`), turning catalogue errors into
/// usage errors (exit status 64) with the did-you-mean.
enum StrategyArguments {
    static func make(_ specification: String) throws -> AnyStrategy {
        do { return try StrategyCatalog.make(specification: specification) } catch { throw ValidationError(error.description) }
    }

    /// Splits arguments on commas outside parentheses, so `--strategies tft,defector` and
    /// `--strategies tft defector "random(p=0.3)"` both work.
    static func split(_ arguments: [String]) -> [String] {
        var items: [String] = []
        for argument in arguments {
            var depth = 0, current = ""
            for character in argument {
                if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
                if character == "," && depth == 0 {
                    items.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            items.append(current)
        }
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// `parley match A B`: one repeated game between two strategies.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Play one repeated 2×2 game between two strategies.",
        discussion: """
            Strategies are catalogue keys, aliases or axelrod names, optionally with parameters
            (`parley strategies` lists them). Moves print as C and D.

            Examples:
              parley match tit_for_tat defector --turns 10
              parley match generous_tit_for_tat "random(p=0.3)" --turns 200 --noise 0.05 --seed 7
              parley match grit calibrated_reciprocity --perception-noise 0.02 --format json
            """)

    @Argument(help: "The first (row) player, e.g. tit_for_tat or random(p=0.3).")
    var first: String

    @Argument(help: "The second (column) player.")
    var second: String

    @OptionGroup var options: GameOptions

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() throws {
        let settings = try options.settings()
        let match = Match(try StrategyArguments.make(first), try StrategyArguments.make(second), settings: settings)
        let result = match.play(seed: options.seed)
        print(GamesOutput.render(result, settings: settings, seed: options.seed, format: format), terminator: "")
    }
}

/// `parley tournament`: a round robin with self-play, as axelrod's `Tournament`.
struct TournamentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tournament",
        abstract: "Play a round-robin tournament (every pair and self-play, repeated) and rank the strategies.",
        discussion: """
            Ranking, scores, wins and cooperation follow axelrod's ResultSet: players are ranked by
            their median (over repetitions) mean payoff per turn against the others; self-play
            counts in the payoff matrix only. Results depend only on the strategies, settings and
            seed, never on --threads.

            Examples:
              parley tournament --strategies tit_for_tat,defector,grudger,generous_tit_for_tat --turns 200 --repetitions 10
              parley tournament --strategies tft wsls "gtft(p=0.1)" grit calibrated_reciprocity --noise 0.05 --seed 3 --format json
              parley tournament --format csv            # every strategy in the catalogue
            """)

    @Option(name: .long, parsing: .upToNextOption,
            help: "Entrants, separated by spaces or commas (default: the whole catalogue).")
    var strategies: [String] = []

    @Option(name: .long, help: "How many times the round robin is played.")
    var repetitions: Int = 10

    @Option(name: .long, help: "Worker tasks (default: all cores); does not change the results.")
    var threads: Int?

    @OptionGroup var options: GameOptions

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        let keys = strategies.isEmpty ? StrategyCatalog.keys : StrategyArguments.split(strategies)
        let players = try keys.map(StrategyArguments.make)
        let tournament = Tournament(players: players, settings: try options.settings(), repetitions: repetitions, seed: options.seed)
        let result = await tournament.run(concurrency: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        print(GamesOutput.render(result, format: format), terminator: "")
    }
}

/// `parley moran`: fixation probabilities in a finite population.
struct MoranCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moran",
        abstract: "Estimate fixation probabilities of a Moran process whose fitness is tournament payoff.",
        discussion: """
            Each generation every individual plays every other once; one reproduces with
            probability proportional to its summed payoff per turn and replaces an individual
            chosen uniformly (axelrod's MoranProcess, birth–death). Runs stop when one strategy
            has taken over.

            Examples:
              parley moran --strategies tit_for_tat defector --counts 5,5 --turns 50 --runs 200
              parley moran --strategies wsls,gtft,defector --counts 4,4,4 --noise 0.05 --seed 2 --format json
            """)

    @Option(name: .long, parsing: .upToNextOption, help: "The strategies (types) of the population.")
    var strategies: [String]

    @Option(name: .long, help: "How many individuals of each strategy start, comma-separated (default 1 each).")
    var counts: String?

    @Option(name: .long, help: "Independent runs to estimate the probabilities from.")
    var runs: Int = 100

    @Option(name: .long, help: "Stop a run unfixed after this many generations.")
    var maxGenerations: Int = 100_000

    @OptionGroup var options: GameOptions

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() throws {
        let types = try StrategyArguments.split(strategies).map(StrategyArguments.make)
        let starting = try counts.map { text in
            try text.split(separator: ",").map { item -> Int in
                guard let count = Int(item.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--counts must be whole numbers, got '\(item)'")
                }
                return count
            }
        } ?? Array(repeating: 1, count: types.count)
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        let process = MoranProcess(types: types, counts: starting, settings: try options.settings(), maximumGenerations: maxGenerations)
        do { try process.validate() } catch { throw ValidationError(error.description) }
        var fixations = [Int](repeating: 0, count: types.count)
        var generations = 0, unfixed = 0
        for run in 0..<runs {
            let outcome = process.run(seed: options.seed, run: UInt64(run))
            generations += outcome.generations
            if let type = outcome.fixedType { fixations[type] += 1 } else { unfixed += 1 }
        }
        var rows: [GamesOutput.MoranDocument.Row] = []
        for index in types.indices {
            let p = Double(fixations[index]) / Double(runs)
            let error = (p * (1 - p) / Double(runs)).squareRoot()
            rows.append(GamesOutput.MoranDocument.Row(
                name: types[index].name, initialCount: starting[index], fixationProbability: p, standardError: error))
        }
        let document = GamesOutput.MoranDocument(types: rows, runs: runs, unfixedRuns: unfixed,
                                                 meanGenerations: Double(generations) / Double(runs), seed: options.seed)
        print(GamesOutput.render(document, format: format), terminator: "")
    }
}

/// `parley strategies`: the strategy library with origins.
struct StrategiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategies",
        abstract: "List the repeated-game strategies: key, axelrod name, parameters, origin.",
        discussion: """
            Keys, aliases and axelrod names are all accepted wherever a strategy is asked for;
            parameters are given as key(name=value, …).

            Examples:
              parley strategies
              parley strategies --rules
              parley strategies --format json
            """)

    @Flag(name: .long, help: "Include each strategy's rule in the table.")
    var rules = false

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() throws {
        print(GamesOutput.render(StrategyCatalog.entries, format: format, rules: rules), terminator: "")
    }
}
