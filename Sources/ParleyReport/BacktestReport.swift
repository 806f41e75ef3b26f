import Foundation
import ParleyHistory
import ParleyValidation

/// Text, CSV and JSON output of `parley calibrate` and `parley backtest`, and the backtest's
/// section of the HTML report.
public enum BacktestReport {
    /// The posterior table: one row per fitted parameter.
    public static func posteriorTable(_ result: CalibrationResult) -> Table {
        var table = Table(columns: ["parameter", "prior", "median", "95% interval", "mean", "sd", "sd/prior sd"],
                          alignments: [.left, .left, .right, .right, .right, .right, .right])
        for summary in result.summaries {
            table.append([summary.parameter.name, summary.parameter.prior.description, number(summary.weighted.median),
                          "[\(number(summary.weighted.q025)), \(number(summary.weighted.q975))]", number(summary.weighted.mean),
                          number(summary.weighted.standardDeviation), number(summary.shrinkage)])
        }
        return table
    }

    /// The fitted statistics: observed, their scale, and what prior and posterior draws give
    /// (median and central 80%) — the posterior predictive check.
    public static func targetTable(_ result: CalibrationResult) -> Table {
        var table = Table(columns: ["statistic", "observed", "scale (prior MAD)", "prior median [80%]", "posterior median [80%]"],
                          alignments: [.left, .right, .right, .right, .right])
        func band(_ bands: [(median: Double, lower: Double, upper: Double)], _ index: Int) -> String {
            guard index < bands.count else { return "—" }
            return "\(number(bands[index].median)) [\(number(bands[index].lower)), \(number(bands[index].upper))]"
        }
        for (index, name) in result.statisticNames.enumerated() {
            table.append([name, number(result.observed[index]), number(result.scales[index]),
                          band(result.priorPredictive, index), band(result.predictive, index)])
        }
        return table
    }

    /// The generations of ABC-SMC.
    public static func generationTable(_ result: CalibrationResult) -> Table {
        var table = Table(columns: ["generation", "tolerance", "simulations", "accepted", "acceptance", "ESS"],
                          alignments: [.right, .right, .right, .right, .right, .right])
        for log in result.posterior.generations {
            table.append([String(log.generation), log.tolerance.isFinite ? number(log.tolerance) : "∞", String(log.simulations),
                          String(log.accepted), number(log.acceptanceRate), number(log.effectiveSampleSize)])
        }
        return table
    }

    /// The proper scores of every forecaster (lower is better): mean CRPS of launch months and
    /// missiles per year, mean Brier and log scores of a nuclear test and of a long-range launch.
    public static func scoreTable(_ table: ScoreTable) -> Table {
        var result = Table(columns: ["forecaster", "CRPS launch months", "CRPS missiles", "CRPS launch days", "Brier nuclear",
                                     "log nuclear", "Brier long-range", "log long-range"],
                           alignments: [.left] + Array(repeating: .right, count: 7))
        let best = bestScores(table)
        for row in table.forecasters {
            let values: [Double?] = [row.crps.launchMonths, row.crps.missiles, row.crps.launchDays, row.brier.nuclearTest,
                                     row.logScore.nuclearTest, row.brier.longRangeLaunch, row.logScore.longRangeLaunch]
            result.append([row.name] + values.enumerated().map { index, value in
                guard let value else { return "—" }
                return number(value) + (value == best[index] ? " *" : "")
            })
        }
        return result
    }

    /// Per column of ``scoreTable(_:)``, the lowest value (marked with a star).
    static func bestScores(_ table: ScoreTable) -> [Double?] {
        (0..<7).map { column in
            table.forecasters.compactMap { row -> Double? in
                [row.crps.launchMonths, row.crps.missiles, row.crps.launchDays, row.brier.nuclearTest, row.logScore.nuclearTest,
                 row.brier.longRangeLaunch, row.logScore.longRangeLaunch][column]
            }.min()
        }
    }

    /// Coverage of the central 50%, 80% and 95% intervals of launch months and missiles.
    public static func coverageTable(_ table: ScoreTable) -> Table {
        var result = Table(columns: ["forecaster", "launch months 50%", "80%", "95%", "missiles 50%", "80%", "95%"],
                           alignments: [.left] + Array(repeating: .right, count: 6))
        for row in table.forecasters {
            let cells = (row.coverage.launchMonths + row.coverage.missiles).map { coverage in
                coverage.fraction.map { "\(number($0)) (\(coverage.covered)/\(coverage.pairs))" } ?? "—"
            }
            result.append([row.name] + cells)
        }
        return result
    }

