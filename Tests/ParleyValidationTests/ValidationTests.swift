import Foundation
import ParleyData
import ParleyEngine
import ParleyHistory
import ParleyLanguage
import ParleyScenarios
import Testing
@testable import ParleyValidation

/// The shipped record and korea-history, loaded once.
enum Fixtures {
    static let record: DPRKRecord? = try? DPRKRecord(directory: ShippedData.dprkDirectory)

    static func history(appliesCalibration: Bool = false) throws -> Scenario {
        let loader = ScenarioLoader(shippedScenario: { ShippedScenarios.text(named: $0) }, appliesCalibration: appliesCalibration)
        return try loader.load(text: try #require(ShippedScenarios.text(named: "korea-history")), file: "<shipped>/korea-history.yaml")
    }

    static func model(seed: UInt64 = 1) throws -> HistoryModel {
        try HistoryModel(scenario: try history(), seed: seed)
    }

    static let training = YearMonth(1990, 1)...YearMonth(2012, 12)
}

struct HistoryStatisticsTests {
    @Test func observedTrainingStatisticsMatchTheRecordCountedByHand() throws {
        let record = try #require(Fixtures.record)
        let series = ObservedSeries(record: record)
        let sipri = try record.sipriWarheadSeries()
        let statistics = HistoryStatistics.observed(record: record, series: series, window: Fixtures.training, sipri: sipri)
        // missile_tests.csv, 1990–2012: launch months 1990-05, 1990-06? — counted from the file itself:
        let months = Set(record.missileTests.filter { $0.date.precision != .year && Fixtures.training.contains(YearMonth($0.date.year, $0.date.month)) }
            .map { YearMonth($0.date.year, $0.date.month) })
        #expect(statistics[0] == Double(months.count) / 23)
        #expect(statistics[4] == 2.0 / 23 * 10)      // nuclear tests 2006 and 2009
        #expect(statistics.count == 7)               // no SIPRI year before 2016: no warhead statistics
    }

    @Test func aSimulatedHistoryThatCopiesTheRecordHasTheRecordsStatistics() throws {
        let record = try #require(Fixtures.record)
        let series = ObservedSeries(record: record)
        let sipri = try record.sipriWarheadSeries()
        let window = YearMonth(1990, 1)...YearMonth(2021, 6)
        let months = series.months.map(\.month)
        let longRange = Set(record.missileTests.filter { $0.type.isLongRange && $0.date.precision != .year }
            .map { YearMonth($0.date.year, $0.date.month) })
        let warheads = months.map { month -> Double in
            // the stock at the end of January is compared with SIPRI's "as of January"
            month.month == 1 ? (sipri.point(year: month.year)?.midpoint ?? 0) : 0
        }
        let copy = SimulatedHistory(missileMonths: series.months.map { $0.hasLaunch ? 1 : 0 },
                                    longRangeMonths: months.map { longRange.contains($0) ? 1 : 0 },
                                    nuclearMonths: series.months.map { Double($0.nuclearTests) }, warheads: warheads,
                                    missiles: series.months.map { Double($0.missiles) })
        let observed = HistoryStatistics.observed(record: record, series: series, window: window, sipri: sipri)
        let simulated = HistoryStatistics.simulated(copy, months: months, window: window, sipri: sipri)
        #expect(observed == simulated)
        #expect(HistoryStatistics.names(window: window, sipri: sipri).count == observed.count)
        #expect(observed.count == 9)
    }

    @Test func statisticsAreTheSameBitForBitEveryTimeTheyAreComputed() throws {
        // Sums over a dictionary would follow its per-instance order and differ in the last bits.
        let model = try Fixtures.model()
        let record = try #require(Fixtures.record)
        let sipri = try record.sipriWarheadSeries()
        let history = try model.simulate([model.fitted.map(\.scenarioValue)], firstRuns: [7], replicates: 1, threads: 1)[0][0]
        let window = YearMonth(1990, 1)...YearMonth(2021, 6)
        let first = HistoryStatistics.simulated(history, months: model.months, window: window, sipri: sipri)
        for _ in 0..<50 {
            #expect(HistoryStatistics.simulated(history, months: model.months, window: window, sipri: sipri).map(\.bitPattern) == first.map(\.bitPattern))
        }
    }

    @Test func agreementWindowsDoNotOverlap() {
        let windows = HistoryStatistics.agreements.map(\.months)
        for (i, a) in windows.enumerated() {
            for b in windows[(i + 1)...] { #expect(!a.overlaps(b)) }
        }
    }
}

struct HistoryModelTests {
    @Test func theFittedParametersAreThoseMarkedCalibratedWithADistribution() throws {
        let model = try Fixtures.model()
        let expected = model.scenario.parameters.filter {
            $0.distribution != nil && ($0.provenance.source ?? "").hasPrefix("calibrated")
        }.map(\.name)
        #expect(model.fitted.map(\.name) == expected)
        #expect(expected.contains("sanctions_on_program"))
        #expect(model.months.first == YearMonth(1990, 1) && model.months.last == YearMonth(2021, 6))
    }

