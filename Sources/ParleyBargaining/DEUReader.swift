/// One contested issue of the DEU III data set: the actors' positions and saliences, the
/// reference point, the outcome, and the legislative procedure it was decided under.
public struct DEUIssue: Sendable, Hashable, Codable {
    /// The issue's identifier (`isnr`, e.g. `d00032i1`).
    public var id: String
    /// The proposal's identifier (`prnr`).
    public var proposal: String
    /// The legislative procedure (`proc`): `COD` (co-decision) or `CNS` (consultation).
    public var procedure: String
    /// The Council's voting rule (`counvte`): `QMV` or `Unan`.
    public var votingRule: String
    /// The Council formation (`council`).
    public var council: String
    /// The actors with a position, capabilities from the file's second row, on a 0–100 scale,
    /// with the reference point (`rp`) when the file gives one.
    public var table: BargainingTable
    /// The decision's outcome (`out`), if recorded.
    public var outcome: Double?
    /// Actors whose salience was missing and set to the mean salience of the others.
    public var imputedSaliences: [String]
    /// The line of the file the issue was read from.
    public var line: Int
}

/// Reads the DEU III layout (Arregui & Perarnaud 2021, doi:10.34810/data53, CC BY 4.0).
///
/// Tab-separated; a header row naming the columns; a second row with each actor's capability
/// under its `p<actor>` column; then one row per issue with the issue's identifiers
/// (`isnr`, `prnr`, `proc`, `counvte`, `council`), each actor's position `p<actor>` and
/// salience `s<actor>` (0–100, empty when the actor took no position), the reference point
/// `rp` and the outcome `out` (0–100, possibly empty).
///
/// An actor with a position but no salience gets the mean salience of the others on that
/// issue (the issue records it in ``DEUIssue/imputedSaliences``); an actor with a salience but
/// no position takes no part. Every bad value is a ``BargainingDataError`` at its field.
public enum DEUReader {
    /// The columns every DEU file must have besides the actors'.
    public static let requiredColumns = ["isnr", "proc", "counvte", "rp", "out"]