    /// Per test year of one origin: what happened against the model's forecast.
    public static func modelYearTable(_ origin: OriginBacktest) -> Table {
        var table = Table(columns: ["year", "months", "missiles", "model median", "model 50%", "model 80%", "launch months",
                                    "model median", "nuclear test", "P(nuclear)", "long-range", "P(long-range)"],
                          alignments: [.right, .right, .right, .right, .right, .right, .right, .right, .left, .right, .left, .right])
        for (observed, forecast) in zip(origin.baselines.observed, origin.model.years) {
            func interval(_ counts: CountForecast, _ level: Double) -> String {
                let range = counts.centralInterval(level: level)
                return "[\(range.lowerBound), \(range.upperBound)]"
            }
            table.append([String(observed.year), String(observed.monthsObserved), String(observed.missiles),
                          String(forecast.missiles.quantile(0.5)), interval(forecast.missiles, 0.5), interval(forecast.missiles, 0.8),
                          String(observed.launchMonths), String(forecast.launchMonths.quantile(0.5)),
                          observed.hasNuclearTest ? "yes" : "no", forecast.nuclearTest.map { number($0.probability) } ?? "—",
                          observed.hasLongRangeLaunch ? "yes" : "no", forecast.longRangeLaunch.map { number($0.probability) } ?? "—"])
        }
        return table
    }

    /// What each baseline fitted at one origin: the recent era's k per target, the negative
    /// binomial's mean and size, the Hawkes process, and the salvo size.
    public static func fitTable(_ origin: OriginBacktest) -> Table {
        var table = Table(columns: ["fit", "value"], alignments: [.left, .left])
        table.append(["recent era (years per target)",
                      origin.baselines.recentEra.map { "\($0.target) \($0.years)" }.joined(separator: ", ")])
        for fit in origin.baselines.negativeBinomial where fit.months == 12 {
            table.append(["negative binomial, \(fit.target)",
                          "mean \(number(fit.fit.mean)), " + (fit.fit.size.map { "size \(number($0))" } ?? "Poisson (not over-dispersed)")])
        }
        let hawkes = origin.baselines.hawkes
        let errors = hawkes.standardErrors
        table.append(["Hawkes (\(hawkes.events) launch days)",
                      "μ \(number(hawkes.parameters.baseline * 365.25))/year" + (errors.map { " ± \(number($0.baseline * 365.25))" } ?? "")
                        + ", α \(number(hawkes.parameters.branchingRatio))" + (errors.map { " ± \(number($0.branchingRatio))" } ?? "")
                        + ", mean delay \(number(hawkes.parameters.meanDelay)) days"])
        if let salvo = origin.salvo {
            table.append(["salvo (\(salvo.launchMonths) launch months)",
                          "1 + NB(mean \(number(salvo.extraMean)), " + (salvo.dispersion > 0 ? "dispersion \(number(salvo.dispersion)))" : "Poisson)")])
        }
        return table
    }

