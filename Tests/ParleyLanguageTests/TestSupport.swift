@testable import ParleyLanguage
import ParleyScenarios
@_exported import ParleyNumerics

/// A file the in-memory loader does not have.
struct MissingFile: Error {}

/// A loader that reads from `files` instead of the disk, so that `extends:` works in tests.
func loader(_ files: [String: String]) -> ScenarioLoader {
    ScenarioLoader(readFile: { path in
        guard let text = files[path] else { throw MissingFile() }
        return text
    }, shippedScenario: { ShippedScenarios.text(named: $0) })
}

/// The outcome of loading `main` (with the other files available for `extends:`).
func load(_ main: String, file: String = "s.yaml", others: [String: String] = [:]) -> Result<Scenario, ScenarioError> {
    var files = others
    files[file] = main
    do {
        return .success(try loader(files).load(path: file))
    } catch {
        return .failure(error)
    }
}

/// Every diagnostic of loading `main`, rendered as the command line prints it: the errors
/// and warnings of a failed load, or the warnings of a successful one.
func diagnostics(_ main: String, file: String = "s.yaml", others: [String: String] = [:]) -> [String] {
    switch load(main, file: file, others: others) {
    case let .success(scenario): scenario.warnings.map(\.description)
    case let .failure(error): error.diagnostics.map(\.description)
    }
}

/// Only the errors of loading `main`, rendered.
func errors(_ main: String, file: String = "s.yaml", others: [String: String] = [:]) -> [String] {
    switch load(main, file: file, others: others) {
    case .success: []
    case let .failure(error): error.errors.map(\.description)
    }
}

/// The scenario `main` describes; records an issue with its diagnostics if it does not load.
func scenario(_ main: String, file: String = "s.yaml", others: [String: String] = [:]) throws -> Scenario {
    try load(main, file: file, others: others).get()
}

/// A small valid scenario of 17 lines. Tests append a section to it, so the appended lines
/// start at line 18.
let base = """
parley: 1
name: Base
clock: { steps: 12 }
parameters:
  rate: { value: 0.5, source: assumption }
actors:
  us: { name: United States, opponent: dprk }
  dprk: { name: North Korea, opponent: us }
state:
  tension: { init: 0.5, min: 0, max: 1, source: assumption }
  dprk.warheads: { init: 45, min: 0, source: assumption }
actions:
  dprk.missile_test: { effects: { tension: "tension + 0.05" }, goldstein: -7.2 }
  dprk.hold: {}
  us.talk: {}
metrics:
  m: "final(tension)"

"""

/// The errors of `base` with a dynamics rule `tension: "EXPRESSION"`: the expression's first
/// character is at line 19, column 13, so the character at offset k is at column 13 + k.
func dynamicsErrors(_ expression: String) -> [String] {
    errors(base + "dynamics:\n  tension: \"\(expression)\"\n")
}
