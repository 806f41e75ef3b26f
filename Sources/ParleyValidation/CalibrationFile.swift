import Foundation
import ParleyHistory
import ParleyLanguage

/// Writes a calibration as a `parley-calibration: 1` file that a scenario names with
/// `calibration: FILE`. Each fitted parameter gets its posterior median as `value` (what runs
/// without `--uncertainty` use) and `dist: choice(…)`, equally weighted posterior draws (what
/// runs with `--uncertainty` draw from). Draws are per parameter: the joint posterior's
/// correlations are not carried (docs/validation.md says so).
public enum CalibrationFile {
    /// The file's text.
    ///
    /// - Parameters:
    ///   - command: the command line that produced it, written into the file.
    ///   - draws: how many posterior draws each `dist:` lists.
    public static func text(_ result: CalibrationResult, model: HistoryModel, command: String, draws: Int = 40) -> String {
        let settings = result.settings
        let resampled = result.draws(draws)
        var lines: [String] = []
        lines.append("# Written by `\(command)`. Do not edit by hand: rerun the command.")
        lines.append("# docs/validation.md explains the method, the statistics and what the posterior says.")
        lines.append("parley-calibration: 1")
        let stem = ((model.scenario.file as NSString).lastPathComponent as NSString).deletingPathExtension
        lines.append("scenario: \(quoted(stem))")
        lines.append("command: \(quoted(command))")
        lines.append("method: \(quoted(method(settings, simulations: result.simulations)))")
        lines.append("fitted: \(quoted("\(settings.window.lowerBound) to \(settings.window.upperBound)"))")
        lines.append("targets:")
        for (index, name) in result.statisticNames.enumerated() {
            lines.append("  \(name): { observed: \(number(result.observed[index])), scale: \(number(result.scales[index])) }")
        }
        lines.append("parameters:")
        for (d, summary) in result.summaries.enumerated() {
            let parameter = summary.parameter
            let values = resampled.map { number($0[d]) }
            lines.append("  \(parameter.name):")
            lines.append("    value: \(number(summary.weighted.median))")
            lines.append("    dist: \(quoted("choice(\(values.joined(separator: ", ")))"))")
            lines.append("    interval: [\(number(summary.weighted.q025)), \(number(summary.weighted.q975))]")
            lines.append("    prior: \(quoted(parameter.prior.description))")
            let source = "calibrated: ABC-SMC posterior median, 95% interval [\(number(summary.weighted.q025)), \(number(summary.weighted.q975))] "
                + "(prior \(parameter.prior.description), posterior/prior sd \(number(summary.shrinkage))), "
                + "fitted to data/dprk \(settings.window.lowerBound)–\(settings.window.upperBound) by `\(command)`"
            lines.append("    source: \(quoted(source))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The method line: algorithm and settings.
    public static func method(_ settings: CalibrationSettings, simulations: Int) -> String {
        "ABC-SMC (adaptive tolerance), \(settings.particles) particles × \(settings.generations) generations, "
            + "\(settings.replicates) runs per particle averaged, distance scaled by the median absolute deviation of "
            + "\(settings.pilot) prior draws; \(simulations) runs; seed \(settings.seed)"
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
