import Foundation
import Testing

@Suite struct RunCommandTests {
    @Test func runWithNoFileRunsTheDefaultScenario() throws {
        let result = try parley("run", "--runs", "20", "--quiet")
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("Korean Peninsula 2021 — 20 runs, seed 1\n"))
        #expect(result.standardOutput.contains("warheads_jan_2025"))
    }

    @Test func runOutputIsIdenticalOnOneAndTwoThreads() throws {
        let arguments = ["run", "prisoners-dilemma", "--runs", "300", "--uncertainty", "--seed", "11", "--format", "json",
                         "--policy", "row=random", "--quiet"]
        let one = try parleyArguments(arguments + ["--threads", "1"])
        let two = try parleyArguments(arguments + ["--threads", "2"])
        #expect(one.status == 0)
        #expect(one.standardOutput == two.standardOutput)
    }

    @Test func runJSONIsValidAndNamesEveryMetric() throws {
        let result = try parley("run", "richardson", "--runs", "5", "--format", "json", "--quiet")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let metrics = try #require(document["metrics"] as? [[String: Any]])
        #expect(metrics.compactMap { $0["name"] as? String }
            == ["x_arms", "y_arms", "x_equilibrium", "stable", "total_arms", "peak_arms"])
        #expect(document["runs"] as? Int == 5)
    }

    @Test func runCSVHasAHeaderAndOneRowPerMetric() throws {
        let result = try parley("run", "richardson", "--runs", "3", "--format", "csv", "--quiet")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "metric,mean,sd,p10,median,p90,min,max,unit")
        #expect(lines.count == 7)
    }

    @Test func setChangesAParameter() throws {
        let result = try parley("run", "richardson", "--runs", "1", "--set", "k=6", "--set", "l=6", "--format", "csv", "--quiet")
        #expect(result.standardOutput.contains("\nstable,0,"))
    }

    @Test func anUnknownPolicyIsAUsageErrorWithASuggestion() throws {
        let result = try parley("run", "prisoners-dilemma", "--policy", "row=tit_for_tatt")
        #expect(result.status == 64)
        #expect(result.standardError.contains("row has no policy 'tit_for_tatt'"))
        #expect(result.standardError.contains("did you mean 'tit_for_tat'?"))
    }

    @Test func anUnknownParameterIsAUsageError() throws {
        let result = try parley("run", "prisoners-dilemma", "--set", "temptaton=4")
        #expect(result.status == 64)
        #expect(result.standardError.contains("unknown parameter 'temptaton' (did you mean 'temptation'?)"))
    }

    @Test func aMalformedSetIsAUsageError() throws {
        let result = try parley("run", "prisoners-dilemma", "--set", "temptation")
        #expect(result.status == 64)
        #expect(result.standardError.contains("--set takes name=value"))
    }

    @Test func zeroRunsIsAUsageError() throws {
        #expect(try parley("run", "--runs", "0").status == 64)
    }

    @Test func aRunThatProducesNaNStopsWithTheExpressionAndStep() throws {
        let directory = try folder(with: ["nan.yaml": """
            parley: 1
            name: divides by zero
            clock: { steps: 5 }
            state:
              x: { init: 1, source: assumption }
            dynamics:
              x: "x / (t - 2)"
            metrics:
              x: "x"
            """])
        let result = try parley("run", "nan.yaml", "--runs", "1", in: directory)
        #expect(result.status == 65)
        #expect(result.standardError.contains("nan.yaml:7:9: error: the new value of x is"))
        #expect(result.standardError.contains("at step 2 in run 0"))
        #expect(result.standardError.contains("expression: x / (t - 2)"))
        #expect(result.standardOutput.isEmpty)
    }
}

@Suite struct CompareCommandTests {
    @Test func compareTablesEveryPolicyAgainstTheReference() throws {
        let result = try parley("compare", "prisoners-dilemma", "--runs", "50", "--policies", "tit_for_tat,grim_trigger", "--policy", "column=random",
                                "--quiet")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("50 paired runs per policy, seed 1"))
        #expect(result.standardOutput.contains("differences are against tit_for_tat"))
        #expect(result.standardOutput.contains("grim_trigger"))
    }

    @Test func compareCSVHasOneRowPerMetricAndPolicy() throws {
        let result = try parley("compare", "prisoners-dilemma", "--actor", "column", "--runs", "20",
                                "--policies", "random,always_defect,tit_for_tat", "--format", "csv", "--quiet")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "metric,policy,mean,p10,p90,difference,ci_lower,ci_upper,unit")
        #expect(lines.count == 1 + 4 * 3)
    }

    @Test func compareNeedsAnActorWithSeveralPolicies() throws {
        let result = try parley("compare", "richardson", "--runs", "5")
        #expect(result.status == 64)
        #expect(result.standardError.contains("has no actor with two or more policies"))
    }
}

