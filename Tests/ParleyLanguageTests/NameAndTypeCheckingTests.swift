import Testing
@testable import ParleyLanguage

/// Names that do not resolve and types that do not fit, each at the offending character.
/// Every expression here sits at line 19, column 13 (see ``dynamicsErrors(_:)``).
struct NameAndTypeCheckingTests {
    @Test func unknownNameSuggestsTheClosestDeclaredName() {
        #expect(dynamicsErrors("tensoin + 1") == ["""
            s.yaml:19:13: error: unknown name 'tensoin'
                expected: a parameter, a state variable, t, date or dt
                hint: did you mean 'tension'?
            """])
    }

    @Test func unknownActorQualifiedNameSuggestsTheClosestQualifiedName() {
        #expect(dynamicsErrors("dprk.warhead + 1") == ["""
            s.yaml:19:13: error: unknown name 'dprk.warhead'
                expected: a parameter, a state variable, t, date or dt
                hint: did you mean 'dprk.warheads'?
            """])
    }

    @Test func unqualifiedNameOutsideAnActorSuggestsTheQualifiedOne() {
        #expect(dynamicsErrors("dprk.warheads + warheads") == ["""
            s.yaml:19:29: error: unknown name 'warheads'
                expected: a parameter, a state variable, t, date or dt
                hint: did you mean 'dprk.warheads'?
            """])
    }

    @Test func unknownActorPrefixListsTheActors() {
        #expect(dynamicsErrors("usa.tension") == ["""
            s.yaml:19:13: error: unknown name 'usa.tension'
                expected: a parameter, a state variable, t, date or dt
                hint: 'usa' is not an actor; actors are 'us', 'dprk'
            """])
    }

    @Test func functionNameWithoutParenthesesSaysToCallIt() {
        #expect(dynamicsErrors("abs") == ["""
            s.yaml:19:13: error: unknown name 'abs'
                expected: a parameter, a state variable, t, date or dt
                hint: 'abs' is a function: call it with parentheses, e.g. abs(x)
            """])
    }

    @Test func actionUsedAsAValueSuggestsDidAndCount() {
        #expect(dynamicsErrors("1 * dprk.hold") == ["""
            s.yaml:19:17: error: 'dprk.hold' is an action or event, not a value
                hint: ask whether it happened with did(dprk.hold), or how often with count(dprk.hold)
            """])
    }

    @Test func booleanWhereANumberBelongsIsATypeError() {
        #expect(dynamicsErrors("tension + true") == ["""
            s.yaml:19:23: error: the right side of '+' must be a number, but it is a boolean
                expected: a number
                hint: use number(condition) or 'if condition then 1 else 0' to turn a boolean into a number
            """])
    }

    @Test func booleanResultWhereANumberIsAssignedIsATypeError() {
        #expect(dynamicsErrors("true") == ["""
            s.yaml:19:13: error: expected a number but this expression is a boolean
                expected: a number
                hint: use number(condition) or 'if condition then 1 else 0' to turn a boolean into a number
            """])
    }

    @Test func numberWhereABooleanBelongsIsATypeError() {
        #expect(dynamicsErrors("if tension then 1 else 0") == ["""
            s.yaml:19:16: error: the condition of 'if' must be a boolean, but it is a number
                expected: a boolean
                hint: compare the number, e.g. 'x > 0.5'
            """])
    }

    @Test func notOfANumberIsATypeError() {
        #expect(dynamicsErrors("not tension") == ["""
            s.yaml:19:17: error: the operand of 'not' must be a boolean, but it is a number
                expected: a boolean
                hint: compare the number, e.g. 'x > 0.5'
            """])
    }

    @Test func branchesOfIfWithDifferentTypesAreATypeError() {
        #expect(dynamicsErrors("if tension > 1 then 1 else true") == [
            "s.yaml:19:40: error: both branches of 'if' must have the same type, but 'then' is a number and 'else' is a boolean",
        ])
    }

    @Test func comparingBooleansWithLessThanIsATypeError() {
        #expect(dynamicsErrors("if true < false then 1 else 0") == ["""
            s.yaml:19:21: error: booleans can only be compared with == and !=
                hint: compare numbers, or combine conditions with and/or
            """])
    }

    @Test func comparingADateWithANumberIsATypeError() {
        #expect(dynamicsErrors("if date > 3 then 1 else 0") == ["""
            s.yaml:19:23: error: cannot compare a date with a number
                expected: a date
            """])
    }

    @Test func dateWhereANumberBelongsSuggestsComparingDates() {
        #expect(dynamicsErrors("t + date") == ["""
            s.yaml:19:17: error: the right side of '+' must be a number, but it is a date
                expected: a number
                hint: compare dates with dates, e.g. 'date >= 2022-03'
            """])
    }

    @Test func comparingADateWithADateLiteralIsFine() {
        #expect(dynamicsErrors("if date >= 2022-03 then 1 else 0") == [])
    }

    @Test func unknownFunctionListsTheFunctionsAndSuggestsOne() {
        #expect(dynamicsErrors("sqr(tension)") == ["""
            s.yaml:19:13: error: unknown function 'sqr'
                expected: one of abs, bernoulli, ceil, clamp, count, did, exp, final, floor, goldstein, last, log, log10, logistic, lognormal, max, min, negative_binomial, normal, number, poisson, round, sign, since, sqrt, triangular, uniform
                hint: did you mean 'sqrt'?
            """])
    }

    @Test func wrongArityGivesTheSignature() {
        #expect(dynamicsErrors("clamp(tension, 0)") == ["""
            s.yaml:19:13: error: 'clamp' takes 3 arguments but was given 2
                expected: clamp(x, lower, upper)
            """])
        #expect(dynamicsErrors("abs(1, 2)") == ["""
            s.yaml:19:13: error: 'abs' takes 1 argument but was given 2
                expected: abs(x)
            """])
        #expect(dynamicsErrors("min(1)") == ["""
            s.yaml:19:13: error: 'min' takes 2 to 64 arguments but was given 1
                expected: min(a, b, …)
            """])
    }

    @Test func unknownLabelIsReportedAtItsArgument() {
        #expect(dynamicsErrors("number(did(dprk.hold, in: 3))") == ["""
            s.yaml:19:39: error: 'did' has no argument labelled 'in'
                expected: did(actor.action, within: n)
            """])
    }

    @Test func sinceTakesNoWithinLabel() {
        #expect(dynamicsErrors("since(dprk.hold, within: 2)") == ["""
            s.yaml:19:38: error: 'since' has no argument labelled 'within'
                expected: since(actor.action)
            """])
    }

    @Test func unlabelledWindowMustBeLabelledWithin() {
        #expect(dynamicsErrors("number(did(dprk.hold, 3))") == ["""
            s.yaml:19:35: error: the second argument of 'did' must be labelled 'within:'
                expected: did(actor.action, within: n)
            """])
    }

    @Test func historyFunctionOnAStateVariableIsRejected() {
        #expect(dynamicsErrors("number(did(tension))") == ["""
            s.yaml:19:24: error: 'tension' is not an action or an event
                expected: actor.action or an event's name
                hint: did(…) asks about what happened, not about values
            """])
    }

    @Test func historyFunctionOnAnUnknownActionSuggestsAnAction() {
        #expect(dynamicsErrors("count(dprk.hlod)") == ["""
            s.yaml:19:19: error: unknown action or event 'dprk.hlod'
                expected: actor.action or an event's name
                hint: did you mean 'dprk.hold'?
            """])
    }

    @Test func withinMustBeAWholeNumberLiteral() {
        let message = """
            error: 'within:' must be a whole number of steps, at least 1
                expected: e.g. within: 3
            """
        #expect(dynamicsErrors("count(dprk.hold, within: 1.5)") == ["s.yaml:19:38: " + message])
        #expect(dynamicsErrors("count(dprk.hold, within: 0)") == ["s.yaml:19:38: " + message])
        #expect(dynamicsErrors("count(dprk.hold, within: rate)") == ["s.yaml:19:38: " + message])
    }

    @Test func lastNeedsAStateVariable() {
        #expect(dynamicsErrors("last(rate)") == ["""
            s.yaml:19:18: error: the first argument of 'last' must be a state variable
                expected: last(variable, k)
            """])
    }

    @Test func finalIsOnlyForMetrics() {
        #expect(dynamicsErrors("final(tension)") == ["""
            s.yaml:19:13: error: final(…) can only be used in metrics
                hint: elsewhere, use the value itself
            """])
    }

    @Test func historyFunctionsAreNotAllowedInInitialValues() {
        let text = base.replacingOccurrences(of: "init: 45,", with: "init: \"count(dprk.hold)\",")
        #expect(errors(text) == ["""
            s.yaml:11:27: error: count(…) cannot be used in an initial value
                hint: history exists only once the run has started
            """])
    }

    @Test func randomDrawsAreAllowedInInitialValues() throws {
        let text = base.replacingOccurrences(of: "init: 45,", with: "init: \"normal(45, rate)\",")
        let loaded = try scenario(text)
        let warheads = try #require(loaded.variableIndex(named: "dprk.warheads"))
        #expect(loaded.variables[warheads].initial.instructions == [.constant(45), .parameter(0), .draw(.normal)])
    }

    @Test func randomDrawsAreNotAllowedInMetrics() {
        let text = base.replacingOccurrences(of: "m: \"final(tension)\"", with: "m: \"uniform(0, 1)\"")
        #expect(errors(text) == ["""
            s.yaml:17:7: error: random draws cannot be used in a metric
                hint: give a parameter a 'dist:' instead: runs draw it once each (unless --central)
            """])
    }

    @Test func parameterValuesMustBeLiteralsNotDraws() {
        let text = base.replacingOccurrences(of: "value: 0.5,", with: "value: \"uniform(0, 1)\",")
        #expect(errors(text) == ["""
            s.yaml:5:19: error: the value of 'rate' must be a number, but it is 'uniform(0, 1)'
                expected: a number such as 0.5 or 1e-3
            """])
    }
}
