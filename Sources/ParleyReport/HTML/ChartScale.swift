import Foundation

/// A linear map from data values to SVG coordinates.
struct LinearScale {
    /// The data values at the two ends.
    var lower: Double, upper: Double
    /// The coordinates the two ends map to (for a vertical axis, `start` is the bottom).
    var start: Double, end: Double

    func callAsFunction(_ value: Double) -> Double {
        guard upper != lower else { return (start + end) / 2 }
        return start + (value - lower) / (upper - lower) * (end - start)
    }
}

/// Round tick values covering a range, after Heckbert (1990), "Nice numbers for graph labels",
/// *Graphics Gems*: spacings of 1, 2 or 5 times a power of ten, and a domain widened to whole
/// ticks so that the data never touch an unlabelled edge.
struct Ticks {
    /// The tick values, ascending.
    var values: [Double]
    /// The distance between ticks.
    var spacing: Double
    /// The domain the ticks span (the first and last tick).
    var lower: Double, upper: Double

    /// About `count` ticks covering `lower ... upper`. A degenerate or non-finite range is
    /// widened around its value so that a constant series still gets an axis.
    init(covering lower: Double, _ upper: Double, count: Int = 5) {
        var low = lower.isFinite ? lower : 0
        var high = upper.isFinite ? upper : 1
        if low > high { swap(&low, &high) }
        if high - low <= max(abs(low), abs(high)) * 1e-12 {
            let pad = max(abs(low) * 0.1, 0.5)
            low -= pad
            high += pad
        }
        let span = Ticks.nice(high - low, rounding: false)
        let spacing = Ticks.nice(span / Double(max(1, count - 1)), rounding: true)
        let first = floor(low / spacing + 1e-9) * spacing
        let last = ceil(high / spacing - 1e-9) * spacing
        var values: [Double] = []
        var index = 0.0
        while first + index * spacing <= last + spacing * 1e-6 {
            let value = first + index * spacing
            values.append(abs(value) < spacing * 1e-9 ? 0 : value)
            index += 1
        }
        self.values = values
        self.spacing = spacing
        self.lower = first
        self.upper = values.last ?? last
    }

    /// The tick values with their labels.
    var labelled: [(value: Double, label: String)] {
        values.map { ($0, Markup.tick($0, spacing: spacing)) }
    }

    /// A "nice" number near `x`: 1, 2, 5 or 10 times a power of ten.
    private static func nice(_ x: Double, rounding: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = floor(log10(x))
        let fraction = x / pow(10, exponent)
        let niceFraction: Double
        if rounding {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * pow(10, exponent)
    }

    /// Step indices to label on a time axis of `steps` steps: every 1, 2, 3, 4, 6 or 12 steps
    /// (and multiples of 12), so that monthly clocks get ticks a whole number of years apart.
    static func stepIndices(steps: Int, atMost count: Int) -> [Int] {
        guard steps > 0 else { return [] }
        let candidates = [1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120, 240, 600, 1200, 2400, 6000, 12000]
        let target = max(1, count)
        let spacing = candidates.first { (steps + $0 - 1) / $0 <= target } ?? max(1, steps / target)
        return Array(stride(from: 0, to: steps, by: spacing))
    }
}
