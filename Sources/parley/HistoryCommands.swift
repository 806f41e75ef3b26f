import ArgumentParser
import Foundation
import ParleyData
import ParleyHistory
import ParleyLanguage
import ParleyReport
import ParleyValidation

/// Options shared by `parley calibrate` and `parley backtest`: the record and the ABC-SMC budget.
struct HistoryFitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the DPRK record's CSV files from DIR instead of the shipped copy.", valueName: "DIR"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated parameters to fit (default: every parameter with a dist: and source: calibrated).", valueName: "names"))
    var parameters: String?

    @Option(name: .long, help: "ABC-SMC particles per generation.")
    var particles = 400

    @Option(name: .long, help: "ABC-SMC generations (the first samples the prior).")
    var generations = 6

    @Option(name: .long, help: "Runs per particle, whose statistics are averaged.")
    var replicates = 2

    @Option(name: .long, help: "Prior draws that scale the statistics (their median absolute deviation).")
    var pilot = 400

    @Option(name: .long, help: "The seed of every run and of ABC-SMC; the same seed gives the same fit on any number of threads.")
    var seed: UInt64 = 1

    func validate() throws {
        guard particles >= 10 else { throw ValidationError("--particles must be at least 10") }
        guard (1...19).contains(generations) else { throw ValidationError("--generations must be between 1 and 19") }
        guard replicates >= 1 else { throw ValidationError("--replicates must be at least 1") }
        guard pilot >= 10 else { throw ValidationError("--pilot must be at least 10") }
    }

    /// The record, from `--data` or the shipped copy; a bad file stops with its line and column (exit 65).
    func record() throws -> DPRKRecord {
        let directory = data.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? ShippedData.dprkDirectory
        do {
            return try DPRKRecord(directory: directory)
        } catch {
            Terminal.error(error.description + "\n")
            throw ExitCode(65)
        }
    }

    /// The history model of `scenario`, loaded from its priors (calibration files ignored).
    func model(_ scenario: String?, quiet: Bool) throws -> HistoryModel {
        let loaded = try ScenarioInput.load(scenario ?? "korea-history", quiet: quiet, loader: ScenarioInput.priorLoader)
        let names = parameters?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        do {
            return try HistoryModel(scenario: loaded, parameters: names, seed: seed)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func settings(window: ClosedRange<YearMonth>, threads: Int) -> CalibrationSettings {
        CalibrationSettings(window: window, particles: particles, generations: generations, replicates: replicates,
                            pilot: pilot, seed: seed, threads: threads)
    }
}

/// Parses `YYYY-MM` for an option.
func yearMonth(_ text: String, option: String) throws -> YearMonth {
    guard let month = YearMonth(parsing: text) else { throw ValidationError("\(option) takes a month as YYYY-MM, not '\(text)'") }
    return month
}

/// `parley calibrate`: fit a history scenario's calibrated parameters to the record by ABC-SMC.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a history scenario's uncertain parameters to the real record (ABC-SMC).",
        discussion: """
            Runs the history scenario (default: korea-history, 1990-01 to 2021-06) from its priors — each \\
            parameter with a dist: and a source: starting "calibrated" — and fits them by approximate \\
            Bayesian computation with sequential Monte Carlo to statistics of data/dprk: launch months per \\
            year and their spread, long-range launches, nuclear tests, launches inside and outside \\
            agreement periods, and SIPRI's warhead estimates. --output writes the posterior as a \\
            calibration file that a scenario names with calibration: FILE. See docs/validation.md.

            Examples:
              parley calibrate
              parley calibrate --output Scenarios/files/korea-2021.calibration.yaml
              parley calibrate --through 2012-12 --particles 200 --format json
            """
    )

    @Argument(help: "A history scenario file or shipped scenario (default: korea-history).")
    var file: String?

    @Option(name: .long, help: ArgumentHelp("First month fitted.", valueName: "YYYY-MM"))
    var from = "1990-01"

    @Option(name: .long, help: ArgumentHelp("Last month fitted (the record ends 2021-06).", valueName: "YYYY-MM"))
    var through = "2021-06"

    @Option(name: .long, help: ArgumentHelp("Write the posterior as a calibration file to FILE.", valueName: "FILE"))
    var output: String?

    @OptionGroup var fit: HistoryFitOptions
    @OptionGroup var options: OutputOptions

    func run() throws {
        let window = try yearMonth(from, option: "--from")...yearMonth(through, option: "--through")
        let record = try fit.record()
        let model = try fit.model(file, quiet: options.quiet)
        let quiet = options.quiet
        let result: CalibrationResult
        do {
            result = try Calibrator.calibrate(model, record: record, settings: fit.settings(window: window, threads: options.threadCount)) { line in
                if !quiet { Terminal.error(line + "\n") }
            }
        } catch {
            Terminal.error("error: \(error.description)\n")
            throw ExitCode(65)
        }
        let command = HTMLReport.commandLine(["parley"] + CommandLine.arguments.dropFirst())
        if let output {
            let text = CalibrationFile.text(result, model: model, command: command)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                Terminal.error("error: cannot write \(output): \(error.localizedDescription)\n")
                throw ExitCode(73)
            }
        }
        switch options.format {
        case .json:
            print(CalibrationJSON.render(result, command: command), terminator: "")
        case .csv:
            print(BacktestReport.posteriorTable(result).renderCSV(), terminator: "")
        case .table:
            print("\(model.scenario.name) — calibrated on \(window.lowerBound) to \(window.upperBound)")
            print(CalibrationFile.method(result.settings, simulations: result.simulations))
            print("")
            print(BacktestReport.posteriorTable(result).renderText())
            print(BacktestReport.targetTable(result).renderText())
            print(BacktestReport.generationTable(result).renderText(), terminator: "")
            if let output { print("\nwrote \(output)") }
        }
    }
}

