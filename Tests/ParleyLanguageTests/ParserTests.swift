import Testing
@testable import ParleyLanguage

/// The expression parser: precedence, associativity, literals and where errors point.
struct ParserTests {
    static let here = SourceLocation(file: "e", line: 1, column: 1)

    /// The fully parenthesised form of `text`.
    func tree(_ text: String) throws -> String {
        try ExpressionParser.parse(text) { _ in ParserTests.here }.description
    }

    /// The failure of parsing `text`.
    func failure(_ text: String) -> ExpressionParser.Failure? {
        do {
            _ = try ExpressionParser.parse(text) { _ in ParserTests.here }
            return nil
        } catch {
            return error
        }
    }

    @Test func multiplicationBindsTighterThanAddition() throws {
        #expect(try tree("1 + 2 * 3") == "(1 + (2 * 3))")
        #expect(try tree("1 * 2 + 3") == "((1 * 2) + 3)")
    }

    @Test func subtractionAndDivisionAreLeftAssociative() throws {
        #expect(try tree("1 - 2 - 3") == "((1 - 2) - 3)")
        #expect(try tree("8 / 4 / 2") == "((8 / 4) / 2)")
    }

    @Test func powerIsRightAssociativeAndBindsTighterThanUnaryMinus() throws {
        // -2 ^ 2 is -(2 ^ 2) = -4, as in mathematics.
        #expect(try tree("-2 ^ 2") == "(-(2 ^ 2))")
        #expect(try tree("2 ^ 3 ^ 2") == "(2 ^ (3 ^ 2))")
        #expect(try tree("2 ^ -1") == "(2 ^ (-1))")
    }

    @Test func minusBeforeANumberMakesANegativeLiteral() throws {
        #expect(try ExpressionParser.parse("-3") { _ in ParserTests.here }.kind == .number(-3))
        #expect(try tree("-x") == "(-x)")
    }

    @Test func notBindsLooserThanComparisonsAndTighterThanAnd() throws {
        #expect(try tree("not a and b") == "((not a) and b)")
        #expect(try tree("not x > 1") == "(not (x > 1))")
        #expect(try tree("a or b and c") == "(a or (b and c))")
    }

    @Test func comparisonsBindLooserThanArithmetic() throws {
        #expect(try tree("x + 1 >= y * 2") == "((x + 1) >= (y * 2))")
    }

