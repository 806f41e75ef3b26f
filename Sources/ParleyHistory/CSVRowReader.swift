/// Typed, checked access to one row of a ``CSVTable``: every failure is a
/// ``HistoryDataError`` at the field's own line and column.
public struct CSVRowReader: Sendable, Hashable {
    /// The file the row came from.
    public let file: String
    /// The row.
    public let row: CSVRow
    let columns: [String: Int]

    /// Where the row starts.
    public var location: HistoryLocation { HistoryLocation(file: file, line: row.line, column: 1) }

    /// The field in column `name`; a ``HistoryDataError/Kind/missingColumn`` error if the
    /// header has no such column.
    public func field(_ name: String) throws(HistoryDataError) -> CSVField {
        guard let index = columns[name], index < row.fields.count else {
            throw HistoryDataError(
                .missingColumn, at: HistoryLocation(file: file, line: 1, column: 1),
                "required column '\(name)' is missing from the header", expected: "a column named '\(name)'",
                hint: closestMatch(to: name, in: Array(columns.keys)).map { "is '\($0)' meant to be '\(name)'? rename the column" })
        }
        return row.fields[index]
    }

    /// Where the field of column `name` starts (the row's start if there is no such column).
    public func location(of name: String) -> HistoryLocation {
        guard let field = try? field(name) else { return location }
        return HistoryLocation(file: file, line: field.line, column: field.column)
    }

    /// The text of column `name`, as is (possibly empty).
    public func text(_ name: String) throws(HistoryDataError) -> String { try field(name).text }

    /// The text of column `name`, or nil when it is empty.
    public func optionalText(_ name: String) throws(HistoryDataError) -> String? {
        let text = try field(name).text
        return text.isEmpty ? nil : text
    }

    /// The non-empty text of column `name`.
    public func requiredText(_ name: String, expected: String) throws(HistoryDataError) -> String {
        let text = try field(name).text
        guard !text.isEmpty else { throw error(.badValue, name, "'\(name)' is empty", expected: expected) }
        return text
    }

    /// An error of `kind` at the field of column `name`.
    public func error(
        _ kind: HistoryDataError.Kind, _ name: String, _ message: String, expected: String? = nil, hint: String? = nil
    ) -> HistoryDataError {
        HistoryDataError(kind, at: location(of: name), message, expected: expected, hint: hint)
    }

    /// A whole number in `range`.
    public func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(HistoryDataError) -> Int {
        guard let value = try optionalInt(name, in: range) else {
            throw error(.badNumber, name, "'\(name)' is empty", expected: "a whole number in \(describe(range))")
        }
        return value
    }

