import Foundation
import ParleyHistory
import ParleyLanguage
import ParleyNumerics

/// How to fit: the window of history, the ABC-SMC population and budget, the seed.
public struct CalibrationSettings: Sendable, Hashable {
    /// The months whose statistics are fitted.
    public var window: ClosedRange<YearMonth>
    /// Particles per ABC-SMC generation.
    public var particles: Int
    /// ABC-SMC generations (the first samples the prior).
    public var generations: Int
    /// Runs per particle; their statistics are averaged before the distance.
    public var replicates: Int
    /// Prior draws used to scale each statistic (its median absolute deviation).
    public var pilot: Int
    /// The seed of the runs and of ABC-SMC.
    public var seed: UInt64
    /// Worker threads (results do not depend on them).
    public var threads: Int

    /// Settings with the defaults `parley calibrate` uses.
    public init(window: ClosedRange<YearMonth>, particles: Int = 400, generations: Int = 6, replicates: Int = 2,
                pilot: Int = 400, seed: UInt64 = 1, threads: Int = 1) {
        self.window = window
        self.particles = particles
        self.generations = generations
        self.replicates = replicates
        self.pilot = pilot
        self.seed = seed
        self.threads = threads
    }
}

/// One fitted parameter's posterior, summarised.
public struct PosteriorSummary: Sendable, Hashable {
    /// The parameter.
    public var parameter: FittedParameter
    /// ABC-SMC's weighted mean, standard deviation and quantiles of it.
    public var weighted: ABCParameterSummary
    /// Posterior sd over prior sd: near 1, the data said little about this parameter.
    public var shrinkage: Double
}

/// What a calibration produced.
public struct CalibrationResult: Sendable {
    /// The settings it ran with.
    public var settings: CalibrationSettings
    /// The statistics' names, the observed values and their scales.
    public var statisticNames: [String]
    public var observed: [Double]
    public var scales: [Double]
    /// The final ABC-SMC population.
    public var posterior: ABCSMCResult
    /// One summary per fitted parameter.
    public var summaries: [PosteriorSummary]
    /// Simulations run in all (pilot and check included).
    public var simulations: Int
    /// Per statistic, the median and central 80% interval over posterior draws (the posterior
    /// predictive check: where the fitted model still misses the record).
    public var predictive: [(median: Double, lower: Double, upper: Double)]
    /// Per statistic, the same over the pilot's prior draws.
    public var priorPredictive: [(median: Double, lower: Double, upper: Double)]

    /// `count` equally weighted posterior draws (systematic resampling by weight, deterministic),
    /// each a vector in fitted-parameter order.
    public func draws(_ count: Int) -> [[Double]] {
        let particles = posterior.particles, weights = posterior.weights
        guard !particles.isEmpty, count > 0 else { return [] }
        var cumulative: [Double] = []
        var total = 0.0
        for weight in weights {
            total += weight
            cumulative.append(total)
        }
        var draws: [[Double]] = []
        var index = 0
        for k in 0..<count {
            let u = (Double(k) + 0.5) / Double(count) * total
            while index < cumulative.count - 1 && cumulative[index] < u { index += 1 }
            draws.append(particles[index])
        }
        return draws
    }
}

