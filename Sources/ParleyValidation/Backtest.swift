import Foundation
import ParleyHistory
import ParleyNumerics

/// How to backtest: for each origin, fit on the record up to it, forecast every year after it,
/// and score the forecasts beside the baselines fitted on the same months.
public struct BacktestSettings: Sendable, Hashable {
    /// The origins the issue of record names: the ends of 2005, 2008, 2012 and 2016.
    public static let defaultOrigins = [YearMonth(2005, 12), YearMonth(2008, 12), YearMonth(2012, 12), YearMonth(2016, 12)]

    /// The last month of each training period; each forecasts from the month after.
    public var origins: [YearMonth]
    /// The last month scored (the record's cut-off).
    public var end: YearMonth
    /// The calibration's settings (their window is set per origin).
    public var calibration: CalibrationSettings
    /// Posterior draws forecast from, each run `replicates` times.
    public var draws: Int
    public var replicates: Int
    /// The baselines' settings.
    public var baselines: BaselineSettings

    /// The defaults `parley backtest` uses: the four origins, scored to June 2021, 200 posterior
    /// draws × 5 runs per origin.
    public init(origins: [YearMonth] = BacktestSettings.defaultOrigins, end: YearMonth = YearMonth(2021, 6),
                calibration: CalibrationSettings, draws: Int = 200, replicates: Int = 5, baselines: BaselineSettings? = nil) {
        self.origins = origins
        self.end = end
        self.calibration = calibration
        self.draws = draws
        self.replicates = replicates
        self.baselines = baselines ?? BaselineSettings(seed: calibration.seed)
    }
}

/// How many missiles a launch month carries, fitted on a training period's launch months by the
/// method of moments: one missile plus a negative binomial number more (what korea-2021's
/// `salvo_extra_mean` and `salvo_dispersion` describe).
public struct SalvoFit: Sendable, Hashable, Codable {
    /// The training launch months it was fitted on.
    public var launchMonths: Int
    /// The mean number of missiles beyond the first.
    public var extraMean: Double
    /// The dispersion k = m²/(v − m) of the further missiles; 0 when they are not over-dispersed
    /// (a Poisson number).
    public var dispersion: Double

    /// The fit to the missiles of each launch month (each at least 1); nil without launch months.
    public init?(missilesPerLaunchMonth counts: [Int]) {
        guard !counts.isEmpty else { return nil }
        let extra = counts.map { Double(max(0, $0 - 1)) }
        let mean = extra.reduce(0, +) / Double(extra.count)
        let variance = extra.count < 2 ? 0 : extra.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(extra.count - 1)
        launchMonths = counts.count
        extraMean = mean
        dispersion = variance > mean && mean > 0 ? mean * mean / (variance - mean) : 0
    }
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
    /// Whether the year lies after the origin (is scored).
    public var isTest: Bool
}

/// The backtest from one origin: the fit, the forecasts of the model and the baselines, and
/// their scores.
public struct OriginBacktest: Sendable {
    /// The last training month.
    public var origin: YearMonth
    /// The calibration on the record up to the origin.
    public var calibration: CalibrationResult
    /// The salvo size fitted on the training launch months (nil when the scenario has no salvo
    /// parameters, or the training period no launch month).
    public var salvo: SalvoFit?
    /// The baselines, fitted on the same months.
    public var baselines: BaselineForecasts
    /// The model's forecasts of the test years.
    public var model: Forecaster
    /// The scores of the model and every baseline over this origin's test years.
    public var scores: ScoreTable
    /// Every year of the clock, training years included: the posterior predictive of missiles.
    public var everyYear: [YearSample]
}

/// The whole rolling-origin backtest.
public struct BacktestResult: Sendable {
    /// The settings.
    public var settings: BacktestSettings
    /// Per origin, in the order given.
    public var origins: [OriginBacktest]
    /// The scores pooled over every (origin, test year) pair.
    public var pooled: ScoreTable
}

/// Fits on each origin's training months, forecasts the years after it with the US, ROK and UN
/// record imposed, and scores the model beside the baselines (``Baselines``).
public enum Backtester {
    /// The name the model's forecasts carry in score tables.
    public static let modelName = "model"

    /// The first run index of the forecasts: no calibration run uses it.
    static let forecastBase = 4_000_000_000

