import Foundation

/// One field of a CSV file: its text (quotes removed, `""` turned into `"`) and where it starts.
public struct CSVField: Sendable, Hashable {
    /// The field's value.
    public var text: String
    /// The line of the field's first character (its opening quote, if quoted), from 1.
    public var line: Int
    /// The column of the field's first character, in Unicode scalars from 1.
    public var column: Int
    /// Whether the field was enclosed in double quotes.
    public var wasQuoted: Bool

    /// Creates a field.
    public init(text: String, line: Int, column: Int, wasQuoted: Bool = false) {
        self.text = text
        self.line = line
        self.column = column
        self.wasQuoted = wasQuoted
    }
}

/// One record of a CSV file.
public struct CSVRow: Sendable, Hashable {
    /// The fields, in file order.
    public var fields: [CSVField]
    /// The line the record starts on.
    public var line: Int
    /// The line and column just after the record's last character (where a missing field
    /// would have been).
    public var endLine: Int
    /// See ``endLine``.
    public var endColumn: Int
}

/// A CSV file read by the rules of RFC 4180 (Shafranovich 2005), keeping the line and column
/// of every field so that later checks can point at the exact place.
///
/// Accepted: fields separated by commas; records separated by CRLF, LF or a lone CR; fields in
/// double quotes, which may contain commas, line breaks and doubled quotes (`""`); a UTF-8
/// byte-order mark at the start; a missing final line break. Blank lines (outside quotes) are
/// skipped. Refused with a ``HistoryDataError``: bytes that are not UTF-8, a quote that is
/// never closed, a quote inside an unquoted field or text after a closing quote, a header
/// with an empty or repeated name, and a record whose field count differs from the header's.
///
/// ```swift
/// let table = try CSVTable(contentsOf: directory.appendingPathComponent("nuclear_tests.csv"))
/// for row in try table.rowReaders(requiring: ["test_no", "date_utc"]) {
///     let date = try row.date("date_utc", precisions: [.day])
/// }
/// ```
public struct CSVTable: Sendable, Hashable {
    /// The file's name as given (its path when read from disk); it starts every error message.
    public var file: String
    /// The header's fields (the column names).
    public var header: [CSVField]
    /// The data records, without the header and blank lines.
    public var rows: [CSVRow]

    /// The column names, in order.
    public var columnNames: [String] { header.map(\.text) }

