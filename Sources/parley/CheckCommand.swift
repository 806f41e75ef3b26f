import ArgumentParser
import ParleyLanguage
import ParleyReport

/// `parley check`: report every problem in scenario files without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check scenario files and report every problem at once.",
        discussion: """
            Problems are printed as file:line:column: error: message, with what was expected and a hint.
            Exits 65 if any file has an error; warnings (such as a missing source:) do not fail the check.

            Examples:
              parley check my-scenario.yaml
              parley check Scenarios/files/*.yaml --format json
            """
    )

    @Argument(help: "Scenario files (or shipped scenario names) to check.")
    var files: [String]

    @Option(name: .long, help: "Output format: table (diagnostics as text) or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one scenario file to check") }
        guard format != .csv else { throw ValidationError("check prints text or json, not csv") }
    }

    struct JSONDiagnostic: Codable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var expected: String?
        var hint: String?
    }

    func run() throws {
        var failed = false
        var missing: [String] = []
        var all: [JSONDiagnostic] = []
        for file in files {
            let scenario: Scenario?, diagnostics: [Diagnostic]
            do {
                (scenario, diagnostics) = try ScenarioInput.diagnose(file)
            } catch let error as ValidationError {
                // Check the other files before reporting the usage error.
                missing.append(error.message)
                continue
            }
            failed = failed || scenario == nil
            all += diagnostics.map {
                JSONDiagnostic(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                               severity: $0.severity.rawValue, message: $0.message, expected: $0.expected, hint: $0.hint)
            }
            guard format == .table else { continue }
            if scenario == nil {
                Terminal.error(ScenarioError(diagnostics: diagnostics).description + "\n")
            } else {
                for diagnostic in diagnostics { Terminal.error(diagnostic.description + "\n") }
                let warnings = diagnostics.count
                print("ok: \(file)" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""))
            }
        }
        if format == .json { print(EnsembleReport.encode(all), terminator: "") }
        if !missing.isEmpty { throw ValidationError(missing.joined(separator: "\n")) }
        if failed { throw ExitCode(65) }
    }
}
