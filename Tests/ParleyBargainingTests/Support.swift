import Foundation
import ParleyBargaining
import ParleyData
import Testing

/// A shipped table read from `data/bargaining/`.
func shippedTable(_ file: String) throws -> BargainingTable {
    let url = ShippedData.bargainingDirectory.appendingPathComponent(file)
    return try ActorTableReader.read(bytes: Array(try Data(contentsOf: url)), file: file)
}

/// The DEU III development file's issues.
func developmentIssues() throws -> [DEUIssue] {
    let url = ShippedData.bargainingDirectory.appendingPathComponent("deu3-dev.tsv")
    return try DEUReader.read(bytes: Array(try Data(contentsOf: url)), file: "deu3-dev.tsv")
}

/// The error an actor table with `text` raises, if any.
func tableError(_ text: String) -> BargainingDataError? {
    do {
        _ = try ActorTableReader.read(bytes: Array(text.utf8), file: "t.csv")
        return nil
    } catch { return error }
}

/// The error a DEU file with `text` raises, if any.
func deuError(_ text: String) -> BargainingDataError? {
    do {
        _ = try DEUReader.read(bytes: Array(text.utf8), file: "d.tsv")
        return nil
    } catch { return error }
}

/// A one-dimensional table of (position, capability × salience split as capability, salience 1).
func table(_ actors: [(Double, Double)], reference: Double? = nil, scale: ClosedRange<Double>? = nil) throws -> BargainingTable {
    try BargainingTable(name: "t", actors: actors.enumerated().map { index, actor in
        BargainingActor(name: "a\(index)", capability: actor.1, position: actor.0, salience: 1)
    }, scales: scale.map { [$0] }, reference: reference.map { [$0] })
}
