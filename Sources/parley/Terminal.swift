import Foundation

/// Standard error and terminal facts for the command line.
enum Terminal {
    /// Writes to standard error (diagnostics and progress).
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal (progress bars only then).
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Whether colour may be used on standard error.
    static var usesColor: Bool { standardErrorIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
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
