import ArgumentParser
import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyReport

/// `parley forecast`: an ensemble's metrics aggregated per calendar period (`per:`), as medians
/// and central intervals per period, or every run's values in long form.
struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast a scenario's per-period metrics: median and central 50% and 80% intervals per period.",
        discussion: """
            With no FILE, forecasts the default shipped scenario. Only metrics declared with 'per: year' \
            (or quarter, month) are forecast. Uncertain parameters are drawn per run (the posterior where \
            calibrated) unless --central holds them at their values.

            --format csv prints every run's value per period in long form, with the header \
            run,period,metric,value (period: 2022, 2022-Q3 or 2022-07), for pandas, R or a spreadsheet.

            Examples:
              parley forecast
              parley forecast korea-2021 --policy us=strategic_patience --runs 10000 --format csv > runs.csv
              parley forecast --report forecast.html
            """
    )

    @Argument(help: "A scenario file, or the name of a shipped scenario (see 'parley list').")
    var file: String?

    @Option(name: .long, help: "How many runs.")
    var runs = 1000

    @OptionGroup var scenarioOptions: ScenarioRunOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() async throws {
        let scenario = try ScenarioInput.load(file, quiet: output.quiet)
        guard scenario.metrics.contains(where: { $0.periods != nil }) else {
            Terminal.error("\(scenario.file): \(scenario.name) has no metric aggregated per period, so there is nothing to forecast\n"
                + "    hint: declare one with per:, e.g. missiles: { sum: \"number(did(dprk.missile_test))\", per: year } "
                + "(docs/scenario-language.md, Metrics)\n")
            throw ExitCode(65)
        }
        let configuration = try scenarioOptions.configuration(for: scenario)
        let simulation = Simulation(scenario: scenario, configuration: configuration)
        let options = EnsembleOptions(runs: runs, threads: output.threadCount, keepsRunValues: output.format == .csv)
        let bar = ProgressBar(total: runs, label: "forecasting", quiet: output.quiet)
        let summary: EnsembleSummary
        do {
            summary = try await Ensemble.run(simulation, options: options) { bar.update($0) }
        } catch {
            bar.finish()
            Terminal.error(error.description + "\n")
            throw ExitCode(65)
        }
        bar.finish()
        let description = RunDescription(scenario: scenario, configuration: configuration)
        if let report = output.report {
            var html = HTMLReport(title: scenario.name + " — forecast", scenario: scenario,
                                  command: HTMLReport.commandLine(CommandLine.arguments), seed: scenarioOptions.seed)
            let label = description.policies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            html.addEnsemble(summary, label: label.isEmpty ? "default" : label)
            try html.write(to: URL(fileURLWithPath: report))
        }
        print(ForecastReport.render(summary, description: description, format: output.format), terminator: "")
    }
}
