import ArgumentParser
import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyReport

/// `parley run`: an ensemble of one scenario under one choice of policies.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an ensemble of a scenario and summarise its metrics.",
        discussion: """
            With no FILE, runs the default shipped scenario. FILE may also name a shipped scenario.

            Examples:
              parley run
              parley run prisoners-dilemma --policy row=grim_trigger --runs 5000 --format json
              parley run my.yaml --set warhead_rate=8 --central --seed 7 --threads 2
              parley run korea-2021 --runs 5000 --report korea.html
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
        let configuration = try scenarioOptions.configuration(for: scenario)
        let simulation = Simulation(scenario: scenario, configuration: configuration)
        let options = EnsembleOptions(runs: runs, threads: output.threadCount)
        let bar = ProgressBar(total: runs, label: "running", quiet: output.quiet)
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
            var html = HTMLReport(title: scenario.name, scenario: scenario, command: HTMLReport.commandLine(CommandLine.arguments),
                                  seed: scenarioOptions.seed)
            let label = description.policies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            html.addEnsemble(summary, label: label.isEmpty ? "default" : label)
            try html.write(to: URL(fileURLWithPath: report))
        }
        print(EnsembleReport.render(summary, description: description, format: output.format), terminator: "")
    }
}

extension OutputFormat: ExpressibleByArgument {}
