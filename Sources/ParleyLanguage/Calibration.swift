import Foundation

/// Where a scenario's calibrated parameter values came from (`calibration: FILE`).
public struct CalibrationSource: Sendable, Hashable {
    /// The calibration file as it was found (a path, or `<shipped>/…` for a shipped one).
    public var file: String
    /// The command that produced it, as written in the file.
    public var command: String?
    /// The method, as written in the file (e.g. ABC-SMC with its settings).
    public var method: String?
    /// The parameters it set, in file order.
    public var parameters: [String]
    /// Each parameter's posterior interval, as written in the file (`interval: [low, high]`).
    public var intervals: [String: ClosedRange<Double>]
    /// How many whole posterior draws the file holds (0 for a format-1 file, whose draws are
    /// per parameter).
    public var jointDrawCount: Int

    /// Creates a record of a calibration file.
    public init(file: String, command: String?, method: String?, parameters: [String], intervals: [String: ClosedRange<Double>] = [:],
                jointDrawCount: Int = 0) {
        self.file = file
        self.command = command
        self.method = method
        self.parameters = parameters
        self.intervals = intervals
        self.jointDrawCount = jointDrawCount
    }
}

/// Whole posterior draws that runs take together: each run that draws its parameters picks one
/// row, so the posterior's correlations between parameters survive (a calibration file's
/// `draws:`).
public struct JointDraws: Sendable, Hashable {
    /// The parameters of each row, by index in the scenario.
    public var parameters: [Int]
    /// The draws: one row per draw, one value per entry of ``parameters``, equally weighted.
    public var rows: [[Double]]

    /// Creates a table of joint draws.
    public init(parameters: [Int], rows: [[Double]]) {
        self.parameters = parameters
        self.rows = rows
    }
}

/// A calibration file, the format `parley calibrate` writes and `calibration: FILE` reads
/// (format 2). This type owns the format: it writes it (``text``) and ``CalibrationReader``
/// reads it.
///
/// ```yaml
/// parley-calibration: 2
/// scenario: "korea-history"
/// command: "parley calibrate --output korea-2021.calibration.yaml"
/// method: "ABC-SMC (adaptive tolerance), 400 particles × 6 generations, …"
/// fitted: "1990-01 to 2021-06"
/// targets:
///   launch_months_per_year: { observed: 1.587, scale: 1.143 }
/// parameters:
///   srbm_base:
///     value: -2.13                # the posterior median: what runs with --central use
///     interval: [-2.59, -1.17]    # the 95% posterior interval, for readers
///     prior: "uniform(-2.6, -1)"
///     source: "calibrated: …"
/// draws:                          # whole posterior draws: each run draws one row
///   columns: [srbm_base, w_relief]
///   rows:
///     - [-2.12, 1.7]
///     - [-1.95, 2.4]
/// ```
///
/// Format 1 files, which kept a separate `dist: choice(…)` per parameter and so lost the
/// posterior's correlations, still load, with a warning.
public struct CalibrationDocument: Sendable, Hashable {
    /// A summary statistic the fit compared: its observed value and the scale of its distance.
    public struct Target: Sendable, Hashable {
        /// The statistic's name.
        public var name: String
        /// Its observed value.
        public var observed: Double
        /// The scale that divides its distance.
        public var scale: Double

        /// Creates a target.
        public init(name: String, observed: Double, scale: Double) {
            self.name = name
            self.observed = observed
            self.scale = scale
        }
    }

    /// One fitted parameter's summary.
    public struct Fitted: Sendable, Hashable {
        /// The parameter's name.
        public var name: String
        /// The posterior median: the value of runs that do not draw (`--central`).
        public var median: Double
        /// The central 95% posterior interval.
        public var interval: ClosedRange<Double>
        /// The prior, as written in the scenario (`uniform(0, 0.5)`).
        public var prior: String
        /// The `source:` the parameter gets.
        public var source: String

