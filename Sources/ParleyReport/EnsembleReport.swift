import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyNumerics

/// How an ensemble's results are rendered: a terminal table, JSON or CSV.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv
}

/// What the user asked for, printed with the results so that they can be reproduced.
public struct RunDescription: Sendable, Codable, Equatable {
    /// The scenario's file (or shipped name).
    public var file: String
    /// The chosen policy of each actor that has policies.
    public var policies: [String: String]
    /// Parameters fixed with `--set`.
    public var overrides: [String: Double]
    /// Whether uncertain parameters were drawn.
    public var uncertainty: Bool

    /// Creates a description.
    public init(file: String, policies: [String: String], overrides: [String: Double], uncertainty: Bool) {
        self.file = file
        self.policies = policies
        self.overrides = overrides
        self.uncertainty = uncertainty
    }

    /// The description of `configuration` applied to `scenario`.
    public init(scenario: Scenario, configuration: RunConfiguration) {
        var policies: [String: String] = [:]
        for (index, actor) in scenario.actors.enumerated() {
            if let policy = configuration.policies[index] { policies[actor.name] = actor.policies[policy].name }
        }
        var overrides: [String: Double] = [:]
        for (index, value) in configuration.overrides { overrides[scenario.parameters[index].name] = value }
        self.init(file: scenario.file, policies: policies, overrides: overrides,
                  uncertainty: configuration.samplesUncertainParameters)
    }
}

/// Renders ensemble summaries.
public enum EnsembleReport {
    /// The quantiles shown: 10%, 50% and 90% (the 80% interval and the median).
    public static let quantiles = [0.1, 0.5, 0.9]

    /// The ensemble as text, JSON or CSV.
    public static func render(_ summary: EnsembleSummary, description: RunDescription, format: OutputFormat) -> String {
        switch format {
        case .table: return text(summary, description: description)
        case .csv: return table(summary).renderCSV()
        case .json: return json(summary, description: description)
        }
    }

    /// One row per metric: mean, standard deviation, 10th/50th/90th percentiles, min, max, unit.
    public static func table(_ summary: EnsembleSummary) -> Table {
        var table = Table(columns: ["metric", "mean", "sd", "p10", "median", "p90", "min", "max", "unit"],
                          alignments: [.left] + Array(repeating: .right, count: 7) + [.left])
        for metric in summary.metrics {
            let s = metric.summary
            table.append([metric.name, format(s.mean), format(s.standardDeviation)]
                + quantiles.map { format(s.quantile($0)) } + [format(s.minimum), format(s.maximum), metric.unit ?? ""])
        }
        return table
    }

    static func text(_ summary: EnsembleSummary, description: RunDescription) -> String {
        var lines = ["\(summary.scenario) — \(summary.runs) run\(summary.runs == 1 ? "" : "s"), seed \(summary.seed)"]
        lines += describe(description)
        return lines.joined(separator: "\n") + "\n\n" + table(summary).renderText()
    }

    /// The lines that say what was run: the policies, parameters fixed with `--set`, and whether
    /// uncertain parameters were drawn or held at their central values.
    static func describe(_ description: RunDescription) -> [String] {
        var lines: [String] = []
        if !description.policies.isEmpty {
            lines.append("policies: " + description.policies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        if !description.overrides.isEmpty {
            lines.append("set: " + description.overrides.sorted { $0.key < $1.key }.map { "\($0.key)=\(format($0.value))" }.joined(separator: " "))
        }
        lines.append(description.uncertainty
            ? "parameters: drawn per run from their distributions (the posterior where calibrated)"
            : "parameters: central values (--central): the spread is the model's randomness alone")
        return lines
    }

    /// A number for people: up to 4 significant decimals, no trailing zeros.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "-" : (value > 0 ? "inf" : "-inf") }
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        let magnitude = abs(value)
        let decimals = magnitude >= 1000 ? 1 : magnitude >= 1 ? 3 : 4
        var text = String(format: "%.\(decimals)f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    struct JSONMetric: Codable {
        var name: String
        var kind: String
        var unit: String?
        var count: Int
        var mean: Double?
        var sd: Double?
        var standard_error: Double?
        var p10: Double?
        var p50: Double?
        var p90: Double?
        var min: Double?
        var max: Double?
        var series: [JSONPoint]?
        var per: String?
        var periods: [JSONPeriodPoint]?
    }

    struct JSONPeriodPoint: Codable {
        var period: String
        var partial: Bool
        var mean: Double?
        var p10: Double?
        var p50: Double?
        var p90: Double?
    }

    struct JSONPoint: Codable {
        var step: String
        var mean: Double?
        var p10: Double?
        var p50: Double?
        var p90: Double?
    }

    struct JSONDocument: Codable {
        var scenario: String
        var file: String
        var runs: Int
        var seed: UInt64
        var policies: [String: String]
        var overrides: [String: Double]
        var uncertainty: Bool
        var metrics: [JSONMetric]
    }

    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    static func json(_ summary: EnsembleSummary, description: RunDescription) -> String {
        let metrics = summary.metrics.map { metric -> JSONMetric in
            let s = metric.summary
            return JSONMetric(
                name: metric.name, kind: metric.kind.rawValue, unit: metric.unit, count: s.count, mean: finite(s.mean),
                sd: finite(s.standardDeviation), standard_error: finite(s.standardError), p10: finite(s.quantile(0.1)),
                p50: finite(s.quantile(0.5)), p90: finite(s.quantile(0.9)), min: finite(s.minimum), max: finite(s.maximum),
                series: metric.series.isEmpty ? nil : zip(summary.stepLabels, metric.series).map { label, point in
                    JSONPoint(step: label, mean: finite(point.mean), p10: finite(point.quantile(0.1)),
                              p50: finite(point.quantile(0.5)), p90: finite(point.quantile(0.9)))
                },
                per: metric.periodGrid?.period.rawValue,
                periods: metric.periodGrid.map { grid in
                    zip(grid.labels.indices, metric.periods).map { index, point in
                        JSONPeriodPoint(period: grid.labels[index], partial: grid.isPartial[index], mean: finite(point.mean),
                                        p10: finite(point.quantile(0.1)), p50: finite(point.quantile(0.5)),
                                        p90: finite(point.quantile(0.9)))
                    }
                })
        }
        let document = JSONDocument(
            scenario: summary.scenario, file: description.file, runs: summary.runs, seed: summary.seed,
            policies: description.policies, overrides: description.overrides, uncertainty: description.uncertainty,
            metrics: metrics)
        return encode(document)
    }

    /// Stable, pretty JSON with sorted keys and a final newline.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }
}
