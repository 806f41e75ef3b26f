import ParleyEngine
import ParleyNumerics

/// One period of one metric in a forecast: the distribution of the metric's per-period value
/// over the runs. For whole-number metrics (counts) the median and interval ends are order
/// statistics — values some run had — rather than interpolations between two.
public struct ForecastRow: Sendable, Codable, Equatable {
    /// The metric.
    public var metric: String
    /// Its unit, if declared.
    public var unit: String?
    /// The period's label: `2022`, `2022-Q3` or `2022-07`.
    public var period: String
    /// Whether the scenario's clock covers only part of the period.
    public var partial: Bool
    /// The share of the period's days the clock covers (1 for a whole period).
    public var coverage: Double
    /// How many runs.
    public var runs: Int
    /// The mean over runs.
    public var mean: Double
    /// The median run.
    public var median: Double
    /// The central 50% of runs: the 25th and 75th percentiles.
    public var lower50: Double, upper50: Double
    /// The central 80% of runs: the 10th and 90th percentiles.
    public var lower80: Double, upper80: Double
    /// The central 95% of runs: the 2.5th and 97.5th percentiles.
    public var lower95: Double, upper95: Double

    /// The row of period `index` of a metric's ensemble summary (nil for a metric without `per:`).
    public init?(metric: MetricSummary, period index: Int) {
        guard let grid = metric.periodGrid, index < metric.periods.count else { return nil }
        let summary = metric.periods[index]
        self.metric = metric.name
        unit = metric.unit
        period = grid.labels[index]
        partial = grid.isPartial[index]
        coverage = grid.coverage[index]
        runs = summary.count
        mean = summary.mean
        // Counts (months, missiles, tests) get values that occurred, never 0.75 of a missile.
        let quantile = summary.sketch.isWholeNumbered ? summary.sketch.orderStatistic : summary.quantile
        median = quantile(0.5)
        lower50 = quantile(0.25)
        upper50 = quantile(0.75)
        lower80 = quantile(0.1)
        upper80 = quantile(0.9)
        lower95 = quantile(0.025)
        upper95 = quantile(0.975)
    }
}

/// Renders a forecast: an ensemble's metrics aggregated per calendar period (`per:`), as a table
/// of medians and central intervals, as JSON, or as every run's values in long-form CSV.
public enum ForecastReport {
    /// Every period of every metric with `per:`, in metric order and then period order.
    public static func rows(_ summary: EnsembleSummary) -> [ForecastRow] {
        summary.metrics.flatMap { metric in metric.periods.indices.compactMap { ForecastRow(metric: metric, period: $0) } }
    }

    /// Whether the ensemble has anything to forecast: at least one metric with `per:`.
    public static func hasPeriods(_ summary: EnsembleSummary) -> Bool { summary.metrics.contains { $0.periodGrid != nil } }

    /// The forecast as a table, JSON, or long-form CSV. CSV needs the runs' values
    /// (``EnsembleOptions/keepsRunValues``); without them it has only its header.
    public static func render(_ summary: EnsembleSummary, description: RunDescription, format: OutputFormat) -> String {
        switch format {
        case .table: return text(summary, description: description)
        case .json: return json(summary, description: description)
        case .csv: return longCSV(summary)
        }
    }

    /// Median and central 50% and 80% intervals per metric and period.
    public static func table(_ summary: EnsembleSummary) -> Table {
        var table = Table(columns: ["metric", "period", "median", "50% interval", "80% interval", "mean", "unit"],
                          alignments: [.left, .left, .right, .right, .right, .right, .left])
        for row in rows(summary) {
            let f = EnsembleReport.format
            table.append([row.metric, row.partial ? row.period + " (partial)" : row.period, f(row.median),
                          "[\(f(row.lower50)), \(f(row.upper50))]", "[\(f(row.lower80)), \(f(row.upper80))]", f(row.mean),
                          row.unit ?? ""])
        }
        return table
    }

    static func text(_ summary: EnsembleSummary, description: RunDescription) -> String {
        var lines = ["\(summary.scenario) — forecast by period, \(summary.runs) run\(summary.runs == 1 ? "" : "s"), seed \(summary.seed)"]
        lines += EnsembleReport.describe(description)
        var text = lines.joined(separator: "\n") + "\n\n" + table(summary).renderText()
        let partial = rows(summary).filter(\.partial)
        if !partial.isEmpty {
            let periods = Array(Set(partial.map(\.period))).sorted().joined(separator: ", ")
            text += "\n(partial): the scenario's clock covers only part of \(periods), so those values cover less time than a whole period.\n"
        }
        return text
    }

    /// Every run's value per metric and period: `run,period,metric,value`, ordered by run, then
    /// metric, then period.
    public static func longCSV(_ summary: EnsembleSummary) -> String {
        var lines = ["run,period,metric,value"]
        let periodic = summary.metrics.indices.filter { summary.metrics[$0].periodGrid != nil }
        for run in summary.runPeriodValues.indices {
            for metric in periodic {
                guard let grid = summary.metrics[metric].periodGrid else { continue }
                let name = Table.csvEscaped(summary.metrics[metric].name)
                for (label, value) in zip(grid.labels, summary.periodValues(run: run, metric: metric)) {
                    lines.append("\(run),\(label),\(name),\(csvNumber(value))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number for CSV: whole numbers without a decimal point, others with full precision.
    static func csvNumber(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    struct JSONPeriod: Codable {
        var period: String
        var partial: Bool
        var coverage: Double
        var mean: Double?
        var median: Double?
        var central50: [Double?]
        var central80: [Double?]
        var central95: [Double?]
    }

    struct JSONMetric: Codable {
        var name: String
        var kind: String
        var per: String
        var unit: String?
        var periods: [JSONPeriod]
    }

    struct JSONDocument: Codable {
        var scenario: String
        var file: String
        var runs: Int
        var seed: UInt64
        var policies: [String: String]
        var overrides: [String: Double]
        var parameters: String
        var metrics: [JSONMetric]
    }

    static func json(_ summary: EnsembleSummary, description: RunDescription) -> String {
        let finite = EnsembleReport.finite
        let metrics = summary.metrics.compactMap { metric -> JSONMetric? in
            guard let grid = metric.periodGrid else { return nil }
            let periods = metric.periods.indices.compactMap { ForecastRow(metric: metric, period: $0) }.map { row in
                JSONPeriod(period: row.period, partial: row.partial, coverage: row.coverage, mean: finite(row.mean),
                           median: finite(row.median), central50: [finite(row.lower50), finite(row.upper50)],
                           central80: [finite(row.lower80), finite(row.upper80)], central95: [finite(row.lower95), finite(row.upper95)])
            }
            return JSONMetric(name: metric.name, kind: metric.kind.rawValue, per: grid.period.rawValue, unit: metric.unit, periods: periods)
        }
        return EnsembleReport.encode(JSONDocument(
            scenario: summary.scenario, file: description.file, runs: summary.runs, seed: summary.seed,
            policies: description.policies, overrides: description.overrides,
            parameters: description.uncertainty ? "drawn" : "central", metrics: metrics))
    }
}
