import Foundation
import Testing

/// `parley calibrate` and `parley backtest`, as users type them (small budgets: debug builds).
@Suite struct HistoryCommandTests {
    static let small = ["--particles", "10", "--generations", "2", "--pilot", "10", "--replicates", "1", "--quiet"]

    /// A copy of the shipped record in a fresh folder, with `edit` applied to one file.
    static func record(editing file: String? = nil, _ edit: (String) -> String = { $0 }) throws -> URL {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../data/dprk").standardizedFileURL
        var files: [String: String] = [:]
        for name in ["missile_tests.csv", "missile_tests_annual.csv", "nuclear_tests.csv", "sanctions.csv", "episodes.csv", "warheads.csv"] {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            files[name] = name == file ? edit(text) : text
        }
        return try folder(with: files)
    }

    @Test func calibrateWritesACalibrationFileThatAScenarioCanName() throws {
        let directory = try folder(with: [:])
        let output = directory.appendingPathComponent("fit.calibration.yaml").path
        let result = try parleyArguments(["calibrate", "--through", "2012-12", "--parameters", "srbm_base,w_relief", "--output", output] + Self.small)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("srbm_base"))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("parley-calibration: 2"))
        #expect(text.contains("command: \"parley calibrate --through 2012-12 --parameters srbm_base,w_relief --output"))
        // a variant of korea-2021 that names this file loads with the posterior medians
        try "extends: korea-2021\nname: refitted\ncalibration: fit.calibration.yaml\n"
            .write(to: directory.appendingPathComponent("refitted.yaml"), atomically: true, encoding: .utf8)
        let check = try parley("check", "refitted.yaml", in: directory)
        #expect(check.status == 0, "\(check.standardError)")
        let list = try parley("list", "refitted.yaml", in: directory)
        #expect(list.standardOutput.contains("calibrated: ABC-SMC posterior median"))
    }

    @Test func calibrateJSONIsTheSameOnOneAndTwoThreads() throws {
        let arguments = ["calibrate", "--through", "2012-12", "--parameters", "srbm_base", "--format", "json"] + Self.small
        let one = try parleyArguments(arguments + ["--threads", "1"])
        let two = try parleyArguments(arguments + ["--threads", "2"])
        #expect(one.status == 0)
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("\"command\"") }.joined(separator: "\n") }
        #expect(strip(one.standardOutput) == strip(two.standardOutput))
    }

    @Test func backtestPrintsEveryForecastersScoresPerOriginAndPooledAndWritesAReport() throws {
        let directory = try folder(with: [:])
        let report = directory.appendingPathComponent("backtest.html").path
        let result = try parleyArguments(["backtest", "--parameters", "srbm_base", "--origins", "2012-12,2016-12", "--draws", "4",
                                          "--forecast-runs", "2", "--hawkes-paths", "50", "--report", report] + Self.small)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Pooled over 14 (origin, year) pairs"))
        #expect(result.standardOutput.contains("From 2012-12 (9 test years)"))
        #expect(result.standardOutput.contains("From 2016-12 (5 test years)"))
        for name in ["model", "climatology-poisson", "climatology-empirical", "persistence", "recent-era", "negative-binomial", "hawkes"] {
            #expect(result.standardOutput.contains("\n\(name) "), "the table lists \(name)")
        }
        #expect(result.standardOutput.contains("CRPS missiles"))
        #expect(result.standardOutput.contains("log long-range"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("id=\"backtest-missiles-2012-12\""))
        #expect(html.contains("id=\"backtest-missiles-2016-12\""))
        #expect(html.contains("id=\"backtest-pit-missiles\""))
        #expect(html.contains("observed, 2014: 19"))
    }

    @Test func backtestJSONCarriesEveryBaselineAndOriginAndDoesNotDependOnThreads() throws {
        let arguments = ["backtest", "--parameters", "srbm_base", "--origins", "2016-12", "--draws", "3", "--forecast-runs", "2",
                         "--hawkes-paths", "40", "--format", "json"] + Self.small
        let one = try parleyArguments(arguments + ["--threads", "1"])
        let two = try parleyArguments(arguments + ["--threads", "2"])
        #expect(one.status == 0, "\(one.standardError)")
        #expect(one.standardOutput == two.standardOutput)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(one.standardOutput.utf8)) as? [String: Any])
        let origins = try #require(document["origins"] as? [[String: Any]])
        #expect(origins.compactMap { $0["origin"] as? String } == ["2016-12"])
        let pooled = try #require(document["pooled"] as? [String: Any])
        let names = try #require(pooled["forecasters"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names == ["climatology-poisson", "climatology-empirical", "persistence", "recent-era", "negative-binomial", "hawkes", "model"])
    }

    @Test func backtestCSVIsLongFormWithTheOriginsAndThePool() throws {
        let result = try parleyArguments(["backtest", "--parameters", "srbm_base", "--origins", "2016-12", "--draws", "3",
                                          "--forecast-runs", "2", "--hawkes-paths", "40", "--format", "csv"] + Self.small)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "origin,forecaster,score,target,value")
        #expect(lines.contains { $0.hasPrefix("2016-12,model,crps,missiles,") })
        #expect(lines.contains { $0.hasPrefix("pooled,hawkes,coverage80,launch_months,") })
        #expect(!lines.contains { $0.hasPrefix("pooled,hawkes,brier,nuclear_test,") }, "Hawkes makes no nuclear-test forecast")
    }

    @Test func aMalformedRowStopsWithItsFileLineAndColumnAndWritesNothing() throws {
        let data = try Self.record(editing: "nuclear_tests.csv") { $0.replacingOccurrences(of: "2013-02-12", with: "2013-02-31") }
        let directory = try folder(with: [:])
        let output = directory.appendingPathComponent("fit.calibration.yaml").path
        let result = try parleyArguments(["calibrate", "--data", data.path, "--output", output] + Self.small)
        #expect(result.status == 65)
        #expect(result.standardError.contains("nuclear_tests.csv:4:"))
        #expect(result.standardError.contains("error:"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func aRowAfterTheCutOffIsRefused() throws {
        let data = try Self.record(editing: "sanctions.csv") { text in
            text.replacingOccurrences(of: "2397 (2017),2017-12-22", with: "2397 (2017),2021-12-22")
        }
        let result = try parleyArguments(["backtest", "--data", data.path] + Self.small)
        #expect(result.status == 65)
        #expect(result.standardError.contains("sanctions.csv:"))
        #expect(result.standardError.contains("2021-06-30"))
    }

    @Test func badMonthsAndUnknownParametersAreUsageErrors() throws {
        #expect(try parley("backtest", "--origins", "2012-13").status == 64)
        #expect(try parley("backtest", "--origins", "2021-06").status == 64)
        #expect(try parley("backtest", "--origins", "2012-12,2012-12").status == 64)
        #expect(try parley("calibrate", "--from", "1990").status == 64)
        let unknown = try parley("calibrate", "--parameters", "srbm_bsae", "--quiet")
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("did you mean 'srbm_base'?"))
    }
}

@Suite struct CalibratedClaimsTests {
    @Test func claimsListTheCalibratedParametersTheyRestOnWithTheirIntervals() throws {
        let result = try parley("claims", "--runs", "10", "--only", "sanctions_do_not_slow_the_program", "--quiet")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Calibrated parameters (<shipped>/korea-2021.calibration.yaml; posterior median and 95% interval"))
        #expect(result.standardOutput.contains("\n  sanctions_on_program 0.183 [0.0133, 0.47]\n"))
        #expect(result.standardOutput.contains("fitted by: parley calibrate --output Scenarios/files/korea-2021.calibration.yaml"))
    }
}
