import Foundation
@testable import ParleyReport
import Testing

@Suite struct MarkupTests {
    @Test func escapingReplacesEveryMarkupCharacter() {
        #expect(Markup.escape(hostileName) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(Markup.escape("plain — text, ünïcode") == "plain — text, ünïcode")
    }

    @Test func escapingReplacesControlCharactersXMLForbids() {
        #expect(Markup.escape("a\u{0}b\u{1B}c\td\ne") == "a\u{FFFD}b\u{FFFD}c\td\ne")
    }

    @Test func identifiersKeepOnlySafeCharacters() {
        #expect(Markup.identifier("warheads_series") == "warheads_series")
        #expect(Markup.identifier("a<b c") == "a-b-c")
        #expect(Markup.identifier("9lives") == "x9lives")
    }

    @Test func numbersForPeopleHaveThreeSignificantDigitsAndATrueMinus() {
        #expect(Markup.number(61.234) == "61.2")
        #expect(Markup.number(-0.5) == "\u{2212}0.5")
        #expect(Markup.number(12345) == "12345")
        #expect(Markup.number(0.00412) == "0.00412")
        #expect(Markup.number(0) == "0")
        #expect(Markup.number(.nan) == "n/a")
        #expect(Markup.number(.infinity) == "n/a")
        #expect(Markup.signedNumber(1.5) == "+1.5")
        #expect(Markup.signedNumber(-1.5) == "\u{2212}1.5")
    }

    @Test func coordinatesAreNeverNaNOrInfinite() {
        #expect(Markup.coordinate(.nan) == "0")
        #expect(Markup.coordinate(-.infinity) == "0")
        #expect(Markup.coordinate(12.3456) == "12.35")
        #expect(Markup.coordinate(40.0) == "40")
        #expect(Markup.coordinate(-0.001) == "0")
    }

    @Test(arguments: [(0.13, 9.7), (-3.2, 0.4), (0, 1), (1e-4, 3e-4), (55, 70), (-1e6, 1e6)])
    func ticksCoverTheRangeWithRoundSpacing(low: Double, high: Double) {
        let ticks = Ticks(covering: low, high, count: 5)
        #expect(ticks.lower <= low && ticks.upper >= high)
        #expect((3...11).contains(ticks.values.count))
        let mantissa = ticks.spacing / pow(10, floor(log10(ticks.spacing)))
        #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 })
        #expect(zip(ticks.values, ticks.values.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aConstantRangeIsWidenedSoThatItStillHasAnAxis() {
        let zero = Ticks(covering: 0, 0)
        #expect(zero.lower < 0 && zero.upper > 0)
        let constant = Ticks(covering: 60, 60)
        #expect(constant.lower < 60 && constant.upper > 60)
        let broken = Ticks(covering: .nan, .infinity)
        let allFinite = broken.values.allSatisfy { $0.isFinite }
        #expect(allFinite)
    }

    @Test func monthlyStepTicksFallOnWholeYears() {
        #expect(Ticks.stepIndices(steps: 44, atMost: 4) == [0, 12, 24, 36])
        #expect(Ticks.stepIndices(steps: 10, atMost: 20) == Array(0..<10))
        #expect(Ticks.stepIndices(steps: 0, atMost: 4).isEmpty)
    }

    @Test func commandLinesAreQuotedForAShell() {
        #expect(HTMLReport.commandLine(["parley", "compare", "korea-2021", "--runs", "1000"]) == "parley compare korea-2021 --runs 1000")
        #expect(HTMLReport.commandLine(["parley", "run", "--set", "x=a b", "it's"]) == "parley run --set 'x=a b' 'it'\\''s'")
        #expect(HTMLReport.commandLine(["parley", ""]) == "parley ''")
    }
}
