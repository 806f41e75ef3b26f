import ArgumentParser
import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyScenarios

/// Loading scenarios for the command line: files on disk or shipped scenarios by name.
enum ScenarioInput {
    /// The loader, able to resolve `extends:` to shipped scenarios.
    static let loader = ScenarioLoader(shippedScenario: { ShippedScenarios.text(named: $0) })

    /// The same loader, ignoring `calibration:` files: calibration and backtests start from the priors.
    static let priorLoader = ScenarioLoader(shippedScenario: { ShippedScenarios.text(named: $0) }, appliesCalibration: false)

    /// Loads `path` (a file, or a shipped scenario's name; nil: the default scenario) and
    /// returns the scenario (nil when it has errors) with every diagnostic. Prints nothing.
    static func diagnose(_ path: String?, loader: ScenarioLoader = ScenarioInput.loader) throws -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        let name = path ?? ShippedScenarios.defaultName
        do {
            let scenario: Scenario
            if FileManager.default.fileExists(atPath: name) {
                scenario = try loader.load(path: name)
            } else if let text = ShippedScenarios.text(named: name) {
                scenario = try loader.load(text: text, file: ShippedScenarios.displayPath(named: name))
            } else {
                let hint = Suggestions.hint(for: name, among: ShippedScenarios.names).map { " (\($0))" } ?? ""
                throw ValidationError("no scenario file or shipped scenario named '\(name)'\(hint); 'parley list' shows the shipped ones")
            }
            return (scenario, scenario.warnings)
        } catch let error as ScenarioError {
            return (nil, error.diagnostics)
        }
    }

    /// The text of a scenario file or shipped scenario, as stored with experiments.
    static func text(of path: String) -> String? {
        if FileManager.default.fileExists(atPath: path) { return try? String(contentsOfFile: path, encoding: .utf8) }
        return ShippedScenarios.text(named: path)
    }

    /// Loads a scenario for running: prints its diagnostics to standard error (warnings only
    /// unless `quiet`) and exits 65 when it has errors.
    static func load(_ path: String?, quiet: Bool = false, loader: ScenarioLoader = ScenarioInput.loader) throws -> Scenario {
        let (scenario, diagnostics) = try diagnose(path, loader: loader)
        guard let scenario else {
            Terminal.error(ScenarioError(diagnostics: diagnostics).description + "\n")
            throw ExitCode(65)
        }
        if !quiet { for warning in diagnostics { Terminal.error(warning.description + "\n") } }
        return scenario
    }
}

/// Options shared by commands that run a scenario.
struct ScenarioRunOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Pick an actor's policy, as actor=policy (repeatable).", valueName: "actor=policy"))
    var policy: [String] = []

    @Option(name: .long, help: ArgumentHelp("Fix a parameter's value, as name=value (repeatable).", valueName: "name=value"))
    var set: [String] = []

    @OptionGroup var parameters: ParameterModeOptions

    @Option(name: .long, help: "The experiment's seed; the same seed gives the same results on any number of threads.")
    var seed: UInt64 = 1

    /// The run configuration these options describe; bad names are usage errors (exit 64).
    func configuration(for scenario: Scenario) throws -> RunConfiguration {
        try ScenarioRunOptions.configuration(for: scenario, policy: policy, set: set, uncertainty: parameters.drawsParameters, seed: seed)
    }

    /// The run configuration of `--policy`, `--set`, `--uncertainty` and `--seed` values.
    static func configuration(for scenario: Scenario, policy: [String], set: [String], uncertainty: Bool, seed: UInt64)
        throws -> RunConfiguration
    {
        var configuration = RunConfiguration(scenario: scenario, seed: seed, samplesUncertainParameters: uncertainty)
        do {
            for item in policy {
                let (actor, name) = try ScenarioRunOptions.split(item, option: "--policy", example: "us=calibrated")
                try configuration.choosePolicy(name, forActor: actor, in: scenario)
            }
            for item in set {
                let (name, value) = try ScenarioRunOptions.split(item, option: "--set", example: "warhead_rate=8")
                try configuration.setParameter(name, to: value, in: scenario)
            }
        } catch let problem as RunConfiguration.Problem {
            throw ValidationError(problem.description)
        }
        return configuration
    }

    static func split(_ item: String, option: String, example: String) throws -> (String, String) {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("\(option) takes name=value, e.g. \(option) \(example); got '\(item)'")
        }
        return (parts[0], parts[1])
    }
}

/// Whether a command draws uncertain parameters per run (the default) or holds every parameter at
/// its value (`--central`).
///
/// Uncertain parameters — the posterior where the scenario is calibrated, `dist:` elsewhere — are
/// drawn once per run unless `--central` sets each to its `value:` (the posterior median where
/// calibrated); then the spread of results is the model's own randomness alone, which understates
/// what is known. `--uncertainty` and `--no-uncertainty`, the earlier spellings, are still read.
struct ParameterModeOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(
        "Hold every parameter at its value (the posterior median where calibrated) instead of drawing uncertain ones per run.",
        discussion: "By default parameters with a 'dist:' (or a calibration's posterior) are drawn once per run."))
    var central = false

    @Flag(name: .long, help: .hidden)
    var uncertainty = false

    @Flag(name: .customLong("no-uncertainty"), help: .hidden)
    var noUncertainty = false

    func validate() throws {
        if uncertainty, central || noUncertainty {
            throw ValidationError("--uncertainty (the default) contradicts --central; give one of them")
        }
    }

    /// Whether runs draw uncertain parameters.
    var drawsParameters: Bool { !(central || noUncertainty) }
}
