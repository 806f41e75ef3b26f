/// Reads a parameter's `dist:` such as `triangular(4, 6, 12)` and checks its arguments.
enum DistributionReader {
    static let signatures: [String: String] = [
        "uniform": "uniform(lower, upper)", "loguniform": "loguniform(lower, upper) with 0 < lower < upper",
        "normal": "normal(mean, sd)", "lognormal": "lognormal(mu, sigma) of the logarithm",
        "triangular": "triangular(lower, mode, upper)", "pert": "pert(lower, mode, upper)",
        "beta": "beta(alpha, beta) or beta(alpha, beta, lower, upper)", "gamma": "gamma(shape, scale)",
        "bernoulli": "bernoulli(p) for a true/false parameter", "choice": "choice(v1, v2, …), equally likely",
    ]

    static func read(_ scalar: YAMLScalar, log: inout DiagnosticLog) -> Distribution? {
        let expected = "one of " + signatures.keys.sorted().map { signatures[$0] ?? $0 }.joined(separator: "; ")
        let expression: Expression
        do {
            expression = try ExpressionParser.parse(scalar.text) { scalar.location(ofOffset: $0) }
        } catch {
            log.error(scalar.location(ofOffset: error.offset), "bad distribution: \(error.message)", expected: expected)
            return nil
        }
        guard case let .call(name, arguments) = expression.kind else {
            log.error(expression.location, "'\(scalar.text)' is not a distribution", expected: expected)
            return nil
        }
        guard let signature = signatures[name] else {
            log.error(expression.location, "unknown distribution '\(name)'", expected: expected,
                      hint: Suggestions.hint(for: name, among: signatures.keys.sorted()))
            return nil
        }
        var values: [Double] = []
        for argument in arguments {
            guard argument.label == nil, case let .number(value) = argument.value.kind else {
                log.error(argument.value.location, "the arguments of '\(name)' must be plain numbers", expected: signature)
                return nil
            }
            values.append(value)
        }
        func fail(_ message: String) -> Distribution? {
            log.error(expression.location, "bad distribution \(scalar.text): \(message)", expected: signature)
            return nil
        }
        func arity(_ counts: Int...) -> Bool { counts.contains(values.count) }
        switch name {
        case "uniform", "loguniform":
            guard arity(2) else { return fail("it takes 2 arguments, not \(values.count)") }
            guard values[0] < values[1] else { return fail("the lower bound must be below the upper bound") }
            if name == "loguniform" {
                guard values[0] > 0 else { return fail("loguniform needs a positive lower bound") }
                return .logUniform(lower: values[0], upper: values[1])
            }
            return .uniform(lower: values[0], upper: values[1])
        case "normal", "lognormal":
            guard arity(2) else { return fail("it takes 2 arguments, not \(values.count)") }
            guard values[1] > 0 else { return fail("the spread (second argument) must be positive") }
            return name == "normal" ? .normal(mean: values[0], standardDeviation: values[1])
                                    : .logNormal(mu: values[0], sigma: values[1])
        case "triangular", "pert":
            guard arity(3) else { return fail("it takes 3 arguments, not \(values.count)") }
            guard values[0] < values[2] else { return fail("the lower bound must be below the upper bound") }
            guard values[0] <= values[1], values[1] <= values[2] else { return fail("the mode must lie between the bounds") }
            return name == "pert" ? .pert(lower: values[0], mode: values[1], upper: values[2])
                                  : .triangular(lower: values[0], mode: values[1], upper: values[2])
        case "beta":
            guard arity(2, 4) else { return fail("it takes 2 or 4 arguments, not \(values.count)") }
            guard values[0] > 0, values[1] > 0 else { return fail("alpha and beta must be positive") }
            let lower = values.count == 4 ? values[2] : 0, upper = values.count == 4 ? values[3] : 1
            guard lower < upper else { return fail("the lower bound must be below the upper bound") }
            return .beta(alpha: values[0], beta: values[1], lower: lower, upper: upper)
        case "gamma":
            guard arity(2) else { return fail("it takes 2 arguments, not \(values.count)") }
            guard values[0] > 0, values[1] > 0 else { return fail("shape and scale must be positive") }
            return .gamma(shape: values[0], scale: values[1])
        case "bernoulli":
            guard arity(1) else { return fail("it takes 1 argument, not \(values.count)") }
            guard (0...1).contains(values[0]) else { return fail("the probability must lie in [0, 1]") }
            return .bernoulli(probability: values[0])
        default:
            guard !values.isEmpty else { return fail("it needs at least one value") }
            return .choice(values)
        }
    }
}
