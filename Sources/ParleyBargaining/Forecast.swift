/// The bargaining models Parley implements.
public enum BargainingModel: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The capability × salience weighted mean of positions ("compromise model"; Achen 2006).
    case compromise
    /// The capability × salience weighted median: the Condorcet winner in one dimension (Black 1948).
    case median
    /// The asymmetric Nash bargaining solution with the reference point as disagreement point.
    case nash
    /// Bueno de Mesquita's expected-utility model as Scholz, Calbert & Smith (2011) specify it.
    case bdm
    /// A KTAB-style Spatial Model of Politics (Wise, Lester & Efird 2015; KAPSARC KTAB).
    case smp
    /// Parley's own model, fitted on the DEU III development file (``FittedModel``).
    case parley

    /// What the model is, in a line, for help texts and reports.
    public var summary: String {
        switch self {
        case .compromise: "capability × salience weighted mean of positions"
        case .median: "capability × salience weighted median (the Condorcet winner in one dimension)"
        case .nash: "Nash bargaining solution, reference point as disagreement point"
        case .bdm: "Bueno de Mesquita expected-utility model (Scholz, Calbert & Smith 2011)"
        case .smp: "KTAB-style Spatial Model of Politics (probabilistic Condorcet election, bargains)"
        case .parley: "Parley's fitted model (weights and pull toward the reference point by procedure)"
        }
    }

    /// Whether the model moves positions round by round (BDM, SMP) rather than computing the
    /// outcome at once.
    public var isIterative: Bool { self == .bdm || self == .smp }

    public var description: String { rawValue }
}

/// Why a model stopped.
public enum StopReason: String, Sendable, Hashable, Codable {
    /// The model computes its outcome at once; there are no rounds.
    case closedForm = "closed form"
    /// Positions reached a fixed point.
    case converged
    /// The forecast stayed within the tolerance for the required rounds (BDM), or the
    /// positions' change fell below the required share of the first round's (SMP).
    case stable
    /// The round limit was reached first.
    case roundLimit = "round limit"
    /// The number of rounds asked for was run.
    case roundsAsked = "rounds asked"
    /// The table has no reference point, so the model fell back to its limit without one.
    case noReferencePoint = "no reference point"
    /// No outcome is better for every actor than the reference point, which therefore stands.
    case referencePointStands = "reference point stands"
}

/// The state after one round of bargaining: every actor's position and the forecast so far.
public struct BargainingRound: Sendable, Hashable, Codable {
    /// 0 for the starting positions, then 1, 2, …
    public var round: Int
    /// Each actor's positions (actor × dimension), in the table's order.
    public var positions: [[Double]]
    /// The model's forecast at this round, one value per dimension.
    public var forecast: [Double]
    /// The weighted mean of the round's positions (BDM's "mean"; Scholz et al. Table 2).
    public var mean: [Double]

    /// Creates a round.
    public init(round: Int, positions: [[Double]], forecast: [Double], mean: [Double]) {
        self.round = round
        self.positions = positions
        self.forecast = forecast
        self.mean = mean
    }
}

/// A model's forecast for one table: the outcome, and for iterative models the positions by
/// round.
public struct BargainingForecast: Sendable, Hashable, Codable {
    /// The model.
    public var model: BargainingModel
    /// The table's name.
    public var table: String
    /// The actors' names, in the table's order.
    public var actors: [String]
    /// The dimensions' names.
    public var dimensions: [String]
    /// The forecast outcome, one value per dimension.
    public var outcome: [Double]
    /// The rounds, starting with round 0 (the table's positions).
    public var rounds: [BargainingRound]
    /// Why the model stopped.
    public var stopReason: StopReason

    /// Creates a forecast.
    public init(model: BargainingModel, table: String, actors: [String], dimensions: [String], outcome: [Double],
                rounds: [BargainingRound], stopReason: StopReason) {
        self.model = model
        self.table = table
        self.actors = actors
        self.dimensions = dimensions
        self.outcome = outcome
        self.rounds = rounds
        self.stopReason = stopReason
    }
}

/// The settings of the iterative models, and the context the fitted model uses.
public struct BargainingOptions: Sendable, Hashable, Codable {
    /// Run exactly this many rounds, ignoring the stopping rule (nil: use the rule).
    public var rounds: Int?
    /// The most rounds the stopping rule allows (BDM 20; the SMP uses ``smpMaximumRounds``).
    public var maximumRounds: Int = 20
    /// BDM: the forecast must move by at most this share of the scale ...
    public var tolerance: Double = 0.01
    /// ... for this many consecutive rounds for BDM to stop.
    public var stableRounds: Int = 2
    /// BDM's Q: the probability an actor expects the status quo to persist absent a challenge.
    public var q: Double = 1
    /// BDM's T: the probability that a change without challenge is an improvement.
    public var t: Double = 1
    /// SMP: the most rounds.
    public var smpMaximumRounds: Int = 100
    /// SMP: stop once a round moves positions by less than this share of the first round's
    /// movement (KTAB's `smpStopFn` form).
    public var smpDeltaRatio: Double = 0.02
    /// The legislative procedure (`COD`, `CNS`) for the fitted model, if known.
    public var procedure: String?
    /// The voting rule (`QMV`, `Unan`) for the fitted model, if known.
    public var votingRule: String?

    /// Default settings.
    public init(rounds: Int? = nil) { self.rounds = rounds }
}

extension BargainingTable {
    /// The forecast of `model` for this table.
    ///
    /// - Parameter fitted: the fitted model's values (`data/bargaining/parley-model.json`, as
    ///   `parley bargain fit` writes them); without them the fitted model is the compromise model.
    public func forecast(_ model: BargainingModel, options: BargainingOptions = BargainingOptions(),
                         fitted: FittedModel? = nil) -> BargainingForecast {
        switch model {
        case .compromise: return closedForm(model, outcome: (0..<dimensionCount).map { compromise(dimension: $0) })
        case .median: return closedForm(model, outcome: (0..<dimensionCount).map { weightedMedian(dimension: $0) })
        case .nash: return nashForecast()
        case .bdm: return ExpectedUtilityModel(table: self, options: options).run()
        case .smp: return SpatialModel(table: self, options: options).run()
        case .parley:
            let parameters = fitted ?? FittedModel.compromise
            return closedForm(model, outcome: (0..<dimensionCount).map {
                parameters.predict(self, dimension: $0, procedure: options.procedure, votingRule: options.votingRule)
            })
        }
    }

    /// The forecast of a model with no rounds.
    func closedForm(_ model: BargainingModel, outcome: [Double], stop: StopReason = .closedForm) -> BargainingForecast {
        let start = BargainingRound(round: 0, positions: actors.map(\.positions), forecast: outcome,
                                    mean: (0..<dimensionCount).map { compromise(dimension: $0) })
        return BargainingForecast(model: model, table: name, actors: actors.map(\.name), dimensions: dimensions, outcome: outcome,
                                  rounds: [start], stopReason: stop)
    }
}
