/// Reads actor tables: a CSV file with one row per actor.
///
/// ```
/// # title: EC car emissions standards (Bueno de Mesquita 1994)
/// # scale: 0 10
/// # reference: 4
/// actor,capability,position,salience,source
/// Netherlands,0.08,4,0.8,Scholz et al. (2011) Table 1
/// ```
///
/// - Header names are matched without regard to case, with the synonyms of the public
///   replications: `actor` (or `name`, `stakeholder`), `capability` (or `resources`, `power`),
///   `position`, `salience`; optional `risk` (a fixed risk attitude, −1 to 1) and `source`, or
///   per-field sources `capability_source`, `position_source`, `salience_source`, `risk_source`.
/// - Several dimensions: `position:NAME` and `salience:NAME` column pairs instead of
///   `position` and `salience`.
/// - Saliences are read from 0 to 1, or from 0 to 100 when any exceeds 1 (then all are divided
///   by 100).
/// - `# key: value` lines before or between rows set `title`, `scale` (two numbers, for every
///   dimension), `reference` (the status quo, one number per dimension) and `source`; other
///   `#` lines are comments.
public enum ActorTableReader {
    /// The settings a `# key: value` line may carry.
    public static let settingKeys = ["title", "scale", "reference", "source"]

    /// Reads a table from `bytes` named `file` (for error locations and the table's name).
    ///
    /// - Throws: ``BargainingDataError`` at the offending line and column.
    public static func read(bytes: [UInt8], file: String, name: String? = nil) throws(BargainingDataError) -> BargainingTable {
        let text = try DelimitedText(bytes: bytes, file: file, separator: ",")
        var title: String?, source: String?, scale: ClosedRange<Double>?, referenceText: (String, Int)?
        for comment in text.comments {
            guard let colon = comment.text.firstIndex(of: ":") else { continue }
            let key = String(comment.text[..<colon]).trimmedSpaces().lowercased()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }) else { continue }
            let value = String(comment.text[comment.text.index(after: colon)...]).trimmedSpaces()
            let at = BargainingLocation(file: file, line: comment.line, column: 1)
            switch key {
            case "title": title = value
            case "source": source = value
            case "reference": referenceText = (value, comment.line)
            case "scale":
                let numbers = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).compactMap { Double($0) }
                guard numbers.count == 2, numbers.allSatisfy(\.isFinite), numbers[0] < numbers[1] else {
                    throw BargainingDataError(.badValue, at: at, "'# scale: \(value)' is not a scale",
                                              expected: "two numbers, lowest then highest, e.g. '# scale: 0 100'")
                }
                scale = numbers[0]...numbers[1]
            default:
                throw BargainingDataError(.badValue, at: at, "unknown setting '\(key)'",
                                          expected: "one of \(settingKeys.joined(separator: ", "))",
                                          hint: closestWord(to: key, in: settingKeys).map { "did you mean '\($0)'?" }
                                              ?? "a plain comment must not look like 'word: value'")
            }
        }
        guard let header = text.rows.first else {
            throw BargainingDataError(.emptyFile, at: BargainingLocation(file: file, line: 1, column: 1), "the file has no header line",
                                      expected: "a header such as 'actor,capability,position,salience'")
        }
        let columns = try Columns(header: header, file: file)
        let rows = text.rows.dropFirst()
        guard !rows.isEmpty else {
            throw BargainingDataError(.emptyFile, at: BargainingLocation(file: file, line: (header.first?.line ?? 0) + 1, column: 1),
                                      "the table has a header but no actors", expected: "one line per actor")
        }
        var raw: [(name: String, capability: Double, positions: [Double], saliences: [Double], risk: Double?, sources: [String: String],
                   positionFields: [DelimitedField])] = []
        var seen: [String: Int] = [:]
        for row in rows {
            let reader = RowReader(row: row, header: header, file: file)
            let name = try reader.text(columns.actor, what: "the actor's name")
            guard !name.isEmpty else { throw reader.error(columns.actor, .badValue, "the actor has no name", expected: "a name") }
            if let first = seen[name] {
                throw reader.error(columns.actor, .duplicateName, "actor '\(name)' appears twice", expected: "one row per actor",
                                   hint: "the first '\(name)' is on line \(first)")
            }
            seen[name] = row.first?.line ?? 0
            let capability = try reader.number(columns.capability, "capability", in: 0...Double.greatestFiniteMagnitude,
                                               expected: "a number of at least 0")
            let positions = try columns.dimensions.map { dimension throws(BargainingDataError) in
                try reader.number(dimension.position, dimension.positionHeader, expected: "a number")
            }
            let saliences = try columns.dimensions.map { dimension throws(BargainingDataError) in
                try reader.number(dimension.salience, dimension.salienceHeader, in: 0...100, expected: "a number from 0 to 1 (or 0 to 100 for the whole table)")
            }
            let risk = try columns.risk.flatMap { column throws(BargainingDataError) in
                try reader.optionalNumber(column, "risk", in: -1...1, expected: "a risk attitude from −1 (acceptant) to 1 (averse), or nothing")
            }
            var sources: [String: String] = [:]
            if let column = columns.source, let value = try? reader.text(column, what: "a source"), !value.isEmpty {
                for field in ["capability", "position", "salience"] { sources[field] = value }
            }
            for (field, column) in columns.fieldSources {
                if let value = try? reader.text(column, what: "a source"), !value.isEmpty { sources[field] = value }
            }
            raw.append((name, capability, positions, saliences, risk, sources, columns.dimensions.map { reader.field($0.position) }))
        }
        let hundredScale = raw.contains { $0.saliences.contains { $0 > 1 } }
        let actors = raw.map { row in
            BargainingActor(name: row.name, capability: row.capability, positions: row.positions,
                            saliences: hundredScale ? row.saliences.map { $0 / 100 } : row.saliences, riskAttitude: row.risk,
                            sources: row.sources)
        }
        var reference: [Double]?
        if let (value, line) = referenceText {
            let words = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            let parsed = words.compactMap { Double($0) }.filter(\.isFinite)
            guard words.count == columns.dimensions.count, parsed.count == words.count else {
                throw BargainingDataError(.badValue, at: BargainingLocation(file: file, line: line, column: 1),
                                          "'# reference: \(value)' is not a reference point for \(columns.dimensions.count) dimension(s)",
                                          expected: "\(columns.dimensions.count) number(s), the status quo on each dimension in column order")
            }
            reference = parsed
        }
        if let scale {
            for actor in raw {
                for (index, position) in actor.positions.enumerated() where !scale.contains(position) {
                    throw BargainingDataError(.badNumber, at: RowReader.location(of: actor.positionFields[index], file: file),
                                              "\(actor.name)'s position \(position) is outside the scale \(scale.lowerBound) to \(scale.upperBound)",
                                              expected: "positions within '# scale:'", hint: "widen the scale or correct the position")
                }
            }
        }
        return try BargainingTable(name: name ?? file, title: title, dimensions: columns.dimensions.map(\.name), actors: actors,
                                   scales: scale.map { scale in columns.dimensions.map { _ in scale } }, reference: reference, source: source)
    }

    /// Where each needed column is.
    struct Columns {
        struct Dimension {
            var name: String
            var position: Int
            var salience: Int
            var positionHeader: String
            var salienceHeader: String
        }
        var actor: Int
        var capability: Int
        var dimensions: [Dimension]
        var risk: Int?
        var source: Int?
        var fieldSources: [(String, Int)]

        init(header: [DelimitedField], file: String) throws(BargainingDataError) {
            var index: [String: Int] = [:]
            for (position, field) in header.enumerated() {
                let key = field.text.trimmedSpaces().lowercased()
                let at = BargainingLocation(file: file, line: field.line, column: field.column)
                guard !key.isEmpty else {
                    throw BargainingDataError(.duplicateColumn, at: at, "column \(position + 1) of the header has no name",
                                              expected: "a column name", hint: "a trailing comma on the header line adds an unnamed column")
                }
                guard index[key] == nil else {
                    throw BargainingDataError(.duplicateColumn, at: at, "column '\(field.text)' appears twice in the header",
                                              expected: "distinct column names")
                }
                index[key] = position
            }
            func find(_ names: [String], what: String) throws(BargainingDataError) -> Int {
                if let found = names.lazy.compactMap({ index[$0] }).first { return found }
                let at = BargainingLocation(file: file, line: header.first?.line ?? 1, column: 1)
                throw BargainingDataError(.missingColumn, at: at, "the header has no \(what) column",
                                          expected: "a column named \(names.map { "'\($0)'" }.joined(separator: " or "))",
                                          hint: closestWord(to: names[0], in: Array(index.keys)).map { "is '\($0)' meant to be '\(names[0])'?" })
            }
            actor = try find(["actor", "name", "stakeholder"], what: "actor")
            capability = try find(["capability", "resources", "power"], what: "capability")
            risk = index["risk"]
            source = index["source"]
            fieldSources = ["capability", "position", "salience", "risk"].compactMap { field in index[field + "_source"].map { (field, $0) } }
            if index["position"] != nil || index["salience"] != nil {
                dimensions = [Dimension(name: "position", position: try find(["position"], what: "position"),
                                        salience: try find(["salience"], what: "salience"), positionHeader: "position", salienceHeader: "salience")]
            } else {
                let names = header.map { $0.text.trimmedSpaces() }.filter { $0.lowercased().hasPrefix("position:") }.map { String($0.dropFirst(9)) }
                var found: [Dimension] = []
                for name in names {
                    let salience = try find(["salience:" + name.lowercased()], what: "salience for dimension '\(name)'")
                    found.append(Dimension(name: name, position: index["position:" + name.lowercased()] ?? 0, salience: salience,
                                           positionHeader: "position:" + name, salienceHeader: "salience:" + name))
                }
                guard !found.isEmpty else { _ = try find(["position"], what: "position"); dimensions = []; return }
                dimensions = found
            }
        }
    }
}

