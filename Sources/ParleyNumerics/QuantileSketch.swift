#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Quantiles of a stream of doubles in bounded memory: exact for small ensembles, with a
/// relative-error guarantee for large ones.
///
/// While at most ``exactCapacity`` values have been added they are kept, sorted, and
/// ``quantile(_:)`` interpolates linearly between order statistics (Hyndman & Fan 1996,
/// "Sample quantiles in statistical packages", *The American Statistician* 50(4), type 7 —
/// the default of R and NumPy). Beyond that the values move into a DDSketch (Masson, Rim &
/// Lee 2019, "DDSketch: a fast and fully-mergeable quantile sketch with relative-error
/// guarantees", *PVLDB* 12(12)): logarithmically spaced bins with ratio
/// γ = (1 + α)/(1 − α), one dense array for positive values, one for negative values and a
/// counter for zeros, so that a quantile's answer is within relative error α of the order
/// statistic x₍⌊q(n−1)⌋₎ and merging two sketches is integer addition of their bins.
///
/// Memory is bounded by ``maximumBinCount`` bins per sign. Should the magnitudes seen span
/// more than γ^maximumBinCount (about 10¹⁷ with the defaults), the bins of smallest
/// magnitude are folded together, as in the paper's collapsing store (§2.2), and the
/// guarantee then holds for the values of larger magnitude. Infinities have counters of their
/// own, so they are answered exactly and never disturb the bins; NaN is ignored.
///
/// The representation is canonical: the same multiset of values, added in any order and
/// with any pattern of merges that does not exceed ``exactCapacity`` or fold bins, gives an
/// identical (`==`) sketch.
///
/// ```swift
/// var sketch = QuantileSketch()
/// for x in outcomes { sketch.add(x) }
/// let median = sketch.quantile(0.5)
/// ```
public struct QuantileSketch: Sendable, Codable, Equatable {
    /// The largest count for which values are stored exactly.
    public let exactCapacity: Int
    /// The relative accuracy α of quantiles once the sketch is approximate.
    public let relativeAccuracy: Double
    /// The most bins kept per sign once the sketch is approximate.
    public let maximumBinCount: Int
    /// How many values (NaN excepted) have been added, directly or by merging.
    public private(set) var count: Int = 0

    var exactValues: [Double] = []
    var positiveBins = DenseBins()
    var negativeBins = DenseBins()
    var zeroCount = 0
    var negativeInfinityCount = 0
    var positiveInfinityCount = 0
    var smallest: Double?
    var largest: Double?
    /// Whether every value added so far was a whole number (counts of tests, months, …):
    /// approximate quantiles of such data are rounded to whole numbers.
    var hasOnlyWholeNumbers = true
    /// 1 / log γ, kept so that indexing a value costs one logarithm.
    let indexMultiplier: Double

    /// Creates an empty sketch.
    ///
    /// - Parameters:
    ///   - exactCapacity: how many values to keep exactly before switching to bins (≥ 0).
    ///   - relativeAccuracy: α in (0, 1), the relative error of approximate quantiles.
    ///   - maximumBinCount: the most bins per sign (≥ 1), which bounds memory.
    public init(exactCapacity: Int = 1024, relativeAccuracy: Double = 0.005, maximumBinCount: Int = 4096) {
        precondition(exactCapacity >= 0, "exactCapacity must not be negative")
        precondition(relativeAccuracy > 0 && relativeAccuracy < 1, "relativeAccuracy must lie in (0, 1)")
        precondition(maximumBinCount >= 1, "maximumBinCount must be at least 1")
        self.exactCapacity = exactCapacity
        self.relativeAccuracy = relativeAccuracy
        self.maximumBinCount = maximumBinCount
        let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
        indexMultiplier = 1 / log(gamma)
    }

    /// Whether quantiles are still computed from the exact values.
    public var isExact: Bool { count <= exactCapacity }

    /// Adds one value; NaN is ignored.
    public mutating func add(_ x: Double) {
        if x.isNaN { return }
        count += 1
        if hasOnlyWholeNumbers, x.isFinite, x != x.rounded() { hasOnlyWholeNumbers = false }
        if smallest.map({ x < $0 }) ?? true { smallest = x }
        if largest.map({ x > $0 }) ?? true { largest = x }
        if count <= exactCapacity {
            exactValues.insert(x, at: insertionIndex(of: x))
        } else {
            if count == exactCapacity + 1 { moveExactValuesIntoBins() }
            addToBins(x, count: 1)
        }
    }

