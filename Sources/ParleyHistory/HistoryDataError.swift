/// A place in a data file: which file, which line, which column (both from 1).
public struct HistoryLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as it was named when read (its path for files read from disk).
    public var file: String
    /// The line, counting from 1.
    public var line: Int
    /// The column in Unicode scalars, counting from 1.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals make clickable.
    public var description: String { "\(file):\(line):\(column)" }

    /// File order: by file, then line, then column.
    public static func < (lhs: HistoryLocation, rhs: HistoryLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A problem in a historical data file: where, what, what was expected and a hint.
///
/// Rendered like the scenario diagnostics, as `file:line:column: error: message` followed by
/// indented `expected:` and `hint:` lines, so that editors can jump to the place.
public struct HistoryDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, so that callers and tests can tell them apart.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The file could not be read at all (missing, unreadable).
        case unreadableFile
        /// The bytes are not UTF-8 text.
        case invalidEncoding
        /// A quoted field is never closed before the end of the file.
        case unterminatedQuote
        /// A double quote inside an unquoted field, or text after a closing quote.
        case strayQuote
        /// The file has no header line.
        case emptyFile
        /// A row has more or fewer fields than the header.
        case wrongFieldCount
        /// A column the loader needs is not in the header.
        case missingColumn
        /// Two header fields have the same name, or a header field is empty.
        case duplicateColumn
        /// A date that cannot be read, does not exist, or disagrees with its precision or year.
        case badDate
        /// A number that cannot be read or is out of range.
        case badNumber
        /// A value that is not one of the allowed words.
        case badValue
        /// A date after the project's cut-off (2021-06-30).
        case afterCutoff
        /// Two rows with the same identifier.
        case duplicateID
        /// Two files (or two fields) that should agree do not.
        case inconsistent
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// Where the problem is.
    public var location: HistoryLocation
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// What the reader expected at this place.
    public var expected: String?
    /// What to do about it.
    public var hint: String?

    /// Creates an error.
    public init(
        _ kind: Kind, at location: HistoryLocation, _ message: String, expected: String? = nil, hint: String? = nil
    ) {
        self.kind = kind
        self.location = location
        self.message = message
        self.expected = expected
        self.hint = hint
    }

    /// The file the problem is in.
    public var file: String { location.file }
    /// The line, from 1.
    public var line: Int { location.line }
    /// The column, from 1.
    public var column: Int { location.column }

    /// `file:line:column: error: message`, then `expected:` and `hint:` lines.
    public var description: String {
        var text = "\(location): error: \(message)"
        if let expected { text += "\n    expected: \(expected)" }
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// The closest of `candidates` to `word` by edit distance (insertions, deletions,
/// substitutions and swaps of neighbours each cost 1), if it is close enough to be a plausible
/// typo: at most one edit per three characters, and at least one edit allowed.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
    let target = Array(word.lowercased())
    guard !target.isEmpty else { return nil }
    var best: (String, Int)?
    for candidate in candidates where candidate != word {
        let d = distance(target, Array(candidate.lowercased()))
        if d <= max(1, target.count / 3), d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    return best?.0
}
