import Foundation
import PropertyBased
import Testing
@testable import ParleyHistory

/// Probability forecasts of yes/no events: construction, Brier and log scores.
struct EventForecastTests {
    @Test func anEnsembleProbabilityIsTheShareOfRuns() throws {
        #expect(try EventForecast(outcomes: [true, false, false, false]).probability == 0.25)
        #expect(throws: ForecastError.self) { try EventForecast(outcomes: []) }
    }

    @Test func probabilitiesOutsideTheUnitIntervalAreRefused() {
        for bad in [-0.1, 1.01, .nan] {
            #expect(throws: ForecastError.self) { try EventForecast(probability: bad) }
        }
    }

    @Test func brierScoreIsTheSquaredError() throws {
        let forecast = try EventForecast(probability: 0.25)
        #expect(forecast.brier(outcome: true) == 0.5625)
        #expect(forecast.brier(outcome: false) == 0.0625)
    }

    @Test func logScoreIsMinusTheNaturalLogOfTheProbabilityOfTheOutcome() throws {
        let forecast = try EventForecast(probability: 0.25)
        #expect(abs(forecast.logScore(outcome: true) - log(4)) < 1e-15)
        #expect(abs(forecast.logScore(outcome: false) - -log(0.75)) < 1e-15)
        #expect(try EventForecast(probability: 1).logScore(outcome: true) == 0)
    }

    @Test func aCertainForecastThatFailsScoresTheCapNotInfinity() throws {
        #expect(try EventForecast(probability: 0).logScore(outcome: true) == EventForecast.logScoreCap)
        #expect(try EventForecast(probability: 1).logScore(outcome: false) == 10)
        #expect(try EventForecast(probability: 1e-9).logScore(outcome: true) == 10)
    }

    @Test func logScoreIsTheUncappedScoreWheneverThatIsBelowTheCap() async {
        await propertyCheck(input: Gen.double(in: 0...1), Gen.bool) { p, outcome in
            let given = outcome ? p : 1 - p
            let score = try EventForecast(probability: p).logScore(outcome: outcome)
            #expect(score == min(10, -log(given)) || abs(score - min(10, -log(given))) < 1e-12)
            #expect(score >= 0 && score <= 10)
        }
    }

    @Test func atLeastOneOfACountForecastIsOneMinusItsZeroProbability() throws {
        let forecast = EventForecast(atLeastOneOf: try CountForecast(poissonMean: 0.7))
        #expect(abs(forecast.probability - (1 - exp(-0.7))) < 1e-15)
    }

    @Test func codableRoundTripKeepsTheProbabilityAndRefusesBadValues() throws {
        let forecast = try EventForecast(probability: 0.3)
        #expect(try JSONDecoder().decode(EventForecast.self, from: JSONEncoder().encode(forecast)) == forecast)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(EventForecast.self, from: Data(#"{"probability":1.5}"#.utf8)) }
    }
}
