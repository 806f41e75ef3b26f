/// A rectangular table of results, rendered for people (aligned text) or for programs (CSV).
///
/// ```swift
/// var table = Table(columns: ["metric", "mean"], alignments: [.left, .right])
/// table.append(["warheads", "61.2"])
/// print(table.renderText())
/// ```
public struct Table: Sendable, Equatable {
    /// How a column's cells line up in text output.
    public enum Alignment: Sendable, Equatable { case left, right }

    /// The header of each column.
    public var columns: [String]
    /// How each column is aligned in text output (numbers right, names left).
    public var alignments: [Alignment]
    /// The rows, each with one cell per column.
    public private(set) var rows: [[String]] = []

    /// Creates an empty table. Columns without an alignment are left-aligned.
    public init(columns: [String], alignments: [Alignment] = []) {
        self.columns = columns
        self.alignments = columns.indices.map { $0 < alignments.count ? alignments[$0] : .left }
    }

    /// Adds a row; missing cells are blank and extra cells are dropped.
    public mutating func append(_ row: [String]) {
        rows.append(columns.indices.map { $0 < row.count ? row[$0] : "" })
    }

    /// Aligned plain text with a rule under the header, for a terminal.
    public func renderText() -> String {
        let widths = columns.indices.map { column in
            rows.reduce(columns[column].count) { Swift.max($0, $1[column].count) }
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
            }
            .joined(separator: "  ")
            .trailingSpacesRemoved()
        }
        var lines = [line(columns), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header row; cells holding commas, quotes or newlines are quoted.
    public func renderCSV() -> String {
        ([columns] + rows).map { $0.map(Table.csvEscaped).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func csvEscaped(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func trailingSpacesRemoved() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