/// Typed access to one row's fields, each failure located at the field.
struct RowReader {
    var row: [DelimitedField]
    var header: [DelimitedField]
    var file: String

    static func location(of field: DelimitedField, file: String) -> BargainingLocation {
        BargainingLocation(file: file, line: field.line, column: field.column)
    }

    /// The field in column `index`; a row shorter than the header reads as empty there.
    func field(_ index: Int) -> DelimitedField {
        if index < row.count { return row[index] }
        let last = row.last
        return DelimitedField(text: "", line: last?.line ?? 0, column: (last?.column ?? 0) + (last?.text.count ?? 0) + 1)
    }

    func error(_ index: Int, _ kind: BargainingDataError.Kind, _ message: String, expected: String? = nil, hint: String? = nil)
        -> BargainingDataError {
        BargainingDataError(kind, at: Self.location(of: field(index), file: file), message, expected: expected, hint: hint)
    }

    func checkWidth() throws(BargainingDataError) {
        if row.count > header.count {
            let extra = row[header.count]
            throw BargainingDataError(.wrongFieldCount, at: Self.location(of: extra, file: file),
                                      "the row has \(row.count) fields but the header has \(header.count)",
                                      expected: "\(header.count) fields", hint: "a field containing the separator must be quoted")
        }
    }

