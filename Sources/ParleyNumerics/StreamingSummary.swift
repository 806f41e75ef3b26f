/// Constant-memory summary of a stream of doubles: count, mean, variance, extremes, sum and
/// quantiles, mergeable across shards of an ensemble.
///
/// Moments are updated by Welford's (1962) recurrence ("Note on a method for calculating
/// corrected sums of squares and products", *Technometrics* 4(3)) and combined by the
/// pairwise update of Chan, Golub & LeVeque (1979), "Updating formulae and a pairwise
/// algorithm for computing sample variances", Stanford STAN-CS-79-773. The sum is
/// compensated (Neumaier 1974). Quantiles come from an embedded ``QuantileSketch``.
///
/// Determinism: the value of a summary depends only on the sequence of `add` and `merge`
/// calls that built it, so callers that merge shards in a fixed order get bit-identical
/// results whatever the thread count.
///
/// Adding NaN makes the mean, variance and sum NaN, as IEEE arithmetic does; the quantile
/// sketch ignores it.
///
/// ```swift
/// var summary = StreamingSummary()
/// for run in runs { summary.add(run.finalTension) }
/// let interval = summary.meanConfidenceInterval(level: 0.95)
/// let p90 = summary.quantile(0.9)
/// ```
public struct StreamingSummary: Sendable, Codable, Equatable {
    /// How many values have been added, directly or by merging.
    public private(set) var count: Int = 0
    // Zero rather than NaN while empty, so that empty summaries compare equal and encode to JSON.
    private var runningMean = 0.0
    private var sumOfSquaredDeviations = 0.0
    private var runningSum = 0.0
    private var sumCompensation = 0.0
    private var smallest: Double?
    private var largest: Double?
    /// The quantile sketch holding the values' distribution.
    public private(set) var sketch: QuantileSketch

    /// Creates an empty summary whose quantiles use the default ``QuantileSketch``.
    public init() {
        sketch = QuantileSketch()
    }

    /// Creates an empty summary whose quantiles use `sketch`'s configuration.
    ///
    /// - Precondition: `sketch` is empty.
    public init(sketch: QuantileSketch) {
        precondition(sketch.count == 0, "a summary must start from an empty sketch")
        self.sketch = sketch
    }

    /// Adds one value.
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - runningMean
        runningMean += delta / Double(count)
        sumOfSquaredDeviations += delta * (x - runningMean)
        accumulateSum(x)
        if smallest.map({ x < $0 }) ?? true { smallest = x }
        if largest.map({ x > $0 }) ?? true { largest = x }
        sketch.add(x)
    }

    /// Neumaier's (1974) improvement of Kahan summation: the rounding error of each addition
    /// is carried in `sumCompensation`, whichever operand is larger.
    private mutating func accumulateSum(_ x: Double) {
        let total = runningSum + x
        if abs(runningSum) >= abs(x) {
            sumCompensation += (runningSum - total) + x
        } else {
            sumCompensation += (x - total) + runningSum
        }
        runningSum = total
    }

    /// Adds every value summarized by `other`, as if they had been added here, using Chan,
    /// Golub & LeVeque's pairwise update of the mean and the sum of squared deviations.
    /// Merging an empty summary changes nothing.
    ///
    /// - Precondition: both summaries' sketches have the same configuration.
    public mutating func merge(_ other: StreamingSummary) {
        if other.count == 0 { return }
        if count == 0 {
            precondition(
                sketch.exactCapacity == other.sketch.exactCapacity
                    && sketch.relativeAccuracy == other.sketch.relativeAccuracy
                    && sketch.maximumBinCount == other.sketch.maximumBinCount,
                "only summaries with the same sketch configuration can be merged")
            self = other
            return
        }
        let combined = count + other.count
        let ownWeight = Double(count)
        let otherWeight = Double(other.count)
        let delta = other.runningMean - runningMean
        runningMean += delta * otherWeight / Double(combined)
        sumOfSquaredDeviations += other.sumOfSquaredDeviations
            + delta * delta * ownWeight * otherWeight / Double(combined)
        count = combined
        accumulateSum(other.runningSum)
        sumCompensation += other.sumCompensation
        if let otherSmallest = other.smallest, smallest.map({ otherSmallest < $0 }) ?? true {
            smallest = otherSmallest
        }
        if let otherLargest = other.largest, largest.map({ otherLargest > $0 }) ?? true {
            largest = otherLargest
        }
        sketch.merge(other.sketch)
    }

    /// The arithmetic mean; NaN when empty.
    public var mean: Double { count == 0 ? .nan : runningMean }

    /// The sample variance, with Bessel's correction (divisor n − 1); NaN below two values.
    public var variance: Double {
        count < 2 ? .nan : Swift.max(0, sumOfSquaredDeviations) / Double(count - 1)
    }

    /// The sample standard deviation, √``variance``; NaN below two values.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The standard error of the mean, ``standardDeviation`` / √n; NaN below two values.
    public var standardError: Double { standardDeviation / Double(count).squareRoot() }

    /// The smallest value added; NaN when empty.
    public var minimum: Double { smallest ?? .nan }

    /// The largest value added; NaN when empty.
    public var maximum: Double { largest ?? .nan }

    /// The compensated sum of the values added; 0 when empty.
    public var sum: Double { runningSum + sumCompensation }

    /// The q-quantile of the values added: exact (type 7) for small counts, within the
    /// sketch's relative accuracy beyond; see ``QuantileSketch/quantile(_:)``.
    ///
    /// - Parameter q: the probability in [0, 1]; outside it, or when empty, NaN.
    public func quantile(_ q: Double) -> Double {
        sketch.quantile(q)
    }
}
