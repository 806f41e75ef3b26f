import Foundation
import ParleyHistory
import ParleyLanguage

/// A calibration as the file a scenario names with `calibration: FILE` (the format is
/// ``CalibrationDocument``'s, which ParleyLanguage owns): each fitted parameter's posterior median
/// as its value (what `--central` runs use), its 95% interval and prior, and whole posterior draws
/// (one row per draw, equally weighted), so that runs which draw parameters keep the posterior's
/// correlations.
public enum CalibrationFile {
    /// The document of a calibration.
    ///
    /// - Parameters:
    ///   - command: the command line that produced it, written into the file.
    ///   - draws: how many whole posterior draws to keep (systematic resampling by weight).
    public static func document(_ result: CalibrationResult, model: HistoryModel, command: String, draws: Int = 200) -> CalibrationDocument {
        let settings = result.settings
        let number = CalibrationDocument.number
        let stem = ((model.scenario.file as NSString).lastPathComponent as NSString).deletingPathExtension
        let targets = result.statisticNames.enumerated().map { index, name in
            CalibrationDocument.Target(name: name, observed: result.observed[index], scale: result.scales[index])
        }
        let parameters = result.summaries.map { summary in
            let parameter = summary.parameter
            let interval = "[\(number(summary.weighted.q025)), \(number(summary.weighted.q975))]"
            let source = "calibrated: ABC-SMC posterior median, 95% interval \(interval) "
                + "(prior \(parameter.prior.description), posterior/prior sd \(number(summary.shrinkage))), "
                + "fitted to data/dprk \(settings.window.lowerBound)–\(settings.window.upperBound) by `\(command)`"
            return CalibrationDocument.Fitted(name: parameter.name, median: summary.weighted.median,
                                              interval: summary.weighted.q025...summary.weighted.q975,
                                              prior: parameter.prior.description, source: source)
        }
        return CalibrationDocument(
            scenario: stem, command: command, method: method(settings, simulations: result.simulations),
            fitted: "\(settings.window.lowerBound) to \(settings.window.upperBound)", targets: targets, parameters: parameters,
            draws: result.draws(draws))
    }

    /// The file's text (see ``document(_:model:command:draws:)``).
    public static func text(_ result: CalibrationResult, model: HistoryModel, command: String, draws: Int = 200) -> String {
        document(result, model: model, command: command, draws: draws).text
    }

    /// The method line: algorithm and settings.
    public static func method(_ settings: CalibrationSettings, simulations: Int) -> String {
        "ABC-SMC (adaptive tolerance), \(settings.particles) particles × \(settings.generations) generations, "
            + "\(settings.replicates) runs per particle averaged, distance scaled by the median absolute deviation of "
            + "\(settings.pilot) prior draws; \(simulations) runs; seed \(settings.seed)"
    }
}
