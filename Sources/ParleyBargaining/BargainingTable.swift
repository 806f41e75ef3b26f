import Foundation
import ParleyNumerics

/// One actor of a negotiation: where it stands on each issue dimension, how much it can move
/// the outcome (capability) and how much it cares (salience).
///
/// The vocabulary is Bueno de Mesquita's (1994) and KTAB's: *capability* (resources, power),
/// *position* (the outcome the actor advocates), *salience* (the share of its attention the
/// issue commands, 0 to 1).
public struct BargainingActor: Sendable, Hashable, Codable {
    /// The actor's name, unique in its table.
    public var name: String
    /// Capability (any positive scale; only ratios matter).
    public var capability: Double
    /// Position on each dimension, on that dimension's scale.
    public var positions: [Double]
    /// Salience on each dimension, from 0 (indifferent) to 1 (nothing matters more).
    public var saliences: [Double]
    /// A fixed risk attitude from −1 (risk-acceptant) to +1 (risk-averse), in KTAB's
    /// convention; nil lets each model infer it (BDM's security levels, KTAB's victory
    /// probabilities).
    public var riskAttitude: Double?
    /// Where each value comes from, by field (`capability`, `position`, `salience`, `risk`),
    /// when the table says; a source that is a judgement reads `assumption: …`.
    public var sources: [String: String]

    /// Creates an actor.
    public init(name: String, capability: Double, positions: [Double], saliences: [Double], riskAttitude: Double? = nil,
                sources: [String: String] = [:]) {
        self.name = name
        self.capability = capability
        self.positions = positions
        self.saliences = saliences
        self.riskAttitude = riskAttitude
        self.sources = sources
    }

    /// A one-dimensional actor.
    public init(name: String, capability: Double, position: Double, salience: Double, riskAttitude: Double? = nil) {
        self.init(name: name, capability: capability, positions: [position], saliences: [salience], riskAttitude: riskAttitude)
    }
}

/// A negotiation: its actors, the issue dimensions they bargain over, each dimension's scale,
/// and the reference point (the status quo, what happens if they do not agree).
///
/// ```swift
/// let table = try BargainingTable(name: "toy", actors: [
///     BargainingActor(name: "A", capability: 1, position: 0, salience: 1),
///     BargainingActor(name: "B", capability: 1, position: 100, salience: 1),
/// ], scales: [0...100])
/// ```
public struct BargainingTable: Sendable, Hashable, Codable {
    /// The table's name (a shipped name, a file name, or a DEU issue number).
    public var name: String
    /// A sentence on what is being negotiated, if the table says.
    public var title: String?
    /// The names of the issue dimensions.
    public var dimensions: [String]
    /// The actors, in the table's order.
    public var actors: [BargainingActor]
    /// Each dimension's scale: the range outcomes are measured on.
    public var scales: [ClosedRange<Double>]
    /// The reference point (status quo) on each dimension, if known.
    public var reference: [Double]?
    /// Where the table as a whole comes from, if it says.
    public var source: String?

    /// Creates a table and checks it.
    ///
    /// - Parameter scales: one range per dimension; nil spans each dimension's positions (and
    ///   the reference point).
    /// - Throws: ``BargainingDataError`` (kind ``BargainingDataError/Kind/unusableTable``, at
    ///   line 0 of `name`) when there are fewer than two actors, when actors have different
    ///   numbers of dimensions, a value is not finite or out of range, or no actor has both
    ///   capability and salience.
    public init(name: String, title: String? = nil, dimensions: [String]? = nil, actors: [BargainingActor],
                scales: [ClosedRange<Double>]? = nil, reference: [Double]? = nil, source: String? = nil) throws(BargainingDataError) {
        let count = actors.first?.positions.count ?? 1
        self.name = name
        self.title = title
        self.dimensions = dimensions ?? (count == 1 ? ["position"] : (1...count).map { "dimension \($0)" })
        self.actors = actors
        self.reference = reference
        self.source = source
        self.scales = scales ?? (0..<count).map { dimension in
            let values = actors.compactMap { $0.positions.indices.contains(dimension) ? $0.positions[dimension] : nil }
                + (reference.map { $0.indices.contains(dimension) ? [$0[dimension]] : [] } ?? [])
            let low = values.min() ?? 0, high = values.max() ?? 1
            return low...max(high, low)
        }
        try check()
    }