    /// Reads every issue of a DEU file.
    public static func read(bytes: [UInt8], file: String) throws(BargainingDataError) -> [DEUIssue] {
        let text = try DelimitedText(bytes: bytes, file: file, separator: "\t")
        guard let header = text.rows.first else {
            throw BargainingDataError(.emptyFile, at: BargainingLocation(file: file, line: 1, column: 1), "the file has no header line",
                                      expected: "a tab-separated header naming isnr, proc, counvte, p<actor>, s<actor>, rp and out")
        }
        var index: [String: Int] = [:]
        for (position, field) in header.enumerated() {
            let name = field.text.trimmedSpaces()
            let at = BargainingLocation(file: file, line: field.line, column: field.column)
            guard !name.isEmpty else {
                throw BargainingDataError(.duplicateColumn, at: at, "column \(position + 1) of the header has no name", expected: "a column name",
                                          hint: header.count == 1 ? "is the file tab-separated?" : nil)
            }
            guard index[name] == nil else {
                throw BargainingDataError(.duplicateColumn, at: at, "column '\(name)' appears twice in the header", expected: "distinct column names")
            }
            index[name] = position
        }
        for column in requiredColumns where index[column] == nil {
            throw BargainingDataError(.missingColumn, at: BargainingLocation(file: file, line: header.first?.line ?? 1, column: 1),
                                      "the header has no '\(column)' column", expected: "the DEU columns \(requiredColumns.joined(separator: ", "))",
                                      hint: header.count == 1 ? "the header is one field: is the file tab-separated?" :
                                        closestWord(to: column, in: Array(index.keys)).map { "is '\($0)' meant to be '\(column)'?" })
        }
        let actors: [(code: String, position: Int, salience: Int)] = header.compactMap { field in
            let name = field.text.trimmedSpaces()
            guard name.count > 1, name.hasPrefix("p"), let salience = index["s" + name.dropFirst()], let position = index[name],
                  !requiredColumns.contains(name) else { return nil }
            return (String(name.dropFirst()), position, salience)
        }.filter { !["rnrnmc", "rnr", "rname", "roccde"].contains($0.code) }
        guard !actors.isEmpty else {
            throw BargainingDataError(.missingColumn, at: BargainingLocation(file: file, line: header.first?.line ?? 1, column: 1),
                                      "the header names no actors", expected: "pairs of columns p<actor> and s<actor>, e.g. pde and sde")
        }
        func reader(_ row: [DelimitedField]) -> RowReader { RowReader(row: row, header: header, file: file) }
        func column(_ name: String) -> Int { index[name] ?? 0 }
        var rows = text.rows.dropFirst()
        var capabilities = Array(repeating: 1.0, count: actors.count)
        if let second = rows.first, (try reader(second).text(column("isnr"), what: "isnr")).isEmpty {
            let capabilityRow = reader(second)
            for (number, actor) in actors.enumerated() {
                capabilities[number] = try capabilityRow.number(actor.position, "p" + actor.code, in: 0...Double.greatestFiniteMagnitude,
                                                               expected: "the actor's capability (a number of at least 0) on the second row")
            }
            rows = rows.dropFirst()
        }
        var issues: [DEUIssue] = []
        var seen: [String: Int] = [:]
        for row in rows {
            let fields = reader(row)
            let line = row.first?.line ?? 0
            let id = try fields.text(column("isnr"), what: "isnr")
            guard !id.isEmpty else { throw fields.error(column("isnr"), .badValue, "the issue has no identifier", expected: "an isnr such as d00032i1") }
            if let first = seen[id] {
                throw fields.error(column("isnr"), .duplicateName, "issue '\(id)' appears twice", expected: "one row per issue",
                                   hint: "the first '\(id)' is on line \(first)")
            }
            seen[id] = line
            let percent = "a number from 0 to 100"
            var participants: [(code: String, capability: Double, position: Double, salience: Double?)] = []
            for (number, actor) in actors.enumerated() {
                let position = try fields.optionalNumber(actor.position, "p" + actor.code, in: 0...100, expected: percent + ", or empty")
                let salience = try fields.optionalNumber(actor.salience, "s" + actor.code, in: 0...100, expected: percent + ", or empty")
                if let position { participants.append((actor.code, capabilities[number], position, salience)) }
            }
            guard participants.count >= 2 else {
                throw fields.error(column("isnr"), .unusableTable, "issue '\(id)' has \(participants.count) actor(s) with a position",
                                   expected: "at least two actors with a position p<actor>")
            }
            let known = participants.compactMap(\.salience)
            let fill = known.isEmpty ? 50 : known.reduce(0, +) / Double(known.count)
            let imputed = participants.filter { $0.salience == nil }.map(\.code)
            let reference = try fields.optionalNumber(column("rp"), "rp", in: 0...100, expected: percent + ", or empty")
            let outcome = try fields.optionalNumber(column("out"), "out", in: 0...100, expected: percent + ", or empty")
            let table: BargainingTable
            do {
                table = try BargainingTable(
                    name: id, dimensions: ["position"],
                    actors: participants.map { BargainingActor(name: $0.code, capability: $0.capability, position: $0.position,
                                                               salience: ($0.salience ?? fill) / 100) },
                    scales: [0...100], reference: reference.map { [$0] })
            } catch {
                throw fields.error(column("isnr"), .unusableTable, "issue '\(id)': \(error.message)", hint: error.hint)
            }
            issues.append(DEUIssue(
                id: id, proposal: index["prnr"].map { fields.field($0).text.trimmedSpaces() } ?? "",
                procedure: try fields.text(column("proc"), what: "proc"), votingRule: try fields.text(column("counvte"), what: "counvte"),
                council: index["council"].map { fields.field($0).text.trimmedSpaces() } ?? "", table: table, outcome: outcome,
                imputedSaliences: imputed, line: line))
        }
        guard !issues.isEmpty else {
            throw BargainingDataError(.emptyFile, at: BargainingLocation(file: file, line: (header.first?.line ?? 0) + 1, column: 1),
                                      "the file has no issues", expected: "one row per issue after the header (and the capability row)")
        }
        return issues
    }
}
