import ParleyAnalysis
import ParleyNumerics

/// Renders a scenario's sensitivity analysis: the factors ranked by importance (μ* for Morris,
/// ST for Sobol'), with their intervals, distributions, units and sources.
///
/// The JSON document is stable: `scenario`, `metric`, `metric_unit`, `method`, `runs_per_point`,
/// `seed`, `points`, `bootstrap`, `fixed`, method settings (`trajectories`, `levels`, `delta` for
/// Morris; `base_samples`, `sampling`, `mean`, `variance` for Sobol'), and `factors` in rank
/// order, each with `rank`, `parameter`, `distribution`, `unit`, `source` and the measures
/// (`mu_star`, `mu_star_ci_lower`, `mu_star_ci_upper`, `mu`, `sigma`, or `s1`, `s1_ci_lower`,
/// `s1_ci_upper`, `st`, `st_ci_lower`, `st_ci_upper`). Numbers that are not finite are null.
public enum SensitivityReport {
    /// The analysis as text, JSON or CSV.
    public static func render(_ result: ScenarioSensitivityResult, format: OutputFormat) -> String {
        switch format {
        case .table: return header(result) + table(result).renderText() + footer(result)
        case .csv: return csv(result).renderCSV()
        case .json: return json(result)
        }
    }

    static func header(_ result: ScenarioSensitivityResult) -> String {
        let metric = result.metric + (result.metricUnit.map { " (\($0))" } ?? "")
        let fixed = result.fixedParameters.isEmpty ? ""
            : "fixed: " + result.fixedParameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(f($0.value))" }
                .joined(separator: ", ") + "\n"
        switch result.analysis {
        case let .morris(morris):
            let design = morris.design
            return """
                \(result.scenario) — Morris screening of \(metric)
                \(design.trajectories.count) trajectories × \(design.factorCount + 1) points on a \(design.levels)-level grid \
                (Δ = \(f(design.jump))), \(result.runsPerPoint) runs per point with seed \(result.seed) at every point
                \(fixed)μ* is the mean |elementary effect|: the change in the metric's mean per whole quantile range \
                of a parameter; σ large next to μ* means interactions or curvature

                """
        case let .sobol(sobol):
            let design = sobol.design
            return """
                \(result.scenario) — Sobol' indices of \(metric)
                \(design.baseSamples) base samples (\(design.sampling == .sobolSequence ? "Sobol' sequence" : "pseudo-random")) \
                × \(design.factorCount + 2) matrices = \(result.points) points, \(result.runsPerPoint) runs per point \
                with seed \(result.seed) at every point
                \(fixed)output mean \(f(sobol.mean)), variance \(f(sobol.variance)); S1: share of variance from the \
                parameter alone, ST: with all its interactions

                """
        }
    }

    static func footer(_ result: ScenarioSensitivityResult) -> String {
        let level: Double
        let resamples: Int
        switch result.analysis {
        case let .morris(morris): (level, resamples) = (morris.bootstrap.level, morris.bootstrap.resamples)
        case let .sobol(sobol): (level, resamples) = (sobol.bootstrap.level, sobol.bootstrap.resamples)
        }
        guard resamples > 0 else { return "" }
        return "\nintervals: \(f(level * 100))% bootstrap percentile intervals from \(resamples) resamples\n"
    }

    static func table(_ result: ScenarioSensitivityResult) -> Table {
        var table: Table
        switch result.analysis {
        case let .morris(morris):
            table = Table(columns: ["rank", "parameter", "μ*", "95% CI", "μ", "σ", "distribution", "unit", "source"],
                          alignments: [.right, .left, .right, .right, .right, .right, .left, .left, .left])
            for (rank, position) in result.ranking.enumerated() {
                let effect = morris.effects[position], factor = result.factors[position]
                table.append([
                    "\(rank + 1)", factor.name, f(effect.absoluteMean), interval(effect.absoluteMeanInterval),
                    f(effect.mean), f(effect.standardDeviation), factor.distribution, factor.unit ?? "", short(factor.source),
                ])
            }
        case let .sobol(sobol):
            table = Table(columns: ["rank", "parameter", "ST", "95% CI", "S1", "95% CI", "distribution", "unit", "source"],
                          alignments: [.right, .left, .right, .right, .right, .right, .left, .left, .left])
            for (rank, position) in result.ranking.enumerated() {
                let index = sobol.indices[position], factor = result.factors[position]
                table.append([
                    "\(rank + 1)", factor.name, f(index.total), interval(index.totalInterval), f(index.firstOrder),
                    interval(index.firstOrderInterval), factor.distribution, factor.unit ?? "", short(factor.source),
                ])
            }
        }
        return table
    }

