import Foundation
import ParleyNumerics

/// Parley's own bargaining model: a weighted mean whose weights and pull toward the reference
/// point depend on the legislative procedure, fitted on the DEU III development file only.
///
/// Prediction for an issue decided under procedure π (`COD`, `CNS`) and voting rule ν (`QMV`,
/// `Unan`), with reference point r when known:
///
///     wᵢ = cᵢ^α · sᵢ^β · m_π(i)          (m_π(i) = 1 except for the Commission and Parliament)
///     M  = Σ wᵢxᵢ / Σ wᵢ
///     x̂  = M + λ_{π/ν} (r − M)           (x̂ = M when r is unknown)
///
/// α = β = 1, m = 1, λ = 0 is the compromise model. The specifications below add these
/// parameters in nested steps; ``FittedModel/fit(_:folds:seed:)`` picks the one with the lowest
/// cross-validated mean absolute error on the file it is given and refits it on the whole file.
public struct FittedModel: Sendable, Hashable, Codable {
    /// The nested specifications, simplest first.
    public enum Specification: String, Sendable, Hashable, Codable, CaseIterable {
        /// The compromise model (nothing fitted).
        case compromise
        /// Capability and salience exponents α, β.
        case exponents
        /// Exponents and a pull λ toward the reference point per procedure and voting rule.
        case pull
        /// Exponents, pull, and the Commission's and Parliament's weights per procedure.
        case roles
    }

    /// The cross-validated error of one specification.
    public struct Score: Sendable, Hashable, Codable {
        /// The specification.
        public var specification: Specification
        /// Mean absolute error of the out-of-fold predictions.
        public var crossValidatedError: Double
    }

    /// The chosen specification.
    public var specification: Specification
    /// α, the capability exponent.
    public var capabilityExponent: Double
    /// β, the salience exponent.
    public var salienceExponent: Double
    /// m: weight multipliers by procedure, then actor code (`com`, `ep`).
    public var roleWeights: [String: [String: Double]]
    /// λ: pull toward the reference point by `procedure/votingRule` (e.g. `COD/QMV`).
    public var referencePull: [String: Double]
    /// λ for an issue whose procedure is unknown (a table outside the DEU file): the pull fitted
    /// on all issues together.
    public var defaultPull: Double
    /// Every specification's cross-validated error, in order.
    public var scores: [Score]
    /// The number of folds and the seed of their assignment.
    public var folds: Int
    public var seed: UInt64
    /// The issues fitted on (those with an outcome).
    public var issues: Int
    /// Mean absolute error on the fitting file (in sample).
    public var trainingError: Double
    /// The command that produced these values, to reproduce them.
    public var command: String

    /// The compromise model, as a fitted model with nothing fitted.
    public static let compromise = FittedModel(
        specification: .compromise, capabilityExponent: 1, salienceExponent: 1, roleWeights: [:], referencePull: [:], defaultPull: 0,
        scores: [], folds: 0, seed: 0, issues: 0, trainingError: .nan, command: "")

    /// The prediction for `dimension` of `table`.
    public func predict(_ table: BargainingTable, dimension: Int = 0, procedure: String?, votingRule: String?) -> Double {
        let roles = procedure.flatMap { roleWeights[$0] } ?? [:]
        let weights = table.actors.map { actor -> Double in
            let base = weight(capability: actor.capability, salience: actor.saliences[dimension])
            return base * (roles[actor.name] ?? 1)
        }
        var mean = weightedMean(table.positions(dimension: dimension), weights: weights)
        if !mean.isFinite { mean = table.compromise(dimension: dimension) }
        guard let reference = table.reference?[dimension] else { return mean }
        let key = procedure.map { $0 + "/" + (votingRule ?? "") }
        let pull = key.flatMap { referencePull[$0] } ?? defaultPull
        return mean + pull * (reference - mean)
    }

    func weight(capability: Double, salience: Double) -> Double {
        guard capability > 0, salience > 0 else { return 0 }
        return pow(capability, capabilityExponent) * pow(salience, salienceExponent)
    }

