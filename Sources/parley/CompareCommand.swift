import ArgumentParser
import Foundation
import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyReport

/// `parley compare`: one scenario under several policies of one actor, on paired runs.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare an actor's policies on paired runs (common random numbers).",
        discussion: """
            Every policy runs the same run indices with the same seed, so all of them see the same \\
            parameter draws and the same random events; the difference column is the mean paired difference \\
            from the reference policy, with a 95% confidence interval.

            Examples:
              parley compare
              parley compare prisoners-dilemma --actor row --policies tit_for_tat,grim_trigger,generous_tit_for_tat
              parley compare my.yaml --actor us --reference strategic_patience --runs 5000 --format csv
              parley compare korea-2021 --runs 4000 --report korea-policies.html
            """
    )

    @Argument(help: "A scenario file, or the name of a shipped scenario (default: the default scenario).")
    var file: String?

    @Option(name: .long, help: "The actor whose policies are compared (default: the first actor with several policies).")
    var actor: String?

    @Option(name: .long, help: "Comma-separated policies to compare (default: all of the actor's).")
    var policies: String?

    @Option(name: .long, help: "The policy the others are compared against (default: the first).")
    var reference: String?

    @Option(name: .long, help: "Paired runs per policy.")
    var runs = 1000

    @Option(name: .long, help: ArgumentHelp("Fix another actor's policy, as actor=policy (repeatable).", valueName: "actor=policy"))
    var policy: [String] = []

    @Option(name: .long, help: ArgumentHelp("Fix a parameter's value, as name=value (repeatable).", valueName: "name=value"))
    var set: [String] = []

    @OptionGroup var parameters: ParameterModeOptions

    /// Whether runs draw uncertain parameters (all but `--central`).
    var uncertainty: Bool { parameters.drawsParameters }

    @Option(name: .long, help: "The seed shared by every policy.")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard runs >= 2 else { throw ValidationError("--runs must be at least 2 for confidence intervals") }
    }

    func run() async throws {
        let scenario = try ScenarioInput.load(file, quiet: output.quiet)
        let base = try ScenarioRunOptions.configuration(
            for: scenario, policy: policy, set: set, uncertainty: uncertainty, seed: seed)
        guard let actorName = actor ?? scenario.actors.first(where: { $0.policies.count >= 2 })?.name else {
            throw ValidationError("\(scenario.name) has no actor with two or more policies to compare")
        }
        let arms: [ComparisonArm]
        do {
            arms = try PolicyComparison.arms(
                of: scenario, actor: actorName,
                policies: policies.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
                reference: reference, base: base)
        } catch {
            throw ValidationError(error.description)
        }
        let options = EnsembleOptions(runs: runs, threads: output.threadCount)
        let bar = ProgressBar(total: runs, label: "comparing", quiet: output.quiet)
        let result: PolicyComparisonResult
        do {
            result = try await PolicyComparison.run(scenario, arms: arms, options: options) { bar.update($0) }
        } catch {
            bar.finish()
            Terminal.error(error.description + "\n")
            throw ExitCode(65)
        }
        bar.finish()
        if let report = output.report {
            var html = HTMLReport(title: "\(scenario.name): the policies of \(actorName) compared", scenario: scenario,
                                  command: HTMLReport.commandLine(CommandLine.arguments), seed: seed)
            html.addComparison(result)
            try html.write(to: URL(fileURLWithPath: report))
        }
        print(ComparisonReport.render(result, format: output.format), terminator: "")
    }
}