        /// Creates a fitted parameter's summary.
        public init(name: String, median: Double, interval: ClosedRange<Double>, prior: String, source: String) {
            self.name = name
            self.median = median
            self.interval = interval
            self.prior = prior
            self.source = source
        }
    }

    /// The scenario that was fitted (its file's stem).
    public var scenario: String
    /// The command that wrote the file.
    public var command: String
    /// The method and its settings.
    public var method: String
    /// The months fitted, e.g. `1990-01 to 2021-06`.
    public var fitted: String
    /// The statistics compared.
    public var targets: [Target]
    /// The fitted parameters.
    public var parameters: [Fitted]
    /// Whole, equally weighted posterior draws: one row per draw, one value per fitted parameter
    /// in the order of ``parameters``.
    public var draws: [[Double]]

    /// Creates a document.
    public init(scenario: String, command: String, method: String, fitted: String, targets: [Target], parameters: [Fitted],
                draws: [[Double]]) {
        self.scenario = scenario
        self.command = command
        self.method = method
        self.fitted = fitted
        self.targets = targets
        self.parameters = parameters
        self.draws = draws
    }

    /// The file's text, format 2.
    public var text: String {
        var lines: [String] = []
        lines.append("# Written by `\(command)`. Do not edit by hand: rerun the command.")
        lines.append("# docs/validation.md explains the method, the statistics and what the posterior says.")
        lines.append("parley-calibration: 2")
        lines.append("scenario: \(Self.quoted(scenario))")
        lines.append("command: \(Self.quoted(command))")
        lines.append("method: \(Self.quoted(method))")
        lines.append("fitted: \(Self.quoted(fitted))")
        lines.append("targets:")
        for target in targets {
            lines.append("  \(target.name): { observed: \(Self.number(target.observed)), scale: \(Self.number(target.scale)) }")
        }
        lines.append("parameters:")
        for parameter in parameters {
            lines.append("  \(parameter.name):")
            lines.append("    value: \(Self.number(parameter.median))")
            lines.append("    interval: [\(Self.number(parameter.interval.lowerBound)), \(Self.number(parameter.interval.upperBound))]")
            lines.append("    prior: \(Self.quoted(parameter.prior))")
            lines.append("    source: \(Self.quoted(parameter.source))")
        }
        lines.append("# \(draws.count) whole posterior draws, equally weighted: runs that draw their parameters take one row each.")
        lines.append("draws:")
        lines.append("  columns: [\(parameters.map(\.name).joined(separator: ", "))]")
        lines.append("  rows:")
        for row in draws { lines.append("    - [\(row.map(Self.number).joined(separator: ", "))]") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number as the file writes it: four significant digits, whole numbers without a decimal point.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Reads calibration files (``CalibrationDocument``'s format 2, and format 1 with a warning) into
/// an overlay of the scenario's `parameters:` and a record of the file.
///
/// A scenario that names such a file (`calibration: FILE`) gets each listed parameter's `value`
/// and `source` replaced, as if written in the scenario, and its `dist:` replaced by the
/// posterior's marginal (`choice(…)` of its column of draws); everything else about the
/// parameter (bounds, unit, description) stays. Runs that draw parameters take whole rows.
enum CalibrationReader {
    static let topLevelKeys = ["parley-calibration", "scenario", "command", "method", "created", "fitted", "targets", "parameters",
                               "draws", "notes"]
    static let parameterKeys = ["value", "dist", "interval", "prior", "source", "description"]

    /// What a calibration file gives the loader.
    struct Reading {
        /// The overlay tree: `parameters: {NAME: {value, dist, source}}`.
        var overlay: YAMLNode
        /// The record of the file.
        var source: CalibrationSource
        /// The joint draws' columns by name, with where each is written, and the rows.
        var columns: [(name: String, location: SourceLocation)]
        var rows: [[Double]]
    }

    /// The file's overlay, record and draws, or nil after logging what is wrong.
    static func read(_ node: YAMLNode, file: String, log: inout DiagnosticLog) -> Reading? {
        guard let top = MappingFields(node, allowed: topLevelKeys, what: "a calibration file", log: &log) else { return nil }
        guard let version = top.scalar("parley-calibration", log: &log) else {
            log.error(top.location, "missing 'parley-calibration: 2'", expected: "parley-calibration: 2 as the first line",
                      hint: "calibration files are written by 'parley calibrate'")
            return nil
        }
        guard version.text == "1" || version.text == "2" else {
            log.error(version.location, "this is calibration format \(version.text), but Parley reads formats 1 and 2",
                      expected: "parley-calibration: 2", hint: "rerun 'parley calibrate' with this version of Parley")
            return nil
        }
        let format = version.text == "1" ? 1 : 2
        guard let parameters = top["parameters"], let pairs = parameters.pairs else {
            log.error(top["parameters"]?.location ?? top.location, "a calibration file needs 'parameters:', a mapping of parameter names",
                      expected: "parameters: { NAME: { value: …, interval: […], source: … } }")
            return nil
        }
        var table: (columns: [(name: String, location: SourceLocation)], rows: [[Double]])?
        if format == 2 {
            guard let draws = top["draws"] else {
                log.error(top.location, "a format-2 calibration file needs 'draws:', the whole posterior draws",
                          expected: "draws: { columns: [NAME, …], rows: [[…], …] }", hint: "rerun 'parley calibrate'")
                return nil
            }
            guard let read = readDraws(draws, parameters: pairs.map(\.key), log: &log) else { return nil }
            table = read
        } else {
            log.warning(version.location, "calibration format 1 keeps each parameter's posterior draws apart, so runs lose the "
                + "posterior's correlations", hint: "rerun the command in this file ('parley calibrate') to write format 2, with whole draws")
            if let draws = top["draws"] {
                log.error(draws.location, "'draws:' belongs to calibration format 2", expected: "parley-calibration: 2")
            }
        }
        var overlay: [YAMLPair] = []
        var names: [String] = []
        var intervals: [String: ClosedRange<Double>] = [:]
        for pair in pairs {
            guard let fields = MappingFields(pair.value, allowed: parameterKeys, what: "calibrated parameter '\(pair.key)'", log: &log) else {
                continue
            }
            guard fields["value"] != nil else {
                log.error(pair.keyLocation, "calibrated parameter '\(pair.key)' has no 'value:'", expected: "value: the posterior median")
                continue
            }
            if format == 2, let dist = fields["dist"] {
                log.error(dist.location, "a format-2 calibration file keeps its draws under 'draws:', not per parameter",
                          hint: "remove this dist:; rerun 'parley calibrate' to rewrite the file")
            }
            var kept = (pair.value.pairs ?? []).filter { ["value", "dist", "source"].contains($0.key) }
            if fields["source"] == nil {
                kept.append(YAMLPair(key: "source", keyLocation: pair.keyLocation,
                                     value: .scalar(YAMLScalar(text: "calibrated (\(file))", location: pair.keyLocation, isQuoted: true,
                                                               hasExactColumns: false))))
            }
            if let table, let column = table.columns.firstIndex(where: { $0.name == pair.key }) {
                // The marginal of the joint draws, for what reads one parameter's distribution.
                let marginal = "choice(" + table.rows.map { CalibrationDocument.number($0[column]) }.joined(separator: ", ") + ")"
                kept.append(YAMLPair(key: "dist", keyLocation: table.columns[column].location,
                                     value: .scalar(YAMLScalar(text: marginal, location: table.columns[column].location, isQuoted: true,
                                                               hasExactColumns: false))))
            }
            if let interval = fields["interval"] {
                let bounds = (interval.sequenceItems ?? []).compactMap { $0.scalarValue.flatMap { Double($0.text) } }
                if bounds.count == 2, bounds[0] <= bounds[1] {
                    intervals[pair.key] = bounds[0]...bounds[1]
                } else {
                    log.error(interval.location, "the interval of '\(pair.key)' must be two numbers, low first", expected: "interval: [low, high]")
                }
            }
            overlay.append(YAMLPair(key: pair.key, keyLocation: pair.keyLocation, value: .mapping(kept, pair.value.location)))
            names.append(pair.key)
        }
        let tree = YAMLNode.mapping([YAMLPair(key: "parameters", keyLocation: parameters.location, value: .mapping(overlay, parameters.location))],
                                    top.location)
        let record = CalibrationSource(file: file, command: top.text("command", log: &log), method: top.text("method", log: &log),
                                       parameters: names, intervals: intervals, jointDrawCount: table?.rows.count ?? 0)
        return Reading(overlay: tree, source: record, columns: table?.columns ?? [], rows: table?.rows ?? [])
    }

    /// `draws: { columns: [...], rows: [[...], ...] }`: every column a listed parameter, every row
    /// as long as the columns and made of finite numbers.
    private static func readDraws(_ node: YAMLNode, parameters: [String], log: inout DiagnosticLog)
        -> (columns: [(name: String, location: SourceLocation)], rows: [[Double]])?
    {
        guard let fields = MappingFields(node, allowed: ["columns", "rows"], what: "draws", log: &log) else { return nil }
        guard let columnNodes = fields["columns"]?.sequenceItems, !columnNodes.isEmpty else {
            log.error(fields["columns"]?.location ?? fields.location, "draws: needs 'columns:', a list of the fitted parameters",
                      expected: "columns: [NAME, …]")
            return nil
        }
        var columns: [(name: String, location: SourceLocation)] = []
        var ok = true
        for item in columnNodes {
            guard let scalar = item.scalarValue, !scalar.isNull else {
                log.error(item.location, "a column of draws must be a parameter's name, but this is \(item.kindName)")
                ok = false
                continue
            }
            if !parameters.contains(scalar.text) {
                log.error(scalar.location, "column '\(scalar.text)' of the draws is not one of the file's parameters",
                          expected: "one of \(parameters.joined(separator: ", "))", hint: Suggestions.hint(for: scalar.text, among: parameters))
                ok = false
            } else if columns.contains(where: { $0.name == scalar.text }) {
                log.error(scalar.location, "column '\(scalar.text)' of the draws is listed twice")
                ok = false
            }
            columns.append((scalar.text, scalar.location))
        }
        guard let rowNodes = fields["rows"]?.sequenceItems, !rowNodes.isEmpty else {
            log.error(fields["rows"]?.location ?? fields.location, "draws: needs 'rows:', at least one posterior draw",
                      expected: "rows: [[value, …], …], one value per column")
            return nil
        }
        var rows: [[Double]] = []
        rows.reserveCapacity(rowNodes.count)
        for rowNode in rowNodes {
            guard let items = rowNode.sequenceItems else {
                log.error(rowNode.location, "a row of draws must be a list of numbers, but this is \(rowNode.kindName)",
                          expected: "[value, …], one per column")
                ok = false
                continue
            }
            guard items.count == columns.count else {
                log.error(rowNode.location, "this row of draws has \(items.count) value\(items.count == 1 ? "" : "s"), but there are \(columns.count) columns",
                          expected: "one value per column")
                ok = false
                continue
            }
            var row: [Double] = []
            row.reserveCapacity(items.count)
            for item in items {
                guard let scalar = item.scalarValue, let value = LiteralReader.number(scalar, role: "a drawn value", log: &log) else {
                    if item.scalarValue == nil { log.error(item.location, "a drawn value must be a number, but this is \(item.kindName)") }
                    ok = false
                    break
                }
                row.append(value)
            }
            if row.count == columns.count { rows.append(row) }
        }
        return ok ? (columns, rows) : nil
    }
}