@Suite struct ClaimsCommandTests {
    @Test func claimsPrintsAVerdictForEveryClaim() throws {
        let result = try parley("claims", "prisoners-dilemma", "--runs", "100", "--quiet")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("generosity_restores_cooperation_under_noise: SUPPORTED"))
        #expect(result.standardOutput.contains("noise_does_not_matter_to_grim_players: CONTRADICTED"))
    }

    @Test func claimsOnlyEvaluatesTheNamedClaims() throws {
        let result = try parley("claims", "prisoners-dilemma", "--only", "pavlov_exploits_unconditional_cooperators", "--runs", "50", "--format", "csv",
                                "--quiet")
        #expect(result.standardOutput.split(separator: "\n").count == 2)
    }

    @Test func anUnknownClaimIsAUsageError() throws {
        let result = try parley("claims", "prisoners-dilemma", "--only", "pavlov_exploit", "--runs", "10")
        #expect(result.status == 64)
        #expect(result.standardError.contains("has no claim 'pavlov_exploit'"))
    }

    @Test func aScenarioWithoutClaimsIsAUsageError() throws {
        #expect(try parley("claims", "richardson", "--runs", "10").status == 64)
    }
}

@Suite struct SweepAndReportCommandTests {
    let experiment = """
        parley-experiment: 1
        name: cli sweep
        scenario: prisoners-dilemma
        seed: 3
        runs: 60
        block_size: 20
        arms: { actor: row, policies: [tit_for_tat, grim_trigger] }
        sweep:
          grid: { implementation_noise: [0, 0.05] }
        """

    @Test func aSweepStoresEveryBlockAndARerunStoresNothingNew() throws {
        let directory = try folder(with: ["e.yaml": experiment])
        let first = try parley("sweep", "e.yaml", "--store", "r.sqlite", "--quiet", in: directory)
        #expect(first.status == 0)
        #expect(first.standardOutput.contains("6 blocks run, 0 already stored, 6 in all → r.sqlite"))
        let again = try parley("sweep", "e.yaml", "--store", "r.sqlite", "--resume", "--quiet", in: directory)
        #expect(again.standardOutput.contains("0 blocks run, 6 already stored"))
    }

    @Test func shardsOfASweepReportLikeOneProcess() throws {
        let directory = try folder(with: ["e.yaml": experiment])
        for shard in ["1/2", "2/2"] {
            #expect(try parley("sweep", "e.yaml", "--store", "sharded.sqlite", "--shard", shard, "--quiet", in: directory).status == 0)
        }
        #expect(try parley("sweep", "e.yaml", "--store", "whole.sqlite", "--quiet", in: directory).status == 0)
        let sharded = try parley("report", "--store", "sharded.sqlite", "--format", "csv", in: directory)
        let whole = try parley("report", "--store", "whole.sqlite", "--format", "csv", in: directory)
        #expect(sharded.status == 0)
        #expect(sharded.standardOutput == whole.standardOutput)
        #expect(sharded.standardOutput.hasPrefix("point,metric,policy,mean"))
        #expect(sharded.standardOutput.split(separator: "\n").count == 1 + 2 * 2 * 4)
        let html = try parley("report", "--store", "whole.sqlite", "--html", "sweep.html", in: directory)
        #expect(html.status == 0)
        let document = try String(contentsOf: directory.appendingPathComponent("sweep.html"), encoding: .utf8)
        #expect(document.contains("point 1: implementation_noise=0.05"))
    }

    @Test func aReportOfAnIncompleteSweepSaysWhatIsMissing() throws {
        let directory = try folder(with: ["e.yaml": experiment])
        _ = try parley("sweep", "e.yaml", "--store", "half.sqlite", "--shard", "1/2", "--quiet", in: directory)
        let report = try parley("report", "--store", "half.sqlite", in: directory)
        // Shard 1 of 2 holds the blocks with an even global index: blocks 0 and 2 of point 0, block 1 of point 1.
        #expect(report.standardOutput.contains("point 0 (implementation_noise=0): 2 of 3 blocks stored — incomplete"))
        #expect(report.standardOutput.contains("point 1 (implementation_noise=0.05): 1 of 3 blocks stored — incomplete"))
    }