    /// The number of dimensions.
    public var dimensionCount: Int { dimensions.count }

    /// Capability × salience of each actor on `dimension`: the weight of the compromise and
    /// median models ("power" in Bueno de Mesquita's 2009 wording: influence × salience).
    public func weights(dimension: Int = 0) -> [Double] {
        actors.map { $0.capability * $0.saliences[dimension] }
    }

    /// The actors' positions on `dimension`.
    public func positions(dimension: Int = 0) -> [Double] {
        actors.map { $0.positions[dimension] }
    }

    private func check() throws(BargainingDataError) {
        let here = BargainingLocation(file: name, line: 0, column: 0)
        func fail(_ message: String, hint: String? = nil) -> BargainingDataError {
            BargainingDataError(.unusableTable, at: here, message, hint: hint)
        }
        guard actors.count >= 2 else {
            throw fail("a negotiation needs at least two actors; this one has \(actors.count)")
        }
        guard !dimensions.isEmpty, scales.count == dimensions.count else {
            throw fail("\(dimensions.count) dimensions but \(scales.count) scales")
        }
        if let reference, reference.count != dimensions.count || !reference.allSatisfy(\.isFinite) {
            throw fail("the reference point has \(reference.count) values for \(dimensions.count) dimensions, or one is not a number")
        }
        var names = Set<String>()
        for actor in actors {
            guard names.insert(actor.name).inserted else { throw fail("actor '\(actor.name)' appears twice") }
            guard actor.positions.count == dimensions.count, actor.saliences.count == dimensions.count else {
                throw fail("actor '\(actor.name)' has \(actor.positions.count) positions and \(actor.saliences.count) saliences for \(dimensions.count) dimensions")
            }
            guard actor.capability.isFinite, actor.capability >= 0 else {
                throw fail("actor '\(actor.name)' has capability \(actor.capability)", hint: "capabilities are finite and not negative")
            }
            guard actor.positions.allSatisfy(\.isFinite) else { throw fail("actor '\(actor.name)' has a position that is not a number") }
            guard actor.saliences.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
                throw fail("actor '\(actor.name)' has a salience outside 0 to 1")
            }
            if let risk = actor.riskAttitude, !(risk >= -1 && risk <= 1) {
                throw fail("actor '\(actor.name)' has risk attitude \(risk)", hint: "risk attitudes run from −1 (acceptant) to +1 (averse)")
            }
        }
        for dimension in dimensions.indices {
            guard scales[dimension].lowerBound.isFinite, scales[dimension].upperBound.isFinite else {
                throw fail("the scale of '\(dimensions[dimension])' is not finite")
            }
            guard weights(dimension: dimension).reduce(0, +) > 0 else {
                throw fail("no actor has both capability and salience on '\(dimensions[dimension])'",
                           hint: "give at least one actor a positive capability and salience")
            }
        }
    }
}

extension BargainingTable {
    /// A reproducible random table for benchmarks: `actors` actors on `dimensions` dimensions of
    /// a 0–100 scale, positions uniform, capabilities log-uniform from 1 to 100, saliences
    /// uniform from 0.1 to 1, drawn from `seed` alone.
    public static func synthetic(actors: Int, dimensions: Int = 1, seed: UInt64 = 1) -> BargainingTable {
        var generator = Xoshiro256StarStar(seed: seed)
        let members = (0..<max(2, actors)).map { index in
            BargainingActor(
                name: String(format: "actor%03d", index + 1), capability: pow(100, generator.nextUniform()),
                positions: (0..<max(1, dimensions)).map { _ in (generator.nextUniform() * 1000).rounded() / 10 },
                saliences: (0..<max(1, dimensions)).map { _ in 0.1 + (generator.nextUniform() * 900).rounded() / 1000 })
        }
        // Every value is finite and in range by construction, so the check cannot fail.
        return (try? BargainingTable(name: "synthetic-\(actors)x\(dimensions)-\(seed)", actors: members,
                                     scales: Array(repeating: 0...100, count: max(1, dimensions)))) ?? Self.placeholder
    }

    private static var placeholder: BargainingTable {
        BargainingTable(unchecked: "empty")
    }

    private init(unchecked name: String) {
        self.name = name
        title = nil
        dimensions = ["position"]
        actors = []
        scales = [0...100]
        reference = nil
        source = nil
    }
}