    /// Reads the file at `url`; errors name the file by its path.
    public init(contentsOf url: URL) throws(HistoryDataError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw HistoryDataError(
                .unreadableFile, at: HistoryLocation(file: url.path, line: 1, column: 1),
                "cannot read the file (\(error.localizedDescription))",
                expected: "a readable CSV file", hint: "check the path and the folder's contents")
        }
        try self.init(bytes: [UInt8](data), file: url.path)
    }

    /// Reads CSV text held in memory; `file` names it in error messages.
    public init(text: String, file: String) throws(HistoryDataError) {
        try self.init(bytes: Array(text.utf8), file: file)
    }

    /// Reads CSV bytes (UTF-8, optionally with a byte-order mark); `file` names them in errors.
    public init(bytes: [UInt8], file: String) throws(HistoryDataError) {
        self.file = file
        let scalars = try CSVTable.decode(bytes, file: file)
        var records = try CSVTable.parse(scalars, file: file)
        guard !records.isEmpty else {
            throw HistoryDataError(
                .emptyFile, at: HistoryLocation(file: file, line: 1, column: 1), "the file has no header line",
                expected: "a header line naming the columns, then one line per row")
        }
        let headerRow = records.removeFirst()
        var seen: [String: CSVField] = [:]
        for field in headerRow.fields {
            let at = HistoryLocation(file: file, line: field.line, column: field.column)
            if field.text.isEmpty {
                throw HistoryDataError(
                    .duplicateColumn, at: at, "column \(seen.count + 1) of the header has no name",
                    expected: "a column name", hint: "a trailing comma on the header line adds an unnamed column")
            }
            if let first = seen[field.text] {
                throw HistoryDataError(
                    .duplicateColumn, at: at, "column '\(field.text)' appears twice in the header",
                    expected: "distinct column names", hint: "the first '\(field.text)' is at column \(first.column)")
            }
            seen[field.text] = field
        }
        header = headerRow.fields
        for row in records where row.fields.count != header.count {
            let count = row.fields.count
            let place: HistoryLocation
            if count > header.count {
                let extra = row.fields[header.count]
                place = HistoryLocation(file: file, line: extra.line, column: extra.column)
            } else {
                place = HistoryLocation(file: file, line: row.endLine, column: row.endColumn)
            }
            throw HistoryDataError(
                .wrongFieldCount, at: place,
                "row has \(count) field\(count == 1 ? "" : "s") but the header has \(header.count)",
                expected: "\(header.count) fields (\(CSVTable.abbreviatedList(headerRow.fields.map(\.text))))",
                hint: "a field containing a comma, a double quote or a line break must be enclosed in double quotes, with inner quotes doubled")
        }
        rows = records
    }

    /// The index of the column `name`; a ``HistoryDataError/Kind/missingColumn`` error on the
    /// header line when it is absent, with a did-you-mean.
    public func columnIndex(_ name: String) throws(HistoryDataError) -> Int {
        if let index = header.firstIndex(where: { $0.text == name }) { return index }
        let hint = closestMatch(to: name, in: columnNames).map { "is '\($0)' meant to be '\(name)'? rename the column" }
            ?? "the header has: \(CSVTable.abbreviatedList(columnNames))"
        throw HistoryDataError(
            .missingColumn, at: HistoryLocation(file: file, line: header.first?.line ?? 1, column: 1),
            "required column '\(name)' is missing from the header", expected: "a column named '\(name)'", hint: hint)
    }

    /// One reader per row, with the `required` columns checked to exist. A reader may also
    /// ask for columns not listed; those are looked up when first used.
    public func rowReaders(requiring required: [String]) throws(HistoryDataError) -> [CSVRowReader] {
        var columns: [String: Int] = [:]
        for name in required { columns[name] = try columnIndex(name) }
        for (index, field) in header.enumerated() where columns[field.text] == nil { columns[field.text] = index }
        return rows.map { CSVRowReader(file: file, row: $0, columns: columns) }
    }

    static func abbreviatedList(_ names: [String]) -> String {
        names.count <= 8 ? names.joined(separator: ", ") : (names.prefix(8) + ["…"]).joined(separator: ", ")
    }

    /// UTF-8 bytes to scalars, dropping a leading byte-order mark; invalid bytes are an error
    /// at their line and column.
    static func decode(_ bytes: [UInt8], file: String) throws(HistoryDataError) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var decoder = Unicode.UTF8()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalars.isEmpty && line == 1 && column == 1 && scalar == "\u{FEFF}" { continue }
                scalars.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                break decoding
            case .error:
                throw HistoryDataError(
                    .invalidEncoding, at: HistoryLocation(file: file, line: line, column: column),
                    "the bytes here are not valid UTF-8", expected: "UTF-8 text",
                    hint: "save the file as UTF-8 (spreadsheet programs call it 'CSV UTF-8')")
            }
        }
        return scalars
    }

    /// RFC 4180 records from scalars. Lines end at LF, CRLF or a lone CR; blank lines outside
    /// quotes are dropped.
    static func parse(_ s: [Unicode.Scalar], file: String) throws(HistoryDataError) -> [CSVRow] {
        let quote: Unicode.Scalar = "\"", comma: Unicode.Scalar = ",", cr: Unicode.Scalar = "\r", lf: Unicode.Scalar = "\n"
        var rows: [CSVRow] = []
        var i = 0, line = 1, column = 1
        let n = s.count
        while i < n {
            let recordLine = line
            var fields: [CSVField] = []
            while true {
                let startLine = line, startColumn = column
                var value = String.UnicodeScalarView()
                var quoted = false
                if i < n && s[i] == quote {
                    quoted = true
                    i += 1
                    column += 1
                    while true {
                        guard i < n else {
                            throw HistoryDataError(
                                .unterminatedQuote, at: HistoryLocation(file: file, line: startLine, column: startColumn),
                                "the quoted field starting here is never closed",
                                expected: "a closing double quote before the end of the file",
                                hint: "a double quote inside a quoted field must be doubled (\"\")")
                        }
                        let c = s[i]
                        if c == quote {
                            if i + 1 < n && s[i + 1] == quote {
                                value.append(quote)
                                i += 2
                                column += 2
                                continue
                            }
                            i += 1
                            column += 1
                            break
                        }
                        value.append(c)
                        i += 1
                        if c == lf || (c == cr && !(i < n && s[i] == lf)) {
                            line += 1
                            column = 1
                        } else {
                            column += 1
                        }
                    }
                    if i < n && s[i] != comma && s[i] != cr && s[i] != lf {
                        throw HistoryDataError(
                            .strayQuote, at: HistoryLocation(file: file, line: line, column: column),
                            "text follows the closing quote of a field",
                            expected: "a comma or the end of the line after a closing quote",
                            hint: "a double quote inside a quoted field must be doubled (\"\")")
                    }
                } else {
                    while i < n, s[i] != comma, s[i] != cr, s[i] != lf {
                        if s[i] == quote {
                            throw HistoryDataError(
                                .strayQuote, at: HistoryLocation(file: file, line: line, column: column),
                                "a double quote inside a field that does not start with one",
                                expected: "quotes only around a whole field",
                                hint: "enclose the whole field in double quotes and double the inner quote (\"\")")
                        }
                        value.append(s[i])
                        i += 1
                        column += 1
                    }
                }
                fields.append(CSVField(text: String(value), line: startLine, column: startColumn, wasQuoted: quoted))
                if i < n && s[i] == comma {
                    i += 1
                    column += 1
                    continue
                }
                let endLine = line, endColumn = column
                if i < n {
                    if s[i] == cr, i + 1 < n, s[i + 1] == lf { i += 1 }
                    i += 1
                    line += 1
                    column = 1
                }
                if !(fields.count == 1 && fields[0].text.isEmpty && !fields[0].wasQuoted) {
                    rows.append(CSVRow(fields: fields, line: recordLine, endLine: endLine, endColumn: endColumn))
                }
                break
            }
        }
        return rows
    }
}
