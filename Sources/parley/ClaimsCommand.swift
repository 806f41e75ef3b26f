import ArgumentParser
import Foundation
import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyReport

/// `parley claims`: the scenario's claims, each answered by a paired comparison.
struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Answer each of a scenario's claims with a paired comparison and a verdict.",
        discussion: """
            Each claim in the scenario's claims: section names a metric, a baseline and an alternative (policies \\
            and parameters), and what the claim says the difference should be. Parley runs both arms on the \\
            same runs and judges the 95% confidence interval of the paired difference: supported, \\
            contradicted or inconclusive. See docs/scenario-language.md for the rule.

            Examples:
              parley claims
              parley claims korea-2021 --runs 4000 --format json
              parley claims my.yaml --only sanctions_do_not_slow_the_program --central
            """
    )

    @Argument(help: "A scenario file or shipped scenario (default: the default scenario).")
    var file: String?

    @Option(name: .long, help: "Paired runs per claim.")
    var runs = 2000

    @Option(name: .long, help: "Comma-separated claims to evaluate (default: all).")
    var only: String?

    @OptionGroup var parameters: ParameterModeOptions

    /// Whether runs draw uncertain parameters (all but `--central`).
    var uncertainty: Bool { parameters.drawsParameters }

    @Option(name: .long, help: "The seed shared by both arms of every claim.")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    static func number(_ value: Double) -> String { String(format: "%.3g", value) }

    func validate() throws {
        guard runs >= 2 else { throw ValidationError("--runs must be at least 2 for confidence intervals") }
    }

    func run() async throws {
        let scenario = try ScenarioInput.load(file, quiet: output.quiet)
        guard !scenario.claims.isEmpty else {
            throw ValidationError("\(scenario.name) states no claims; add a claims: section (docs/scenario-language.md)")
        }
        var claims = scenario.claims
        if let only {
            let names = only.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            for name in names where !claims.contains(where: { $0.name == name }) {
                let hint = Suggestions.hint(for: name, among: claims.map(\.name)).map { " (\($0))" } ?? ""
                throw ValidationError("\(scenario.name) has no claim '\(name)'\(hint)")
            }
            claims = claims.filter { names.contains($0.name) }
        }
        let base = RunConfiguration(scenario: scenario, seed: seed, samplesUncertainParameters: uncertainty)
        let options = EnsembleOptions(runs: runs, threads: output.threadCount)
        let bar = ProgressBar(total: runs * claims.count, label: "claims", quiet: output.quiet)
        let verdicts: [ClaimVerdict]
        do {
            verdicts = try await ClaimEvaluation.evaluate(scenario, claims: claims, base: base, options: options) { bar.update($0) }
        } catch {
            bar.finish()
            Terminal.error(error.description + "\n")
            throw ExitCode(65)
        }
        bar.finish()
        if let report = output.report {
            var html = HTMLReport(title: "\(scenario.name): the claims", scenario: scenario,
                                  command: HTMLReport.commandLine(CommandLine.arguments), seed: seed)
            html.addClaims(verdicts, runs: runs)
            try html.write(to: URL(fileURLWithPath: report))
        }
        print(ClaimsReport.render(verdicts, scenario: scenario.name, runs: runs, seed: seed, format: output.format), terminator: "")
        if output.format == .table, let calibration = scenario.calibration {
            // The answers rest on the calibrated parameters: say which, and how sure the data are.
            print("\nCalibrated parameters (\(calibration.file); posterior median and 95% interval\(uncertainty ? ", drawn from the posterior per run" : "")):")
            for name in calibration.parameters {
                guard let index = scenario.parameterIndex(named: name) else { continue }
                let interval = calibration.intervals[name].map { " [\(Self.number($0.lowerBound)), \(Self.number($0.upperBound))]" } ?? ""
                print("  \(name) \(Self.number(scenario.parameters[index].value))\(interval)")
            }
            if let command = calibration.command { print("  fitted by: \(command)") }
        }
    }
}
