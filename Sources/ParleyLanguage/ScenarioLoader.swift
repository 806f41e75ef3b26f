import Foundation

/// Loads scenario files: reads YAML, follows `extends:`, checks and compiles.
///
/// ```swift
/// let loader = ScenarioLoader()
/// let scenario = try loader.load(path: "my-variant.yaml")   // throws ScenarioError
/// ```
public struct ScenarioLoader: Sendable {
    /// Reads a file's text by path; throws if it cannot.
    public typealias FileReader = @Sendable (String) throws -> String

    private let readFile: FileReader
    private let shippedScenario: @Sendable (String) -> String?
    /// Whether a scenario's `calibration:` file replaces the values of the parameters it lists.
    /// `parley calibrate` and `parley backtest` turn it off: they start again from the priors.
    public var appliesCalibration: Bool

    /// Creates a loader.
    ///
    /// - Parameters:
    ///   - readFile: how to read a path (default: from disk, UTF-8).
    ///   - shippedScenario: the text of a shipped file by name or relative path, for
    ///     `extends: NAME`, `calibration: FILE` and for paths that name no file.
    ///   - appliesCalibration: whether `calibration:` files apply (default true).
    public init(
        readFile: @escaping FileReader = { try String(contentsOfFile: $0, encoding: .utf8) },
        shippedScenario: @escaping @Sendable (String) -> String? = { _ in nil },
        appliesCalibration: Bool = true
    ) {
        self.readFile = readFile
        self.shippedScenario = shippedScenario
        self.appliesCalibration = appliesCalibration
    }

    /// Loads, checks and compiles the scenario at `path`.
    ///
    /// - Throws: ``ScenarioError`` with every problem found, when there is at least one error.
    public func load(path: String) throws(ScenarioError) -> Scenario {
        var log = DiagnosticLog()
        guard let tree = resolve(path: path, from: nil, at: nil, chain: [], log: &log) else {
            throw ScenarioError(diagnostics: log.diagnostics)
        }
        return try finish(tree: tree, file: path, log: log)
    }

    /// Checks and compiles scenario text that is not on disk (`file` names it in diagnostics).
    /// `extends:` paths are resolved relative to `file`'s folder.
    public func load(text: String, file: String) throws(ScenarioError) -> Scenario {
        var log = DiagnosticLog()
        guard let node = YAMLReader.read(text, file: file, log: &log),
              let tree = applyExtends(node, file: file, chain: [file], log: &log) else {
            throw ScenarioError(diagnostics: log.diagnostics)
        }
        return try finish(tree: tree, file: file, log: log)
    }

    /// Checks the scenario at `path` and returns every diagnostic (errors and warnings)
    /// without throwing.
    public func check(path: String) -> [Diagnostic] {
        do {
            return try load(path: path).warnings
        } catch {
            return error.diagnostics
        }
    }

    private func finish(tree: YAMLNode, file: String, log: DiagnosticLog) throws(ScenarioError) -> Scenario {
        var log = log
        let (tree, calibration) = applyCalibration(tree, file: file, log: &log)
        let scenario = ScenarioReader.read(tree, file: file, log: &log)
        guard var result = scenario, !log.hasErrors else { throw ScenarioError(diagnostics: log.diagnostics) }
        if let calibration {
            for (name, location) in calibration.unknown {
                log.error(location, "the calibration sets '\(name)', which this scenario does not declare",
                          hint: Suggestions.hint(for: name, among: result.parameters.map(\.name))
                              ?? "rerun 'parley calibrate' for this scenario, or remove the parameter from the file")
            }
            guard !log.hasErrors else { throw ScenarioError(diagnostics: log.diagnostics) }
            result.calibration = calibration.source
            let columns = calibration.columns.compactMap { result.parameterIndex(named: $0.name) }
            if !calibration.rows.isEmpty, columns.count == calibration.columns.count {
                result.jointDraws = JointDraws(parameters: columns, rows: calibration.rows)
            }
        }
        result.warnings = ScenarioError(diagnostics: log.diagnostics).diagnostics
        return result
    }

