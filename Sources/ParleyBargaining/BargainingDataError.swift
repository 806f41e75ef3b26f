/// A place in a bargaining data file: which file, which line, which column (both from 1).
public struct BargainingLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as it was named when read (its path, or a shipped table's name).
    public var file: String
    /// The line, counting from 1.
    public var line: Int
    /// The column in characters, counting from 1.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals make clickable.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A problem in an actor table or a DEU file: where, what, what was expected and a hint.
///
/// Rendered like the scenario diagnostics — `file:line:column: error: message` followed by
/// indented `expected:` and `hint:` lines — so that editors can jump to the place.
///
/// ```
/// eu.csv:4:14: error: 'high' in 'salience' is not a number
///     expected: a number from 0 to 1 (or 0 to 100 for the whole table)
/// ```
public struct BargainingDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, so that callers and tests can tell them apart.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The file could not be read at all (missing, unreadable).
        case unreadableFile
        /// The bytes are not UTF-8 text.
        case invalidEncoding
        /// The file has no header line, or no data rows.
        case emptyFile
        /// A quoted field is never closed, or a quote appears inside an unquoted field.
        case badQuote
        /// A row has more fields than the header.
        case wrongFieldCount
        /// A column the reader needs is not in the header.
        case missingColumn
        /// Two header fields have the same name, or a header field is empty.
        case duplicateColumn
        /// A number that cannot be read or is out of range.
        case badNumber
        /// A value or setting that is not one of the allowed words.
        case badValue
        /// Two rows with the same actor or issue.
        case duplicateName
        /// The table as a whole cannot be bargained over (fewer than two actors, no weight).
        case unusableTable
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// Where it is.
    public var location: BargainingLocation
    /// What is wrong, in one sentence.
    public var message: String
    /// What the reader expected there, if that helps.
    public var expected: String?
    /// What to do about it, if there is something obvious.
    public var hint: String?

    /// Creates an error.
    public init(_ kind: Kind, at location: BargainingLocation, _ message: String, expected: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.expected = expected
        self.hint = hint
    }

    /// The error as a diagnostic: the location, the message, then `expected:` and `hint:` lines.
    public var description: String {
        var text = "\(location): error: \(message)"
        if let expected { text += "\n    expected: \(expected)" }
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}