    @Test func simulationsDoNotDependOnThreads() throws {
        let model = try Fixtures.model()
        let particles = [model.fitted.map(\.scenarioValue), model.fitted.map { $0.scenarioValue * 0.9 }]
        let one = try model.simulate(particles, firstRuns: [0, 10], replicates: 2, threads: 1)
        let two = try model.simulate(particles, firstRuns: [0, 10], replicates: 2, threads: 2)
        #expect(one == two)
        #expect(one[0][0] != one[0][1])   // replicates are different runs
    }

    @Test func theUNResolutionsFallInTheMonthsOfSanctionsCSV() throws {
        let record = try #require(Fixtures.record)
        let scenario = try Fixtures.history()
        let metric = try #require(scenario.metrics.firstIndex { $0.name == "resolution_months" })
        let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 1))
        let trace = try simulation.traces([TraceJob(run: 0)], series: [metric])[0]
        let model = try Fixtures.model()
        let simulated = Set(model.months.indices.filter { trace.series[0][$0] > 0 }.map { model.months[$0] })
        let recorded = Set(record.sanctions.filter(\.isResolution).map { YearMonth($0.adopted.year, $0.adopted.month) })
        #expect(simulated == recorded)
        #expect(recorded.count == 11)
    }

    @Test func aParameterWithoutAPriorCannotBeFitted() throws {
        #expect(throws: CalibrationError.self) { try HistoryModel(scenario: try Fixtures.history(), parameters: ["rollback_step"], seed: 1) }
        #expect(throws: CalibrationError.self) { try HistoryModel(scenario: try Fixtures.history(), parameters: ["no_such_parameter"], seed: 1) }
    }
}

struct CalibrationTests {
    static func tiny(threads: Int) -> CalibrationSettings {
        CalibrationSettings(window: Fixtures.training, particles: 10, generations: 2, replicates: 1, pilot: 10, seed: 5, threads: threads)
    }

    @Test func aCalibrationDependsOnlyOnItsSettingsNotOnThreads() throws {
        let record = try #require(Fixtures.record)
        let model = try HistoryModel(scenario: try Fixtures.history(), parameters: ["srbm_base", "dprk_temperature"], seed: 5)
        let one = try Calibrator.calibrate(model, record: record, settings: Self.tiny(threads: 1))
        let two = try Calibrator.calibrate(model, record: record, settings: Self.tiny(threads: 2))
        #expect(one.posterior == two.posterior)
        #expect(one.summaries.map(\.weighted.median) == two.summaries.map(\.weighted.median))
        for summary in one.summaries {
            #expect(summary.weighted.q025 <= summary.weighted.median && summary.weighted.median <= summary.weighted.q975)
            #expect(summary.parameter.abcPrior.support.contains(summary.weighted.median))
        }
    }

    @Test func aCalibrationFileLoadsIntoKorea2021WithThePosteriorMedians() throws {
        let record = try #require(Fixtures.record)
        let model = try HistoryModel(scenario: try Fixtures.history(), parameters: ["srbm_base", "w_relief"], seed: 5)
        let result = try Calibrator.calibrate(model, record: record, settings: Self.tiny(threads: 2))
        let text = CalibrationFile.text(result, model: model, command: "parley calibrate --particles 10", draws: 8)
        let korea = try #require(ShippedScenarios.text(named: "korea-2021"))
            .replacingOccurrences(of: "calibration: korea-2021.calibration.yaml", with: "calibration: test.calibration.yaml")
        let loader = ScenarioLoader(readFile: { path in
            switch path {
            case "korea-2021.yaml": return korea
            case "test.calibration.yaml": return text
            default: throw CocoaError(.fileNoSuchFile)
            }
        })
        let scenario = try loader.load(path: "korea-2021.yaml")
        let srbm = try #require(scenario.parameterIndex(named: "srbm_base"))
        #expect(abs(scenario.parameters[srbm].value - result.summaries[0].weighted.median) < 1e-3 * max(1, abs(result.summaries[0].weighted.median)))
        guard case let .choice(values)? = scenario.parameters[srbm].distribution else {
            Issue.record("the posterior should load as choice(…)")
            return
        }
        #expect(values.count == 8)
        #expect(scenario.jointDraws?.rows.count == 8)
        #expect(scenario.jointDraws?.parameters == [srbm, try #require(scenario.parameterIndex(named: "w_relief"))])
        #expect(scenario.calibration?.parameters == ["srbm_base", "w_relief"])
        #expect(scenario.parameters[srbm].provenance.source?.hasPrefix("calibrated: ABC-SMC posterior median") == true)
    }
}

struct BacktestTests {
    static func small(origins: [YearMonth], threads: Int = 2) -> BacktestSettings {
        var calibration = CalibrationTests.tiny(threads: threads)
        calibration.generations = 1   // the prior: these tests are about forecasting and scoring, not fitting
        return BacktestSettings(origins: origins, calibration: calibration, draws: 6, replicates: 2,
                                baselines: BaselineSettings(seed: 3, hawkesPaths: 60))
    }