    /// A whole number in `range`, or nil when the field is empty.
    public func optionalInt(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(HistoryDataError) -> Int? {
        let text = try field(name).text
        if text.isEmpty { return nil }
        guard let value = Int(text) else {
            throw error(
                .badNumber, name, "'\(text)' in '\(name)' is not a whole number", expected: "a whole number in \(describe(range))",
                hint: text.contains(" ") ? "remove the spaces" : nil)
        }
        guard range.contains(value) else {
            throw error(.badNumber, name, "\(value) in '\(name)' is out of range", expected: "a whole number in \(describe(range))")
        }
        return value
    }

    /// A finite number in `range`.
    public func double(_ name: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws(HistoryDataError) -> Double {
        guard let value = try optionalDouble(name, in: range) else {
            let unbounded = range.lowerBound == -Double.greatestFiniteMagnitude && range.upperBound == Double.greatestFiniteMagnitude
            throw error(.badNumber, name, "'\(name)' is empty", expected: unbounded ? "a decimal number such as 12.5" : "a number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// A finite number in `range`, or nil when the field is empty or one of `missing` (for
    /// sources that write `Unknown` for a missing number).
    public func optionalDouble(
        _ name: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
        missing: Set<String> = []
    ) throws(HistoryDataError) -> Double? {
        let text = try field(name).text
        if text.isEmpty || missing.contains(text) { return nil }
        let expected = range.lowerBound == -Double.greatestFiniteMagnitude && range.upperBound == Double.greatestFiniteMagnitude
            ? "a decimal number such as 12.5, or an empty field"
            : "a decimal number in \(range.lowerBound)…\(range.upperBound), or an empty field"
        let onlyNumberCharacters = text.utf8.allSatisfy { (48...57).contains($0) || $0 == 43 || $0 == 45 || $0 == 46 || $0 == 69 || $0 == 101 }
        guard onlyNumberCharacters, let value = Double(text), value.isFinite else {
            throw error(
                .badNumber, name, "'\(text)' in '\(name)' is not a number", expected: expected,
                hint: text.contains(",") ? "use a point as the decimal separator" : (text.contains(" ") ? "remove the spaces and units" : nil))
        }
        guard range.contains(value) else {
            throw error(.badNumber, name, "\(text) in '\(name)' is out of range", expected: expected)
        }
        return value
    }

    /// A date in one of `precisions`, not after `cutoff`. A month or year is refused when it
    /// lies wholly after the cut-off (`2021-07`, `2022`); one that starts by the cut-off
    /// (`2021-06`, `2021`) is accepted, as the point in time it names may be known by then.
    /// Counts over a whole period need the stricter check of ``periodEnd(_:notAfter:)``.
    public func date(
        _ name: String, precisions: Set<DatePrecision> = Set(DatePrecision.allCases), notAfter cutoff: HistoryDate? = nil
    ) throws(HistoryDataError) -> HistoryDate {
        guard let date = try optionalDate(name, precisions: precisions, notAfter: cutoff) else {
            throw error(.badDate, name, "'\(name)' is empty", expected: forms(precisions))
        }
        return date
    }

    /// Like ``date(_:precisions:notAfter:)`` but nil when the field is empty.
    public func optionalDate(
        _ name: String, precisions: Set<DatePrecision> = Set(DatePrecision.allCases), notAfter cutoff: HistoryDate? = nil
    ) throws(HistoryDataError) -> HistoryDate? {
        let text = try field(name).text
        if text.isEmpty { return nil }
        guard let date = HistoryDate(parsing: text) else {
            throw error(
                .badDate, name, "'\(text)' in '\(name)' is not a date", expected: forms(precisions),
                hint: HistoryDate(parsing: String(text.prefix(10))) != nil ? "put times and remarks in another column" : "dates are ISO 8601, e.g. 2017-09-03")
        }
        guard precisions.contains(date.precision) else {
            throw error(.badDate, name, "'\(text)' in '\(name)' has \(date.precision) precision", expected: forms(precisions))
        }
        if let cutoff, date.firstDay > cutoff.lastDay {
            throw error(
                .afterCutoff, name, "\(text) in '\(name)' is after the cut-off \(cutoff)",
                expected: "dates on or before \(cutoff)",
                hint: "the model is judged on what could be known on \(cutoff); remove rows after it")
        }
        return date
    }

    /// Checks that a period read from column `name` (a year of counts, say) ends by `cutoff`:
    /// counts for 2021 would include events after 2021-06-30.
    public func periodEnd(_ date: HistoryDate, of name: String, notAfter cutoff: HistoryDate) throws(HistoryDataError) {
        guard date.lastDay > cutoff.lastDay else { return }
        throw error(
            .afterCutoff, name, "\(date) in '\(name)' ends after the cut-off \(cutoff)",
            expected: "periods that end on or before \(cutoff)",
            hint: "counts over \(date) would include events after the cut-off; keep only complete periods")
    }

    /// One of the cases of `E`, by raw value (exact, case-sensitive).
    public func enumeration<E: RawRepresentable & CaseIterable>(_ name: String, as type: E.Type) throws(HistoryDataError) -> E
    where E.RawValue == String {
        let text = try field(name).text
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map(\.rawValue)
        throw error(
            .badValue, name, text.isEmpty ? "'\(name)' is empty" : "'\(text)' is not an allowed value of '\(name)'",
            expected: "one of \(allowed.joined(separator: ", "))",
            hint: closestMatch(to: text, in: allowed).map { "did you mean '\($0)'?" })
    }

    /// Provenance tags joined by `+` (`found_file+found_page`).
    public func provenance(_ name: String = "provenance") throws(HistoryDataError) -> [Provenance] {
        let text = try field(name).text
        var tags: [Provenance] = []
        for part in text.split(separator: "+", omittingEmptySubsequences: false) {
            guard let tag = Provenance(rawValue: String(part)) else {
                let allowed = Provenance.allCases.map(\.rawValue)
                throw error(
                    .badValue, name, "'\(part)' is not a provenance tag", expected: "tags from \(allowed.joined(separator: ", ")), joined by '+'",
                    hint: closestMatch(to: String(part), in: allowed).map { "did you mean '\($0)'?" })
            }
            tags.append(tag)
        }
        return tags
    }

    private func forms(_ precisions: Set<DatePrecision>) -> String {
        let all: [(DatePrecision, String)] = [(.day, "YYYY-MM-DD"), (.month, "YYYY-MM"), (.year, "YYYY")]
        return "a date " + all.filter { precisions.contains($0.0) }.map(\.1).joined(separator: " or ")
    }

    private func describe(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound == Int.min, range.upperBound == Int.max) {
        case (true, true): "any range"
        case (false, true): "\(range.lowerBound)…"
        case (true, false): "…\(range.upperBound)"
        case (false, false): "\(range.lowerBound)…\(range.upperBound)"
        }
    }
}

/// How a row's content was obtained, as the data set's `provenance` column says.
public enum Provenance: String, Sendable, Hashable, CaseIterable {
    /// Copied from a file found in a public repository.
    case foundFile = "found_file"
    /// Copied from a web page.
    case foundPage = "found_page"
    /// Partly from memory: unverified.
    case partlyRecalled = "partly_recalled"
    /// From memory: unverified.
    case recalled
}

/// Checks that `key` is unique over `readers`; the second occurrence is the error.
func checkUnique(_ readers: [CSVRowReader], column: String, key: (CSVRowReader) throws(HistoryDataError) -> String) throws(HistoryDataError) {
    var seen: [String: Int] = [:]
    for reader in readers {
        let value = try key(reader)
        if let first = seen[value] {
            throw reader.error(
                .duplicateID, column, "'\(value)' appears twice (first on line \(first))",
                expected: "each row's \(column) to be unique", hint: "remove or renumber one of the two rows")
        }
        seen[value] = reader.row.line
    }
}
