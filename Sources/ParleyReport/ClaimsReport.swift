import ParleyAnalysis
import ParleyLanguage

/// Renders the model's verdict on each claim.
public enum ClaimsReport {
    /// The verdicts as text, JSON or CSV.
    public static func render(_ verdicts: [ClaimVerdict], scenario: String, runs: Int, seed: UInt64, format: OutputFormat) -> String {
        switch format {
        case .table:
            var text = "\(scenario) — each claim on \(runs) paired runs, seed \(seed); effect = alternative − baseline (95% CI)\n\n"
            for verdict in verdicts {
                text += "\(verdict.claim): \(verdict.verdict.rawValue.uppercased())\n"
                text += "  claim:   \(verdict.statement)\n"
                if let source = verdict.source { text += "  source:  \(source)\n" }
                text += "  asks:    \(question(verdict))\n"
                text += "  answer:  \(f(verdict.baselineMean)) → \(f(verdict.alternativeMean))\(verdict.unit.map { " " + $0 } ?? ""); "
                    + "effect \(signed(verdict.effect)) [\(signed(verdict.interval.lower)), \(signed(verdict.interval.upper))]\n\n"
            }
            return text
        case .csv:
            var table = Table(columns: ["claim", "verdict", "metric", "expect", "margin", "baseline", "alternative", "effect",
                                        "ci_lower", "ci_upper", "unit"])
            for verdict in verdicts {
                table.append([verdict.claim, verdict.verdict.rawValue, verdict.metric, verdict.expectation.rawValue, f(verdict.margin),
                              f(verdict.baselineMean), f(verdict.alternativeMean), f(verdict.effect), f(verdict.interval.lower),
                              f(verdict.interval.upper), verdict.unit ?? ""])
            }
            return table.renderCSV()
        case .json:
            struct Entry: Codable {
                var claim, statement, verdict, metric, expect: String
                var source, unit: String?
                var margin: Double
                var baseline, alternative, effect, ci_lower, ci_upper: Double?
            }
            let finite = EnsembleReport.finite
            return EnsembleReport.encode(verdicts.map { verdict in
                Entry(claim: verdict.claim, statement: verdict.statement, verdict: verdict.verdict.rawValue, metric: verdict.metric,
                      expect: verdict.expectation.rawValue, source: verdict.source, unit: verdict.unit, margin: verdict.margin,
                      baseline: finite(verdict.baselineMean), alternative: finite(verdict.alternativeMean),
                      effect: finite(verdict.effect), ci_lower: finite(verdict.interval.lower), ci_upper: finite(verdict.interval.upper))
            })
        }
    }

    /// What the claim predicts, in words.
    static func question(_ verdict: ClaimVerdict) -> String {
        let margin = verdict.margin > 0 ? " by at least \(f(verdict.margin))" : ""
        switch verdict.expectation {
        case .increase: return "does the alternative raise \(verdict.metric)\(margin)?"
        case .decrease: return "does the alternative lower \(verdict.metric)\(margin)?"
        case .noEffect: return "does the alternative leave \(verdict.metric) within ±\(f(verdict.margin))?"
        }
    }

    private static func f(_ value: Double) -> String { EnsembleReport.format(value) }
    private static func signed(_ value: Double) -> String { value > 0 ? "+" + f(value) : f(value) }
}
