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

    /// Creates a loader.
    ///
    /// - Parameters:
    ///   - readFile: how to read a path (default: from disk, UTF-8).
    ///   - shippedScenario: the text of a shipped scenario by name, for `extends: NAME`
    ///     and for paths that name no file.
    public init(
        readFile: @escaping FileReader = { try String(contentsOfFile: $0, encoding: .utf8) },
        shippedScenario: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.readFile = readFile
        self.shippedScenario = shippedScenario
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
        let scenario = ScenarioReader.read(tree, file: file, log: &log)
        guard let scenario, !log.hasErrors else { throw ScenarioError(diagnostics: log.diagnostics) }
        var result = scenario
        result.warnings = ScenarioError(diagnostics: log.diagnostics).diagnostics
        return result
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