    /// Runs the backtest. Depends only on (scenario, record, settings), never on threads.
    public static func run(
        _ model: HistoryModel, record: DPRKRecord, settings: BacktestSettings,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws(CalibrationError) -> BacktestResult {
        guard !settings.origins.isEmpty else { throw CalibrationError("a backtest needs at least one origin") }
        guard let first = model.months.first, let last = model.months.last else {
            throw CalibrationError("\(model.scenario.file): the history scenario has no steps")
        }
        let end = min(settings.end, last)
        for origin in settings.origins where !(origin >= first && origin < end) {
            throw CalibrationError("origin \(origin) is outside the history \(first) to \(end): an origin needs months to fit before it and to score after it")
        }
        let forecastRecord = ForecastRecord(record: record, from: first, through: end)
        var results: [OriginBacktest] = []
        for origin in settings.origins {
            progress?("origin \(origin): fitting \(first) to \(origin)")
            results.append(try backtest(model, record: record, forecastRecord: forecastRecord, origin: origin, settings: settings,
                                        progress: progress))
        }
        let pooled: ScoreTable
        do {
            pooled = try ScoreTable(origins: results.map { $0.baselines.originForecasts(adding: [$0.model]) })
        } catch {
            throw CalibrationError("scoring the backtest: \(error)")
        }
        return BacktestResult(settings: settings, origins: results, pooled: pooled)
    }

    private static func backtest(
        _ model: HistoryModel, record: DPRKRecord, forecastRecord: ForecastRecord, origin: YearMonth, settings: BacktestSettings,
        progress: (@Sendable (String) -> Void)?
    ) throws(CalibrationError) -> OriginBacktest {
        let series = forecastRecord.series
        let training = series.first...origin
        var calibrationSettings = settings.calibration
        calibrationSettings.window = training
        let calibration = try Calibrator.calibrate(model, record: record, settings: calibrationSettings, progress: progress)

        let trainingLaunchMonths = series.months(in: training).filter(\.hasLaunch)
        let salvo = SalvoFit(missilesPerLaunchMonth: trainingLaunchMonths.map(\.missiles))
        var fixed: [Int: Double] = [:]
        if let salvo, let mean = model.scenario.parameterIndex(named: "salvo_extra_mean"),
           let dispersion = model.scenario.parameterIndex(named: "salvo_dispersion") {
            fixed[mean] = salvo.extraMean
            fixed[dispersion] = salvo.dispersion
        }
        let launchDayModel: LaunchMonthObservationModel
        do {
            launchDayModel = try LaunchMonthObservationModel(series: series, period: training)
        } catch {
            throw CalibrationError("cannot build the launch-day observation model from \(training.lowerBound) to \(origin): \(error.description)")
        }

        let draws = calibration.draws(settings.draws)
        progress?("origin \(origin): forecasting from \(draws.count) posterior draws × \(settings.replicates) runs")
        let histories = try model.simulate(draws, firstRuns: draws.indices.map { forecastBase + $0 * settings.replicates },
                                           replicates: settings.replicates, threads: settings.calibration.threads,
                                           fixed: fixed).flatMap { $0 }

        let baselines: BaselineForecasts
        do {
            baselines = try Baselines.forecast(forecastRecord, origin: origin, settings: settings.baselines)
        } catch {
            throw CalibrationError("fitting the baselines at \(origin): \(error)")
        }
        var modelYears: [YearForecast] = []
        for observed in baselines.observed {
            let window = YearMonth(observed.year, 1)...YearMonth(observed.year, observed.monthsObserved)
            let indices = model.months.indices.filter { window.contains(model.months[$0]) }
            var launchMonths: [Double] = [], missiles: [Double] = [], launchDays: [Double] = []
            var nuclear: [Bool] = [], longRange: [Bool] = []
            for (run, history) in histories.enumerated() {
                // Launch days are not a model output: each simulated launch month gets the launch
                // days of a training launch month, drawn from the run's own stream.
                var random = Xoshiro256StarStar(seed: settings.calibration.seed, run: UInt64(run), stream: UInt64(1000 + observed.year))
                var months = 0.0, count = 0.0, days = 0.0
                for index in indices where history.missileMonths[index] > 0 {
                    months += 1
                    count += history.missiles[index]
                    days += Double(launchDayModel.sample(using: &random).launchDays)
                }
                launchMonths.append(months)
                missiles.append(count)
                launchDays.append(days)
                nuclear.append(indices.contains { history.nuclearMonths[$0] > 0 })
                longRange.append(indices.contains { history.longRangeMonths[$0] > 0 })
            }
            do {
                modelYears.append(try YearForecast(
                    year: observed.year, months: observed.monthsObserved, launchMonthSamples: launchMonths, missileSamples: missiles,
                    launchDaySamples: launchDays, nuclearTestOutcomes: nuclear, longRangeOutcomes: longRange))
            } catch {
                throw CalibrationError("the model's forecast of \(observed.year) from \(origin): \(error)")
            }
        }
        let forecaster = Forecaster(name: modelName, years: modelYears)
        let scores: ScoreTable
        do {
            scores = try ScoreTable(origins: [baselines.originForecasts(adding: [forecaster])])
        } catch {
            throw CalibrationError("scoring the forecasts from \(origin): \(error)")
        }
        return OriginBacktest(origin: origin, calibration: calibration, salvo: salvo, baselines: baselines, model: forecaster,
                              scores: scores, everyYear: everyYear(histories, model: model, series: series, origin: origin))
    }

    /// Simulated missiles in every year of the clock, with the observed count, for charts.
    static func everyYear(_ histories: [SimulatedHistory], model: HistoryModel, series: ObservedSeries, origin: YearMonth) -> [YearSample] {
        guard let firstYear = model.months.first?.year, let lastYear = model.months.last?.year else { return [] }
        return (firstYear...lastYear).compactMap { year in
            let indices = model.months.indices.filter { model.months[$0].year == year }
            guard let firstIndex = indices.first, let lastIndex = indices.last else { return nil }
            let simulated = histories.map { history in indices.reduce(0.0) { $0 + history.missiles[$1] } }
            let observed = series.months(in: model.months[firstIndex]...model.months[lastIndex])
            return YearSample(year: year, months: indices.count,
                              observedMissiles: observed.isEmpty ? nil : Double(observed.reduce(0) { $0 + $1.missiles }),
                              simulatedMissiles: simulated, isTest: model.months[firstIndex] > origin)
        }
    }
}
