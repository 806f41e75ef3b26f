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
