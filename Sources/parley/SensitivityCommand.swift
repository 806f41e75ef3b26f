import ArgumentParser
import Foundation
import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyReport

extension SensitivityMethod: ExpressibleByArgument {}

/// `parley sensitivity`: which uncertain parameters move a metric, by Morris screening or Sobol' indices.
struct SensitivityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Rank a scenario's uncertain parameters by how much they move a metric (Morris or Sobol').",
        discussion: """
            The factors are the parameters that carry a 'dist:' and are not fixed with --set. Each point of \
            the design sets every factor to a quantile of its distribution (truncated to its min/max) and \
            averages the metric over --runs-per-point runs; every point uses the same seed, so points differ \
            only in their parameters (common random numbers).

            morris: --samples trajectories of k+1 points each; ranks by mu* (mean absolute elementary \
            effect), with bootstrap intervals over trajectories. Cheap screening for many parameters.
            sobol:  --samples base samples N, N(k+2) points; first-order (S1) and total (ST) indices with \
            bootstrap intervals over rows. Uses the Sobol' sequence when 2k <= 32, pseudo-random draws otherwise.

            Examples:
              parley sensitivity --metric warheads_jan_2025 --runs-per-point 50
              parley sensitivity korea-2021 --metric deal_reached --policy us=grand_bargain
              parley sensitivity prisoners-dilemma --method sobol --samples 256
              parley sensitivity my.yaml --set warhead_rate=8 --seed 7 --format json
              parley sensitivity korea-2021 --metric freeze_months --report sensitivity.html
            """
    )

    @Argument(help: "A scenario file, or the name of a shipped scenario (default: the default scenario).")
    var file: String?

    @Option(name: .long, help: "The metric analysed (default: the scenario's first metric).")
    var metric: String?

    @Option(name: .long, help: "morris (screening, cheap) or sobol (variance shares, N(k+2) points).")
    var method: SensitivityMethod = .morris

    @Option(name: .long, help: "Trajectories for morris, base samples for sobol (default: 20 for morris, 256 for sobol).")
    var samples: Int?

    @Option(name: .long, help: "Morris grid levels (even).")
    var levels = 4

    @Option(name: .long, help: "Runs averaged at each point of the design.")
    var runsPerPoint = 50

    @Option(name: .long, help: ArgumentHelp("Pick an actor's policy, as actor=policy (repeatable).", valueName: "actor=policy"))
    var policy: [String] = []

    @Option(name: .long, help: ArgumentHelp("Fix a parameter's value and leave it out of the analysis, as name=value (repeatable).", valueName: "name=value"))
    var set: [String] = []

    @Option(name: .long, help: "The seed of the design, the bootstrap and every point's runs.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Bootstrap resamples for the confidence intervals (0: none).")
    var bootstrap = 1000

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let samples, samples < 2 { throw ValidationError("--samples must be at least 2") }
        guard runsPerPoint >= 1 else { throw ValidationError("--runs-per-point must be at least 1") }
        guard levels >= 2, levels % 2 == 0 else { throw ValidationError("--levels must be even and at least 2") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
    }

    func run() async throws {
        let scenario = try ScenarioInput.load(file, quiet: output.quiet)
        let configuration = try ScenarioRunOptions.configuration(
            for: scenario, policy: policy, set: set, uncertainty: false, seed: seed)
        let analysis: ScenarioSensitivity
        do {
            analysis = try ScenarioSensitivity(scenario: scenario, configuration: configuration, metric: metric,
                                               runsPerPoint: runsPerPoint)
        } catch {
            throw ValidationError(error.description)
        }
        let k = analysis.factors.count
        let count = samples ?? (method == .morris ? 20 : 256)
        let points = method == .morris ? count * (k + 1) : count * (k + 2)
        let bar = ProgressBar(total: points, label: "\(method.rawValue) (\(points) points)", quiet: output.quiet)
        let concurrency = output.threadCount
        let options = BootstrapOptions(resamples: bootstrap)
        let result: ScenarioSensitivityResult
        do {
            switch method {
            case .morris:
                result = try await analysis.morris(trajectories: count, levels: levels, bootstrap: options,
                                                   concurrency: concurrency) { bar.update($0) }
            case .sobol:
                result = try await analysis.sobol(baseSamples: count, bootstrap: options, concurrency: concurrency) {
                    bar.update($0)
                }
            }
        } catch let error as SensitivityError {
            bar.finish()
            throw ValidationError(error.description)
        } catch {
            bar.finish()
            Terminal.error("\(error)\n")
            throw ExitCode(65)
        }
        bar.finish()
        if let report = output.report {
            var html = HTMLReport(title: "\(scenario.name): sensitivity of \(result.metric)", scenario: scenario,
                                  command: HTMLReport.commandLine(CommandLine.arguments), seed: seed)
            let bars: [SensitivityBar]
            let measure: String
            switch result.analysis {
            case let .morris(morris):
                measure = "Morris μ*"
                bars = zip(result.factors, morris.effects).map { factor, effect in
                    SensitivityBar(name: factor.name, value: effect.absoluteMean,
                                   lower: effect.absoluteMeanInterval?.lower ?? effect.absoluteMean,
                                   upper: effect.absoluteMeanInterval?.upper ?? effect.absoluteMean, unit: result.metricUnit)
                }
            case let .sobol(sobol):
                measure = "total Sobol' index"
                bars = zip(result.factors, sobol.indices).map { factor, index in
                    SensitivityBar(name: factor.name, value: index.total, lower: index.totalInterval?.lower ?? index.total,
                                   upper: index.totalInterval?.upper ?? index.total)
                }
            }
            html.addSensitivity(bars, title: "Sensitivity of \(result.metric)", measure: measure, method: method.rawValue)
            try html.write(to: URL(fileURLWithPath: report))
        }
        print(SensitivityReport.render(result, format: output.format), terminator: "")
    }
}