/// Fits a history model's parameters to the record by ABC-SMC on ``HistoryStatistics``.
public enum Calibrator {
    /// Runs the calibration.
    ///
    /// Runs are numbered so that a calibration depends only on (scenario, settings, record):
    /// pilot particle `i` runs `i × replicates …`; proposal `k` of generation `g` runs from
    /// `pilot × replicates + g × 10⁸ + k × replicates`; the posterior predictive check from
    /// `pilot × replicates + 20 × 10⁸` (hence at most 19 generations).
    ///
    /// - Throws: ``CalibrationError`` for settings out of range, a failed run or a failed sampler.
    public static func calibrate(
        _ model: HistoryModel, record: DPRKRecord, settings: CalibrationSettings,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws(CalibrationError) -> CalibrationResult {
        guard (1...19).contains(settings.generations) else {
            throw CalibrationError("ABC-SMC runs 1 to 19 generations, not \(settings.generations)")
        }
        guard settings.particles >= 2, settings.replicates >= 1, settings.pilot >= 2, settings.threads >= 1 else {
            throw CalibrationError("calibration needs at least 2 particles, 2 pilot draws, 1 run per particle and 1 thread")
        }
        let series = ObservedSeries(record: record)
        let sipri: WarheadSeries
        do throws(HistoryDataError) { sipri = try record.sipriWarheadSeries() } catch { throw CalibrationError(error.description) }
        let names = HistoryStatistics.names(window: settings.window, sipri: sipri)
        let observed = HistoryStatistics.observed(record: record, series: series, window: settings.window, sipri: sipri)
        let priors = model.fitted.map(\.abcPrior)

        // Pilot: prior draws scale each statistic by its spread under the prior.
        var random = Xoshiro256StarStar(seed: settings.seed, run: 0, stream: 7)
        let pilotParticles = (0..<settings.pilot).map { _ in priors.map { $0.sample(using: &random) } }
        let pilotStatistics = try statistics(of: pilotParticles, firstRuns: pilotParticles.indices.map { $0 * settings.replicates },
                                             model: model, settings: settings, sipri: sipri)
        let distance = ScaledDistance(pilot: pilotStatistics)
        progress?("pilot: \(settings.pilot) prior draws × \(settings.replicates) runs scale \(names.count) statistics")

        // Proposal k of generation g runs from index base + g × stride + k × replicates: the runs
        // depend on (generation, proposal), not on how ABC-SMC batches them.
        let base = settings.pilot * settings.replicates, stride = 100_000_000
        let abc = ABCSMC(prior: ABCPrior(zip(model.fitted.map(\.name), priors).map { ($0, $1) }),
                         configuration: ABCSMCConfiguration(populationSize: settings.particles, maximumGenerations: settings.generations,
                                                            seed: settings.seed))
        let result: ABCSMCResult
        do {
            result = try abc.run(simulateBatch: { batch in
                let firstRuns = batch.proposalIndices.map { base + batch.generation * stride + $0 * settings.replicates }
                let simulated = try statistics(of: batch.particles, firstRuns: firstRuns, model: model, settings: settings, sipri: sipri)
                return simulated.map { distance($0, observed) }
            }, progress: { log in
                progress?("generation \(log.generation + 1)/\(settings.generations): tolerance \(format(log.tolerance)), "
                    + "\(log.simulations) runs, acceptance \(format(log.acceptanceRate)), ESS \(format(log.effectiveSampleSize))")
            })
        } catch let error as CalibrationError {
            throw error
        } catch {
            throw CalibrationError("calibration failed: \(error)")
        }
        let priorDeviations = model.priorStandardDeviations
        let weighted = result.summaries
        let summaries = model.fitted.enumerated().map { d, parameter in
            summary(weighted[d], parameter: parameter, priorDeviation: priorDeviations[d])
        }
        var calibration = CalibrationResult(settings: settings, statisticNames: names, observed: observed, scales: distance.scales,
                                            posterior: result, summaries: summaries, simulations: 0, predictive: [],
                                            priorPredictive: bands(pilotStatistics))
        // Posterior predictive check on run indices of their own.
        let checkDraws = calibration.draws(settings.pilot)
        let checkBase = base + 20 * stride
        let checkStatistics = try statistics(of: checkDraws, firstRuns: checkDraws.indices.map { checkBase + $0 * settings.replicates },
                                             model: model, settings: settings, sipri: sipri)
        calibration.predictive = bands(checkStatistics)
        calibration.simulations = (2 * settings.pilot + result.simulations) * settings.replicates
        progress?("posterior predictive check: \(checkDraws.count) posterior draws × \(settings.replicates) runs")
        return calibration
    }

    /// The statistics of each particle's runs (replicates averaged).
    static func statistics(of particles: [[Double]], firstRuns: [Int], model: HistoryModel, settings: CalibrationSettings,
                           sipri: WarheadSeries) throws(CalibrationError) -> [[Double]] {
        let histories = try model.simulate(particles, firstRuns: firstRuns, replicates: settings.replicates, threads: settings.threads)
        return histories.map { replicates in
            let each = replicates.map { HistoryStatistics.simulated($0, months: model.months, window: settings.window, sipri: sipri) }
            guard let first = each.first else { return [] }
            return (0..<first.count).map { k in each.map { $0[k] }.reduce(0, +) / Double(each.count) }
        }
    }

    /// Per statistic, the median and the 10th and 90th percentiles over `rows`.
    static func bands(_ rows: [[Double]]) -> [(median: Double, lower: Double, upper: Double)] {
        guard let width = rows.first?.count else { return [] }
        return (0..<width).map { k in
            let sorted = rows.map { $0[k] }.sorted()
            return (ProperScore.quantile(sorted: sorted, 0.5), ProperScore.quantile(sorted: sorted, 0.1), ProperScore.quantile(sorted: sorted, 0.9))
        }
    }

    /// ABC-SMC's weighted summary of a parameter, with its posterior-to-prior spread.
    static func summary(_ weighted: ABCParameterSummary, parameter: FittedParameter, priorDeviation: Double) -> PosteriorSummary {
        PosteriorSummary(parameter: parameter, weighted: weighted,
                         shrinkage: priorDeviation > 0 ? weighted.standardDeviation / priorDeviation : 0)
    }

    static func format(_ value: Double) -> String { String(format: "%.3g", value) }
}

