import Foundation
import Testing

/// What one invocation of the `parley` binary produced.
struct Invocation {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// The `parley` binary built beside this test bundle.
func parleyExecutable() throws -> URL {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("parley")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/parley")
        .standardizedFileURL
    return try #require(FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil, "build the parley product first")
}

/// Runs `parley` with `arguments` in `directory` and waits for it.
func parley(_ arguments: String..., in directory: URL? = nil) throws -> Invocation {
    try parleyArguments(arguments, in: directory)
}

/// Runs `parley` with an array of arguments.
func parleyArguments(_ arguments: [String], in directory: URL? = nil) throws -> Invocation {
    let process = Process()
    process.executableURL = try parleyExecutable()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both pipes before waiting, so that a full pipe cannot block the child.
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
}

/// A fresh folder holding the given files.
func folder(with files: [String: String]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return url
}
