import Testing
import ParleyNumerics

@Test func meanConfidenceIntervalUsesStudentsT() {
    // Eleven values 0…10: mean 5, s² = 11, SE = 1; t(0.975, 10) = 2.228138851986274.
    var summary = StreamingSummary()
    for x in 0...10 { summary.add(Double(x)) }
    let interval = summary.meanConfidenceInterval()
    let margin = 2.228138851986274 * 1.0
    #expect(interval.level == 0.95)
    #expect(isClose(interval.lower, 5 - margin, relative: 1e-13))
    #expect(isClose(interval.upper, 5 + margin, relative: 1e-13))
    #expect(isClose(interval.halfWidth, margin, relative: 1e-13))
    #expect(interval.contains(5))
    #expect(!interval.contains(8))
}

@Test func meanConfidenceIntervalNarrowsAsTheLevelFalls() {
    var summary = StreamingSummary()
    for x in [1.0, 3, 4, 8, 9, 12] { summary.add(x) }
    let wide = summary.meanConfidenceInterval(level: 0.99)
    let narrow = summary.meanConfidenceInterval(level: 0.8)
    #expect(wide.lower < narrow.lower && narrow.upper < wide.upper)
}

@Test func meanConfidenceIntervalIsUndefinedBelowTwoValues() {
    var summary = StreamingSummary()
    summary.add(3)
    let interval = summary.meanConfidenceInterval()
    #expect(interval.lower.isNaN && interval.upper.isNaN)
}

@Test func meanConfidenceIntervalCoversTheTrueMeanAtTheNominalRate() {
    // 2000 experiments of 10 normal draws; coverage of a 90% interval has SE ≈ 0.0067.
    var generator = Xoshiro256StarStar(seed: 404)
    var covered = 0
    let experiments = 2000
    for _ in 0..<experiments {
        var summary = StreamingSummary()
        for _ in 0..<10 { summary.add(generator.nextNormal(mean: 7, standardDeviation: 3)) }
        if summary.meanConfidenceInterval(level: 0.9).contains(7) { covered += 1 }
    }
    #expect(abs(Double(covered) / Double(experiments) - 0.9) < 6 * 0.0067)
}
