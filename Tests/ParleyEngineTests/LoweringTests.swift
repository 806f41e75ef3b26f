@testable import ParleyEngine
import ParleyLanguage
import ParleyNumerics
import Testing

/// Lowered code (registers, fused operations, hoisted parameter-only subexpressions) computes
/// exactly what the compiled stack code computes: the same bits and the same random draws.
@Suite struct LoweringTests {
    /// After each of `runs` runs, evaluates every expression of the plan, lowered and as
    /// compiled, at several points of the run, with the same generator; expects identical bits
    /// and identical generators afterwards. Returns how many evaluations were compared.
    @discardableResult
    func expectLoweredMatchesCompiled(_ scenario: Scenario, configuration: RunConfiguration, runs: Int,
                                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let simulation = Simulation(scenario: scenario, configuration: configuration)
        let workspace = simulation.makeWorkspace()
        let plan = workspace.plan
        let steps = workspace.stepCount
        var compared = 0, mismatches = 0
        for run in 0..<runs {
            // A run may stop on a value that is not finite; its state and history are still there.
            try? simulation.run(index: run, in: workspace)
            for step in Set([0, steps / 2, steps - 1]) {
                for observer in 0..<workspace.observerCount {
                    for horizon in [step - 1, step] {
                        let point = EvaluationPoint(step: step, observer: observer, actionHorizon: horizon)
                        // The per-step batches store what each of their codes gives alone.
                        var batchRandom = Xoshiro256StarStar(seed: UInt64(run), run: 0, stream: 9)
                        _ = simulation.interpreter.run(plan.dynamicsBatch, at: point, in: workspace, random: &batchRandom)
                        for (rule, assignment) in plan.dynamics.enumerated() {
                            let alone = simulation.interpreter.evaluateUnlowered(plan.codes[Int(plan.assignmentCode[assignment].id)],
                                                                                 at: point, in: workspace, random: &batchRandom)
                            compared += 1
                            if !plan.codes[Int(plan.assignmentCode[assignment].id)].instructions.contains(where: \.isDraw) {
                                let value = workspace.outputBase[rule]
                                if value.bitPattern != alone.bitPattern && !(value.isNaN && alone.isNaN) { mismatches += 1 }
                            }
                        }
                        _ = simulation.interpreter.run(plan.metricBatch, at: point, in: workspace, random: &batchRandom)
                        for metric in 0..<plan.metricKind.count where plan.metricKind[metric] != .final {
                            let alone = simulation.interpreter.evaluateUnlowered(plan.codes[Int(plan.metricCode[metric].id)],
                                                                                 at: point, in: workspace, random: &batchRandom)
                            compared += 1
                            let value = workspace.outputBase[metric]
                            if value.bitPattern != alone.bitPattern && !(value.isNaN && alone.isNaN) { mismatches += 1 }
                        }
                        for (id, range) in plan.ranges.enumerated() {
                            var loweredRandom = Xoshiro256StarStar(seed: UInt64(run), run: UInt64(id), stream: 7)
                            var compiledRandom = loweredRandom
                            let lowered = simulation.interpreter.evaluate(range, at: point, in: workspace, random: &loweredRandom)
                            let compiled = simulation.interpreter.evaluateUnlowered(plan.codes[id], at: point, in: workspace,
                                                                                    random: &compiledRandom)
                            compared += 1
                            // NaN payloads are not part of any result (a NaN stops the run).
                            let same = lowered.bitPattern == compiled.bitPattern || (lowered.isNaN && compiled.isNaN)
                            if !same || loweredRandom.next() != compiledRandom.next() {
                                mismatches += 1
                                if mismatches <= 5 {
                                    Issue.record("'\(plan.codes[id].text)' at step \(step), observer \(observer), horizon \(horizon): lowered \(lowered), compiled \(compiled)",
                                                 sourceLocation: sourceLocation)
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(mismatches == 0, sourceLocation: sourceLocation)
        return compared
    }

    @Test func shippedScenariosEvaluateIdenticallyUnderEveryPolicy() throws {
        for name in ["korea-2021", "korea-cycle", "prisoners-dilemma", "richardson"] {
            let scenario = try shipped(name)
            for uncertainty in [false, true] {
                let base = RunConfiguration(scenario: scenario, seed: 3, samplesUncertainParameters: uncertainty)
                var configurations = [base]
                for (actor, declaration) in scenario.actors.enumerated() where declaration.policies.count > 1 {
                    for policy in declaration.policies.indices {
                        var configuration = base
                        configuration.policies[actor] = policy
                        configurations.append(configuration)
                    }
                }
                for configuration in configurations {
                    expectLoweredMatchesCompiled(scenario, configuration: configuration, runs: 2)
                }
            }
        }
    }

    @Test func generatedExpressionsEvaluateIdentically() throws {
        var generator = ExpressionGenerator(seed: 2026)
        let metrics = (0..<400).map { "  m\($0): { final: \"\(generator.number(depth: 5))\" }" }.joined(separator: "\n")
        let scenario = try compile(scenarioText(steps: 12, """
            parameters:
              p: { value: 0.5, dist: "uniform(0, 1)", source: assumption }
              q: { value: 3, dist: "uniform(-2, 4)", source: assumption }
              r: { value: -1.25, source: assumption }
              s: { value: 12, source: assumption }
            actors:
              a: {}
            state:
              x: { init: "p * q", source: assumption }
              y: { init: 0, min: -5, max: 5, source: assumption }
              z: { init: "r", source: assumption }
              w: { init: 2, source: assumption }
            actions:
              a.act:
                goldstein: -3
                effects:
                  x: "x + uniform(0, 1) * normal(0, 1)"
                  y: "y - number(bernoulli(p)) + poisson(1) / 4"
                  z: "z * 0.9 + lognormal(0, 0.1) - triangular(0, 0.5, 1)"
              a.wait: { goldstein: 1 }
            policies:
              a:
                coin:
                  rules:
                    - { when: "bernoulli(0.5) and y < 4", do: act }
                    - { do: wait }
            events:
              shock:
                hazard: "p / 2"
                goldstein: -5
                effects: { w: "w + 1" }
            dynamics:
              y: "y + dt * (x - last(x)) * 0.1"
              w: "if did(a.act) or did(shock) then w * 0.9 else min(w + 0.5, 6)"
            metrics:
            \(metrics)
            """))
        for uncertainty in [false, true] {
            let configuration = RunConfiguration(scenario: scenario, seed: 11, samplesUncertainParameters: uncertainty)
            let compared = expectLoweredMatchesCompiled(scenario, configuration: configuration, runs: 5)
            #expect(compared > 10_000)
        }
    }

    @Test func loweringFusesAndHoists() throws {
        let scenario = try compile(scenarioText(steps: 3, """
            parameters:
              h: { value: 3, source: assumption }
            state:
              x: { init: 1, source: assumption }
            dynamics:
              x: "x + (1 - 0.5 ^ (1 / h)) * (2 - x)"
            metrics:
              x: "x"
            """))
        let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario))
        let plan = simulation.makeWorkspace().plan
        #expect(plan.hoistedRegister.count == 1)
        // The metric only reads a register; the dynamics rule is a few fused operations.
        let metric = plan.metricCode[0]
        #expect(metric.register >= 0)
        let dynamics = plan.assignmentCode[plan.dynamics.lowerBound]
        #expect(Int(dynamics.end - dynamics.start) < scenario.dynamics[0].code.instructions.count / 2)
    }
}

extension Instruction {
    /// Whether the instruction draws from the generator.
    var isDraw: Bool {
        if case .draw = self { return true }
        return false
    }
}

/// Random well-typed expressions over p, q, r, s (parameters), x, y, z, w (state) and the
/// history of a.act, a.wait and shock.
struct ExpressionGenerator {
    var random: Xoshiro256StarStar

    init(seed: UInt64) { random = Xoshiro256StarStar(seed: seed) }

    mutating func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }

    mutating func pick(_ choices: [String]) -> String { choices[pick(choices.count)] }

    mutating func number(depth: Int) -> String {
        if depth == 0 || pick(5) == 0 {
            return pick(["0", "1", "2", "0.5", "12", "3", "-0", "0.1", "p", "q", "r", "s", "p", "q", "x", "y", "z", "w", "x", "y",
                         "t", "dt", "count(a.act)", "count(a.wait, within: 2)", "since(a.act)", "last(x)", "last(y, 2)",
                         "goldstein()"])
        }
        let next = depth - 1
        switch pick(12) {
        case 0, 1, 2, 3:
            let op = pick(["+", "-", "*", "/", "%", "^", "+", "-", "*"])
            return "(\(number(depth: next)) \(op) \(number(depth: next)))"
        case 4: return "-(\(number(depth: next)))"
        case 5: return "\(pick(["min", "max"]))(\(number(depth: next)), \(number(depth: next))\(pick(2) == 0 ? "" : ", \(number(depth: next))"))"
        case 6: return "clamp(\(number(depth: next)), \(number(depth: next)), \(number(depth: next)))"
        case 7: return "\(pick(MathFunction.allCases.map(\.rawValue)))(\(number(depth: next)))"
        case 8, 9: return "(if \(boolean(depth: next)) then \(number(depth: next)) else \(number(depth: next)))"
        default: return "number(\(boolean(depth: next)))"
        }
    }

    mutating func boolean(depth: Int) -> String {
        if depth == 0 || pick(5) == 0 {
            return pick(["true", "false", "did(a.act)", "did(a.wait, within: 3)", "did(shock)", "(x > 1)", "(t % 3 == 1)", "(p < 0.5)"])
        }
        let next = depth - 1
        switch pick(6) {
        case 0, 1:
            let op = pick(["<", "<=", ">", ">=", "==", "!="])
            return "(\(number(depth: next)) \(op) \(number(depth: next)))"
        case 2: return "(\(boolean(depth: next)) and \(boolean(depth: next)))"
        case 3: return "(\(boolean(depth: next)) or \(boolean(depth: next)))"
        case 4: return "(not \(boolean(depth: next)))"
        default: return "(\(boolean(depth: next)) == \(boolean(depth: next)))"
        }
    }
}
