import Foundation
import ParleyEngine

/// The tables both stores create, written once for both SQL dialects so that they cannot drift
/// apart; docs/results-store.md documents every column.
enum StoreSchema {
    enum Dialect {
        case sqlite, postgres
    }

    /// The names of the tables, in the order they are created.
    static let tables = ["experiments", "points", "blocks", "runs", "summaries"]

    /// `CREATE TABLE IF NOT EXISTS` statements for `dialect`.
    static func statements(for dialect: Dialect) -> [String] {
        // PostgreSQL integers are BIGINT because postgres-nio binds Swift's Int as int8; SQLite's
        // INTEGER is 64-bit already. Seeds are UInt64, beyond BIGINT: stored as decimal TEXT.
        let integer = dialect == .sqlite ? "INTEGER" : "BIGINT"
        let real = dialect == .sqlite ? "REAL" : "DOUBLE PRECISION"
        let withoutRowID = dialect == .sqlite ? " WITHOUT ROWID" : ""
        return [
            """
            CREATE TABLE IF NOT EXISTS experiments (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                scenario TEXT NOT NULL,
                scenario_file TEXT NOT NULL,
                scenario_text TEXT NOT NULL,
                scenario_hash TEXT NOT NULL,
                command_line TEXT NOT NULL,
                version TEXT NOT NULL,
                seed TEXT NOT NULL,
                runs \(integer) NOT NULL,
                block_size \(integer) NOT NULL,
                metrics TEXT NOT NULL,
                keeps_run_values BOOLEAN NOT NULL,
                keeps_series BOOLEAN NOT NULL,
                definition TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS points (
                experiment TEXT NOT NULL,
                point \(integer) NOT NULL,
                label TEXT NOT NULL,
                parameters TEXT NOT NULL,
                arms TEXT NOT NULL,
                PRIMARY KEY (experiment, point)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS blocks (
                experiment TEXT NOT NULL,
                point \(integer) NOT NULL,
                block \(integer) NOT NULL,
                runs_in_block \(integer) NOT NULL,
                summary TEXT NOT NULL,
                PRIMARY KEY (experiment, point, block)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS runs (
                experiment TEXT NOT NULL,
                point \(integer) NOT NULL,
                arm \(integer) NOT NULL,
                run \(integer) NOT NULL,
                metric TEXT NOT NULL,
                value \(real),
                PRIMARY KEY (experiment, point, arm, run, metric)
            )\(withoutRowID)
            """,
            """
            CREATE TABLE IF NOT EXISTS summaries (
                experiment TEXT NOT NULL,
                point \(integer) NOT NULL,
                arm \(integer) NOT NULL,
                arm_name TEXT NOT NULL,
                metric TEXT NOT NULL,
                count \(integer) NOT NULL,
                mean \(real),
                sd \(real),
                p10 \(real),
                p50 \(real),
                p90 \(real),
                min \(real),
                max \(real),
                difference \(real),
                difference_lower \(real),
                difference_upper \(real),
                PRIMARY KEY (experiment, point, arm, metric)
            )\(withoutRowID)
            """,
        ]
    }
}

/// JSON for the stores' text columns. NaN and infinities, which JSON cannot hold, become the
/// strings `"NaN"`, `"Infinity"` and `"-Infinity"`; keys are sorted so that equal values give
/// equal text.
enum StoreJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String, table: String, key: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.unreadable(table: table, key: key, reason: "\(error)")
        }
    }
}

/// What a store needs to know of a registered experiment to store and read its blocks.
struct ExperimentLayout: Sendable {
    var runs: Int
    var blockSize: Int
    var metrics: [String]

    var blockCount: Int { blockSize > 0 ? (runs + blockSize - 1) / blockSize : 0 }

    func runsInBlock(_ block: Int) -> Int {
        guard block >= 0, block < blockCount else { return 0 }
        return Swift.min(runs, (block + 1) * blockSize) - block * blockSize
    }

