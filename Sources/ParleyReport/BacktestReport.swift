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

    /// The score table: model, baselines, and the model's skill against each.
    public static func scoreTable(_ result: BacktestResult) -> Table {
        var table = Table(columns: ["score (lower is better)", "model", "climatology", "persistence", "skill vs climatology", "skill vs persistence"],
                          alignments: [.left, .right, .right, .right, .right, .right])
        for score in result.scores {
            let name = score.nominal.map { _ in score.name + " (ideal: nominal)" } ?? score.name
            table.append([name, number(score.model), score.climatology.map(number) ?? "—", score.persistence.map(number) ?? "—",
                          score.skill(against: score.climatology).map(percent) ?? "—",
                          score.skill(against: score.persistence).map(percent) ?? "—"])
        }
        return table
    }

    /// Per test year: observed against the model's predictive interval and the baselines.
    public static func yearTable(_ result: BacktestResult) -> Table {
        var table = Table(columns: ["year", "months", "missiles", "model median", "model 50%", "model 80%", "climatology", "persistence",
                                   "nuclear test", "P(nuclear test)"],
                          alignments: [.right, .right, .right, .right, .right, .right, .right, .right, .left, .right])
        for year in result.years {
            let sorted = year.simulatedMissiles.sorted()
            table.append([String(year.year), String(year.months), number(year.missiles), number(ProperScore.quantile(sorted: sorted, 0.5)),
                          interval(sorted, 0.5), interval(sorted, 0.8), number(result.climatologyMissiles * Double(year.months) / 12),
                          number(year.persistenceMissiles), year.nuclearTest ? "yes" : "no", number(year.nuclearProbability)])
        }
        return table
    }

    /// Everything as JSON (stable key order), for scripts.
    public static func json(_ result: BacktestResult) -> String {
        var object: [String: Any] = [:]
        object["training"] = "\(result.settings.training.lowerBound) to \(result.settings.training.upperBound)"
        object["test"] = "\(result.settings.test.lowerBound) to \(result.settings.test.upperBound)"
        object["seed"] = result.settings.calibration.seed
        object["scores"] = result.scores.map { score -> [String: Any] in
            var row: [String: Any] = ["name": score.name, "model": score.model]
            if let value = score.climatology { row["climatology"] = value }
            if let value = score.persistence { row["persistence"] = value }
            if let value = score.nominal { row["nominal"] = value }
            return row
        }
        object["years"] = result.years.map { year -> [String: Any] in
            let sorted = year.simulatedMissiles.sorted()
            return ["year": year.year, "months": year.months, "missiles": year.missiles, "launch_days": year.launchDays,
                    "nuclear_test": year.nuclearTest, "p_nuclear_test": year.nuclearProbability,
                    "model_median": ProperScore.quantile(sorted: sorted, 0.5),
                    "model_q10": ProperScore.quantile(sorted: sorted, 0.1), "model_q90": ProperScore.quantile(sorted: sorted, 0.9),
                    "persistence": year.persistenceMissiles]
        }
        object["posterior"] = result.calibration.summaries.map { summary -> [String: Any] in
            ["parameter": summary.parameter.name, "prior": summary.parameter.prior.description, "median": summary.weighted.median,
             "q025": summary.weighted.q025, "q975": summary.weighted.q975, "sd_over_prior_sd": summary.shrinkage]
        }
        object["climatology"] = ["missiles_per_year": result.climatologyMissiles, "launch_days_per_year": result.climatologyLaunchDays,
                                 "p_nuclear_test": result.climatologyNuclear]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text + "\n"
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
    /// Adds a backtest: a fan chart of simulated against observed missiles per year (the
    /// posterior predictive over every year, with the end of the fitting period marked), the
    /// score table against the baselines, the per-year table and the posterior.
    public mutating func addBacktest(_ result: BacktestResult) {
        let allYears = result.everyYear
        var writer = MarkupWriter()
        let settings = result.settings
        writer.element("p", text: "The DPRK's parameters were fitted by ABC-SMC on \(settings.training.lowerBound) to "
            + "\(settings.training.upperBound) only; the model then ran on to \(settings.test.upperBound) with the US, ROK and UN record "
            + "imposed, and its missiles per year were scored against what happened. Lower scores are better. Climatology forecasts "
            + "the training period's mean rate (a Poisson distribution); persistence forecasts last year's observed value.")
        let fanSteps = allYears.map { year -> FanStep in
            let sorted = year.simulatedMissiles.sorted()
            func q(_ p: Double) -> Double { ProperScore.quantile(sorted: sorted, p) }
            return FanStep(median: q(0.5), lower50: q(0.25), upper50: q(0.75), lower80: q(0.1), upper80: q(0.9), lower95: q(0.025), upper95: q(0.975))
        }
        var chart = FanChart(id: "backtest-missiles", metric: "missiles per year", unit: "missiles",
                             about: "simulated missile launches per year (posterior predictive) against the CNS/NTI record",
                             stepLabels: allYears.map { String($0.year) }, timeAxisTitle: "year",
                             fans: [Fan(label: "model (fitted \(settings.training.lowerBound.year)–\(settings.training.upperBound.year))", steps: fanSteps)])
        chart.observed = allYears.map(\.observedMissiles)
        chart.observedLabel = "observed"
        chart.dividerStep = allYears.firstIndex { $0.year == settings.test.lowerBound.year }
        chart.dividerLabel = "test period"
        writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title, about: chart.about))
        writer.insert(Self.htmlTable(BacktestReport.scoreTable(result), caption: "Scores over the test years (lower is better; coverage: nearest the nominal level is best)"))
        writer.insert(Self.htmlTable(BacktestReport.yearTable(result), caption: "Test years: observed missiles against the model's predictive intervals and the baselines"))
        writer.insert(Self.htmlTable(BacktestReport.posteriorTable(result.calibration), caption: "Posterior of the fitted parameters (training period)"))
        writer.insert(Self.htmlTable(BacktestReport.targetTable(result.calibration), caption: "Fitted statistics (training period): observed, and what prior and posterior draws give"))
        writer.insert(Self.htmlTable(BacktestReport.generationTable(result.calibration), caption: "ABC-SMC generations"))
        extraSections.append(Section(id: "backtest", heading: "Backtest", entries: [("figure-" + chart.id, "missiles per year")], body: writer.text))
    }

    static func htmlTable(_ table: Table, caption: String) -> String {
        let columns = table.columns.enumerated().map { index, heading in
            (heading: heading, className: table.alignments.indices.contains(index) && table.alignments[index] == .right ? "num" : "text")
        }
        return ReportTables.table(caption: caption, className: "backtest", columns: columns,
                                  rows: table.rows.map { $0.map(Markup.escape) })
    }
}