/// JSON of a calibration for scripts.
enum CalibrationJSON {
    static func render(_ result: CalibrationResult, command: String) -> String {
        let object: [String: Any] = [
            "command": command,
            "method": CalibrationFile.method(result.settings, simulations: result.simulations),
            "window": "\(result.settings.window.lowerBound) to \(result.settings.window.upperBound)",
            "statistics": result.statisticNames.enumerated().map { index, name -> [String: Any] in
                var row: [String: Any] = ["name": name, "observed": result.observed[index], "scale": result.scales[index]]
                if index < result.predictive.count {
                    row["posterior_median"] = result.predictive[index].median
                    row["posterior_p10"] = result.predictive[index].lower
                    row["posterior_p90"] = result.predictive[index].upper
                }
                if index < result.priorPredictive.count { row["prior_median"] = result.priorPredictive[index].median }
                return row
            },
            "posterior": result.summaries.map {
                ["parameter": $0.parameter.name, "prior": $0.parameter.prior.description, "median": $0.weighted.median, "mean": $0.weighted.mean,
                 "sd": $0.weighted.standardDeviation, "q025": $0.weighted.q025, "q10": $0.weighted.q10, "q90": $0.weighted.q90, "q975": $0.weighted.q975, "sd_over_prior_sd": $0.shrinkage]
            },
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }
}

/// `parley backtest`: from each origin, fit on the past, forecast the years after, and score the
/// model beside the baselines fitted on the same months.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin backtest: fit up to each origin, forecast to mid-2021, score against six baselines.",
        discussion: """
            For each origin (default: the ends of 2005, 2008, 2012 and 2016), calibrates the history \
            scenario (default: korea-history) on the record up to the origin only, runs posterior draws \
            on to --test-through with the US, ROK and UN record imposed, and scores every year after the \
            origin: CRPS of launch months, missiles and launch days per year, Brier and log scores of "a \
            nuclear test that year" and "a long-range launch that year", and the coverage of the 50%, 80% \
            and 95% intervals — beside climatology (Poisson and empirical), persistence, recent-era \
            climatology, a negative binomial and a self-exciting (Hawkes) process, each fitted on the same \
            months. Scores are given per origin and pooled over every (origin, year) pair. --report adds \
            observed-versus-simulated fan charts and PIT histograms. See docs/validation.md.

            Examples:
              parley backtest
              parley backtest --origins 2012-12,2016-12 --format json
              parley backtest --report backtest.html
            """
    )

    @Argument(help: "A history scenario file or shipped scenario (default: korea-history).")
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated origins: the last months of the fitting periods.", valueName: "YYYY-MM,…"))
    var origins = "2005-12,2008-12,2012-12,2016-12"

    @Option(name: .long, help: ArgumentHelp("Last month scored.", valueName: "YYYY-MM"))
    var testThrough = "2021-06"

    @Option(name: .long, help: "Posterior draws the forecast runs from, per origin.")
    var draws = 200

    @Option(name: .long, help: "Runs per posterior draw in the forecast.")
    var forecastRuns = 5

    @Option(name: .long, help: "Simulated paths of the Hawkes baseline, per origin.")
    var hawkesPaths = 4000

    @OptionGroup var fit: HistoryFitOptions
    @OptionGroup var options: OutputOptions

    func validate() throws {
        guard draws >= 1, forecastRuns >= 1 else { throw ValidationError("--draws and --forecast-runs must be at least 1") }
        guard hawkesPaths >= 1 else { throw ValidationError("--hawkes-paths must be at least 1") }
    }

    func run() throws {
        let end = try yearMonth(testThrough, option: "--test-through")
        var origins: [YearMonth] = []
        for text in self.origins.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let origin = try yearMonth(text, option: "--origins")
            guard origin < end else { throw ValidationError("origin \(origin) must come before --test-through \(end)") }
            guard !origins.contains(origin) else { throw ValidationError("--origins lists \(origin) twice") }
            origins.append(origin)
        }
        guard !origins.isEmpty else { throw ValidationError("--origins needs at least one month, e.g. --origins 2012-12") }
        let record = try fit.record()
        let model = try fit.model(file, quiet: options.quiet)
        guard let first = model.months.first else { throw ValidationError("the scenario has no steps") }
        let settings = BacktestSettings(origins: origins, end: end,
                                        calibration: fit.settings(window: first...end, threads: options.threadCount),
                                        draws: draws, replicates: forecastRuns,
                                        baselines: BaselineSettings(seed: fit.seed, hawkesPaths: hawkesPaths))
        let quiet = options.quiet
        let result: BacktestResult
        do {
            result = try Backtester.run(model, record: record, settings: settings) { line in
                if !quiet { Terminal.error(line + "\n") }
            }
        } catch {
            Terminal.error("error: \(error.description)\n")
            throw ExitCode(65)
        }
        if let report = options.report {
            var html = HTMLReport(title: "\(model.scenario.name): backtest", scenario: model.scenario,
                                  command: HTMLReport.commandLine(["parley"] + CommandLine.arguments.dropFirst()), seed: fit.seed)
            html.addBacktest(result)
            do {
                try html.write(to: URL(fileURLWithPath: report))
            } catch {
                Terminal.error("error: cannot write \(report): \(error.localizedDescription)\n")
                throw ExitCode(73)
            }
        }
        switch options.format {
        case .json:
            print(BacktestReport.json(result, scenario: model.scenario.name), terminator: "")
        case .csv:
            print(BacktestReport.csv(result), terminator: "")
        case .table:
            print("\(model.scenario.name) — rolling-origin backtest from \(origins.map(\.description).joined(separator: ", ")), "
                + "scored to \(end)")
            print(CalibrationFile.method(settings.calibration, simulations: result.origins.first?.calibration.simulations ?? 0)
                + " per origin")
            print("forecast: \(settings.draws) posterior draws × \(settings.replicates) runs per origin; seed \(fit.seed); "
                + "lower scores are better, * the best of each column\n")
            print("Pooled over \(result.pooled.pairs) (origin, year) pairs")
            print(BacktestReport.scoreTable(result.pooled).renderText())
            print("Coverage of the central intervals, pooled (ideal: the level)")
            print(BacktestReport.coverageTable(result.pooled).renderText())
            for origin in result.origins {
                print("From \(origin.origin) (\(origin.scores.pairs) test years)")
                print(BacktestReport.scoreTable(origin.scores).renderText())
                print(BacktestReport.coverageTable(origin.scores).renderText())
                print(BacktestReport.modelYearTable(origin).renderText())
                print(BacktestReport.fitTable(origin).renderText())
                print(BacktestReport.posteriorTable(origin.calibration).renderText())
            }
        }
    }
}
