import Foundation

/// The historical record that ships with Parley: copies of `../shared/data/dprk/` cut at
/// 2021-06-30, each row with its source (see `data/dprk/README.md`).
public enum ShippedData {
    /// The folder holding the DPRK record's CSV files.
    public static var dprkDirectory: URL {
        Bundle.module.resourceURL?.appendingPathComponent("dprk") ?? URL(fileURLWithPath: "data/dprk")
    }
}

extension ShippedData {
    /// The folder holding the bargaining tables (see `data/bargaining/README.md`).
    public static var bargainingDirectory: URL {
        Bundle.module.resourceURL?.appendingPathComponent("bargaining") ?? URL(fileURLWithPath: "data/bargaining")
    }
}

extension ShippedData {
    /// The shipped bargaining tables by the name `parley bargain run` accepts, with their files
    /// in ``bargainingDirectory``.
    public static let bargainingTables: [(name: String, file: String)] = [
        ("eu-emissions", "eu_emissions_bdm1994.csv"),
        ("korea-relief-freeze", "korea_relief_freeze_2021.csv"),
        ("sultan", "sultan_bdm.csv"),
        ("china-1989", "china1989_dmasad.csv"),
        ("honduras-2009", "honduras_crisis_dmasad.csv"),
        ("iran-2013", "iran_election_2013_minimalgeek.csv"),
        ("july-1914", "ww1_bdm_minimalgeek.csv"),
    ]

    /// The shipped DEU III files by name: the development file.
    public static let deuFiles: [(name: String, file: String)] = [("deu3-dev", "deu3-dev.tsv")]

    /// The fitted model's values, as `parley bargain fit` wrote them.
    public static var bargainingModelFile: URL { bargainingDirectory.appendingPathComponent("parley-model.json") }
}
