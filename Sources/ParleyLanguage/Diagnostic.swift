/// One problem found in a scenario: where, what, what was expected, and a hint.
///
/// Rendered as `file:line:column: error: message`, followed by indented `expected:` and
/// `hint:` lines when present, so that editors can jump to it and people can act on it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The scenario cannot run.
        case error
        /// The scenario runs, but something deserves a look (for example a missing `source:`).
        case warning
    }

    /// Whether the scenario can still run.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// What the language expected at this place, if that helps.
    public var expected: String?
    /// What to do about it, such as a did-you-mean.
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, at location: SourceLocation, _ message: String,
        expected: String? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.expected = expected
        self.hint = hint
    }

    /// An error at `location`.
    public static func error(
        at location: SourceLocation, _ message: String, expected: String? = nil, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, at: location, message, expected: expected, hint: hint)
    }

    /// A warning at `location`.
    public static func warning(
        at location: SourceLocation, _ message: String, expected: String? = nil, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, at: location, message, expected: expected, hint: hint)
    }

    /// `file:line:column: error: message`, then `expected:` and `hint:` lines.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let expected { text += "\n    expected: \(expected)" }
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// The error thrown when a scenario has at least one error-severity diagnostic.
/// It carries every diagnostic found (errors and warnings), sorted by location.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// All problems found, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates the error from the diagnostics collected, sorted by location. A diagnostic
    /// repeated word for word (a YAML alias reuses a node) is kept once.
    public init(diagnostics: [Diagnostic]) {
        var seen: Set<Diagnostic> = []
        self.diagnostics = diagnostics.filter { seen.insert($0).inserted }.sorted { $0.location < $1.location }
    }

    /// Only the errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Every diagnostic on its own lines, then a count.
    public var description: String {
        let count = errors.count
        return (diagnostics.map(\.description) + ["\(count) error\(count == 1 ? "" : "s")"]).joined(separator: "\n")
    }
}

/// Collects diagnostics while a scenario is read, so that all problems are reported at once.
struct DiagnosticLog: Sendable {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func error(_ location: SourceLocation, _ message: String, expected: String? = nil, hint: String? = nil) {
        diagnostics.append(.error(at: location, message, expected: expected, hint: hint))
    }

    mutating func warning(_ location: SourceLocation, _ message: String, expected: String? = nil, hint: String? = nil) {
        diagnostics.append(.warning(at: location, message, expected: expected, hint: hint))
    }

    mutating func append(_ other: [Diagnostic]) { diagnostics += other }
}
