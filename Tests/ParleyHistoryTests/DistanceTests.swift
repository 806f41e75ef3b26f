import Testing
@testable import ParleyHistory

struct DistanceTests {
    @Test func distanceIsTheWeightedScaledEuclideanNorm() {
        let distance = ScaledDistance(scales: [2, 10], weights: [1, 4])
        // √(1·(4/2)² + 4·(10/10)²) = √8
        #expect(abs(distance([5, 30], [1, 20]) - 8.0.squareRoot()) < 1e-12)
        #expect(distance([1, 20], [1, 20]) == 0)
    }

    @Test func nonFiniteOrMisshapenStatisticsAreInfinitelyFar() {
        let distance = ScaledDistance(scales: [1, 1])
        #expect(distance([.nan, 0], [0, 0]) == .infinity)
        #expect(distance([1], [0, 0]) == .infinity)
    }

    @Test func pilotScalesAreMedianAbsoluteDeviations() {
        let pilot: [[Double]] = [[1, 0], [2, 0], [3, 0], [4, 0], [100, 5]]
        let scales = ScaledDistance.medianAbsoluteDeviations(of: pilot)
        // Column 0: median 3, |x − 3| = 2,1,0,1,97 → MAD 1. Column 1: MAD 0 → sd of [0,0,0,0,5] = √5.
        #expect(scales[0] == 1)
        #expect(abs(scales[1] - 5.0.squareRoot()) < 1e-12)
        #expect(ScaledDistance.medianAbsoluteDeviations(of: [[3], [3]]) == [1])
        #expect(ScaledDistance(pilot: pilot).scales == scales)
    }

    @Test func badScalesAndWeightsAreRepaired() {
        let distance = ScaledDistance(scales: [0, -1, .nan], weights: [-1, .infinity, 2])
        #expect(distance.scales == [1, 1, 1])
        #expect(distance.weights == [0, 0, 2])
    }
}
