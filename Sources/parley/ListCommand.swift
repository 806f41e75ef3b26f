import ArgumentParser
import ParleyLanguage
import ParleyReport
import ParleyScenarios

/// `parley list`: the shipped scenarios, or one scenario's actors, policies, parameters and metrics.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the shipped scenarios, or describe one scenario.",
        discussion: """
            Examples:
              parley list                          # every shipped scenario
              parley list prisoners-dilemma        # its actors, policies, parameters (with sources) and metrics
              parley list my.yaml --format json
            """
    )

    @Argument(help: "A scenario file or shipped scenario to describe in detail.")
    var scenario: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    struct Overview: Codable {
        var name: String
        var title: String
        var isDefault: Bool
        var actors: [ActorOverview]
        var metrics: [String]
        var parameters: [ParameterOverview]?
    }

    struct ActorOverview: Codable {
        var name: String
        var title: String
        var policies: [String]
        var defaultPolicy: String?
    }

    struct ParameterOverview: Codable {
        var name: String
        var value: Double
        var distribution: String?
        var unit: String?
        var source: String?
    }

    func run() throws {
        if let scenario {
            let loaded = try ScenarioInput.load(scenario, quiet: true)
            describe(overview(of: loaded, name: scenario, detailed: true))
            return
        }
        let overviews = try ShippedScenarios.names.map { name in
            overview(of: try ScenarioInput.load(name, quiet: true), name: name, detailed: false)
        }
        switch format {
        case .json:
            print(EnsembleReport.encode(overviews), terminator: "")
        case .table, .csv:
            var table = Table(columns: ["scenario", "title", "actors (policies)", "metrics"])
            for overview in overviews {
                table.append([
                    overview.name + (overview.isDefault ? " (default)" : ""), overview.title,
                    overview.actors.map { actor in
                        actor.policies.isEmpty ? actor.name : "\(actor.name) (\(actor.policies.joined(separator: ", ")))"
                    }.joined(separator: "; "),
                    overview.metrics.joined(separator: ", "),
                ])
            }
            print(format == .csv ? table.renderCSV() : table.renderText(), terminator: "")
        }
    }

    private func overview(of scenario: Scenario, name: String, detailed: Bool) -> Overview {
        Overview(
            name: name, title: scenario.name, isDefault: name == ShippedScenarios.defaultName,
            actors: scenario.actors.map { actor in
                ActorOverview(name: actor.name, title: actor.displayName, policies: actor.policies.map(\.name),
                              defaultPolicy: actor.defaultPolicy.map { actor.policies[$0].name })
            },
            metrics: scenario.metrics.map(\.name),
            parameters: detailed ? scenario.parameters.map { parameter in
                ParameterOverview(name: parameter.name, value: parameter.value, distribution: parameter.distribution?.description,
                                  unit: parameter.provenance.unit, source: parameter.provenance.source)
            } : nil)
    }

    private func describe(_ overview: Overview) {
        if format == .json {
            print(EnsembleReport.encode(overview), terminator: "")
            return
        }
        var actors = Table(columns: ["actor", "name", "policies", "default"])
        for actor in overview.actors {
            actors.append([actor.name, actor.title, actor.policies.joined(separator: ", "), actor.defaultPolicy ?? ""])
        }
        var parameters = Table(columns: ["parameter", "value", "dist", "unit", "source"],
                               alignments: [.left, .right, .left, .left, .left])
        for parameter in overview.parameters ?? [] {
            parameters.append([parameter.name, EnsembleReport.format(parameter.value), parameter.distribution ?? "",
                               parameter.unit ?? "", parameter.source ?? "(none)"])
        }
        if format == .csv {
            print(parameters.renderCSV(), terminator: "")
            return
        }
        print("\(overview.title) (\(overview.name))\n")
        print(actors.renderText())
        print(parameters.renderText())
        print("metrics: " + overview.metrics.joined(separator: ", "))
    }
}
