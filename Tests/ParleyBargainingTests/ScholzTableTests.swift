import ParleyBargaining
import Testing

/// Scholz, Calbert & Smith (2011), Table 2: the EC car-emissions case of Bueno de Mesquita
/// (1994), the median position after each of eight rounds, as printed (one decimal).
let scholzTable2Medians = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
/// The public Python ports of the same specification (jmckib/bdm-scholz-expected-utility-model,
/// which follows Scholz's code), to two decimals.
let pythonPortMedians = [8.42, 9.61, 9.96, 9.96, 9.96, 7.47, 8.82, 9.67]

@Test func bdmReproducesThePythonPortsRoundByRound() throws {
    let forecast = try shippedTable("eu_emissions_bdm1994.csv").forecast(.bdm, options: BargainingOptions(rounds: 8))
    #expect(forecast.rounds.count == 9)
    #expect(forecast.rounds[0].forecast[0] == 7)
    for (round, expected) in pythonPortMedians.enumerated() {
        #expect(abs(forecast.rounds[round + 1].forecast[0] - expected) < 0.005, "round \(round + 1)")
    }
}

@Test func bdmMatchesScholzTable2TruncatedToOneDecimalExceptRoundTwo() throws {
    // Scholz et al. print the medians cut, not rounded, to one decimal (9.96 → 9.9, 7.47 → 7.4,
    // 9.67 → 9.6). Round 2 is the one exception: 9.61 here and in every public port, 9.9 in
    // the table (see docs/bargaining.md).
    let forecast = try shippedTable("eu_emissions_bdm1994.csv").forecast(.bdm, options: BargainingOptions(rounds: 8))
    for (round, printed) in scholzTable2Medians.enumerated() where round != 1 {
        let truncated = (forecast.rounds[round + 1].forecast[0] * 10).rounded(.down) / 10
        #expect(truncated == printed, "round \(round + 1)")
    }
    #expect(abs(forecast.rounds[2].forecast[0] - 9.61) < 0.005)
}

@Test func bdmMeanStaysWithinScholzRangeOnTheEmissionsCase() throws {
    // Table 2's mean runs from 7.4 to 7.6; ours from 7.35 to 7.59 (7.35 is 7.3 cut to a decimal).
    let forecast = try shippedTable("eu_emissions_bdm1994.csv").forecast(.bdm, options: BargainingOptions(rounds: 8))
    for round in forecast.rounds.dropFirst() {
        #expect(round.mean[0] > 7.34 && round.mean[0] < 7.6)
    }
}

@Test func bdmStoppingRuleStopsTheNonConvergingEmissionsCaseWhenTheMedianIsStable() throws {
    // Positions never settle (the median leaves 9.96 in round 6); the rule stops after the
    // median has held for two rounds.
    let forecast = try shippedTable("eu_emissions_bdm1994.csv").forecast(.bdm)
    #expect(forecast.stopReason == .stable)
    #expect(forecast.rounds.count == 6)
    #expect(abs(forecast.outcome[0] - 9.96) < 0.005)
}
