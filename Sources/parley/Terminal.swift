import ArgumentParser
import Foundation
import ParleyReport

/// Standard error and terminal facts for the command line.
enum Terminal {
    /// Writes to standard error (diagnostics and progress).
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal (progress bars only then).
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}

/// A progress bar on standard error, drawn only on a terminal and only once a task has run
/// for half a second, so that short runs print nothing extra.
struct ProgressBar: Sendable {
    let total: Int
    let label: String
    let isEnabled: Bool
    let start = Date()

    init(total: Int, label: String, quiet: Bool) {
        self.total = total
        self.label = label
        self.isEnabled = !quiet && Terminal.standardErrorIsTerminal && total > 0
    }

    /// Redraws the bar for `done` of `total`.
    func update(_ done: Int) {
        guard isEnabled, Date().timeIntervalSince(start) > 0.5 else { return }
        let width = 30
        let fraction = Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        Terminal.error("\r\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total)")
    }

    /// Clears the bar's line.
    func finish() {
        guard isEnabled, Date().timeIntervalSince(start) > 0.5 else { return }
        Terminal.error("\r" + String(repeating: " ", count: label.count + 50) + "\r")
    }
}

/// Options shared by the commands that run ensembles and print results.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "How many runs execute at once (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "No progress bar and no warnings on standard error.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML report with charts to FILE.", valueName: "FILE"))
    var report: String?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The number of threads to use.
    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
