import ParleyLanguage
import ParleyNumerics

/// A model to analyse: one output for a point of the unit cube [0, 1]^k.
///
/// Sensitivity methods know nothing about what the coordinates mean; a binding such as
/// ``ScenarioSensitivity`` maps them to parameter values (through each parameter's quantile
/// function) and runs the simulation. Evaluations may run concurrently, so the model must be
/// safe to call from several tasks at once.
///
/// ```swift
/// let model: UnitCubeModel = { x in x[0] + 2 * x[1] }
/// ```
public typealias UnitCubeModel = @Sendable (_ point: [Double]) async throws -> Double

/// A design or analysis that cannot be carried out as asked.
public enum SensitivityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A design needs at least one factor.
    case noFactors
    /// A count (trajectories, base samples, levels, resamples) is out of range.
    case invalidCount(name: String, value: Int, requirement: String)
    /// The number of outputs does not match the design's points.
    case outputCountMismatch(expected: Int, actual: Int)
    /// The scenario has no metric with this name.
    case unknownMetric(String, known: [String])
    /// Every parameter with a `dist:` is fixed, or none has one.
    case noUncertainParameters(scenario: String)

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .noFactors:
            return "a sensitivity design needs at least one factor"
        case let .invalidCount(name, value, requirement):
            return "\(name) is \(value) but must be \(requirement)"
        case let .outputCountMismatch(expected, actual):
            return "the design has \(expected) points but \(actual) outputs were given; evaluate every point in order"
        case let .unknownMetric(name, known):
            return "unknown metric '\(name)'"
                + (Suggestions.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? "")
                + "; metrics are \(known.joined(separator: ", "))"
        case let .noUncertainParameters(scenario):
            return "\(scenario) has no parameter with a 'dist:' left to vary; give parameters a 'dist:' or fix fewer with --set"
        }
    }
}

/// How bootstrap confidence intervals are computed (Efron & Tibshirani 1993, *An Introduction
/// to the Bootstrap*, ch. 13: percentile intervals).
public struct BootstrapOptions: Sendable, Hashable {
    /// How many resamples; 0 computes no intervals.
    public var resamples: Int
    /// The intervals' coverage, e.g. 0.95.
    public var level: Double

    /// Creates bootstrap options.
    ///
    /// - Parameters:
    ///   - resamples: how many resamples (0: no intervals). 1,000 is plenty for 95% intervals.
    ///   - level: the coverage of the percentile intervals.
    public init(resamples: Int = 1000, level: Double = 0.95) {
        self.resamples = Swift.max(0, resamples)
        self.level = level
    }
}

/// Evaluating a model at many points, concurrently, with each output stored at its point's index
/// so that results never depend on how many evaluations run at once.
enum ModelEvaluation {
    static func evaluate(
        _ model: @escaping UnitCubeModel, at points: [[Double]], concurrency: Int, progress: (@Sendable (Int) -> Void)?
    ) async throws -> [Double] {
        var outputs = [Double](repeating: .nan, count: points.count)
        let width = Swift.max(1, concurrency)
        try await withThrowingTaskGroup(of: (Int, Double).self) { group in
            var next = 0
            while next < Swift.min(width, points.count) {
                let index = next, point = points[index]
                group.addTask { (index, try await model(point)) }
                next += 1
            }
            var finished = 0
            while let (index, value) = try await group.next() {
                outputs[index] = value
                finished += 1
                progress?(finished)
                if next < points.count {
                    let index = next, point = points[index]
                    group.addTask { (index, try await model(point)) }
                    next += 1
                }
            }
        }
        return outputs
    }
}

/// Percentile bootstrap intervals.
enum Bootstrap {
    /// The generator for a design's resampling, apart from the stream that built the design.
    static func generator(seed: UInt64) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed, run: 0, stream: 1)
    }

    /// The central `level` interval of `values` (which it sorts), with linear interpolation between order statistics.
    static func percentileInterval(_ values: [Double], level: Double) -> ConfidenceInterval? {
        let finite = values.filter(\.isFinite).sorted()
        guard !finite.isEmpty else { return nil }
        let tail = (1 - level) / 2
        func rank(_ q: Double) -> Double {
            let position = q * Double(finite.count - 1)
            let below = Int(position.rounded(.down)), above = Swift.min(finite.count - 1, below + 1)
            let weight = position - Double(below)
            return finite[below] * (1 - weight) + finite[above] * weight
        }
        return ConfidenceInterval(lower: rank(tail), upper: rank(1 - tail), level: level)
    }

    /// `count` indices drawn uniformly with replacement from 0..<count.
    static func resample(_ count: Int, using generator: inout Xoshiro256StarStar) -> [Int] {
        (0..<count).map { _ in Int(generator.next(upperBound: UInt64(count))) }
    }
}