    static func csv(_ result: ScenarioSensitivityResult) -> Table {
        var table: Table
        switch result.analysis {
        case let .morris(morris):
            table = Table(columns: ["rank", "parameter", "mu_star", "mu_star_ci_lower", "mu_star_ci_upper", "mu", "sigma",
                                   "distribution", "unit", "source"])
            for (rank, position) in result.ranking.enumerated() {
                let effect = morris.effects[position], factor = result.factors[position]
                table.append([
                    "\(rank + 1)", factor.name, f(effect.absoluteMean), effect.absoluteMeanInterval.map { f($0.lower) } ?? "",
                    effect.absoluteMeanInterval.map { f($0.upper) } ?? "", f(effect.mean), f(effect.standardDeviation),
                    factor.distribution, factor.unit ?? "", factor.source ?? "",
                ])
            }
        case let .sobol(sobol):
            table = Table(columns: ["rank", "parameter", "st", "st_ci_lower", "st_ci_upper", "s1", "s1_ci_lower", "s1_ci_upper",
                                   "distribution", "unit", "source"])
            for (rank, position) in result.ranking.enumerated() {
                let index = sobol.indices[position], factor = result.factors[position]
                table.append([
                    "\(rank + 1)", factor.name, f(index.total), index.totalInterval.map { f($0.lower) } ?? "",
                    index.totalInterval.map { f($0.upper) } ?? "", f(index.firstOrder),
                    index.firstOrderInterval.map { f($0.lower) } ?? "", index.firstOrderInterval.map { f($0.upper) } ?? "",
                    factor.distribution, factor.unit ?? "", factor.source ?? "",
                ])
            }
        }
        return table
    }

    struct JSONFactor: Codable {
        var rank: Int
        var parameter: String
        var distribution: String
        var unit: String?
        var source: String?
        var mu_star: Double?
        var mu_star_ci_lower: Double?
        var mu_star_ci_upper: Double?
        var mu: Double?
        var sigma: Double?
        var s1: Double?
        var s1_ci_lower: Double?
        var s1_ci_upper: Double?
        var st: Double?
        var st_ci_lower: Double?
        var st_ci_upper: Double?
    }

    struct JSONDocument: Codable {
        var scenario: String
        var metric: String
        var metric_unit: String?
        var method: String
        var runs_per_point: Int
        var seed: UInt64
        var points: Int
        var bootstrap: Int
        var confidence_level: Double
        var fixed: [String: Double]
        var trajectories: Int?
        var levels: Int?
        var delta: Double?
        var base_samples: Int?
        var sampling: String?
        var mean: Double?
        var variance: Double?
        var factors: [JSONFactor]
    }

    static func json(_ result: ScenarioSensitivityResult) -> String {
        let finite = EnsembleReport.finite
        var document = JSONDocument(
            scenario: result.scenario, metric: result.metric, metric_unit: result.metricUnit, method: "",
            runs_per_point: result.runsPerPoint, seed: result.seed, points: result.points, bootstrap: 0,
            confidence_level: 0.95, fixed: result.fixedParameters, factors: [])
        switch result.analysis {
        case let .morris(morris):
            document.method = "morris"
            document.bootstrap = morris.bootstrap.resamples
            document.confidence_level = morris.bootstrap.level
            document.trajectories = morris.design.trajectories.count
            document.levels = morris.design.levels
            document.delta = morris.design.jump
            document.factors = result.ranking.enumerated().map { rank, position in
                let effect = morris.effects[position], factor = result.factors[position]
                return JSONFactor(
                    rank: rank + 1, parameter: factor.name, distribution: factor.distribution, unit: factor.unit,
                    source: factor.source, mu_star: finite(effect.absoluteMean),
                    mu_star_ci_lower: effect.absoluteMeanInterval.flatMap { finite($0.lower) },
                    mu_star_ci_upper: effect.absoluteMeanInterval.flatMap { finite($0.upper) },
                    mu: finite(effect.mean), sigma: finite(effect.standardDeviation))
            }
        case let .sobol(sobol):
            document.method = "sobol"
            document.bootstrap = sobol.bootstrap.resamples
            document.confidence_level = sobol.bootstrap.level
            document.base_samples = sobol.design.baseSamples
            document.sampling = sobol.design.sampling.rawValue
            document.mean = finite(sobol.mean)
            document.variance = finite(sobol.variance)
            document.factors = result.ranking.enumerated().map { rank, position in
                let index = sobol.indices[position], factor = result.factors[position]
                return JSONFactor(
                    rank: rank + 1, parameter: factor.name, distribution: factor.distribution, unit: factor.unit,
                    source: factor.source, s1: finite(index.firstOrder),
                    s1_ci_lower: index.firstOrderInterval.flatMap { finite($0.lower) },
                    s1_ci_upper: index.firstOrderInterval.flatMap { finite($0.upper) }, st: finite(index.total),
                    st_ci_lower: index.totalInterval.flatMap { finite($0.lower) },
                    st_ci_upper: index.totalInterval.flatMap { finite($0.upper) })
            }
        }
        return EnsembleReport.encode(document)
    }

    private static func f(_ value: Double) -> String { EnsembleReport.format(value) }

    private static func interval(_ interval: ConfidenceInterval?) -> String {
        interval.map { "[\(f($0.lower)), \(f($0.upper))]" } ?? ""
    }

    /// A source cut to fit a terminal column; CSV and JSON carry it whole.
    private static func short(_ source: String?) -> String {
        guard let source else { return "(no source)" }
        let limit = 48
        return source.count <= limit ? source : String(source.prefix(limit - 1)) + "…"
    }
}
