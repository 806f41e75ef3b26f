/// One field of a delimited text file, with where it starts.
public struct DelimitedField: Sendable, Hashable {
    /// The field's text, unquoted.
    public var text: String
    /// The line it starts on, from 1.
    public var line: Int
    /// The column it starts at, in characters, from 1.
    public var column: Int
}

/// A delimited text file (CSV or tab-separated) split into located fields.
///
/// Comma-separated files may quote fields (RFC 4180: `"a, b"`, `""` for a quote, newlines
/// inside quotes); tab-separated files are split on every tab, as the DEU files are written.
/// Lines starting with `#` (before any field) are kept apart as comments, blank lines are
/// skipped, and `\r\n` endings are accepted. Every problem is a ``BargainingDataError`` at
/// its line and column; no input makes the reader trap or loop.
public struct DelimitedText: Sendable, Hashable {
    /// A `#` line: its text after the `#` and its line number.
    public struct Comment: Sendable, Hashable {
        /// The text after `#`, trimmed.
        public var text: String
        /// The line, from 1.
        public var line: Int
    }

    /// The file's name, for error locations.
    public var file: String
    /// The data rows in order (the header included), each a list of fields.
    public var rows: [[DelimitedField]]
    /// The comment lines in order.
    public var comments: [Comment]

    /// Splits `bytes` (UTF-8 text) on `separator`.
    ///
    /// - Throws: ``BargainingDataError`` for bytes that are not UTF-8, an unclosed quote, or a
    ///   quote inside an unquoted field.
    public init(bytes: [UInt8], file: String, separator: Character) throws(BargainingDataError) {
        self.file = file
        let text = String(decoding: bytes, as: UTF8.self)
        guard Self.isUTF8(bytes[...]) else {
            let (line, column) = Self.firstInvalidByte(bytes)
            throw BargainingDataError(.invalidEncoding, at: BargainingLocation(file: file, line: line, column: column),
                                      "the file is not UTF-8 text", expected: "a UTF-8 encoded text file",
                                      hint: "save the file as UTF-8 (spreadsheets offer \"CSV UTF-8\")")
        }
        var rows: [[DelimitedField]] = []
        var comments: [Comment] = []
        var row: [DelimitedField] = []
        var field = ""
        var fieldLine = 1, fieldColumn = 1
        var line = 1, column = 1
        var inQuotes = false, wasQuoted = false, afterQuote = false
        var atLineStart = true, inComment = false
        var commentText = ""
        let quoting = separator != "\t"

        func location() -> BargainingLocation { BargainingLocation(file: file, line: line, column: column) }

        var characters = text.makeIterator()
        var pending: Character? = nil
        while true {
            let next: Character?
            if let held = pending { next = held; pending = nil } else { next = characters.next() }
            guard let character = next else { break }
            if inComment {
                if character == "\n" || character == "\r\n" || character == "\r" {
                    comments.append(Comment(text: commentText.trimmedSpaces(), line: line))
                    commentText = ""
                    inComment = false
                    atLineStart = true
                    line += 1
                    column = 1
                } else {
                    commentText.append(character)
                    column += 1
                }
                continue
            }
            if atLineStart && !inQuotes && character == "#" {
                inComment = true
                column += 1
                continue
            }
            if atLineStart {
                atLineStart = false
                fieldLine = line
                fieldColumn = column
            }
            if inQuotes {
                if character == "\"" {
                    // A doubled quote is a literal quote; a single one closes the field.
                    let following = characters.next()
                    if following == "\"" {
                        field.append("\"")
                        column += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                    column += 1
                    pending = following
                    continue
                }
                field.append(character)
                if character == "\n" || character == "\r\n" || character == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            if character == separator {
                row.append(DelimitedField(text: field, line: fieldLine, column: fieldColumn))
                field = ""
                wasQuoted = false
                afterQuote = false
                column += 1
                fieldLine = line
                fieldColumn = column
                continue
            }
            if character == "\n" || character == "\r\n" || character == "\r" {
                row.append(DelimitedField(text: field, line: fieldLine, column: fieldColumn))
                if !(row.count == 1 && row[0].text.trimmedSpaces().isEmpty && !wasQuoted) { rows.append(row) }
                row = []
                field = ""
                wasQuoted = false
                afterQuote = false
                atLineStart = true
                line += 1
                column = 1
                continue
            }
            if quoting && character == "\"" {
                guard field.isEmpty && !wasQuoted else {
                    throw BargainingDataError(.badQuote, at: location(), "a double quote inside an unquoted field",
                                              expected: "quotes only around a whole field",
                                              hint: "quote the whole field and double the inner quote: \"a \"\"b\"\"\"")
                }
                inQuotes = true
                wasQuoted = true
                column += 1
                continue
            }
            if afterQuote {
                throw BargainingDataError(.badQuote, at: location(), "text after a closing quote",
                                          expected: "a separator or the end of the line after a quoted field",
                                          hint: "put the whole field inside the quotes")
            }
            field.append(character)
            column += 1
        }
        if inQuotes {
            throw BargainingDataError(.badQuote, at: BargainingLocation(file: file, line: fieldLine, column: fieldColumn),
                                      "a quoted field is never closed", expected: "a closing double quote",
                                      hint: "add the missing \" at the end of the field")
        }
        if inComment { comments.append(Comment(text: commentText.trimmedSpaces(), line: line)) }
        if !atLineStart {
            row.append(DelimitedField(text: field, line: fieldLine, column: fieldColumn))
            if !(row.count == 1 && row[0].text.trimmedSpaces().isEmpty && !wasQuoted) { rows.append(row) }
        }
        self.rows = rows
        self.comments = comments
    }

    /// Whether `bytes` are valid UTF-8 (decoding replaces nothing).
    static func isUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
    }

    /// The line and column of the first byte that breaks UTF-8 (for the encoding error).
    static func firstInvalidByte(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let valid = length > 0 && index + length <= bytes.count
                && bytes[(index + 1)..<(index + length)].allSatisfy { $0 >> 6 == 0b10 }
                && Self.isUTF8(bytes[index..<(index + length)])
            if !valid {
                let column = String(decoding: bytes[start..<index], as: UTF8.self).count + 1
                return (line, column)
            }
            if byte == 0x0A { line += 1; start = index + 1 }
            index += length
        }
        return (line, 1)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmedSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
