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
