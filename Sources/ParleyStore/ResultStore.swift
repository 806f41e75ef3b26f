import ParleyEngine

/// Where experiments and their results live: an SQLite file (the embedded default) or a
/// PostgreSQL database shared by shards on many machines, with one schema (docs/results-store.md).
///
/// Experiments are stored and resumed by block: a block is the unit of work of
/// ``ParleyEngine/Ensemble/runBlocks(_:blocks:options:keepsSeries:receive:)``, and storing one is
/// a single transaction, so a sweep killed at any moment holds whole blocks only, and re-running a
/// shard neither loses nor duplicates a run.
///
/// ```swift
/// let store = try await ResultStores.open("parley.sqlite")
/// try await store.register(experiment)
/// let done = try await store.storedBlocks(experiment: experiment.id, point: 0)
/// let todo = (0..<experiment.blockCount).filter { !done.contains($0) }
/// try await Ensemble.runBlocks(simulations, blocks: todo, options: options) { block in
///     try? await store.store(block, experiment: experiment.id, point: 0)  // handle errors in real code
/// }
/// try await store.close()
/// ```
public protocol ResultStore: Sendable {
    /// Records the experiment and its points.
    ///
    /// Idempotent: registering the same id again is a no-op (the first registration's command
    /// line, scenario file, version and time stay). Registering a record under an existing id
    /// that differs in a defining field (see ``ExperimentRecord``) throws
    /// ``StoreError/conflictingDefinition(id:fields:)``.
    func register(_ experiment: ExperimentRecord) async throws

    /// The experiments stored, newest first.
    func experiments() async throws -> [ExperimentRecord]

    /// The experiment with this id, or with an id that `id` is a unique prefix of; nil if none.
    ///
    /// - Throws: ``StoreError/ambiguousPrefix(_:matches:)`` when several ids start with `id`.
    func experiment(id: String) async throws -> ExperimentRecord?

    /// The indices of the blocks already stored for one point of an experiment.
    func storedBlocks(experiment: String, point: Int) async throws -> Set<Int>

    /// Stores one finished block — its summaries, and its per-run rows when it holds run values —
    /// in one transaction. Storing a block that is already there changes nothing and is not an
    /// error.
    ///
    /// Run `offset` of the block is stored as run `block.index × blockSize + offset`, with the
    /// block size of the registered experiment.
    ///
    /// - Throws: ``StoreError/unknownExperiment(_:)`` if the experiment is not registered;
    ///   ``StoreError/mismatchedBlock(experiment:point:block:reason:)`` if the block does not fit
    ///   it (index out of range, wrong number of metrics or runs).
    func store(_ block: BlockResult, experiment: String, point: Int) async throws

    /// Every stored block of one point, sorted by block index, with each arm's run values read
    /// back from the `runs` table in run order (empty when none were stored).
    func blocks(experiment: String, point: Int) async throws -> [BlockResult]

    /// Writes the human-readable summary rows, replacing every row stored before for the points
    /// that `rows` mention. Derived data: writing the same rows again changes nothing.
    ///
    /// - Throws: ``StoreError/mismatchedSummary(experiment:row:)`` if a row names another experiment.
    func storeSummaries(_ rows: [SummaryRow], experiment: String) async throws

    /// The summary rows of an experiment, sorted by point, arm and metric name.
    func summaries(experiment: String) async throws -> [SummaryRow]

    /// How many rows each table holds (`experiments`, `points`, `blocks`, `runs`, `summaries`):
    /// for progress, `parley store` listings and checks that nothing was lost or duplicated.
    func rowCounts() async throws -> [String: Int]

    /// Closes the store's connections; the store cannot be used afterwards.
    func close() async throws
}

/// Opens results stores by location.
public enum ResultStores {
    /// Opens (creating its tables if needed) the store at `location`:
    /// `postgres://user:password@host:port/database` (or `postgresql://…`) is a PostgreSQL
    /// database; anything else is the path of an SQLite file, created if missing.
    ///
    /// A PostgreSQL URL may end in `?sslmode=disable|prefer|require` (default `prefer`) and
    /// `&connect_timeout=SECONDS` (default 10): a server that does not answer in that time is an
    /// error rather than a wait.
    ///
    /// - Throws: ``StoreError/invalidLocation(_:reason:)``, ``StoreError/unreachable(_:reason:)``,
    ///   or the database's own error when the file or server cannot be opened.
    public static func open(_ location: String) async throws -> any ResultStore {
        if PostgresLocation.isPostgres(location) {
            return try await PostgresResultStore.open(url: location)
        }
        return try SQLiteResultStore(path: location)
    }
}

/// What can go wrong in a results store.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// An experiment is already stored under this id with other defining fields.
    case conflictingDefinition(id: String, fields: [String])
    /// No experiment with this id is registered.
    case unknownExperiment(String)
    /// Several experiments' ids start with this prefix.
    case ambiguousPrefix(String, matches: [String])
    /// A block does not fit its registered experiment.
    case mismatchedBlock(experiment: String, point: Int, block: Int, reason: String)
    /// A summary row names another experiment than the one it is stored under.
    case mismatchedSummary(experiment: String, row: String)
    /// The location is not a usable SQLite path or PostgreSQL URL.
    case invalidLocation(String, reason: String)
    /// The PostgreSQL server did not answer, or refused the connection.
    case unreachable(String, reason: String)
    /// An operation did not finish within its time limit.
    case timedOut(operation: String, seconds: Int)
    /// A stored value could not be read back.
    case unreadable(table: String, key: String, reason: String)

    /// A message that says what happened and what to do.
    public var description: String {
        switch self {
        case let .conflictingDefinition(id, fields):
            return "experiment \(id) is already stored with a different \(fields.joined(separator: ", ")); "
                + "an experiment's id must change when its definition does (or use another store)"
        case let .unknownExperiment(id):
            return "no experiment \(id) in this store; register it before storing its results"
        case let .ambiguousPrefix(prefix, matches):
            return "'\(prefix)' is the start of \(matches.count) experiment ids (\(matches.prefix(5).joined(separator: ", "))); give more characters"
        case let .mismatchedBlock(experiment, point, block, reason):
            return "block \(block) of point \(point) does not fit experiment \(experiment): \(reason)"
        case let .mismatchedSummary(experiment, row):
            return "a summary row of experiment \(row) cannot be stored under experiment \(experiment)"
        case let .invalidLocation(location, reason):
            return "cannot use '\(location)' as a results store: \(reason)"
        case let .unreachable(location, reason):
            return "cannot reach the PostgreSQL server at \(location): \(reason); "
                + "check that it is running (pg_isready), and the URL's host, port, user and password"
        case let .timedOut(operation, seconds):
            return "\(operation) did not finish within \(seconds) s; is the database server still running?"
        case let .unreadable(table, key, reason):
            return "cannot read \(table) row \(key): \(reason); the store may have been written by another version of Parley"
        }
    }
}
