import Foundation

/// A PostgreSQL URL taken apart: `postgres://user:password@host:port/database?sslmode=…&connect_timeout=…`.
struct PostgresLocation: Sendable, Equatable {
    enum SSLMode: String, Sendable {
        case disable, prefer, require
    }

    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String?
    var sslMode: SSLMode
    /// How long connecting may take before the server counts as unreachable.
    var connectTimeout: Int

    /// Whether `location` names a PostgreSQL database rather than an SQLite file.
    static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    init(url: String) throws {
        guard Self.isPostgres(url), let components = URLComponents(string: url) else {
            throw StoreError.invalidLocation(Self.redacted(url), reason: "expected postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.invalidLocation(Self.redacted(url), reason: "the URL names no host")
        }
        self.host = host
        port = components.port ?? 5432
        username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : path.removingPercentEncoding
        sslMode = .prefer
        connectTimeout = 10
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw StoreError.invalidLocation(Self.redacted(url), reason: "sslmode must be disable, prefer or require")
                }
                sslMode = mode
            case "connect_timeout":
                guard let seconds = item.value.flatMap(Int.init), seconds > 0 else {
                    throw StoreError.invalidLocation(Self.redacted(url), reason: "connect_timeout must be a whole number of seconds")
                }
                connectTimeout = seconds
            default:
                throw StoreError.invalidLocation(Self.redacted(url), reason: "unknown option '\(item.name)' (known: sslmode, connect_timeout)")
            }
        }
    }

    /// The URL without its password, for messages.
    var description: String {
        "postgres://\(username)@\(host):\(port)/\(database ?? "")"
    }

    /// `url` with any password replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// Runs `body`, or throws ``StoreError/timedOut(operation:seconds:)`` after `seconds` (and cancels it).
///
/// postgres-nio's pool waits for a connection forever while a server is down; this turns the wait
/// into an error a person can act on.
func withTimeLimit<Value: Sendable>(
    _ seconds: Int, operation: String, _ body: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw StoreError.timedOut(operation: operation, seconds: seconds)
        }
        return value
    }
}