    @Test func chainedComparisonsAreRejected() {
        #expect(failure("1 < 2 < 3") == ExpressionParser.Failure(
            offset: 6, message: "comparisons cannot be chained", hint: "write 'a < b and b < c'"))
    }

    @Test func ifRequiresElse() {
        #expect(failure("if a then 1") == ExpressionParser.Failure(
            offset: 11, message: "expected 'else' but found the end of the expression",
            expected: "if CONDITION then VALUE else VALUE",
            hint: "every 'if' needs an 'else' so that the expression always has a value"))
    }

    @Test func ifIsTheLoosestConstruct() throws {
        #expect(try tree("if a then 1 else 2 + 3") == "(if a then 1 else (2 + 3))")
        #expect(try tree("1 + (if a then 2 else 3)") == "(1 + (if a then 2 else 3))")
    }

    @Test func callsTakeLabelledArguments() throws {
        #expect(try tree("did(us.talk, within: 3)") == "did(us.talk, within: 3)")
        #expect(try tree("max(a, b + 1)") == "max(a, (b + 1))")
    }

    @Test func dateLiteralsNeedNoSpacesAroundTheirDashes() throws {
        let day = try #require(CalendarDate(parsing: "2022-03")).dayNumber
        #expect(try ExpressionParser.parse("2022-03") { _ in ParserTests.here }.kind == .date(day))
        #expect(try tree("2022-03-09") == "2022-03-09")
        #expect(try tree("2022 - 03") == "(2022 - 3)")
        #expect(try tree("2022-3") == "(2022 - 3)")
        #expect(try tree("date >= 2022-03") == "(date >= 2022-03-01)")
    }

    @Test func impossibleDatesAreRejected() {
        #expect(failure("2022-13") == ExpressionParser.Failure(
            offset: 0, message: "'2022-13' is not a valid date",
            hint: "write dates as YYYY-MM or YYYY-MM-DD, e.g. 2022-03"))
        #expect(failure("x + 2021-02-29")?.offset == 4)
    }

    @Test func numbersMayHaveFractionsAndExponents() throws {
        func value(_ text: String) throws -> Expression.Kind { try ExpressionParser.parse(text) { _ in ParserTests.here }.kind }
        #expect(try value("1e3") == .number(1000))
        #expect(try value("2.5E-2") == .number(0.025))
        #expect(try value("1e+2") == .number(100))
        #expect(try value(".5") == .number(0.5))
        #expect(try value("3.") == .number(3))
    }

    @Test func aNameCannotFollowANumber() {
        #expect(failure("3e") == ExpressionParser.Failure(
            offset: 1, message: "a name cannot follow a number directly", hint: "write a multiplication explicitly, e.g. '2 * x'"))
        #expect(failure("2x")?.offset == 1)
    }

    @Test func overflowingNumbersAreRejected() {
        #expect(failure("1e400") == ExpressionParser.Failure(offset: 0, message: "'1e400' is not a number"))
    }

    @Test func operatorsFromOtherLanguagesSuggestTheirSpelling() {
        #expect(failure("a && b") == ExpressionParser.Failure(offset: 2, message: "'&&' is not an operator here", hint: "write 'and'"))
        #expect(failure("a || b")?.hint == "write 'or'")
        #expect(failure("a ** 2")?.hint == "write '^' for a power")
        #expect(failure("a = 2")?.hint == "write '==' to compare")
        #expect(failure("!a")?.hint == "write 'not'")
    }

    @Test func emptyAndTruncatedExpressionsAreRejected() {
        #expect(failure("  ") == ExpressionParser.Failure(offset: 0, message: "the expression is empty", expected: "a number, a name or a formula"))
        #expect(failure("1 +") == ExpressionParser.Failure(
            offset: 3, message: "the expression ends too early", expected: "a number, a name, '(' or a function call"))
        #expect(failure("(1") == ExpressionParser.Failure(offset: 2, message: "expected ')' to close '(' but found the end of the expression"))
        #expect(failure("1 2") == ExpressionParser.Failure(
            offset: 2, message: "unexpected '2' after a complete expression",
            expected: "an operator or the end of the expression", hint: "check for a missing operator or an extra ')'"))
    }

    @Test func deepNestingIsRejectedInsteadOfExhaustingTheStack() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(failure(deep)?.message == "the expression is nested too deeply")
        let long = Array(repeating: "x", count: 20000).joined(separator: " + ")
        #expect(failure(long)?.message == "the expression is nested too deeply")
        let negations = String(repeating: "not ", count: 5000) + "a"
        #expect(failure(negations)?.message == "the expression is nested too deeply")
    }

    @Test func expressionsNearTheNestingLimitStillParse() throws {
        let nested = String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)
        #expect(try tree(nested) == "1")
        let sum = Array(repeating: "x", count: 100).joined(separator: " + ")
        #expect(try tree(sum).hasPrefix(String(repeating: "(", count: 99) + "x + x)"))
    }

    // Where errors point inside YAML scalars (line 19, column 13 is the expression's start).

    @Test func errorColumnInADoubleQuotedScalarPointsAtTheCharacter() {
        #expect(dynamicsErrors("tension + * 2").first?.hasPrefix("s.yaml:19:23: error: expected a value but found '*'") == true)
    }

    @Test func errorColumnInASingleQuotedScalarPointsAtTheCharacter() {
        let found = errors(base + "dynamics:\n  tension: 'tension + * 2'\n")
        #expect(found.first?.hasPrefix("s.yaml:19:23: error: expected a value but found '*'") == true)
    }

    @Test func errorColumnInAPlainScalarPointsAtTheCharacter() {
        let found = errors(base + "dynamics:\n  tension: tension + * 2\n")
        #expect(found.first?.hasPrefix("s.yaml:19:22: error: expected a value but found '*'") == true)
    }

    @Test func errorColumnsCountCharactersNotBytes() {
        let found = errors("parley: 1\nname: x\nclock: { steps: 3 }\nactors: { a: {} }\nmetrics: { é: \"1\", m: \"1 + * 2\" }\n")
        #expect(found.first?.hasPrefix("s.yaml:5:28: error: expected a value but found '*'") == true)
    }

    @Test func errorsInScalarsFoldedOverSeveralLinesPointAtTheScalarsStart() {
        // YAML folds the line break into a space, so offsets no longer match columns.
        let quoted = errors(base + "dynamics:\n  tension: \"tension +\n    * 2\"\n")
        #expect(quoted.first?.hasPrefix("s.yaml:19:13: error: expected a value but found '*'") == true)
        let plain = errors(base + "dynamics:\n  tension: tension +\n    * 2\n")
        #expect(plain.first?.hasPrefix("s.yaml:19:12: error: expected a value but found '*'") == true)
        let block = errors(base + "dynamics:\n  tension: >-\n    tension +\n    * 2\n")
        #expect(block.first?.hasPrefix("s.yaml:19:12: error: expected a value but found '*'") == true)
    }

    @Test func errorsInScalarsWithEscapesPointAtTheScalarsStart() {
        let found = errors(base + "dynamics:\n  tension: \"\\ttension + * 2\"\n")
        #expect(found.first?.hasPrefix("s.yaml:19:13: error: expected a value but found '*'") == true)
    }

    @Test func errorColumnsSurviveWindowsLineEndings() {
        let text = "parley: 1\r\nname: x\r\nclock: { steps: 3 }\r\nactors: { a: {} }\r\nmetrics: { m: \"1 + * 2\" }\r\n"
        #expect(errors(text).first?.hasPrefix("s.yaml:5:20: error: expected a value but found '*'") == true)
    }
}