    /// The block's summary text (without run values) and its run rows, after checking that the
    /// block fits the experiment.
    func prepare(_ block: BlockResult, experiment: String, point: Int) throws -> PreparedBlock {
        func mismatch(_ reason: String) -> StoreError {
            .mismatchedBlock(experiment: experiment, point: point, block: block.index, reason: reason)
        }
        guard block.index >= 0, block.index < blockCount else {
            throw mismatch("the experiment has blocks 0..<\(blockCount) (\(runs) runs in blocks of \(blockSize))")
        }
        let runCount = runsInBlock(block.index)
        var summary = block
        var rows = RunRows()
        for (arm, result) in block.arms.enumerated() {
            guard result.metrics.count == metrics.count else {
                throw mismatch("arm \(arm) has \(result.metrics.count) metrics; the experiment names \(metrics.count)")
            }
            summary.arms[arm].runValues = []
            if result.runValues.isEmpty { continue }
            guard result.runValues.count == runCount else {
                throw mismatch("arm \(arm) holds values of \(result.runValues.count) runs; the block has \(runCount)")
            }
            let firstRun = block.index * blockSize
            for (offset, values) in result.runValues.enumerated() {
                guard values.count == metrics.count else {
                    throw mismatch("run \(firstRun + offset) of arm \(arm) has \(values.count) values; the experiment names \(metrics.count) metrics")
                }
                for (metric, value) in values.enumerated() {
                    rows.arms.append(arm)
                    rows.runs.append(firstRun + offset)
                    rows.metrics.append(metrics[metric])
                    rows.values.append(value)
                }
            }
        }
        return PreparedBlock(runsInBlock: runCount, summary: try StoreJSON.encode(summary), rows: rows)
    }

    /// The stored blocks with each arm's run values filled in from `runs` rows.
    ///
    /// - Parameter rows: every `runs` row of the point, sorted by arm then run (the metric order
    ///   within a run does not matter).
    func assemble(
        blocks: [(index: Int, summary: String)], rows: [(arm: Int, run: Int, metric: String, value: Double?)],
        experiment: String, point: Int
    ) throws -> [BlockResult] {
        var results = try blocks.map { block in
            try StoreJSON.decode(BlockResult.self, from: block.summary, table: "blocks",
                                 key: "(\(experiment), \(point), \(block.index))")
        }
        let position = Dictionary(uniqueKeysWithValues: results.enumerated().map { ($1.index, $0) })
        let metricIndex = Dictionary(metrics.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var runValues: [[[[Double]]]] = results.map { $0.arms.map { _ in [] } }
        for row in rows {
            guard blockSize > 0, let block = position[row.run / blockSize], let metric = metricIndex[row.metric],
                  row.arm >= 0, row.arm < runValues[block].count
            else { continue }
            let offset = row.run - results[block].index * blockSize
            while runValues[block][row.arm].count <= offset {
                runValues[block][row.arm].append([Double](repeating: .nan, count: metrics.count))
            }
            runValues[block][row.arm][offset][metric] = row.value ?? .nan
        }
        for block in results.indices {
            for arm in results[block].arms.indices { results[block].arms[arm].runValues = runValues[block][arm] }
        }
        return results
    }
}

/// One block ready to be written.
struct PreparedBlock: Sendable {
    var runsInBlock: Int
    var summary: String
    var rows: RunRows
}

/// `runs` rows of one block, column by column (PostgreSQL inserts them as arrays).
struct RunRows: Sendable {
    var arms: [Int] = []
    var runs: [Int] = []
    var metrics: [String] = []
    var values: [Double] = []

    var count: Int { runs.count }
}

extension ExperimentRecord {
    var layout: ExperimentLayout { ExperimentLayout(runs: runs, blockSize: blockSize, metrics: metrics) }
}

extension ExperimentRecord {
    /// `date` as ISO 8601 in UTC (`2025-01-31T12:00:00Z`), the form of ``createdAt``.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
