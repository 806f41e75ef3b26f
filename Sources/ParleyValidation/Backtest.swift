import Foundation
import ParleyHistory
import ParleyNumerics

/// How to backtest: fit on the training months, forecast the test months.
public struct BacktestSettings: Sendable, Hashable {
    /// The months calibration sees.
    public var training: ClosedRange<YearMonth>
    /// The months scored (never seen by calibration).
    public var test: ClosedRange<YearMonth>
    /// The calibration's settings (its window is `training`).
    public var calibration: CalibrationSettings
    /// Posterior draws forecast from, each run `replicates` times.
    public var draws: Int
    public var replicates: Int

    /// The defaults `parley backtest` uses: fit 1990–2012, score 2013 to June 2021.
    public init(training: ClosedRange<YearMonth> = YearMonth(1990, 1)...YearMonth(2012, 12),
                test: ClosedRange<YearMonth> = YearMonth(2013, 1)...YearMonth(2021, 6),
                calibration: CalibrationSettings? = nil, draws: Int = 200, replicates: Int = 5) {
        self.training = training
        self.test = test
        var settings = calibration ?? CalibrationSettings(window: training)
        settings.window = training
        self.calibration = settings
        self.draws = draws
        self.replicates = replicates
    }
}

/// One test year: what happened, what the model forecast, what the baselines said.
public struct BacktestYear: Sendable, Hashable {
    /// The year, and how many of its months are scored (6 for 2021).
    public var year: Int
    public var months: Int
    /// Observed missiles, launch days, and whether there was a nuclear test.
    public var missiles: Double
    public var launchDays: Double
    public var nuclearTest: Bool
    /// The model's predictive sample of missiles and launch days (one per simulated run).
    public var simulatedMissiles: [Double]
    public var simulatedLaunchDays: [Double]
    /// The model's probability of a nuclear test that year.
    public var nuclearProbability: Double
    /// Persistence's values: last year's observed missiles, launch days and nuclear test,
    /// scaled to this year's months.
    public var persistenceMissiles: Double
    public var persistenceLaunchDays: Double
    public var persistenceNuclear: Bool
}

/// One year of the posterior predictive, for charts: observed and simulated missiles.
public struct YearSample: Sendable, Hashable {
    /// The year and how many of its months the clock covers.
    public var year: Int
    public var months: Int
    /// Observed missiles (nil if the record does not cover the year).
    public var observedMissiles: Double?
    /// Simulated missiles, one per forecast run.
    public var simulatedMissiles: [Double]
    /// Whether the year lies in the test period.
    public var isTest: Bool
}

/// One row of the score table: a score of the model and of both baselines (lower is better).
public struct BacktestScore: Sendable, Hashable {
    /// The score's name, e.g. "CRPS, missiles per year".
    public var name: String
    /// Model, climatology, persistence; nil where a score does not apply (a point forecast has no interval).
    public var model: Double
    public var climatology: Double?
    public var persistence: Double?
    /// For coverage rows: the nominal level (the ideal value); nil for proper scores.
    public var nominal: Double?

    /// The model's skill against a baseline, 1 − model / baseline (positive: the model is better).
    public func skill(against baseline: Double?) -> Double? {
        guard nominal == nil, let baseline, baseline > 0 else { return nil }
        return 1 - model / baseline
    }
}

/// The whole backtest.
public struct BacktestResult: Sendable {
    /// The settings.
    public var settings: BacktestSettings
    /// The calibration on the training months.
    public var calibration: CalibrationResult
    /// Per test year.
    public var years: [BacktestYear]
    /// Per year of the scenario's clock, training years included: the posterior predictive.
    public var everyYear: [YearSample]
    /// The score table.
    public var scores: [BacktestScore]
    /// Climatology: the training period's mean missiles, launch days per year and share of years
    /// with a nuclear test.
    public var climatologyMissiles: Double
    public var climatologyLaunchDays: Double
    public var climatologyNuclear: Double
    /// The training period's observed years, for charts.
    public var trainingYears: [ObservedYear]
}