    func text(_ index: Int, what: String) throws(BargainingDataError) -> String {
        try checkWidth()
        return field(index).text.trimmedSpaces()
    }

    func optionalNumber(_ index: Int, _ column: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
                        expected: String) throws(BargainingDataError) -> Double? {
        let text = try self.text(index, what: column)
        if text.isEmpty { return nil }
        guard let value = Double(text), value.isFinite else {
            throw error(index, .badNumber, "'\(text)' in '\(column)' is not a number", expected: expected,
                        hint: text.contains(",") ? "write decimals with a point, not a comma" : nil)
        }
        guard range.contains(value) else {
            throw error(index, .badNumber, "\(text) in '\(column)' is out of range", expected: expected)
        }
        return value
    }

    func number(_ index: Int, _ column: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
                expected: String) throws(BargainingDataError) -> Double {
        guard let value = try optionalNumber(index, column, in: range, expected: expected) else {
            throw error(index, .badNumber, "'\(column)' is empty", expected: expected)
        }
        return value
    }
}

/// The word of `candidates` nearest to `word` by edit distance, if it is close (at most a third
/// of the word's length away).
func closestWord(to word: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
    let target = Array(word.lowercased())
    let scored = candidates.sorted().map { ($0, distance(target, Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 > 0, best.1 <= Swift.max(1, target.count / 3) else { return nil }
    return best.0
}