    /// The grids the coordinate search walks, per parameter.
    static let exponentGrid: [Double] = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3]
    static let pullGrid: [Double] = stride(from: 0.0, through: 0.8, by: 0.05).map { ($0 * 100).rounded() / 100 }
    static let roleGrid: [Double] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4]
    /// The actors whose weight may differ by procedure: the Commission and the Parliament.
    public static let roleActors = ["com", "ep"]

    /// Fits every specification by `folds`-fold cross-validation on the issues with an
    /// outcome, picks the one with the lowest out-of-fold mean absolute error, and refits it on
    /// all of them.
    ///
    /// Each fit is a coordinate search over fixed grids (α, β ∈ {0, 0.25, …, 3}; λ ∈ {0, 0.05,
    /// …, 0.8}; m ∈ {0, 0.25, …, 4}), minimising the mean absolute error, from the compromise
    /// model's values, sweeping the parameters in a fixed order until a sweep improves nothing:
    /// the result depends only on the issues, `folds` and `seed`.
    ///
    /// - Parameter command: the command line to record with the values.
    public static func fit(_ issues: [DEUIssue], folds: Int = 10, seed: UInt64 = 1, command: String = "") -> FittedModel {
        let data = issues.filter { $0.outcome != nil }
        let assignment = foldAssignment(count: data.count, folds: folds, seed: seed)
        var scores: [Score] = []
        for specification in Specification.allCases {
            var error = 0.0
            for fold in 0..<folds {
                let training = data.indices.filter { assignment[$0] != fold }.map { data[$0] }
                let test = data.indices.filter { assignment[$0] == fold }.map { data[$0] }
                let model = search(specification, on: training)
                error += test.reduce(0) { $0 + model.absoluteError($1) }
            }
            scores.append(Score(specification: specification, crossValidatedError: error / Double(max(1, data.count))))
        }
        let best = scores.min { $0.crossValidatedError < $1.crossValidatedError }?.specification ?? .compromise
        var model = search(best, on: data)
        model.scores = scores
        model.folds = folds
        model.seed = seed
        model.issues = data.count
        model.trainingError = model.meanAbsoluteError(data)
        model.command = command
        return model
    }

    /// The fold of each of `count` items: a seeded shuffle of 0, 1, …, folds − 1 repeated.
    public static func foldAssignment(count: Int, folds: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var generator = Xoshiro256StarStar(seed: seed)
        if count > 1 {
            for index in stride(from: count - 1, to: 0, by: -1) {
                let other = Int(generator.nextUniform() * Double(index + 1))
                order.swapAt(index, min(other, index))
            }
        }
        var assignment = [Int](repeating: 0, count: count)
        for (place, item) in order.enumerated() { assignment[item] = place % max(1, folds) }
        return assignment
    }

    /// |prediction − outcome| for one issue (0 without an outcome).
    func absoluteError(_ issue: DEUIssue) -> Double {
        guard let outcome = issue.outcome else { return 0 }
        return abs(predict(issue.table, procedure: issue.procedure, votingRule: issue.votingRule) - outcome)
    }

    /// Mean absolute error over the issues with an outcome.
    public func meanAbsoluteError(_ issues: [DEUIssue]) -> Double {
        let scored = issues.filter { $0.outcome != nil }
        return scored.reduce(0) { $0 + absoluteError($1) } / Double(max(1, scored.count))
    }

    /// The coordinate search for one specification.
    static func search(_ specification: Specification, on issues: [DEUIssue]) -> FittedModel {
        var model = FittedModel.compromise
        model.specification = specification
        guard specification != .compromise, !issues.isEmpty else { return model }
        let procedures = Array(Set(issues.map(\.procedure))).sorted()
        let groups = Array(Set(issues.map { $0.procedure + "/" + $0.votingRule })).sorted()
        // Each coordinate: read the value, write a value.
        typealias Coordinate = (grid: [Double], get: (FittedModel) -> Double, set: (inout FittedModel, Double) -> Void)
        var coordinates: [Coordinate] = [
            (exponentGrid, { $0.capabilityExponent }, { $0.capabilityExponent = $1 }),
            (exponentGrid, { $0.salienceExponent }, { $0.salienceExponent = $1 }),
        ]
        if specification == .pull || specification == .roles {
            for group in groups {
                model.referencePull[group] = 0
                coordinates.append((pullGrid, { $0.referencePull[group] ?? 0 }, { $0.referencePull[group] = $1 }))
            }
        }
        if specification == .roles {
            for procedure in procedures {
                for actor in roleActors {
                    model.roleWeights[procedure, default: [:]][actor] = 1
                    coordinates.append((roleGrid, { $0.roleWeights[procedure]?[actor] ?? 1 },
                                        { $0.roleWeights[procedure, default: [:]][actor] = $1 }))
                }
            }
        }
        func loss(_ candidate: FittedModel, knowing: Bool = true) -> Double {
            var total = 0.0
            for issue in issues {
                guard let outcome = issue.outcome else { continue }
                let prediction = knowing ? candidate.predict(issue.table, procedure: issue.procedure, votingRule: issue.votingRule)
                    : candidate.predict(issue.table, procedure: nil, votingRule: nil)
                total += abs(prediction - outcome)
            }
            return total
        }
        var best = loss(model)
        for _ in 0..<20 {
            var improved = false
            for coordinate in coordinates {
                for value in coordinate.grid where value != coordinate.get(model) {
                    var candidate = model
                    coordinate.set(&candidate, value)
                    let candidateLoss = loss(candidate)
                    if candidateLoss < best - 1e-12 {
                        best = candidateLoss
                        model = candidate
                        improved = true
                    }
                }
            }
            if !improved { break }
        }
        // The default pull: the same search on one pooled λ, as if no procedure were known.
        if specification == .pull || specification == .roles {
            var pooledBest = loss(model, knowing: false)
            for value in pullGrid where value != model.defaultPull {
                var candidate = model
                candidate.defaultPull = value
                let candidateLoss = loss(candidate, knowing: false)
                if candidateLoss < pooledBest - 1e-12 {
                    pooledBest = candidateLoss
                    model = candidate
                }
            }
        }
        return model
    }
}