    @Test func eachOriginScoresTheYearsAfterItAndThePoolHoldsEveryPair() throws {
        let record = try #require(Fixtures.record)
        let model = try HistoryModel(scenario: try Fixtures.history(), parameters: ["srbm_base", "irbm_base"], seed: 3)
        let result = try Backtester.run(model, record: record, settings: Self.small(origins: [YearMonth(2012, 12), YearMonth(2016, 12)]))
        #expect(result.origins.map(\.origin) == [YearMonth(2012, 12), YearMonth(2016, 12)])
        #expect(result.origins[0].model.years.map(\.year) == Array(2013...2021))
        #expect(result.origins[1].model.years.map(\.year) == Array(2017...2021))
        #expect(result.origins[0].model.years.last?.months == 6)
        #expect(result.pooled.pairs == 9 + 5)
        #expect(result.pooled.forecasters.map(\.name) == Baselines.names + [Backtester.modelName])
        for row in result.pooled.forecasters {
            #expect(row.crps.missiles.map { $0.isFinite && $0 >= 0 } == true)
            #expect(row.crps.launchMonths.map { $0.isFinite && $0 >= 0 } == true)
        }
        #expect(result.origins[0].everyYear.map(\.year) == Array(1990...2021))
        #expect(result.origins[0].everyYear.first { $0.year == 2014 }?.observedMissiles == 19)
        #expect(result.origins[0].everyYear.filter(\.isTest).map(\.year) == Array(2013...2021))
    }

    @Test func theModelRunsEveryDrawAndReplicateInEveryTestYear() throws {
        let record = try #require(Fixtures.record)
        let model = try HistoryModel(scenario: try Fixtures.history(), parameters: ["srbm_base"], seed: 3)
        let result = try Backtester.run(model, record: record, settings: Self.small(origins: [YearMonth(2016, 12)]))
        let year = try #require(result.origins[0].model.years.first)
        // 6 draws × 2 runs, each a whole count; the long-range and nuclear forecasts are shares of 12 runs
        #expect(abs(year.missiles.probabilities.reduce(0, +) - 1) < 1e-12)
        #expect((year.nuclearTest?.probability).map { ($0 * 12).rounded() == $0 * 12 } == true)
    }

    @Test func theBaselinesAreThoseFittedOnTheSameMonths() throws {
        let record = try #require(Fixtures.record)
        let model = try HistoryModel(scenario: try Fixtures.history(), parameters: ["srbm_base"], seed: 3)
        let settings = Self.small(origins: [YearMonth(2008, 12)])
        let result = try Backtester.run(model, record: record, settings: settings)
        let direct = try Baselines.forecast(ForecastRecord(record: record), origin: YearMonth(2008, 12), settings: settings.baselines)
        #expect(result.origins[0].baselines == direct)
    }

    @Test func theBacktestDoesNotDependOnThreads() throws {
        let record = try #require(Fixtures.record)
        let model = try HistoryModel(scenario: try Fixtures.history(), parameters: ["srbm_base"], seed: 3)
        let one = try Backtester.run(model, record: record, settings: Self.small(origins: [YearMonth(2016, 12)], threads: 1))
        let two = try Backtester.run(model, record: record, settings: Self.small(origins: [YearMonth(2016, 12)], threads: 2))
        #expect(one.pooled == two.pooled)
    }

    @Test func anOriginOutsideTheHistoryIsRefused() throws {
        let record = try #require(Fixtures.record)
        let model = try HistoryModel(scenario: try Fixtures.history(), parameters: ["srbm_base"], seed: 3)
        #expect(throws: CalibrationError.self) {
            try Backtester.run(model, record: record, settings: Self.small(origins: [YearMonth(2021, 6)]))
        }
    }

    /// The record's launch months 1990–2012: 11 months, 26 missiles (missile_tests.csv); beyond
    /// the first missile of each, mean 15/11 and sample variance 6.0545…, so k = m²/(v − m).
    @Test func theSalvoFitIsTheMethodOfMomentsOnTheTrainingLaunchMonths() throws {
        let record = try #require(Fixtures.record)
        let series = ObservedSeries(record: record)
        let months = series.months(in: YearMonth(1990, 1)...YearMonth(2012, 12)).filter(\.hasLaunch)
        let fit = try #require(SalvoFit(missilesPerLaunchMonth: months.map(\.missiles)))
        #expect(fit.launchMonths == 11)
        #expect(abs(fit.extraMean - 15.0 / 11) < 1e-12)
        let variance = months.map { pow(Double($0.missiles - 1) - 15.0 / 11, 2) }.reduce(0, +) / 10
        #expect(abs(fit.dispersion - (15.0 / 11) * (15.0 / 11) / (variance - 15.0 / 11)) < 1e-12)
    }

    @Test func salvosThatAreNotOverDispersedArePoisson() throws {
        let fit = try #require(SalvoFit(missilesPerLaunchMonth: [2, 2, 2, 2]))
        #expect(fit.extraMean == 1)
        #expect(fit.dispersion == 0)
        #expect(SalvoFit(missilesPerLaunchMonth: []) == nil)
    }
}
