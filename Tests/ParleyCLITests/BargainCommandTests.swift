import Foundation
import Testing

/// A small DEU file: two actors with capabilities, three issues (one without an outcome).
let smallDEU = """
    isnr\tproc\tcounvte\tpde\tpfr\tsde\tsfr\trp\tout
    \t\t\t4\t2\t\t\t\t
    i1\tCOD\tQMV\t0\t100\t50\t50\t0\t40
    i2\tCNS\tUnan\t20\t80\t100\t50\t\t30
    i3\tCOD\tQMV\t10\t60\t50\t50\t0\t

    """

@Test func bargainRunReproducesScholzRoundsFromAnyDirectory() throws {
    let result = try parley("bargain", "run", "eu-emissions", "--model", "bdm", "--rounds", "8", "--format", "csv",
                            in: FileManager.default.temporaryDirectory)
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first == "round,forecast,mean,Netherlands,Belgium,Luxembourg,Germany,France,Italy,UK,Ireland,Denmark,Greece")
    #expect(lines.count == 10)
    #expect(lines[2].hasPrefix("1,8.4159,"))
    #expect(lines[9].hasPrefix("8,9.6711,"))
}

@Test func bargainRunWritesJSONAndAReportWithATrajectoryChart() throws {
    let directory = try folder(with: [:])
    let result = try parley("bargain", "run", "korea-relief-freeze", "--model", "smp", "--format", "json", "--report", "k.html", in: directory)
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
    #expect(json?["model"] as? String == "smp")
    #expect((json?["actors"] as? [Any])?.count == 7)
    let html = try String(contentsOf: directory.appendingPathComponent("k.html"), encoding: .utf8)
    #expect(html.contains("<svg") && html.contains("line-chart") && html.contains("positions by round"))
    #expect(html.contains("Congress"))
}

@Test func bargainPredictPrintsExactlyIssueAndPrediction() throws {
    let directory = try folder(with: ["d.tsv": smallDEU])
    let result = try parley("bargain", "predict", "d.tsv", "--model", "compromise", "--format", "csv", in: directory)
    #expect(result.status == 0)
    // i1: weights 4·0.5, 2·0.5 → (0·2 + 100·1)/3; i2: 4·1, 2·0.5 → (20·4 + 80·1)/5 = 32; i3 has no outcome.
    #expect(result.standardOutput == "issue,prediction\ni1,\(100.0 / 3)\ni2,32.0\n")
}

@Test func bargainPredictCoversEveryDevelopmentIssueWithAnOutcome() throws {
    let result = try parley("bargain", "predict", "deu3-dev", "--model", "bdm", "--format", "csv")
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first == "issue,prediction" && lines.count == 186)
}

@Test func bargainValidateIsSeededAndDeterministic() throws {
    let directory = try folder(with: ["d.tsv": smallDEU])
    let first = try parley("bargain", "validate", "d.tsv", "--resamples", "100", "--seed", "4", "--format", "csv", in: directory)
    let second = try parley("bargain", "validate", "d.tsv", "--resamples", "100", "--seed", "4", "--format", "csv", in: directory)
    #expect(first.status == 0)
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardOutput.hasPrefix("model,issues,group,MAE,95% interval,vs compromise,95% interval,round-limit stops\ncompromise,2,all,"))
    #expect(first.standardOutput.contains("\nparley (cross-validated),"))
}

@Test func bargainFitWritesItsValuesAndTheCommand() throws {
    let directory = try folder(with: ["d.tsv": smallDEU])
    let result = try parley("bargain", "fit", "d.tsv", "--folds", "2", "--output", "m.json", in: directory)
    #expect(result.status == 0)
    let text = try String(contentsOf: directory.appendingPathComponent("m.json"), encoding: .utf8)
    #expect(text.contains("\"command\" : \"parley bargain fit d.tsv --folds 2 --seed 1 --output m.json\""))
    let used = try parley("bargain", "predict", "d.tsv", "--model", "parley", "--model-file", "m.json", "--format", "csv", in: directory)
    #expect(used.status == 0 && used.standardOutput.hasPrefix("issue,prediction\ni1,"))
}

@Test func bargainBadRowStopsWithItsLocationAndExit65() throws {
    let directory = try folder(with: ["t.csv": "actor,capability,position,salience\nA,1,4,0.5\nB,one,5,0.5\n"])
    let result = try parley("bargain", "run", "t.csv", "--model", "compromise", in: directory)
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("t.csv:3:3: error: 'one' in 'capability' is not a number"))
    #expect(result.standardOutput.isEmpty)
}

@Test func bargainUnknownTableOrModelIsAUsageError() throws {
    let table = try parley("bargain", "run", "no-such-table")
    #expect(table.status == 64)
    #expect(table.standardError.contains("eu-emissions"))
    let model = try parley("bargain", "run", "eu-emissions", "--model", "oracle")
    #expect(model.status == 64)
}

@Test func bargainHelpListsTheShippedTables() throws {
    let result = try parley("bargain", "run", "--help")
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("korea-relief-freeze") && result.standardOutput.contains("eu-emissions"))
}