/// Fits on the training period, forecasts the test period, scores forecasts and baselines.
public enum Backtester {
    /// Runs the backtest. Depends only on (scenario, record, settings), never on threads.
    public static func run(
        _ model: HistoryModel, record: DPRKRecord, settings: BacktestSettings,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws(CalibrationError) -> BacktestResult {
        let calibration = try Calibrator.calibrate(model, record: record, settings: settings.calibration, progress: progress)
        let series = ObservedSeries(record: record)
        let observation: LaunchMonthObservationModel
        do {
            observation = try LaunchMonthObservationModel(series: series, period: settings.training)
        } catch {
            throw CalibrationError("cannot build the observation model from the training months: \(error.description)")
        }

        // Forecast: posterior draws × replicates, on run indices no calibration run used.
        let draws = calibration.draws(settings.draws)
        progress?("forecast: \(draws.count) posterior draws × \(settings.replicates) runs")
        let forecastBase = 4_000_000_000
        let histories = try model.simulate(draws, firstRuns: draws.indices.map { forecastBase + $0 * settings.replicates },
                                           replicates: settings.replicates, threads: settings.calibration.threads).flatMap { $0 }

        let trainingYears = series.years.filter { settings.training.contains(YearMonth($0.year, 1)) && $0.monthsObserved == 12 }
        let climatologyMissiles = PoissonClimatology(trainingCounts: trainingYears.map { Double($0.missiles) })
        let climatologyDays = PoissonClimatology(trainingCounts: trainingYears.map { Double($0.launchDays) })
        let climatologyNuclear = BinaryClimatology(trainingOutcomes: trainingYears.map(\.hasNuclearTest))

        var years: [BacktestYear] = []
        var everyYear: [YearSample] = []
        let firstYear = model.months.first?.year ?? settings.test.lowerBound.year
        let lastYear = model.months.last?.year ?? settings.test.upperBound.year
        for year in firstYear...lastYear {
            let indices = model.months.indices.filter { model.months[$0].year == year }
            guard !indices.isEmpty else { continue }
            var missiles: [Double] = [], days: [Double] = [], nuclear = 0
            for (run, history) in histories.enumerated() {
                // The observation model turns each simulated launch month into missiles and
                // launch days, from its own stream: run and year fix the draws.
                var random = Xoshiro256StarStar(seed: settings.calibration.seed, run: UInt64(run), stream: UInt64(1000 + year))
                var m = 0, d = 0
                for index in indices where history.missileMonths[index] > 0 {
                    let outcome = observation.sample(using: &random)
                    m += outcome.missiles
                    d += outcome.launchDays
                }
                missiles.append(Double(m))
                days.append(Double(d))
                if indices.contains(where: { history.nuclearMonths[$0] > 0 }) { nuclear += 1 }
            }
            let yearMonths = indices.map { model.months[$0] }
            let observedMonths = series.months(in: yearMonths[0]...yearMonths[yearMonths.count - 1])
            let observedMissiles = Double(observedMonths.reduce(0) { $0 + $1.missiles })
            everyYear.append(YearSample(year: year, months: indices.count, observedMissiles: observedMonths.isEmpty ? nil : observedMissiles,
                                        simulatedMissiles: missiles, isTest: settings.test.contains(yearMonths[0])))
            guard settings.test.contains(yearMonths[0]), settings.test.contains(yearMonths[yearMonths.count - 1]) else { continue }
            let previous = series.year(year - 1)
            let share = Double(indices.count) / 12
            years.append(BacktestYear(
                year: year, months: indices.count,
                missiles: observedMissiles,
                launchDays: Double(observedMonths.reduce(0) { $0 + $1.launchDays }),
                nuclearTest: observedMonths.contains { $0.nuclearTests > 0 },
                simulatedMissiles: missiles, simulatedLaunchDays: days,
                nuclearProbability: histories.isEmpty ? 0 : Double(nuclear) / Double(histories.count),
                persistenceMissiles: Double(previous?.missiles ?? 0) * share,
                persistenceLaunchDays: Double(previous?.launchDays ?? 0) * share,
                persistenceNuclear: previous?.hasNuclearTest ?? false))
        }

        let scores = score(years, climatologyMissiles: climatologyMissiles, climatologyDays: climatologyDays, climatologyNuclear: climatologyNuclear)
        return BacktestResult(settings: settings, calibration: calibration, years: years, everyYear: everyYear, scores: scores,
                              climatologyMissiles: climatologyMissiles.rate, climatologyLaunchDays: climatologyDays.rate,
                              climatologyNuclear: climatologyNuclear.probability, trainingYears: trainingYears)
    }

    static func score(_ years: [BacktestYear], climatologyMissiles: PoissonClimatology, climatologyDays: PoissonClimatology,
                      climatologyNuclear: BinaryClimatology) -> [BacktestScore] {
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let exposure = years.map { Double($0.months) / 12 }
        var rows: [BacktestScore] = []
        rows.append(BacktestScore(
            name: "CRPS, missiles per year",
            model: mean(years.map { ProperScore.crps(samples: $0.simulatedMissiles, observation: $0.missiles) }),
            climatology: mean(zip(years, exposure).map { climatologyMissiles.crps(observation: $0.missiles, exposure: $1) }),
            persistence: mean(years.map { ProperScore.crps(point: $0.persistenceMissiles, observation: $0.missiles) })))
        rows.append(BacktestScore(
            name: "CRPS, launch days per year",
            model: mean(years.map { ProperScore.crps(samples: $0.simulatedLaunchDays, observation: $0.launchDays) }),
            climatology: mean(zip(years, exposure).map { climatologyDays.crps(observation: $0.launchDays, exposure: $1) }),
            persistence: mean(years.map { ProperScore.crps(point: $0.persistenceLaunchDays, observation: $0.launchDays) })))
        rows.append(BacktestScore(
            name: "Brier, a nuclear test that year",
            model: mean(years.map { ProperScore.brier(probability: $0.nuclearProbability, outcome: $0.nuclearTest) }),
            climatology: mean(years.map { climatologyNuclear.brier(outcome: $0.nuclearTest) }),
            persistence: mean(years.map { ProperScore.brier(probability: $0.persistenceNuclear ? 1 : 0, outcome: $0.nuclearTest) })))
        for level in [0.5, 0.8] {
            let modelCoverage = ProperScore.coverage(forecasts: years.map(\.simulatedMissiles), observations: years.map(\.missiles), level: level)
            let climatologyCoverage = mean(zip(years, exposure).map { year, exposure in
                poissonInterval(rate: climatologyMissiles.rate * exposure, level: level).contains(year.missiles) ? 1 : 0
            })
            rows.append(BacktestScore(name: "coverage of the \(Int(level * 100))% interval, missiles", model: modelCoverage,
                                      climatology: climatologyCoverage, persistence: nil, nominal: level))
        }
        return rows
    }
}

/// The central `level` interval of a Poisson distribution: from its (1 − level)/2 quantile to its
/// (1 + level)/2 quantile, each the smallest count whose cumulative probability reaches it.
func poissonInterval(rate: Double, level: Double) -> ClosedRange<Double> {
    let lowerTail = (1 - level) / 2, upperTail = (1 + level) / 2
    var probability = exp(-rate), cumulative = probability
    var k = 0
    var lower: Int?
    while true {
        if lower == nil, cumulative >= lowerTail { lower = k }
        if cumulative >= upperTail || k > 10_000 { break }
        k += 1
        probability *= rate / Double(k)
        cumulative += probability
    }
    return Double(lower ?? k)...Double(k)
}