    @Test func flagsDescribeTheSameExperimentAsAFile() throws {
        let file = experiment.replacingOccurrences(of: "name: cli sweep", with: "name: sweep of prisoners-dilemma")
        let directory = try folder(with: ["e.yaml": file])
        #expect(try parley("sweep", "e.yaml", "--store", "file.sqlite", "--quiet", in: directory).status == 0)
        let flags = try parley("sweep", "--scenario", "prisoners-dilemma", "--actor", "row", "--policies", "tit_for_tat,grim_trigger",
                               "--grid", "implementation_noise=0,0.05", "--runs", "60", "--seed", "3", "--store", "flags.sqlite", "--quiet",
                               in: directory)
        #expect(flags.status == 0)
        let fromFile = try parley("report", "--store", "file.sqlite", "--format", "csv", in: directory)
        let fromFlags = try parley("report", "--store", "flags.sqlite", "--format", "csv", in: directory)
        #expect(fromFlags.standardOutput == fromFile.standardOutput)
    }

    @Test func aSweepNeedsAFileOrAScenario() throws {
        let result = try parley("sweep", "--runs", "10")
        #expect(result.status == 64)
        #expect(result.standardError.contains("give an experiment file, or --scenario"))
    }

    @Test func aBadShardIsAUsageError() throws {
        let directory = try folder(with: ["e.yaml": experiment])
        let result = try parley("sweep", "e.yaml", "--shard", "3/2", in: directory)
        #expect(result.status == 64)
        #expect(result.standardError.contains("--shard takes i/N with 1 ≤ i ≤ N"))
    }

    @Test func anExperimentNamingAnUnknownPolicyIsBadData() throws {
        let directory = try folder(with: ["e.yaml": experiment.replacingOccurrences(of: "grim_trigger", with: "grim_triger")])
        let result = try parley("sweep", "e.yaml", "--store", "x.sqlite", in: directory)
        #expect(result.status == 65)
        #expect(result.standardError.contains("unknown policy of row 'grim_triger'"))
    }

    @Test func runAndCompareWriteAnHTMLReport() throws {
        let directory = try folder(with: [:])
        let run = try parley("run", "richardson", "--runs", "20", "--quiet", "--report", "run.html", in: directory)
        let compare = try parley("compare", "prisoners-dilemma", "--runs", "20", "--quiet", "--report", "compare.html", in: directory)
        #expect(run.status == 0)
        #expect(compare.status == 0)
        for name in ["run.html", "compare.html"] {
            let html = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(html.hasPrefix("<!doctype html>") || html.hasPrefix("<!DOCTYPE html>"), "\(name)")
            #expect(html.contains("<svg"), "\(name)")
        }
    }
}

@Suite struct SensitivityCommandTests {
    @Test func morrisRanksThePrisonersDilemmaParameters() throws {
        let result = try parley("sensitivity", "prisoners-dilemma", "--metric", "row_score_per_round", "--method", "morris",
                                "--samples", "4", "--runs-per-point", "5", "--format", "csv", "--quiet")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("implementation_noise"))
    }

    @Test func sensitivityWritesATornadoPlotWithReport() throws {
        let directory = try folder(with: [:])
        let result = try parley("sensitivity", "prisoners-dilemma", "--metric", "row_score_per_round", "--samples", "4",
                                "--runs-per-point", "5", "--quiet", "--report", "s.html", in: directory)
        #expect(result.status == 0)
        let html = try String(contentsOf: directory.appendingPathComponent("s.html"), encoding: .utf8)
        #expect(html.contains("Morris μ*"))
        #expect(html.contains("implementation_noise"))
    }

    @Test func anUnknownMetricIsAUsageError() throws {
        let result = try parley("sensitivity", "prisoners-dilemma", "--metric", "no_such_metric", "--samples", "2")
        #expect(result.status == 64)
    }
}

@Suite struct CheckCommandTests {
    @Test func checkAcceptsTheShippedScenarios() throws {
        let result = try parley("check", "richardson", "prisoners-dilemma")
        #expect(result.status == 0)
        #expect(result.standardOutput == "ok: richardson\nok: prisoners-dilemma\n")
    }