    /// Every score in long form, for spreadsheets: `origin,forecaster,score,target,value`, the
    /// origins first and then `pooled`.
    public static func csv(_ result: BacktestResult) -> String {
        var lines = ["origin,forecaster,score,target,value"]
        let tables = result.origins.map { ($0.origin.description, $0.scores) } + [("pooled", result.pooled)]
        for (label, table) in tables {
            for row in table.forecasters {
                func add(_ score: String, _ target: String, _ value: Double?) {
                    guard let value else { return }
                    lines.append("\(label),\(row.name),\(score),\(target),\(value)")
                }
                for target in CountTarget.allCases { add("crps", target.rawValue, row.crps[target]) }
                for target in EventTarget.allCases {
                    add("brier", target.rawValue, row.brier[target])
                    add("log", target.rawValue, row.logScore[target])
                }
                for target in CountTarget.allCases {
                    for coverage in row.coverage[target] { add("coverage\(Int(coverage.level * 100))", target.rawValue, coverage.fraction) }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct PosteriorRow: Codable {
        var parameter: String
        var prior: String
        var median: Double
        var q025: Double
        var q975: Double
        var sd_over_prior_sd: Double
    }

    struct ModelYear: Codable {
        var year: Int
        var months: Int
        var observed_missiles: Int
        var observed_launch_months: Int
        var nuclear_test: Bool
        var long_range_launch: Bool
        var missiles: [String: Int]
        var launch_months: [String: Int]
        var p_nuclear_test: Double?
        var p_long_range_launch: Double?
    }

    struct OriginDocument: Codable {
        var origin: YearMonth
        var training: String
        var posterior: [PosteriorRow]
        var abc_tolerance: Double?
        var salvo: SalvoFit?
        var recent_era: [RecentEraChoice]
        var negative_binomial: [NegativeBinomialTargetFit]
        var hawkes: HawkesFit
        var model_years: [ModelYear]
        var scores: ScoreTable
    }

    struct Document: Codable {
        var scenario: String
        var seed: UInt64
        var origins: [OriginDocument]
        var end: YearMonth
        var method: String
        var forecast: String
        var pooled: ScoreTable
    }

    /// Every score of the model and of every baseline, per origin and pooled, with what each
    /// fitted — stable JSON (sorted keys) for scripts and for CI's reproduction check.
    public static func json(_ result: BacktestResult, scenario: String) -> String {
        let settings = result.settings
        let origins = result.origins.map { origin -> OriginDocument in
            let posterior = origin.calibration.summaries.map {
                PosteriorRow(parameter: $0.parameter.name, prior: $0.parameter.prior.description, median: $0.weighted.median,
                             q025: $0.weighted.q025, q975: $0.weighted.q975, sd_over_prior_sd: $0.shrinkage)
            }
            let years = zip(origin.baselines.observed, origin.model.years).map { observed, forecast in
                func quantiles(_ counts: CountForecast) -> [String: Int] {
                    ["q10": counts.quantile(0.1), "q25": counts.quantile(0.25), "q50": counts.quantile(0.5),
                     "q75": counts.quantile(0.75), "q90": counts.quantile(0.9)]
                }
                return ModelYear(year: observed.year, months: observed.monthsObserved, observed_missiles: observed.missiles,
                                 observed_launch_months: observed.launchMonths, nuclear_test: observed.hasNuclearTest,
                                 long_range_launch: observed.hasLongRangeLaunch, missiles: quantiles(forecast.missiles),
                                 launch_months: quantiles(forecast.launchMonths), p_nuclear_test: forecast.nuclearTest?.probability,
                                 p_long_range_launch: forecast.longRangeLaunch?.probability)
            }
            let tolerance = origin.calibration.posterior.generations.last?.tolerance
            return OriginDocument(
                origin: origin.origin, training: "\(origin.calibration.settings.window.lowerBound) to \(origin.origin)",
                posterior: posterior, abc_tolerance: tolerance.flatMap { $0.isFinite ? $0 : nil }, salvo: origin.salvo,
                recent_era: origin.baselines.recentEra, negative_binomial: origin.baselines.negativeBinomial,
                hawkes: origin.baselines.hawkes, model_years: years, scores: origin.scores)
        }
        let simulations = result.origins.first?.calibration.simulations ?? 0
        return EnsembleReport.encode(Document(
            scenario: scenario, seed: settings.calibration.seed, origins: origins, end: settings.end,
            method: CalibrationFile.method(settings.calibration, simulations: simulations) + " per origin",
            forecast: "\(settings.draws) posterior draws × \(settings.replicates) runs per origin; baselines: "
                + "\(settings.baselines.hawkesPaths) Hawkes paths, recent eras of at most \(settings.baselines.recentEraMaxYears) years",
            pooled: result.pooled))
    }

    static func interval(_ sorted: [Double], _ level: Double) -> String {
        "[\(number(ProperScore.quantile(sorted: sorted, (1 - level) / 2))), \(number(ProperScore.quantile(sorted: sorted, (1 + level) / 2)))]"
    }

    /// A number with four significant digits (integers as integers).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "∞" : "-∞") }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }

    static func percent(_ value: Double) -> String { String(format: "%+.0f%%", value * 100) }
}

extension HTMLReport {
    /// Adds a rolling-origin backtest: for each origin a fan chart of simulated against observed
    /// missiles per year (the fitting period ends at the rule), the pooled and per-origin score
    /// tables of the model and every baseline, PIT histograms, and what each origin fitted.
    public mutating func addBacktest(_ result: BacktestResult) {
        var writer = MarkupWriter()
        var entries: [(id: String, heading: String)] = []
        let origins = result.origins.map(\.origin.description).joined(separator: ", ")
        writer.element("p", text: "From each origin (\(origins)) the DPRK's parameters were fitted by ABC-SMC on the record up to the "
            + "origin only; the model then ran on to \(result.settings.end) with the US, ROK and UN record imposed, and each year after "
            + "the origin was scored against what happened, beside six baselines fitted on the same months. Lower scores are better; "
            + "the best in each column is starred. Coverage is ideal at its level; a PIT histogram is flat for a calibrated forecaster.")
        writer.insert(Self.htmlTable(BacktestReport.scoreTable(result.pooled),
                                     caption: "Pooled over \(result.pooled.pairs) (origin, year) pairs: proper scores (lower is better)"))
        writer.insert(Self.htmlTable(BacktestReport.coverageTable(result.pooled),
                                     caption: "Pooled: coverage of the central intervals (ideal: the level)"))
        for target in [CountTarget.missiles, .launchMonths] {
            let chart = PITChart(id: "backtest-pit-\(target.rawValue)", target: target.rawValue.replacingOccurrences(of: "_", with: " "),
                                 panels: result.pooled.forecasters.map { ($0.name, $0.pit[target].bins) })
            writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title,
                                      about: "one panel per forecaster, pooled over every (origin, year) pair; a calibrated forecaster's bars lie on the dashed line at 0.1, a tall last bar means the record came out above the forecasts"))
            entries.append(("figure-" + chart.id, "PIT, \(target.rawValue)"))
        }
        for origin in result.origins {
            let allYears = origin.everyYear
            let fanSteps = allYears.map { year -> FanStep in
                let sorted = year.simulatedMissiles.sorted()
                func q(_ p: Double) -> Double { ProperScore.quantile(sorted: sorted, p) }
                return FanStep(median: q(0.5), lower50: q(0.25), upper50: q(0.75), lower80: q(0.1), upper80: q(0.9),
                               lower95: q(0.025), upper95: q(0.975))
            }
            var chart = FanChart(id: "backtest-missiles-\(origin.origin)", metric: "missiles per year from \(origin.origin)", unit: "missiles",
                                 about: "simulated missile launches per year (posterior predictive of the fit to \(origin.origin)) against the CNS/NTI record",
                                 stepLabels: allYears.map { String($0.year) }, timeAxisTitle: "year",
                                 fans: [Fan(label: "model (fitted to \(origin.origin))", steps: fanSteps)])
            chart.observed = allYears.map(\.observedMissiles)
            chart.observedLabel = "observed"
            chart.dividerStep = allYears.firstIndex(where: \.isTest)
            chart.dividerLabel = "forecast"
            writer.element("h3", text: "Origin \(origin.origin)")
            writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title, about: chart.about))
            entries.append(("figure-" + chart.id, "origin \(origin.origin)"))
            writer.insert(Self.htmlTable(BacktestReport.scoreTable(origin.scores),
                                         caption: "From \(origin.origin): proper scores over \(origin.scores.pairs) test years"))
            writer.insert(Self.htmlTable(BacktestReport.coverageTable(origin.scores), caption: "From \(origin.origin): coverage"))
            writer.insert(Self.htmlTable(BacktestReport.modelYearTable(origin), caption: "From \(origin.origin): the model's forecast of each test year"))
            writer.insert(Self.htmlTable(BacktestReport.fitTable(origin), caption: "From \(origin.origin): what the baselines fitted"))
            writer.insert(Self.htmlTable(BacktestReport.posteriorTable(origin.calibration), caption: "From \(origin.origin): posterior of the fitted parameters"))
            writer.insert(Self.htmlTable(BacktestReport.targetTable(origin.calibration),
                                         caption: "From \(origin.origin): fitted statistics, observed against prior and posterior draws"))
        }
        extraSections.append(Section(id: "backtest", heading: "Backtest", entries: entries, body: writer.text))
    }

    static func htmlTable(_ table: Table, caption: String) -> String {
        let columns = table.columns.enumerated().map { index, heading in
            (heading: heading, className: table.alignments.indices.contains(index) && table.alignments[index] == .right ? "number" : "text")
        }
        return ReportTables.table(caption: caption, className: "backtest", columns: columns,
                                  rows: table.rows.map { $0.map(Markup.escape) })
    }
}
