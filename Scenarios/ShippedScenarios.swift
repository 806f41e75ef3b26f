import Foundation

/// The scenarios that ship with Parley, bundled as resources.
public enum ShippedScenarios {
    /// The scenario `parley run` uses when no file is given.
    public static let defaultName = "korea-2021"

    /// The names of all shipped scenarios (file names without `.yaml`), sorted.
    /// Read once: the bundle does not change while Parley runs.
    public static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(calibrationSuffix) }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// How calibration files (`parley-calibration: 1`, written by `parley calibrate`) end.
    public static let calibrationSuffix = ".calibration.yaml"

    /// The text of a shipped scenario, or of a shipped calibration file (`NAME.calibration.yaml`),
    /// or nil if there is none by that name.
    public static func text(named name: String) -> String? {
        if name.hasSuffix(calibrationSuffix), !name.contains("/") {
            return try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        let stem = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
        guard names.contains(stem) else { return nil }
        return try? String(contentsOf: directory.appendingPathComponent(stem + ".yaml"), encoding: .utf8)
    }

    /// The label diagnostics use for a shipped scenario's file.
    public static func displayPath(named name: String) -> String { "<shipped>/\(name).yaml" }

    private static var directory: URL {
        Bundle.module.resourceURL?.appendingPathComponent("files") ?? URL(fileURLWithPath: "files")
    }
}
