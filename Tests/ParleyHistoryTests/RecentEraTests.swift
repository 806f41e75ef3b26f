import Testing
@testable import ParleyHistory

/// How the recent-era climatology chooses its window on the training years alone.
struct RecentEraTests {
    static let years = Array(2000..<2012)

    @Test func theWindowThatForecastsTheTrainingYearsBestIsChosen() {
        // Eight quiet years then four busy ones. K = 6; years 7–12 are scored. k = 1 misses only
        // the first busy year (CRPS 10): mean 10/6. k = 2 also pays 2.5 in the next year.
        let values = Array(repeating: 0, count: 8) + Array(repeating: 10, count: 4)
        let choice = RecentEraChoice.count(.missiles, years: RecentEraTests.years, values: values, maxYears: 10)
        #expect(choice.years == 1)
        #expect(choice.meanScores.count == 6)
        #expect(abs(choice.meanScores[0] - 10.0 / 6) < 1e-12)
        #expect(abs(choice.meanScores[1] - 12.5 / 6) < 1e-12)
        #expect(choice.target == "missiles")
    }

    @Test func everyCandidateIsScoredOnTheSameYears() {
        let choice = RecentEraChoice.count(.launchMonths, years: RecentEraTests.years, values: Array(0..<12), maxYears: 4)
        #expect(choice.scoredYears == Array(2004..<2012))
        #expect(choice.meanScores.count == 4)
    }

    @Test func aTieGoesToTheLongerWindow() {
        let choice = RecentEraChoice.count(.missiles, years: RecentEraTests.years, values: Array(repeating: 3, count: 12), maxYears: 10)
        #expect(choice.meanScores.allSatisfy { $0 == 0 })
        #expect(choice.years == 6)
    }

    @Test func eventsAreChosenByTheBrierScore() {
        // Events in the last three years: k = 1 forecasts 0 in year 10 (Brier 1) then 1, 1.
        let values = Array(repeating: 0, count: 9) + [1, 2, 1]
        let choice = RecentEraChoice.event(.nuclearTest, years: RecentEraTests.years, values: values, maxYears: 10)
        #expect(abs(choice.meanScores[0] - 1.0 / 6) < 1e-12)
        #expect(choice.years == 1)
    }

    @Test func withFewerThanTwoYearsTheWholeRecordIsUsed() {
        let choice = RecentEraChoice.count(.missiles, years: [2000], values: [4], maxYears: 10)
        #expect(choice.years == 1 && choice.meanScores.isEmpty && choice.scoredYears.isEmpty)
    }
}