    /// Removes `calibration:` from the merged tree and, when calibrations apply, lays the file's
    /// parameter values over the tree's. Returns the names it set with where, to check them once
    /// the scenario is read.
    private func applyCalibration(_ tree: YAMLNode, file: String, log: inout DiagnosticLog)
        -> (YAMLNode, (source: CalibrationSource, unknown: [(String, SourceLocation)], columns: [(name: String, location: SourceLocation)],
                       rows: [[Double]])?)
    {
        guard case let .mapping(pairs, location) = tree, let index = pairs.firstIndex(where: { $0.key == "calibration" }) else {
            return (tree, nil)
        }
        var own = pairs
        let pair = own.remove(at: index)
        let stripped = YAMLNode.mapping(own, location)
        guard appliesCalibration else { return (stripped, nil) }
        guard let scalar = pair.value.scalarValue, !scalar.isNull else {
            log.error(pair.value.location, "calibration: must name one file", expected: "a path such as korea-2021.calibration.yaml")
            return (stripped, nil)
        }
        // Relative to the file that wrote the key (an extended base keeps its own folder).
        let includer = scalar.location.file
        let path = ScenarioLoader.relative(scalar.text, to: includer)
        var text: String?
        var found = path
        if !includer.hasPrefix("<"), let read = try? readFile(path) {
            text = read
        } else if let shipped = shippedScenario(scalar.text) {
            text = shipped
            found = "<shipped>/\(scalar.text)"
        }
        guard let text else {
            log.error(scalar.location, "cannot read calibration file '\(path)'",
                      hint: "calibration: takes a path relative to this file; 'parley calibrate' writes one")
            return (stripped, nil)
        }
        guard let node = YAMLReader.read(text, file: found, log: &log),
              let reading = CalibrationReader.read(node, file: found, log: &log) else { return (stripped, nil) }
        let overlay = reading.overlay
        // Only parameters the scenario declares are laid over; the others are reported once the
        // scenario is read (with a did-you-mean among its parameters).
        let declared = Set(stripped["parameters"]?.pairs?.map(\.key) ?? [])
        let listed = overlay["parameters"]?.pairs ?? []
        let known = listed.filter { declared.contains($0.key) }
        let unknown = listed.filter { !declared.contains($0.key) }.map { ($0.key, $0.keyLocation) }
        let merged = YAMLReader.merge(base: stripped, child: .mapping([YAMLPair(key: "parameters", keyLocation: location, value: .mapping(known, location))], location))
        return (merged, (reading.source, unknown, reading.columns, reading.rows))
    }

    /// Reads `path` (a file, or a shipped scenario's name) and applies its `extends:` chain.
    private func resolve(path: String, from includer: String?, at location: SourceLocation?, chain: [String],
                         log: inout DiagnosticLog) -> YAMLNode? {
        let candidates = includer.map { ScenarioLoader.relative(path, to: $0) } ?? path
        var text: String?
        var file = candidates
        do {
            text = try readFile(candidates)
        } catch {
            let name = (path as NSString).lastPathComponent
            if let shipped = shippedScenario(name) ?? shippedScenario(path) {
                text = shipped
                file = "<shipped>/\(name.hasSuffix(".yaml") ? name : name + ".yaml")"
            }
        }
        guard let text else {
            let where_ = location ?? SourceLocation(file: path, line: 1, column: 1)
            log.error(where_, "cannot read scenario '\(candidates)'",
                      hint: location == nil ? "check the path; 'parley list' shows the shipped scenarios"
                                            : "extends: takes a path relative to this file, or a shipped scenario's name")
            return nil
        }
        if chain.contains(file) {
            log.error(location ?? SourceLocation(file: file, line: 1, column: 1),
                      "cyclic extends: \((chain + [file]).joined(separator: " → "))",
                      hint: "a scenario cannot extend itself, directly or through others")
            return nil
        }
        guard let node = YAMLReader.read(text, file: file, log: &log) else { return nil }
        return applyExtends(node, file: file, chain: chain + [file], log: &log)
    }

    private func applyExtends(_ node: YAMLNode, file: String, chain: [String], log: inout DiagnosticLog) -> YAMLNode? {
        guard case let .mapping(pairs, location) = node else { return node }
        guard let index = pairs.firstIndex(where: { $0.key == "extends" }) else { return node }
        let pair = pairs[index]
        guard let scalar = pair.value.scalarValue, !scalar.isNull else {
            log.error(pair.value.location, "extends: must name one scenario", expected: "a path such as base.yaml, or a shipped scenario's name")
            return nil
        }
        guard let base = resolve(path: scalar.text, from: file, at: scalar.location, chain: chain, log: &log) else { return nil }
        var own = pairs
        own.remove(at: index)
        return YAMLReader.merge(base: base, child: .mapping(own, location))
    }

    static func relative(_ path: String, to includer: String) -> String {
        if path.hasPrefix("/") || includer.hasPrefix("<") { return path }
        let folder = (includer as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }
}
