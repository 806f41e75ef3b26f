import ParleyNumerics
import Testing

@Suite struct QuantileSketchWholeNumberTests {
    @Test func approximateQuantilesOfWholeNumbersAreWholeNumbers() {
        var sketch = QuantileSketch(exactCapacity: 10)
        for index in 0..<5000 { sketch.add(Double(index % 13)) }
        #expect(!sketch.isExact)
        for q in stride(from: 0.0, through: 1.0, by: 0.05) {
            let value = sketch.quantile(q)
            #expect(value == value.rounded(), "q = \(q)")
        }
        #expect(sketch.quantile(0.5) == 6)
        #expect(sketch.quantile(1) == 12)
    }

    @Test func oneFractionalValueTurnsRoundingOff() {
        var whole = QuantileSketch(exactCapacity: 4)
        var mixed = QuantileSketch(exactCapacity: 4)
        for index in 0..<100 {
            whole.add(Double(index % 7 + 1))
            mixed.add(Double(index % 7 + 1))
        }
        mixed.add(2.5)
        var merged = whole
        merged.merge(mixed)
        #expect(whole.quantile(0.3) == whole.quantile(0.3).rounded())
        #expect(merged.quantile(0.3) != merged.quantile(0.3).rounded())
    }
}

@Suite struct OrderStatisticTests {
    @Test func anOrderStatisticIsAValueThatOccurred() {
        var sketch = QuantileSketch()
        for x in [0.0, 1, 1, 3, 7] { sketch.add(x) }
        #expect(sketch.orderStatistic(0.5) == 1)
        #expect(sketch.orderStatistic(0.9) == 3)   // rank ⌊0.9 × 4⌋ = 3
        #expect(sketch.orderStatistic(1) == 7)
        #expect(sketch.isWholeNumbered)
    }

    @Test func beyondTheExactCapacityOrderStatisticsOfCountsAreCounts() {
        var sketch = QuantileSketch(exactCapacity: 10)
        for x in 0..<500 { sketch.add(Double(x % 17)) }
        for q in [0.1, 0.25, 0.5, 0.9] {
            let value = sketch.orderStatistic(q)
            #expect(value == value.rounded())
        }
        #expect(!sketch.isExact)
    }

    @Test func aFractionMakesTheSketchNotWholeNumbered() {
        var sketch = QuantileSketch()
        sketch.add(1)
        sketch.add(1.5)
        #expect(!sketch.isWholeNumbered)
    }
}
