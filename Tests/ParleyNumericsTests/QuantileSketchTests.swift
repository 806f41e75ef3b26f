import Foundation
import PropertyBased
import Testing
import ParleyNumerics

private func sketch(of values: [Double], exactCapacity: Int = 1024) -> QuantileSketch {
    var sketch = QuantileSketch(exactCapacity: exactCapacity)
    for x in values { sketch.add(x) }
    return sketch
}

/// NumPy's default (type 7) quantile of sorted values.
private func type7Quantile(_ sorted: [Double], _ q: Double) -> Double {
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
}

@Test func quantilesAreExactBelowCapacity() async {
    await propertyCheck(input: Gen.double(in: -100...100).array(of: 1...1024), Gen.double(in: 0...1)) { values, q in
        let s = sketch(of: values)
        #expect(s.isExact)
        let expected = type7Quantile(values.sorted(), q)
        #expect(abs(s.quantile(q) - expected) <= 1e-12 * max(1, abs(expected)))
    }
}

@Test func quantilesMatchNumPyOnAKnownSample() {
    // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0, .25, .5, .9, 1]) in NumPy 2.4.6
    let s = sketch(of: [3, 1, 4, 1, 5, 9, 2, 6])
    #expect([0, 0.25, 0.5, 0.9, 1].map { s.quantile($0) } == [1, 1.75, 3.5, 6.8999999999999995, 9])
}

@Test func emptySketchAndInvalidProbabilitiesAnswerNaN() {
    #expect(QuantileSketch().quantile(0.5).isNaN)
    let s = sketch(of: [1, 2, 3])
    #expect(s.quantile(-0.1).isNaN)
    #expect(s.quantile(1.1).isNaN)
}

@Test func sketchQuantilesAreWithinRelativeAccuracyOn100kLogNormalValues() {
    var generator = Xoshiro256StarStar(seed: 2019)
    let values = (0..<100_000).map { _ in generator.nextLogNormal(mu: 0, sigma: 1.5) }
    let s = sketch(of: values)
    #expect(!s.isExact)
    #expect(s.count == 100_000)
    let sorted = values.sorted()
    for q in [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1] {
        let truth = sorted[Int((q * Double(sorted.count - 1)).rounded(.down))]
        #expect(abs(s.quantile(q) - truth) <= s.relativeAccuracy * truth * (1 + 1e-9), "q = \(q)")
    }
}

@Test func sketchHandlesNegativeZeroAndPositiveValues() {
    var values: [Double] = []
    for i in 1...3000 { values.append(Double(i) * (i % 2 == 0 ? 1 : -1) * 0.37) }
    values += [Double](repeating: 0, count: 1000)
    let s = sketch(of: values, exactCapacity: 16)
    let sorted = values.sorted()
    for q in stride(from: 0.0, through: 1.0, by: 0.05) {
        let truth = sorted[Int((q * Double(sorted.count - 1)).rounded(.down))]
        #expect(abs(s.quantile(q) - truth) <= s.relativeAccuracy * abs(truth) * (1 + 1e-9), "q = \(q)")
    }
}

@Test func sketchMergeIsIndependentOfGrouping() async {
    let values = Gen.double(in: -1e4...1e4).array(of: 0...300)
    await propertyCheck(count: 50, input: values, values, values) { a, b, c in
        var leftFirst = sketch(of: a, exactCapacity: 64)
        leftFirst.merge(sketch(of: b, exactCapacity: 64))
        leftFirst.merge(sketch(of: c, exactCapacity: 64))
        var rightFirst = sketch(of: b, exactCapacity: 64)
        rightFirst.merge(sketch(of: c, exactCapacity: 64))
        var grouped = sketch(of: a, exactCapacity: 64)
        grouped.merge(rightFirst)
        #expect(leftFirst == grouped)
        #expect(leftFirst == sketch(of: a + b + c, exactCapacity: 64))
    }
}

@Test func sketchIgnoresNaN() {
    var s = sketch(of: [1, 2, 3])
    s.add(.nan)
    #expect(s.count == 3)
    #expect(s.quantile(0.5) == 2)
}

@Test func sketchMemoryIsBoundedForAnyRangeOfMagnitudes() throws {
    // 2048 bins of ratio γ ≈ 1.01 span about 8.9 decades of magnitude.
    var s = QuantileSketch(exactCapacity: 0, maximumBinCount: 2048)
    let values = stride(from: -300.0, through: 300.0, by: 0.5).map { pow(10, $0) }
    for x in values { s.add(x) }
    // The largest magnitudes keep their bins, so the upper quantiles stay accurate.
    let truth = values[Int((0.996 * Double(values.count - 1)).rounded(.down))]
    #expect(abs(s.quantile(0.996) - truth) <= s.relativeAccuracy * truth)
    #expect(try JSONEncoder().encode(s).count < 2048 * 2 * 12)
}

@Test func sketchAnswersInfinitiesExactlyWithoutDisturbingTheBins() {
    var s = QuantileSketch(exactCapacity: 0)
    for x in [-.infinity, 1.0, 2, 3, .infinity] { s.add(x) }
    #expect(s.quantile(0) == -.infinity)
    #expect(s.quantile(1) == .infinity)
    #expect(abs(s.quantile(0.25) - 1) <= s.relativeAccuracy)
    #expect(abs(s.quantile(0.75) - 3) <= 3 * s.relativeAccuracy)
}
