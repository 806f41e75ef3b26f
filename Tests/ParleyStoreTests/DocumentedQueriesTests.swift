import Foundation
@testable import ParleyStore
import Testing

/// Every SQL example in docs/results-store.md runs against a store holding a real experiment and
/// returns rows. Examples whose first line is `-- sqlite` or `-- postgres` run on that store only.
@Suite struct DocumentedQueriesTests {
    static let documentPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/results-store.md").path

    /// The ```sql blocks of the document, with the dialect they are marked for (nil: both).
    static func queries() throws -> [(dialect: Backend?, sql: String)] {
        let text = try String(contentsOfFile: documentPath, encoding: .utf8)
        var queries: [(Backend?, String)] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sql" {
                current = []
            } else if current != nil, line == "```" {
                let lines = current ?? []
                let dialect: Backend? = switch lines.first {
                case "-- sqlite": .sqlite
                case "-- postgres": .postgres
                default: nil
                }
                queries.append((dialect, lines.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current?.append(String(line))
            }
        }
        return queries
    }

    @Test func theDocumentHasQueriesForBothStores() throws {
        let queries = try Self.queries()
        #expect(queries.count >= 10)
        #expect(queries.contains { $0.dialect == .sqlite } && queries.contains { $0.dialect == .postgres })
    }

    @Test(arguments: Backend.testable)
    func everyDocumentedQueryRunsAndReturnsRows(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try await withStore(backend) { store in
            try await store.register(experiment)
            for point in 0..<2 {
                for block in blocks { try await store.store(block, experiment: experiment.id, point: point) }
                try await store.storeSummaries(fixture.summaryRows(of: blocks, experiment: experiment.id, point: point),
                                               experiment: experiment.id)
            }
            for query in try Self.queries() where query.dialect == nil || query.dialect == backend {
                let rows = try await testQuery(store, query.sql)
                #expect(!rows.isEmpty, "no rows from:\n\(query.sql)")
            }
        }
    }

    @Test(arguments: Backend.testable)
    func meansFromTheRunsTableAgreeWithTheSummaries(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try await withStore(backend) { store in
            try await store.register(experiment)
            for block in blocks { try await store.store(block, experiment: experiment.id, point: 0) }
            let rows = fixture.summaryRows(of: blocks, experiment: experiment.id, point: 0)
            try await store.storeSummaries(rows, experiment: experiment.id)
            let means = try await testQuery(store, "SELECT arm, metric, avg(value) FROM runs GROUP BY arm, metric")
            for mean in means {
                let row = try #require(rows.first { String($0.arm) == mean[0] && $0.metric == mean[1] })
                let fromRuns = try #require(mean[2].flatMap(Double.init))
                #expect(abs(fromRuns - (row.mean ?? .nan)) < 1e-9)
            }
            #expect(means.count == rows.count)
        }
    }
}
