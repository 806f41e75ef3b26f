import ParleyEngine
import PostgresNIO

/// A results store in a PostgreSQL database, through postgres-nio: shards on many machines write
/// to one database, and `parley report` reads them all. Same tables as ``SQLiteResultStore``.
///
/// Every write is one transaction with `ON CONFLICT DO NOTHING`, so concurrent shards, re-run
/// shards and resumed sweeps neither lose nor duplicate a run. Opening checks that the server
/// answers within the URL's `connect_timeout`, and every operation has a time limit: postgres-nio
/// would otherwise wait forever for a server that is down.
public final class PostgresResultStore: ResultStore {
    /// The database's URL, without its password.
    public let location: String
    /// The time limit of one operation, in seconds.
    public let operationTimeLimit: Int
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger: Logger

    private init(location: String, operationTimeLimit: Int, client: PostgresClient, logger: Logger) {
        self.location = location
        self.operationTimeLimit = operationTimeLimit
        self.client = client
        self.logger = logger
        runTask = Task { await client.run() }
    }

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`) and
    /// creates the tables if needed.
    ///
    /// - Parameters:
    ///   - operationTimeLimit: seconds any later operation may take before it fails with
    ///     ``StoreError/timedOut(operation:seconds:)``.
    ///   - maximumConnections: the most connections this store opens (shards × this must stay
    ///     below the server's `max_connections`, 100 by default).
    /// - Throws: ``StoreError/invalidLocation(_:reason:)`` for a malformed URL;
    ///   ``StoreError/unreachable(_:reason:)`` when the server does not answer in time, or refuses
    ///   the user or password.
    public static func open(url: String, operationTimeLimit: Int = 120, maximumConnections: Int = 4) async throws
        -> PostgresResultStore
    {
        let location = try PostgresLocation(url: url)
        var logger = Logger(label: "parley.store.postgres")
        logger.logLevel = .critical  // connection errors surface as thrown errors; stdout is for results

        // One direct connection first: it fails (rather than retrying forever, as the pool does)
        // when the server is down or refuses us, and it creates the tables.
        var connectionConfiguration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: try connectionTLS(location.sslMode))
        connectionConfiguration.options.connectTimeout = .seconds(Int64(location.connectTimeout))
        let schemaLogger = logger
        let schemaConfiguration = connectionConfiguration
        do {
            try await withTimeLimit(location.connectTimeout + 5, operation: "connecting to \(location.description)") {
                let connection = try await PostgresConnection.connect(
                    configuration: schemaConfiguration, id: 0, logger: schemaLogger)
                do {
                    try await createTables(on: connection, logger: schemaLogger)
                    try await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
            }
        } catch let error as StoreError {
            throw StoreError.unreachable(location.description, reason: error.description)
        } catch let error as PSQLError {
            throw StoreError.unreachable(location.description, reason: Self.message(of: error))
        } catch {
            throw StoreError.unreachable(location.description, reason: "\(error)")
        }

        var clientConfiguration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: clientTLS(location.sslMode))
        clientConfiguration.options.connectTimeout = .seconds(Int64(location.connectTimeout))
        clientConfiguration.options.maximumConnections = max(1, maximumConnections)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        return PostgresResultStore(
            location: location.description, operationTimeLimit: operationTimeLimit, client: client, logger: logger)
    }

    /// Creates the tables under an advisory lock: concurrent `CREATE TABLE IF NOT EXISTS` from
    /// shards starting together can otherwise fail on PostgreSQL's catalogue constraints.
    private static func createTables(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(727274)", logger: logger)
            for statement in StoreSchema.statements(for: .postgres) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
    }

    /// See ``ResultStore/register(_:)``.
    public func register(_ experiment: ExperimentRecord) async throws {
        let definition = try StoreJSON.encode(experiment)
        let metrics = try StoreJSON.encode(experiment.metrics)
        let indices = experiment.points.map(\.index)
        let labels = experiment.points.map(\.label)
        let parameters = try experiment.points.map { try StoreJSON.encode($0.parameters) }
        let arms = try experiment.points.map { try StoreJSON.encode($0.arms) }
        let logger = logger
        try await transaction("registering experiment \(experiment.id)") { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO experiments (id, name, scenario, scenario_file, scenario_text, scenario_hash, command_line,
                    version, seed, runs, block_size, metrics, keeps_run_values, keeps_series, definition, created_at)
                VALUES (\(experiment.id), \(experiment.name), \(experiment.scenario), \(experiment.scenarioFile),
                    \(experiment.scenarioText), \(experiment.scenarioHash), \(experiment.commandLine), \(experiment.version),
                    \(String(experiment.seed)), \(experiment.runs), \(experiment.blockSize), \(metrics),
                    \(experiment.keepsRunValues), \(experiment.keepsSeries), \(definition), \(experiment.createdAt))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger
            ).collect().count == 1
            if inserted {
                try await connection.query(
                    """
                    INSERT INTO points (experiment, point, label, parameters, arms)
                    SELECT \(experiment.id), p, l, pa, a
                    FROM unnest(\(indices)::bigint[], \(labels)::text[], \(parameters)::text[], \(arms)::text[]) AS t(p, l, pa, a)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                return
            }
            let definitions = try await Self.collect(
                connection.query("SELECT definition FROM experiments WHERE id = \(experiment.id)", logger: logger)
            ) { try $0.decode(String.self) }
            guard let stored = definitions.first else { return }
            let existing = try StoreJSON.decode(ExperimentRecord.self, from: stored, table: "experiments", key: experiment.id)
            let fields = existing.definingDifferences(from: experiment)
            if !fields.isEmpty { throw StoreError.conflictingDefinition(id: experiment.id, fields: fields) }
        }
    }

    /// See ``ResultStore/experiments()``.
    public func experiments() async throws -> [ExperimentRecord] {
        let rows = try await limited("listing experiments") { client in
            try await Self.collect(
                client.query("SELECT id, definition FROM experiments ORDER BY created_at DESC, id")) { try $0.decode((String, String).self) }
        }
        return try rows.map { try StoreJSON.decode(ExperimentRecord.self, from: $1, table: "experiments", key: $0) }
    }

    /// See ``ResultStore/experiment(id:)``.
    public func experiment(id: String) async throws -> ExperimentRecord? {
        let rows = try await limited("reading experiment \(id)") { client in
            let exact = try await Self.collect(
                client.query("SELECT id, definition FROM experiments WHERE id = \(id)")) { try $0.decode((String, String).self) }
            if !exact.isEmpty { return exact }
            return try await Self.collect(
                client.query("""
                    SELECT id, definition FROM experiments WHERE substr(id, 1, length(\(id))) = \(id) ORDER BY id LIMIT 6
                    """)
            ) { try $0.decode((String, String).self) }
        }
        guard let (found, definition) = rows.first else { return nil }
        guard rows.count == 1 else { throw StoreError.ambiguousPrefix(id, matches: rows.map(\.0)) }
        return try StoreJSON.decode(ExperimentRecord.self, from: definition, table: "experiments", key: found)
    }

    /// See ``ResultStore/storedBlocks(experiment:point:)``.
    public func storedBlocks(experiment: String, point: Int) async throws -> Set<Int> {
        try await limited("reading the stored blocks of \(experiment)") { client in
            Set(try await Self.collect(
                client.query("SELECT block FROM blocks WHERE experiment = \(experiment) AND point = \(point)")) { try $0.decode(Int.self) })
        }
    }

    /// See ``ResultStore/store(_:experiment:point:)``.
    public func store(_ block: BlockResult, experiment: String, point: Int) async throws {
        let prepared = try await layout(of: experiment).prepare(block, experiment: experiment, point: point)
        let logger = logger
        try await transaction("storing block \(block.index) of \(experiment)") { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO blocks (experiment, point, block, runs_in_block, summary)
                VALUES (\(experiment), \(point), \(block.index), \(prepared.runsInBlock), \(prepared.summary))
                ON CONFLICT DO NOTHING RETURNING block
                """, logger: logger
            ).collect().count == 1
            // A block that was already there keeps its rows: nothing more to write.
            guard inserted, prepared.rows.count > 0 else { return }
            let rows = prepared.rows
            // One statement for the whole block: arrays travel as four binds, and PostgreSQL
            // unnests them into rows. SQL has no NaN in our schema: NaN becomes NULL, as in SQLite.
            try await connection.query(
                """
                INSERT INTO runs (experiment, point, arm, run, metric, value)
                SELECT \(experiment), \(point), a, r, m, nullif(v, 'NaN'::float8)
                FROM unnest(\(rows.arms)::bigint[], \(rows.runs)::bigint[], \(rows.metrics)::text[], \(rows.values)::float8[])
                    AS t(a, r, m, v)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    /// See ``ResultStore/blocks(experiment:point:)``.
    public func blocks(experiment: String, point: Int) async throws -> [BlockResult] {
        let layout = try await layout(of: experiment)
        let (blocks, rows) = try await limited("reading the blocks of \(experiment)") { client in
            let blocks = try await Self.collect(
                client.query("""
                    SELECT block, summary FROM blocks WHERE experiment = \(experiment) AND point = \(point) ORDER BY block
                    """)
            ) { try $0.decode((Int, String).self) }.map { (index: $0.0, summary: $0.1) }
            // One row per arm holding the runs as arrays: far fewer messages to decode than one row per value.
            let rows = try await Self.collect(
                client.query("""
                    SELECT arm, array_agg(run ORDER BY run), array_agg(metric ORDER BY run),
                        array_agg(coalesce(value, 'NaN'::float8) ORDER BY run)
                    FROM runs WHERE experiment = \(experiment) AND point = \(point)
                    GROUP BY arm ORDER BY arm
                    """)
            ) { row in
                let (arm, runs, metrics, values) = try row.decode((Int, [Int], [String], [Double]).self)
                return runs.indices.map { (arm: arm, run: runs[$0], metric: metrics[$0], value: Optional(values[$0])) }
            }.flatMap { $0 }
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
        // Every row in one statement: columns travel as arrays, nil as NaN turned back into NULL.
        func column(_ value: (SummaryRow) -> Double?) -> [Double] { rows.map { value($0) ?? .nan } }
        let (arms, names, metrics, counts) = (rows.map(\.arm), rows.map(\.armName), rows.map(\.metric), rows.map(\.count))
        let (means, sds, p10s, p50s, p90s) = (column(\.mean), column(\.sd), column(\.p10), column(\.p50), column(\.p90))
        let (mins, maxes, differences) = (column(\.min), column(\.max), column(\.difference))
        let (lowers, uppers, rowPoints) = (column(\.differenceLower), column(\.differenceUpper), rows.map(\.point))
        let logger = logger
        try await transaction("storing the summaries of \(experiment)") { connection in
            try await connection.query(
                "DELETE FROM summaries WHERE experiment = \(experiment) AND point = ANY(\(points)::bigint[])", logger: logger)
            try await connection.query(
                """
                INSERT INTO summaries (experiment, point, arm, arm_name, metric, count, mean, sd, p10, p50, p90,
                    min, max, difference, difference_lower, difference_upper)
                SELECT DISTINCT ON (point, arm, metric) \(experiment), point, arm, arm_name, metric, count,
                    nullif(mean, 'NaN'), nullif(sd, 'NaN'), nullif(p10, 'NaN'), nullif(p50, 'NaN'), nullif(p90, 'NaN'),
                    nullif(min, 'NaN'), nullif(max, 'NaN'), nullif(difference, 'NaN'),
                    nullif(difference_lower, 'NaN'), nullif(difference_upper, 'NaN')
                FROM unnest(\(rowPoints)::bigint[], \(arms)::bigint[], \(names)::text[], \(metrics)::text[], \(counts)::bigint[],
                    \(means)::float8[], \(sds)::float8[], \(p10s)::float8[], \(p50s)::float8[], \(p90s)::float8[],
                    \(mins)::float8[], \(maxes)::float8[], \(differences)::float8[], \(lowers)::float8[], \(uppers)::float8[])
                    WITH ORDINALITY AS t(point, arm, arm_name, metric, count, mean, sd, p10, p50, p90, min, max,
                        difference, difference_lower, difference_upper, position)
                ORDER BY point, arm, metric, position DESC
                """, logger: logger)
        }
    }

    /// See ``ResultStore/summaries(experiment:)``.
    public func summaries(experiment: String) async throws -> [SummaryRow] {
        try await limited("reading the summaries of \(experiment)") { client in
            try await Self.collect(
                client.query("""
                    SELECT point, arm, arm_name, metric, count, mean, sd, p10, p50, p90, min, max,
                        difference, difference_lower, difference_upper
                    FROM summaries WHERE experiment = \(experiment) ORDER BY point, arm, metric COLLATE "C"
                    """)
            ) { row in
                let (point, arm, armName, metric, count, mean, sd, p10, p50, p90, min, max, difference, lower, upper) =
                    try row.decode((Int, Int, String, String, Int, Double?, Double?, Double?, Double?, Double?, Double?,
                                    Double?, Double?, Double?, Double?).self)
                return SummaryRow(
                    experiment: experiment, point: point, arm: arm, armName: armName, metric: metric, count: count,
                    mean: mean, sd: sd, p10: p10, p50: p50, p90: p90, min: min, max: max,
                    difference: difference, differenceLower: lower, differenceUpper: upper)
            }
        }
    }

    /// See ``ResultStore/rowCounts()``.
    public func rowCounts() async throws -> [String: Int] {
        try await limited("counting rows") { client in
            var counts: [String: Int] = [:]
            for table in StoreSchema.tables {
                counts[table] = try await Self.collect(client.query("SELECT count(*) FROM \(unescaped: table)")) { try $0.decode(Int.self) }
                    .first ?? 0
            }
            return counts
        }
    }

    /// See ``ResultStore/close()``.
    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    /// Runs `sql` and returns its rows as text (NULL as nil): for tests of the documented queries.
    func query(_ sql: String) async throws -> [[String?]] {
        try await limited("running a query") { client in
            var rows: [[String?]] = []
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql)) {
                rows.append(row.map(Self.text(of:)))
            }
            return rows
        }
    }

    /// A cell as text: numbers in Swift's notation, as ``SQLiteResultStore`` shows them.
    private static func text(of cell: PostgresCell) -> String? {
        guard cell.bytes != nil else { return nil }
        if let value = try? cell.decode(Int.self) { return String(value) }
        if let value = try? cell.decode(Double.self) { return String(value) }
        if let value = try? cell.decode(Bool.self) { return value ? "1" : "0" }
        if let value = try? cell.decode(String.self) { return value }
        return cell.bytes.map { String(buffer: $0) }
    }

    private func layout(of experiment: String) async throws -> ExperimentLayout {
        let rows = try await limited("reading experiment \(experiment)") { client in
            try await Self.collect(
                client.query("SELECT runs, block_size, metrics FROM experiments WHERE id = \(experiment)")
            ) { try $0.decode((Int, Int, String).self) }
        }
        guard let (runs, blockSize, metrics) = rows.first else { throw StoreError.unknownExperiment(experiment) }
        return ExperimentLayout(
            runs: runs, blockSize: blockSize,
            metrics: try StoreJSON.decode([String].self, from: metrics, table: "experiments", key: experiment))
    }

    /// Runs `body` with the client within ``operationTimeLimit``.
    private func limited<Value: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresClient) async throws -> Value
    ) async throws -> Value {
        let client = client
        return try await withTimeLimit(operationTimeLimit, operation: operation) { try await body(client) }
    }

    /// Runs `body` in one transaction within ``operationTimeLimit``; the store's own errors come
    /// out as they were thrown rather than wrapped in postgres-nio's transaction error.
    private func transaction<Value: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let logger = logger
        do {
            return try await limited(operation) { client in
                try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        } catch let error as PostgresTransactionError {
            if let storeError = error.closureError as? StoreError { throw storeError }
            throw error
        }
    }

    private static func collect<Value>(_ rows: PostgresRowSequence, _ decode: (PostgresRow) throws -> Value) async throws
        -> [Value]
    {
        var values: [Value] = []
        for try await row in rows { values.append(try decode(row)) }
        return values
    }

    private static func connectionTLS(_ mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return try .prefer(.init(configuration: .makeClientConfiguration()))
        case .require: return try .require(.init(configuration: .makeClientConfiguration()))
        }
    }

    private static func clientTLS(_ mode: PostgresLocation.SSLMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    /// The server's own message for an error, when it sent one (`password authentication failed`).
    private static func message(of error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        return "\(error.code)"
    }
}