    @Test func checkReportsEveryErrorWithLocationAndExits65() throws {
        let directory = try folder(with: ["broken.yaml": """
            parley: 1
            name: broken
            clock: { steps: 10 }
            parameters:
              rate: { value: 2, source: assumption }
            state:
              x: { init: 5, max: 3, source: assumption }
            dynamics:
              x: "x + rte"
            metrics:
              flag: { sum: "x > 1" }
            """])
        let result = try parley("check", "broken.yaml", in: directory)
        #expect(result.status == 65)
        #expect(result.standardError == """
            broken.yaml:7:14: error: the initial value 5.0 of 'x' is above its max 3.0
                hint: lower init or raise max
            broken.yaml:9:11: error: unknown name 'rte'
                expected: a parameter, a state variable, t, date or dt
                hint: did you mean 'rate'?
            broken.yaml:11:17: error: a sum needs numbers
                hint: use number(x > 1) to count the steps where it holds
            3 errors

            """)
    }

    @Test func checkWarnsAboutAMissingSourceButSucceeds() throws {
        let directory = try folder(with: ["unsourced.yaml": """
            parley: 1
            name: unsourced
            clock: { steps: 3 }
            parameters:
              rate: 2
            metrics:
              rate: "rate"
            """])
        let result = try parley("check", "unsourced.yaml", in: directory)
        #expect(result.status == 0)
        #expect(result.standardError.contains("unsourced.yaml:5:3: warning: parameter 'rate' has no source"))
        #expect(result.standardOutput == "ok: unsourced.yaml (1 warning)\n")
    }

    @Test func checkJSONListsDiagnostics() throws {
        let directory = try folder(with: ["bad.yaml": "parley: 1\nname: bad\nclock: { steps: 0 }\n"])
        let result = try parley("check", "bad.yaml", "--format", "json", in: directory)
        #expect(result.status == 65)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        let errors = list.filter { $0["severity"] as? String == "error" }
        #expect(errors.count == 1)
        #expect(errors.first?["line"] as? Int == 3)
        #expect(errors.first?["message"] as? String == "'steps' must be a whole number of at least 1")
    }

    @Test func checkOfAFileThatDoesNotExistIsAUsageError() throws {
        let result = try parley("check", "no-such-file.yaml")
        #expect(result.status == 64)
        #expect(result.standardError.contains("no scenario file or shipped scenario named 'no-such-file.yaml'"))
    }

    @Test func aYAMLSyntaxErrorIsReportedWithItsLine() throws {
        let directory = try folder(with: ["syntax.yaml": "parley: 1\nname: [unclosed\nclock: { steps: 3 }\n"])
        let result = try parley("check", "syntax.yaml", in: directory)
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("syntax.yaml:3:"))
    }
}

@Suite struct ListCommandTests {
    @Test func listShowsEveryShippedScenarioAndTheDefault() throws {
        let result = try parley("list")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("korea-2021 (default)"))
        #expect(result.standardOutput.contains("prisoners-dilemma"))
        #expect(result.standardOutput.contains("richardson"))
    }

    @Test func listOfAScenarioShowsParametersWithTheirSources() throws {
        let result = try parley("list", "richardson")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("uniform(1, 3)"))
        #expect(result.standardOutput.contains("Trinity College demo Case I"))
    }

    @Test func listJSONIsValid() throws {
        let result = try parley("list", "--format", "json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(list.count >= 2)
    }
}

@Suite struct GamesCommandTests {
    @Test func matchPlaysTwoStrategies() throws {
        let result = try parley("match", "TitForTat", "Defector", "--turns", "10")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Tit For Tat"))
    }

    @Test func tournamentPrintsRanks() throws {
        let result = try parley("tournament", "--strategies", "TitForTat,Defector,Cooperator", "--turns", "20",
                                "--repetitions", "2", "--format", "csv")
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").count >= 4)
    }

    @Test func anUnknownStrategyIsAUsageError() throws {
        let result = try parley("match", "TitForTatt", "Defector")
        #expect(result.status == 64)
    }
}

@Suite struct HelpTests {
    @Test func everyCommandHasHelpWithAnExample() throws {
        for command in ["run", "compare", "claims", "sweep", "report", "sensitivity", "check", "list", "match", "tournament", "moran", "strategies", "bench"] {
            let result = try parleyArguments([command, "--help"])
            #expect(result.status == 0, "\(command) --help")
            #expect(result.standardOutput.contains("parley \(command)") || result.standardOutput.contains("Example"),
                    "\(command) --help shows an example")
        }
    }
}
