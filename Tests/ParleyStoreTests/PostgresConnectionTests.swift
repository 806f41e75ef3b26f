import Foundation
@testable import ParleyStore
import Testing

@Suite struct PostgresConnectionTests {
    @Test func aURLIsTakenApart() throws {
        let location = try PostgresLocation(url: "postgres://ana:p%40ss@db.example:6543/results?sslmode=require&connect_timeout=3")
        #expect(location.host == "db.example" && location.port == 6543)
        #expect(location.username == "ana" && location.password == "p@ss" && location.database == "results")
        #expect(location.sslMode == .require && location.connectTimeout == 3)
        #expect(location.description == "postgres://ana@db.example:6543/results")
    }

    @Test func anUnknownURLOptionIsAnError() {
        #expect(throws: StoreError.invalidLocation("postgres://a@h/d?ssl=1", reason: "unknown option 'ssl' (known: sslmode, connect_timeout)")) {
            try PostgresLocation(url: "postgres://a@h/d?ssl=1")
        }
    }

    @Test func aLocationThatIsNoURLIsAnSQLiteFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await ResultStores.open(folder.appendingPathComponent("results.sqlite").path)
        #expect(store is SQLiteResultStore)
        try await store.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func aServerThatIsDownIsAnErrorNotAWait() async throws {
        // Nothing listens on port 1: connecting is refused at once, and must not be retried forever.
        let start = ContinuousClock.now
        await #expect(throws: StoreError.self) {
            try await ResultStores.open("postgres://parley:secret@127.0.0.1:1/parley?connect_timeout=2")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test(.enabled(if: Backend.postgresURL != nil), .timeLimit(.minutes(1)))
    func aWrongPasswordIsAnErrorThatSaysSo() async throws {
        let url = try #require(Backend.postgresURL)
        var components = try #require(URLComponents(string: url))
        components.password = "wrong"
        do {
            let store = try await ResultStores.open(try #require(components.string))
            try await store.close()
            Issue.record("a wrong password was accepted")
        } catch let error as StoreError {
            #expect(error.description.contains("password authentication failed"))
        }
    }
}
