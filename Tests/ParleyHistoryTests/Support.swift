import Foundation
import Testing
import ParleyData
@testable import ParleyHistory

/// The shipped DPRK files, as text, and helpers to load variants of them.
enum Shipped {
    static let directory = ShippedData.dprkDirectory
    static let fileNames = [
        DPRKRecord.FileName.missileTests, DPRKRecord.FileName.missileTestsAnnual, DPRKRecord.FileName.nuclearTests,
        DPRKRecord.FileName.sanctions, DPRKRecord.FileName.episodes, DPRKRecord.FileName.warheads,
    ]

    /// The text of a shipped file ("" if it cannot be read, which the load tests catch).
    static func text(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    static let texts: [String: String] = Dictionary(uniqueKeysWithValues: fileNames.map { ($0, text($0)) })

    /// The shipped files parsed from memory (named by file name), so variants re-read one file only.
    static let tables: [String: CSVTable] = Dictionary(uniqueKeysWithValues: fileNames.compactMap { name in
        (try? CSVTable(text: texts[name] ?? "", file: name)).map { (name, $0) }
    })

    /// The shipped record (nil if it fails to load; `shippedDataLoadCleanly` reports why).
    static let record: DPRKRecord? = try? DPRKRecord(directory: directory)

    /// The record with the file `name` replaced by `text` (bytes), read from memory.
    static func record(replacing name: String, with bytes: [UInt8]) throws(HistoryDataError) -> DPRKRecord {
        func table(_ file: String) throws(HistoryDataError) -> CSVTable {
            if file == name { return try CSVTable(bytes: bytes, file: file) }
            if let parsed = tables[file] { return parsed }
            return try CSVTable(text: texts[file] ?? "", file: file)
        }
        return try DPRKRecord(
            missileTests: table(DPRKRecord.FileName.missileTests), missileTestsAnnual: table(DPRKRecord.FileName.missileTestsAnnual),
            nuclearTests: table(DPRKRecord.FileName.nuclearTests), sanctions: table(DPRKRecord.FileName.sanctions),
            episodes: table(DPRKRecord.FileName.episodes), warheads: table(DPRKRecord.FileName.warheads))
    }

    /// The record with one line of file `name` (1-based) replaced.
    static func record(in name: String, line: Int, replacedBy newLine: String) throws(HistoryDataError) -> DPRKRecord {
        var lines = lines(of: texts[name] ?? "")
        if line >= 1 && line <= lines.count { lines[line - 1] = newLine }
        return try record(replacing: name, with: Array(lines.joined(separator: "\r\n").utf8))
    }

    /// The lines of `text` (the shipped files end lines with CRLF), without their line ends.
    static func lines(of text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
    }

    /// Line `line` (1-based) of shipped file `name`.
    static func line(_ line: Int, of name: String) -> String {
        let lines = lines(of: texts[name] ?? "")
        return line >= 1 && line <= lines.count ? lines[line - 1] : ""
    }
}

/// The ``HistoryDataError`` `body` throws, or nil (any other error is recorded as an issue).
func caught<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> HistoryDataError? {
    do {
        _ = try body()
        return nil
    } catch let error as HistoryDataError {
        return error
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Checks that `error` is of `kind` at `line:column` of `file` and that its text starts with
/// `file:line:column: error:` and carries an `expected:` line.
func expectError(
    _ error: HistoryDataError?, _ kind: HistoryDataError.Kind, file: String, line: Int, column: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error else {
        Issue.record("expected a \(kind) error, got none", sourceLocation: sourceLocation)
        return
    }
    #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    #expect(error.description.hasPrefix("\(file):\(line):\(column): error: "), "\(error)", sourceLocation: sourceLocation)
    #expect(error.description.contains("\n    expected: "), "\(error)", sourceLocation: sourceLocation)
}

/// Replaces field `column` (0-based) of a simple CSV line without quotes before that field.
func replacingField(_ index: Int, of line: String, with value: String) -> String {
    var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[index] = value
    return fields.joined(separator: ",")
}

/// The column (from 1) where field `index` (0-based) starts in a line without quotes before it.
func columnOfField(_ index: Int, in line: String) -> Int {
    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
    return fields.prefix(index).reduce(1) { $0 + $1.count + 1 }
}
