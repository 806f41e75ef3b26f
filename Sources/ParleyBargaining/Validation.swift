import ParleyNumerics

/// Every model's error on a DEU file: mean absolute error of the predicted outcome over the
/// issues with an outcome, with bootstrap 95% intervals, on all issues and by procedure.
public struct BargainingValidation: Sendable, Equatable, Codable {
    /// One model on one group of issues.
    public struct Row: Sendable, Equatable, Codable {
        /// The model's label (`compromise`, …, `parley (cross-validated)`).
        public var model: String
        /// `all`, or a procedure (`COD`, `CNS`).
        public var group: String
        /// Issues in the group.
        public var issues: Int
        /// Mean absolute error.
        public var meanAbsoluteError: Double
        /// Its bootstrap 95% interval (percentile method).
        public var interval: ConfidenceInterval
        /// The mean of (this model's error − the compromise model's), issue by issue.
        public var differenceFromCompromise: Double
        /// Its bootstrap 95% interval (paired: the same resampled issues).
        public var differenceInterval: ConfidenceInterval
        /// Issues on which an iterative model stopped at its round limit rather than by its rule.
        public var roundLimitStops: Int
    }

    /// The rows, model by model, `all` first then each procedure.
    public var rows: [Row]
    /// Each issue's prediction by every model: issue → model label → prediction.
    public var predictions: [String: [String: Double]]
    /// Issues with an outcome.
    public var issues: Int
    /// Bootstrap resamples.
    public var resamples: Int
    /// The bootstrap's seed.
    public var seed: UInt64

    /// The model labels, in order: every model, then the fitted model cross-validated.
    public static let crossValidatedLabel = "parley (cross-validated)"

    /// Validates every model on `issues`.
    ///
    /// - Parameters:
    ///   - fitted: the fitted model's values (its in-sample row); its specification is also
    ///     refitted fold by fold (same folds and seed) for the cross-validated row.
    ///   - resamples: bootstrap resamples of the issues (paired across models).
    ///   - seed: the bootstrap's seed; results depend only on the inputs and the seed.
    public static func validate(_ issues: [DEUIssue], fitted: FittedModel, options: BargainingOptions = BargainingOptions(),
                                resamples: Int = 2000, seed: UInt64 = 1) -> BargainingValidation {
        let scored = issues.filter { $0.outcome != nil }
        var labels = BargainingModel.allCases.map(\.rawValue)
        var predictions: [String: [String: Double]] = [:]
        var limitStops: [String: Set<String>] = [:]
        for issue in scored {
            var settings = options
            settings.procedure = issue.procedure
            settings.votingRule = issue.votingRule
            for model in BargainingModel.allCases {
                let forecast = issue.table.forecast(model, options: settings, fitted: fitted)
                predictions[issue.id, default: [:]][model.rawValue] = forecast.outcome.first ?? .nan
                if forecast.stopReason == .roundLimit { limitStops[model.rawValue, default: []].insert(issue.id) }
            }
        }
        if fitted.folds > 1 {
            labels.append(crossValidatedLabel)
            let assignment = FittedModel.foldAssignment(count: scored.count, folds: fitted.folds, seed: fitted.seed)
            for fold in 0..<fitted.folds {
                let training = scored.indices.filter { assignment[$0] != fold }.map { scored[$0] }
                let model = FittedModel.search(fitted.specification, on: training)
                for index in scored.indices where assignment[index] == fold {
                    let issue = scored[index]
                    predictions[issue.id, default: [:]][crossValidatedLabel] =
                        model.predict(issue.table, procedure: issue.procedure, votingRule: issue.votingRule)
                }
            }
        }
        let groups = ["all"] + Array(Set(scored.map(\.procedure))).sorted()
        var rows: [Row] = []
        for label in labels {
            for (groupIndex, group) in groups.enumerated() {
                let members = scored.filter { group == "all" || $0.procedure == group }
                guard !members.isEmpty else { continue }
                let errors = members.map { abs((predictions[$0.id]?[label] ?? .nan) - ($0.outcome ?? .nan)) }
                let baseline = members.map { abs((predictions[$0.id]?[BargainingModel.compromise.rawValue] ?? .nan) - ($0.outcome ?? .nan)) }
                let differences = zip(errors, baseline).map { $0 - $1 }
                let samples = bootstrapMeans([errors, differences], resamples: resamples, seed: seed, stream: UInt64(groupIndex))
                rows.append(Row(model: label, group: group, issues: members.count, meanAbsoluteError: mean(errors),
                                interval: percentileInterval(samples[0]), differenceFromCompromise: mean(differences),
                                differenceInterval: percentileInterval(samples[1]),
                                roundLimitStops: members.filter { limitStops[label]?.contains($0.id) == true }.count))
            }
        }
        return BargainingValidation(rows: rows, predictions: predictions, issues: scored.count, resamples: resamples, seed: seed)
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }

    /// Bootstrap means of several paired series: every resample draws the same indices for all.
    static func bootstrapMeans(_ series: [[Double]], resamples: Int, seed: UInt64, stream: UInt64) -> [[Double]] {
        let count = series.first?.count ?? 0
        var generator = Xoshiro256StarStar(seed: seed, run: 0, stream: stream)
        var means = series.map { _ in [Double]() }
        guard count > 0 else { return means }
        for _ in 0..<max(1, resamples) {
            var sums = [Double](repeating: 0, count: series.count)
            for _ in 0..<count {
                let index = min(count - 1, Int(generator.nextUniform() * Double(count)))
                for (which, values) in series.enumerated() { sums[which] += values[index] }
            }
            for which in series.indices { means[which].append(sums[which] / Double(count)) }
        }
        return means
    }

    /// The 2.5th and 97.5th percentiles (linear interpolation between order statistics).
    static func percentileInterval(_ values: [Double]) -> ConfidenceInterval {
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let position = q * Double(sorted.count - 1)
            let low = Int(position.rounded(.down)), high = min(sorted.count - 1, low + 1)
            return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
        }
        return ConfidenceInterval(lower: quantile(0.025), upper: quantile(0.975), level: 0.95)
    }
}
