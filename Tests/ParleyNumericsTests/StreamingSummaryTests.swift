import Foundation
import PropertyBased
import Testing
import ParleyNumerics

private func summary(of values: [Double]) -> StreamingSummary {
    var summary = StreamingSummary()
    for x in values { summary.add(x) }
    return summary
}

@Test func emptySummaryAnswersNaN() {
    let empty = StreamingSummary()
    #expect(empty.count == 0)
    #expect(empty.mean.isNaN)
    #expect(empty.variance.isNaN)
    #expect(empty.minimum.isNaN)
    #expect(empty.maximum.isNaN)
    #expect(empty.quantile(0.5).isNaN)
    #expect(empty.sum == 0)
}

@Test func summaryOfKnownValuesHasTheTextbookStatistics() {
    let s = summary(of: [2, 4, 4, 4, 5, 5, 7, 9])
    #expect(s.count == 8)
    #expect(s.mean == 5)
    #expect(isClose(s.variance, 32.0 / 7, relative: 1e-15))
    #expect(isClose(s.standardDeviation, (32.0 / 7).squareRoot(), relative: 1e-15))
    #expect(isClose(s.standardError, (32.0 / 7 / 8).squareRoot(), relative: 1e-15))
    #expect(s.minimum == 2)
    #expect(s.maximum == 9)
    #expect(s.sum == 40)
    #expect(s.quantile(0.5) == 4.5)
}

@Test func varianceIsStableForLargeOffsets() {
    // The naive Σx² − n·mean² formula loses every digit here; Welford's recurrence does not.
    let s = summary(of: [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
    #expect(isClose(s.variance, 30, relative: 1e-9))
}

@Test func sumIsCompensated() {
    let s = summary(of: [1, 1e100, 1, -1e100])
    #expect(s.sum == 2)
}

@Test func mergingIsEquivalentToAddingSequentially() async {
    let values = Gen.double(in: -1e3...1e3).array(of: 0...120)
    await propertyCheck(input: values, values) { first, second in
        var merged = summary(of: first)
        merged.merge(summary(of: second))
        let sequential = summary(of: first + second)
        #expect(merged.count == sequential.count)
        #expect(merged.minimum == sequential.minimum || merged.count == 0)
        #expect(merged.maximum == sequential.maximum || merged.count == 0)
        if sequential.count > 0 {
            #expect(abs(merged.mean - sequential.mean) <= 1e-12 * max(1, abs(sequential.mean)))
            #expect(isClose(merged.sum, sequential.sum, relative: 1e-12) || abs(merged.sum - sequential.sum) < 1e-9)
        }
        if sequential.count > 1 {
            #expect(isClose(merged.variance, sequential.variance, relative: 1e-12))
        }
        for q in [0.0, 0.1, 0.5, 0.9, 1.0] {
            #expect(merged.quantile(q) == sequential.quantile(q) || merged.count == 0)
        }
    }
}

@Test func mergingAnEmptySummaryIsTheIdentity() async {
    await propertyCheck(input: Gen.double(in: -50...50).array(of: 0...40)) { values in
        let original = summary(of: values)
        var right = original
        right.merge(StreamingSummary())
        var left = StreamingSummary()
        left.merge(original)
        #expect(right == original)
        #expect(left == original)
    }
}

@Test func sameAddsGiveIdenticalSummaries() async {
    // Up to 2000 values, so that both the exact and the sketched representations are covered.
    await propertyCheck(count: 25, input: Gen.double(in: -1e6...1e6).array(of: 0...2000)) { values in
        #expect(summary(of: values) == summary(of: values))
    }
}

@Test func summaryRoundTripsThroughJSON() throws {
    let original = summary(of: (0..<1500).map { Double($0 % 97) - 13.5 })
    let decoded = try JSONDecoder().decode(StreamingSummary.self, from: JSONEncoder().encode(original))
    #expect(decoded == original)
    let empty = try JSONDecoder().decode(StreamingSummary.self, from: JSONEncoder().encode(StreamingSummary()))
    #expect(empty == StreamingSummary())
}
