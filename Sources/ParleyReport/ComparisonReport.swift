import ParleyAnalysis
import ParleyNumerics

/// Renders a policy comparison: each metric, each arm's mean and 80% interval, and the paired
/// difference from the reference arm with its 95% confidence interval.
public enum ComparisonReport {
    /// The comparison as text, JSON or CSV.
    public static func render(_ result: PolicyComparisonResult, format: OutputFormat) -> String {
        switch format {
        case .table:
            let header = "\(result.scenario) — \(result.runs) paired runs per policy, seed \(result.seed)\n"
                + "differences are against \(result.arms.first ?? "") on the same runs (mean and 95% CI)\n\n"
            return header + table(result).renderText()
        case .csv:
            return csv(result).renderCSV()
        case .json:
            return json(result)
        }
    }

    static func table(_ result: PolicyComparisonResult) -> Table {
        var table = Table(columns: ["metric", "policy", "mean", "80% of runs", "difference", "95% CI", "unit"],
                          alignments: [.left, .left, .right, .right, .right, .right, .left])
        for metric in result.metrics {
            for (index, outcome) in metric.outcomes.enumerated() {
                table.append([
                    index == 0 ? metric.metric : "", outcome.arm, f(outcome.mean), "\(f(outcome.lower)) – \(f(outcome.upper))",
                    outcome.difference.map(signed) ?? "(reference)",
                    outcome.differenceInterval.map { "[\(signed($0.lower)), \(signed($0.upper))]" } ?? "",
                    index == 0 ? metric.unit ?? "" : "",
                ])
            }
        }
        return table
    }

    static func csv(_ result: PolicyComparisonResult) -> Table {
        var table = Table(columns: ["metric", "policy", "mean", "p10", "p90", "difference", "ci_lower", "ci_upper", "unit"])
        for metric in result.metrics {
            for outcome in metric.outcomes {
                table.append([metric.metric, outcome.arm, f(outcome.mean), f(outcome.lower), f(outcome.upper),
                              outcome.difference.map(f) ?? "", outcome.differenceInterval.map { f($0.lower) } ?? "",
                              outcome.differenceInterval.map { f($0.upper) } ?? "", metric.unit ?? ""])
            }
        }
        return table
    }

    struct JSONOutcome: Codable {
        var policy: String
        var mean: Double?
        var p10: Double?
        var p90: Double?
        var difference: Double?
        var ci_lower: Double?
        var ci_upper: Double?
    }

    struct JSONMetric: Codable {
        var metric: String
        var unit: String?
        var policies: [JSONOutcome]
    }

    struct JSONDocument: Codable {
        var scenario: String
        var runs: Int
        var seed: UInt64
        var reference: String
        var metrics: [JSONMetric]
    }

    static func json(_ result: PolicyComparisonResult) -> String {
        let finite = EnsembleReport.finite
        return EnsembleReport.encode(JSONDocument(
            scenario: result.scenario, runs: result.runs, seed: result.seed, reference: result.arms.first ?? "",
            metrics: result.metrics.map { metric in
                JSONMetric(metric: metric.metric, unit: metric.unit, policies: metric.outcomes.map { outcome in
                    JSONOutcome(policy: outcome.arm, mean: finite(outcome.mean), p10: finite(outcome.lower),
                                p90: finite(outcome.upper), difference: outcome.difference.flatMap(finite),
                                ci_lower: outcome.differenceInterval.flatMap { finite($0.lower) },
                                ci_upper: outcome.differenceInterval.flatMap { finite($0.upper) })
                })
            }))
    }

    private static func f(_ value: Double) -> String { EnsembleReport.format(value) }

    private static func signed(_ value: Double) -> String {
        let text = EnsembleReport.format(value)
        return value > 0 ? "+" + text : text
    }
}
