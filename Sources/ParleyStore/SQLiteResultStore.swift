import Foundation
import GRDB
import ParleyEngine

/// A results store in one SQLite file, through GRDB: the embedded default (`parley.sqlite`).
///
/// The file is in WAL mode, so readers (pandas, R, `sqlite3`) never block the writer; every write
/// is one immediate transaction, and several processes may write to the same file (each waits up
/// to a minute for the others' transactions). Synchronous mode is NORMAL: a power cut may lose the
/// last blocks written (a resumed sweep runs them again) but never corrupts the file.
public final class SQLiteResultStore: ResultStore {
    /// The file's path.
    public let path: String
    private let pool: DatabasePool

    /// Opens the SQLite file at `path`, creating it and its tables if needed.
    ///
    /// - Throws: GRDB's `DatabaseError` when the file cannot be opened or is not a database.
    public init(path: String) throws {
        guard !path.isEmpty else { throw StoreError.invalidLocation(path, reason: "the path is empty") }
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            for statement in StoreSchema.statements(for: .sqlite) { try db.execute(sql: statement) }
        }
    }

    /// See ``ResultStore/register(_:)``.
    public func register(_ experiment: ExperimentRecord) async throws {
        let definition = try StoreJSON.encode(experiment)
        let metrics = try StoreJSON.encode(experiment.metrics)
        let points = try experiment.points.map { point in
            (point.index, point.label, try StoreJSON.encode(point.parameters), try StoreJSON.encode(point.arms))
        }
        let stored: String? = try await pool.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT definition FROM experiments WHERE id = ?",
                                                  arguments: [experiment.id]) {
                return existing
            }
            try db.execute(
                sql: """
                    INSERT INTO experiments (id, name, scenario, scenario_file, scenario_text, scenario_hash, command_line,
                        version, seed, runs, block_size, metrics, keeps_run_values, keeps_series, definition, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    experiment.id, experiment.name, experiment.scenario, experiment.scenarioFile, experiment.scenarioText,
                    experiment.scenarioHash, experiment.commandLine, experiment.version, String(experiment.seed),
                    experiment.runs, experiment.blockSize, metrics, experiment.keepsRunValues, experiment.keepsSeries,
                    definition, experiment.createdAt,
                ])
            let insert = try db.cachedStatement(
                sql: "INSERT INTO points (experiment, point, label, parameters, arms) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            for (index, label, parameters, arms) in points {
                try insert.execute(arguments: [experiment.id, index, label, parameters, arms])
            }
            return nil
        }
        if let stored {
            let existing = try StoreJSON.decode(ExperimentRecord.self, from: stored, table: "experiments", key: experiment.id)
            let fields = existing.definingDifferences(from: experiment)
            if !fields.isEmpty { throw StoreError.conflictingDefinition(id: experiment.id, fields: fields) }
        }
    }

    /// See ``ResultStore/experiments()``.
    public func experiments() async throws -> [ExperimentRecord] {
        let rows = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, definition FROM experiments ORDER BY created_at DESC, id")
                .map { ($0["id"] as String, $0["definition"] as String) }
        }
        return try rows.map { try StoreJSON.decode(ExperimentRecord.self, from: $1, table: "experiments", key: $0) }
    }

    /// See ``ResultStore/experiment(id:)``.
    public func experiment(id: String) async throws -> ExperimentRecord? {
        let rows = try await pool.read { db in
            var rows = try Row.fetchAll(db, sql: "SELECT id, definition FROM experiments WHERE id = ?", arguments: [id])
            if rows.isEmpty {
                rows = try Row.fetchAll(
                    db, sql: "SELECT id, definition FROM experiments WHERE substr(id, 1, length(?)) = ? ORDER BY id LIMIT 6",
                    arguments: [id, id])
            }
            return rows.map { ($0["id"] as String, $0["definition"] as String) }
        }
        guard let (found, definition) = rows.first else { return nil }
        guard rows.count == 1 else { throw StoreError.ambiguousPrefix(id, matches: rows.map(\.0)) }
        return try StoreJSON.decode(ExperimentRecord.self, from: definition, table: "experiments", key: found)
    }

    /// See ``ResultStore/storedBlocks(experiment:point:)``.
    public func storedBlocks(experiment: String, point: Int) async throws -> Set<Int> {
        try await pool.read { db in
            Set(try Int.fetchAll(db, sql: "SELECT block FROM blocks WHERE experiment = ? AND point = ?",
                                 arguments: [experiment, point]))
        }
    }

    /// See ``ResultStore/store(_:experiment:point:)``.
    public func store(_ block: BlockResult, experiment: String, point: Int) async throws {
        let prepared = try await layout(of: experiment).prepare(block, experiment: experiment, point: point)
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO blocks (experiment, point, block, runs_in_block, summary) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [experiment, point, block.index, prepared.runsInBlock, prepared.summary])
            // A block that was already there keeps its rows: nothing more to write.
            guard db.changesCount == 1 else { return }
            let insert = try db.cachedStatement(
                sql: "INSERT INTO runs (experiment, point, arm, run, metric, value) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            let rows = prepared.rows
            for row in 0..<rows.count {
                // Unchecked arguments skip GRDB's per-row validation of the argument count, checked once here.
                insert.setUncheckedArguments([experiment, point, rows.arms[row], rows.runs[row], rows.metrics[row], rows.values[row]])
                try insert.execute()
            }
        }
    }

    /// See ``ResultStore/blocks(experiment:point:)``.
    public func blocks(experiment: String, point: Int) async throws -> [BlockResult] {
        let layout = try await layout(of: experiment)
        let (blocks, rows) = try await pool.read { db in
            let blocks = try Row.fetchAll(
                db, sql: "SELECT block, summary FROM blocks WHERE experiment = ? AND point = ? ORDER BY block",
                arguments: [experiment, point]
            ).map { (index: $0[0] as Int, summary: $0[1] as String) }
            let rows = try Row.fetchAll(
                db, sql: "SELECT arm, run, metric, value FROM runs WHERE experiment = ? AND point = ? ORDER BY arm, run",
                arguments: [experiment, point]
            ).map { (arm: $0[0] as Int, run: $0[1] as Int, metric: $0[2] as String, value: $0[3] as Double?) }
            return (blocks, rows)
        }
        return try layout.assemble(blocks: blocks, rows: rows, experiment: experiment, point: point)
    }

    /// See ``ResultStore/storeSummaries(_:experiment:)``.
    public func storeSummaries(_ rows: [SummaryRow], experiment: String) async throws {
        if let other = rows.first(where: { $0.experiment != experiment }) {
            throw StoreError.mismatchedSummary(experiment: experiment, row: other.experiment)
        }
        let points = Set(rows.map(\.point)).sorted()
        try await pool.write { db in
            for point in points {
                try db.execute(sql: "DELETE FROM summaries WHERE experiment = ? AND point = ?", arguments: [experiment, point])
            }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO summaries (experiment, point, arm, arm_name, metric, count, mean, sd, p10, p50, p90, min, max,
                    difference, difference_lower, difference_upper)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment, point, arm, metric) DO UPDATE SET
                    arm_name = excluded.arm_name, count = excluded.count, mean = excluded.mean, sd = excluded.sd,
                    p10 = excluded.p10, p50 = excluded.p50, p90 = excluded.p90, min = excluded.min, max = excluded.max,
                    difference = excluded.difference, difference_lower = excluded.difference_lower,
                    difference_upper = excluded.difference_upper
                """)
            for row in rows {
                try insert.execute(arguments: [
                    experiment, row.point, row.arm, row.armName, row.metric, row.count, row.mean, row.sd,
                    row.p10, row.p50, row.p90, row.min, row.max, row.difference, row.differenceLower, row.differenceUpper,
                ])
            }
        }
    }

    /// See ``ResultStore/summaries(experiment:)``.
    public func summaries(experiment: String) async throws -> [SummaryRow] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT point, arm, arm_name, metric, count, mean, sd, p10, p50, p90, min, max,
                        difference, difference_lower, difference_upper
                    FROM summaries WHERE experiment = ? ORDER BY point, arm, metric
                    """,
                arguments: [experiment]
            ).map { row in
                SummaryRow(
                    experiment: experiment, point: row[0], arm: row[1], armName: row[2], metric: row[3], count: row[4],
                    mean: row[5], sd: row[6], p10: row[7], p50: row[8], p90: row[9], min: row[10], max: row[11],
                    difference: row[12], differenceLower: row[13], differenceUpper: row[14])
            }
        }
    }

    /// See ``ResultStore/rowCounts()``.
    public func rowCounts() async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for table in StoreSchema.tables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    /// See ``ResultStore/close()``.
    public func close() async throws {
        try pool.close()
    }

    /// Runs `sql` and returns its rows as text (NULL as nil): for tests of the documented queries.
    func query(_ sql: String) async throws -> [[String?]] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: nil
                    case let .int64(integer): String(integer)
                    case let .double(double): String(double)
                    case let .string(text): text
                    case let .blob(data): data.map { String(format: "%02x", $0) }.joined()
                    }
                }
            }
        }
    }

    private func layout(of experiment: String) async throws -> ExperimentLayout {
        let row = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT runs, block_size, metrics FROM experiments WHERE id = ?", arguments: [experiment])
                .map { ($0[0] as Int, $0[1] as Int, $0[2] as String) }
        }
        guard let (runs, blockSize, metrics) = row else { throw StoreError.unknownExperiment(experiment) }
        return ExperimentLayout(
            runs: runs, blockSize: blockSize,
            metrics: try StoreJSON.decode([String].self, from: metrics, table: "experiments", key: experiment))
    }
}
