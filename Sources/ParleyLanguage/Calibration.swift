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

    /// Creates a record of a calibration file.
    public init(file: String, command: String?, method: String?, parameters: [String], intervals: [String: ClosedRange<Double>] = [:]) {
        self.file = file
        self.command = command
        self.method = method
        self.parameters = parameters
        self.intervals = intervals
    }
}

/// Reads calibration files: `parley-calibration: 1` files written by `parley calibrate`.
///
/// ```yaml
/// parley-calibration: 1
/// scenario: korea-history
/// command: parley calibrate korea-history --particles 600 --seed 1
/// method: ABC-SMC …
/// parameters:
///   srbm_base:
///     value: -1.9                 # the posterior median: runs without --uncertainty use it
///     dist: "choice(-2.1, …)"     # draws from the posterior (marginal) under --uncertainty
///     interval: [-2.4, -1.5]      # the 95% posterior interval, for readers
///     prior: "uniform(-2.6, -1)"
///     source: "calibrated: …"
/// ```
///
/// A scenario that names such a file (`calibration: FILE`) gets each listed parameter's
/// `value`, `dist` and `source` replaced, as if written in the scenario; everything else about
/// the parameter (bounds, unit, description) stays.
enum CalibrationReader {
    static let topLevelKeys = ["parley-calibration", "scenario", "command", "method", "created", "fitted", "targets", "parameters", "notes"]
    static let parameterKeys = ["value", "dist", "interval", "prior", "source", "description"]

    /// The overlay tree (`parameters: {NAME: {value, dist, source}}`) and the record, or nil after
    /// logging what is wrong.
    static func read(_ node: YAMLNode, file: String, log: inout DiagnosticLog) -> (overlay: YAMLNode, source: CalibrationSource)? {
        guard let top = MappingFields(node, allowed: topLevelKeys, what: "a calibration file", log: &log) else { return nil }
        guard let version = top.scalar("parley-calibration", log: &log) else {
            log.error(top.location, "missing 'parley-calibration: 1'", expected: "parley-calibration: 1 as the first line",
                      hint: "calibration files are written by 'parley calibrate'")
            return nil
        }
        guard version.text == "1" else {
            log.error(version.location, "this is calibration format \(version.text), but Parley reads format 1", expected: "parley-calibration: 1")
            return nil
        }
        guard let parameters = top["parameters"], let pairs = parameters.pairs else {
            log.error(top["parameters"]?.location ?? top.location, "a calibration file needs 'parameters:', a mapping of parameter names",
                      expected: "parameters: { NAME: { value: …, dist: …, source: … } }")
            return nil
        }
        var overlay: [YAMLPair] = []
        var names: [String] = []
        var intervals: [String: ClosedRange<Double>] = [:]
        for pair in pairs {
            guard let fields = MappingFields(pair.value, allowed: parameterKeys, what: "calibrated parameter '\(pair.key)'", log: &log) else {
                continue
            }
            guard fields["value"] != nil else {
                log.error(pair.keyLocation, "calibrated parameter '\(pair.key)' has no 'value:'", expected: "value: the point estimate")
                continue
            }
            var kept = (pair.value.pairs ?? []).filter { ["value", "dist", "source"].contains($0.key) }
            if fields["source"] == nil {
                kept.append(YAMLPair(key: "source", keyLocation: pair.keyLocation,
                                     value: .scalar(YAMLScalar(text: "calibrated (\(file))", location: pair.keyLocation, isQuoted: true, hasExactColumns: false))))
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
                                       parameters: names, intervals: intervals)
        return (tree, record)
    }
}