    /// The position after every stored value ≤ `x`, which keeps ties in a stable order.
    func insertionIndex(of x: Double) -> Int {
        var low = 0
        var high = exactValues.count
        while low < high {
            let middle = (low + high) / 2
            if exactValues[middle] <= x { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func moveExactValuesIntoBins() {
        let values = exactValues
        exactValues = []
        for value in values { addToBins(value, count: 1) }
    }

    mutating func addToBins(_ x: Double, count binCount: Int) {
        if x.isInfinite {
            if x > 0 { positiveInfinityCount += binCount } else { negativeInfinityCount += binCount }
            return
        }
        let magnitude = x.magnitude
        if magnitude < Double.leastNormalMagnitude {
            zeroCount += binCount
            return
        }
        let index = binIndex(ofMagnitude: magnitude)
        if x > 0 {
            positiveBins.add(binCount, at: index, maximumBinCount: maximumBinCount)
        } else {
            negativeBins.add(binCount, at: index, maximumBinCount: maximumBinCount)
        }
    }

    /// ⌈log_γ |x|⌉, so bin i holds magnitudes in (γ^(i−1), γ^i].
    func binIndex(ofMagnitude magnitude: Double) -> Int {
        Int((log(magnitude) * indexMultiplier).rounded(.up))
    }

    /// The value reported for bin i, 2γ^i/(γ + 1), within relative error α of every magnitude
    /// in the bin (Masson, Rim & Lee 2019, Definition 2).
    func binValue(at index: Int) -> Double {
        let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
        return 2 * exp(Double(index) / indexMultiplier) / (gamma + 1)
    }

    /// Adds every value of `other`, as if its values had been added here.
    ///
    /// - Precondition: both sketches have the same ``exactCapacity``, ``relativeAccuracy`` and
    ///   ``maximumBinCount``.
    public mutating func merge(_ other: QuantileSketch) {
        precondition(
            exactCapacity == other.exactCapacity && relativeAccuracy == other.relativeAccuracy
                && maximumBinCount == other.maximumBinCount,
            "only sketches with the same configuration can be merged")
        if other.count == 0 { return }
        hasOnlyWholeNumbers = hasOnlyWholeNumbers && other.hasOnlyWholeNumbers
        if let otherSmallest = other.smallest, smallest.map({ otherSmallest < $0 }) ?? true {
            smallest = otherSmallest
        }
        if let otherLargest = other.largest, largest.map({ otherLargest > $0 }) ?? true {
            largest = otherLargest
        }
        let wasExact = isExact
        count += other.count
        if isExact {
            exactValues = Self.mergeSorted(exactValues, other.exactValues)
            return
        }
        if wasExact { moveExactValuesIntoBins() }
        if other.isExact {
            for value in other.exactValues { addToBins(value, count: 1) }
        } else {
            zeroCount += other.zeroCount
            negativeInfinityCount += other.negativeInfinityCount
            positiveInfinityCount += other.positiveInfinityCount
            positiveBins.merge(other.positiveBins, maximumBinCount: maximumBinCount)
            negativeBins.merge(other.negativeBins, maximumBinCount: maximumBinCount)
        }
    }

    static func mergeSorted(_ first: [Double], _ second: [Double]) -> [Double] {
        var merged: [Double] = []
        merged.reserveCapacity(first.count + second.count)
        var i = 0
        var j = 0
        while i < first.count && j < second.count {
            // Ties take `first` before `second`, matching sequential insertion.
            if second[j] < first[i] {
                merged.append(second[j])
                j += 1
            } else {
                merged.append(first[i])
                i += 1
            }
        }
        merged.append(contentsOf: first[i...])
        merged.append(contentsOf: second[j...])
        return merged
    }

    /// The q-quantile of the values added.
    ///
    /// Exact (type 7, linear interpolation) while ``isExact``; afterwards within relative
    /// error ``relativeAccuracy`` of the order statistic x₍⌊q(n−1)⌋₎, never outside the
    /// observed minimum and maximum, and a whole number when every value added was one.
    ///
    /// - Parameter q: the probability in [0, 1]; outside it, or on an empty sketch, NaN.
    public func quantile(_ q: Double) -> Double {
        guard count > 0, q >= 0, q <= 1 else { return .nan }
        if isExact {
            let position = q * Double(count - 1)
            let lowerIndex = Int(position.rounded(.down))
            let lower = exactValues[lowerIndex]
            if lowerIndex + 1 >= count { return lower }
            let upper = exactValues[lowerIndex + 1]
            let fraction = position - Double(lowerIndex)
            return fraction == 0 ? lower : lower + fraction * (upper - lower)
        }
        let rank = Int((q * Double(count - 1)).rounded(.down))
        var estimate = approximateValue(atRank: rank)
        // Whole-number data get whole-number answers: within the relative accuracy, the nearest
        // whole number is the true order statistic for magnitudes up to 1/(2α) (100 at α = 0.005).
        if hasOnlyWholeNumbers, estimate.isFinite { estimate = estimate.rounded() }
        return Swift.min(Swift.max(estimate, smallest ?? estimate), largest ?? estimate)
    }

    /// Whether every value added so far was a whole number (counts of tests, months, …).
    public var isWholeNumbered: Bool { hasOnlyWholeNumbers }

    /// The value of rank ⌊q(n − 1)⌋ in ascending order: a value that occurred, never an
    /// interpolation between two (for counts, a count). Exact up to ``exactCapacity`` values,
    /// and as accurate as ``quantile(_:)`` beyond. NaN when empty or `q` is outside [0, 1].
    public func orderStatistic(_ q: Double) -> Double {
        guard count > 0, q >= 0, q <= 1 else { return .nan }
        let rank = Int((q * Double(count - 1)).rounded(.down))
        return isExact ? exactValues[rank] : quantile(Double(rank) / Double(Swift.max(1, count - 1)))
    }

    /// The representative of the bin holding the value of 0-based rank `rank` in ascending
    /// order: −∞, negative bins from the largest magnitude down, zeros, positive bins, +∞.
    func approximateValue(atRank rank: Int) -> Double {
        var seen = negativeInfinityCount
        if seen > rank { return -.infinity }
        for offset in negativeBins.counts.indices.reversed() {
            seen += negativeBins.counts[offset]
            if seen > rank { return -binValue(at: negativeBins.lowestIndex + offset) }
        }
        seen += zeroCount
        if seen > rank { return 0 }
        for offset in positiveBins.counts.indices {
            seen += positiveBins.counts[offset]
            if seen > rank { return binValue(at: positiveBins.lowestIndex + offset) }
        }
        return .infinity
    }
}

/// A contiguous run of bin counters starting at bin `lowestIndex`, as in DDSketch's dense
/// store (Masson, Rim & Lee 2019, §2.2): the array spans exactly the lowest to the highest
/// occupied bin, so equal contents give equal stores. When a value would make the span
/// exceed the limit, the lowest bins are folded into the lowest one kept.
struct DenseBins: Sendable, Codable, Equatable {
    var lowestIndex = 0
    var counts: [Int] = []

    init() {}

    var highestIndex: Int { lowestIndex + counts.count - 1 }

    mutating func add(_ binCount: Int, at index: Int, maximumBinCount: Int) {
        if !counts.isEmpty && index >= lowestIndex && index <= highestIndex {
            counts[index - lowestIndex] += binCount
            return
        }
        addOutsideSpan(binCount, at: index, maximumBinCount: maximumBinCount)
    }

    mutating func addOutsideSpan(_ binCount: Int, at index: Int, maximumBinCount: Int) {
        if counts.isEmpty {
            lowestIndex = index
            counts = [binCount]
            return
        }
        let kept = cover(index, index, maximumBinCount: maximumBinCount)
        counts[Swift.max(index, kept) - lowestIndex] += binCount
    }

    /// Adds every counter of `other`, bin by bin.
    mutating func merge(_ other: DenseBins, maximumBinCount: Int) {
        if other.counts.isEmpty { return }
        if counts.isEmpty {
            self = other
            // The other store obeys the same limit, so no folding is needed.
            return
        }
        let kept = cover(other.lowestIndex, other.highestIndex, maximumBinCount: maximumBinCount)
        for (offset, binCount) in other.counts.enumerated() where binCount != 0 {
            counts[Swift.max(other.lowestIndex + offset, kept) - lowestIndex] += binCount
        }
    }

    /// Widens the span to include [low, high], folding the lowest bins if the span would
    /// exceed the limit; returns the lowest bin index now kept.
    mutating func cover(_ low: Int, _ high: Int, maximumBinCount: Int) -> Int {
        let newHigh = Swift.max(highestIndex, high)
        var newLow = Swift.min(lowestIndex, low)
        if newHigh - newLow + 1 > maximumBinCount { newLow = newHigh - maximumBinCount + 1 }
        var widened = [Int](repeating: 0, count: newHigh - newLow + 1)
        for (offset, binCount) in counts.enumerated() {
            widened[Swift.max(lowestIndex + offset, newLow) - newLow] += binCount
        }
        lowestIndex = newLow
        counts = widened
        return newLow
    }
}
