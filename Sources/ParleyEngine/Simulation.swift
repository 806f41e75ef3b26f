import Foundation
import ParleyLanguage
import ParleyNumerics

/// Runs single runs of a compiled scenario under one configuration.
///
/// Each step follows a fixed order:
/// 1. **events** — scheduled, random (hazard) and conditional events fire and apply their effects;
/// 2. **decisions** — every actor with a policy chooses on the same state (simultaneous moves),
///    seeing history through its own eyes (perception error); implementation error may turn
///    a chosen action into its `flip:` (or drop it);
/// 3. **effects** — the actions performed apply their effects, actor by actor in declaration
///    order, each assignment seeing the ones before it;
/// 4. **dynamics** — every dynamics rule is computed from the same state, then all are written
///    (simultaneous, like a difference equation);
/// 5. **metrics** — series are recorded and running sums, means and extremes updated.
///
/// Every assignment is clamped to its variable's bounds; a value that is not finite stops the run
/// with a ``RunError`` naming the expression and the step.
///
/// Randomness comes from four independent streams per run, derived from (seed, run index):
/// parameters, events, decisions and noise, and the world (effects, dynamics, initial values).
/// Keeping them apart gives common random numbers across policies: two arms with the same
/// seed see the same parameter draws and the same random events.
public struct Simulation: Sendable {
    /// The scenario being run.
    public let scenario: Scenario
    /// The policies, overrides and seed.
    public let configuration: RunConfiguration
    let interpreter: Interpreter
    let observerOfActor: [Int]
    let observerCount: Int
    let scheduled: [[Bool]]
    let flips: [Int]

    /// Streams of a run's generators.
    enum Stream: UInt64 { case parameters = 0, events = 1, decisions = 2, world = 3 }

    /// Prepares runs of `scenario` under `configuration`.
    public init(scenario: Scenario, configuration: RunConfiguration) {
        self.scenario = scenario
        self.configuration = configuration
        interpreter = Interpreter(scenario: scenario)
        var observers = 1
        observerOfActor = scenario.actors.map { actor in
            guard actor.perceptionError != nil else { return 0 }
            observers += 1
            return observers - 1
        }
        observerCount = observers
        scheduled = scenario.events.map { event in
            guard case let .scheduled(steps) = event.trigger else { return [] }
            var mask = [Bool](repeating: false, count: scenario.clock.steps)
            for step in steps { mask[step] = true }
            return mask
        }
        flips = scenario.actions.map { $0.flip ?? -1 }
    }

    /// A workspace sized for this scenario; reuse it for many runs on one thread.
    func makeWorkspace() -> Workspace { Workspace(scenario: scenario, observerCount: observerCount) }

    /// Runs run `index` and leaves its metric values (and series) in `workspace`.
    func run(index runIndex: Int, in workspace: Workspace) throws(RunError) {
        let seed = configuration.seed, run = UInt64(runIndex)
        var parameterRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.parameters.rawValue)
        var eventRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.events.rawValue)
        var decisionRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.decisions.rawValue)
        var worldRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.world.rawValue)

        for (index, parameter) in scenario.parameters.enumerated() {
            if let fixed = configuration.overrides[index] {
                workspace.parameters[index] = fixed
            } else if configuration.samplesUncertainParameters {
                workspace.parameters[index] = parameter.draw(using: &parameterRandom)
            } else {
                workspace.parameters[index] = parameter.value
            }
        }
        workspace.resetHistory()
        let start = EvaluationPoint(step: 0, observer: 0, actionHorizon: -1)
        for (index, variable) in scenario.variables.enumerated() {
            let value = interpreter.evaluate(variable.initial, at: start, in: workspace, random: &worldRandom)
            try assign(value, to: index, code: variable.initial, role: "the initial value of \(variable.name)", step: 0,
                       run: runIndex, in: workspace)
            if workspace.trajectoryRow[index] >= 0 {
                workspace.trajectories[workspace.trajectoryRow[index] * (workspace.stepCount + 1)] = workspace.state[index]
            }
        }
        let metrics = scenario.metrics
        for (metric, definition) in metrics.enumerated() {
            switch definition.kind {
            case .max: workspace.metricValues[metric] = -.infinity
            case .min: workspace.metricValues[metric] = .infinity
            default: workspace.metricValues[metric] = 0
            }
        }

        for step in 0..<scenario.clock.steps {
            try fireEvents(step: step, run: runIndex, in: workspace, random: &eventRandom)
            try decide(step: step, run: runIndex, in: workspace, random: &decisionRandom)
            try applyEffects(step: step, run: runIndex, in: workspace, random: &worldRandom)
            try applyDynamics(step: step, run: runIndex, in: workspace, random: &worldRandom)
            for (variable, row) in workspace.trajectoryRow.enumerated() where row >= 0 {
                workspace.trajectories[row * (workspace.stepCount + 1) + step + 1] = workspace.state[variable]
            }
            try measure(step: step, run: runIndex, in: workspace, random: &worldRandom)
        }

        let last = EvaluationPoint(step: scenario.clock.steps - 1, observer: 0, actionHorizon: scenario.clock.steps - 1)
        for (metric, definition) in metrics.enumerated() {
            switch definition.kind {
            case .final:
                let value = interpreter.evaluate(definition.code, at: last, in: workspace, random: &worldRandom)
                try check(value, code: definition.code, role: "the metric \(definition.name)", step: last.step, run: runIndex)
                workspace.metricValues[metric] = value
            case .mean:
                workspace.metricValues[metric] /= Double(scenario.clock.steps)
            case .series:
                workspace.metricValues[metric] = workspace.seriesValues[(scenario.clock.steps - 1) * metrics.count + metric]
            case .sum, .max, .min:
                break
            }
        }
    }

    // MARK: Phases

    private func fireEvents(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step - 1)
        for (index, event) in scenario.events.enumerated() {
            let inWindow = step >= event.firstStep && step <= event.lastStep && !(event.once && workspace.hasFired[index])
            var fires = false
            switch event.trigger {
            case .scheduled:
                fires = inWindow && scheduled[index][step]
            case let .hazard(code):
                // Always draw, in or out of the window, so that other events keep their draws.
                let probability = interpreter.evaluate(code, at: point, in: workspace, random: &random)
                try check(probability, code: code, role: "the hazard of \(event.name)", step: step, run: run)
                fires = random.nextUniform() < probability && inWindow
            case let .condition(code):
                fires = inWindow && interpreter.evaluate(code, at: point, in: workspace, random: &random) != 0
            }
            guard fires else { continue }
            workspace.hasFired[index] = true
            let slot = scenario.actions.count + index
            for observer in 0..<observerCount { workspace.record(slot: slot, step: step, observer: observer) }
            workspace.goldstein[step] += event.goldstein
            for assignment in event.effects {
                let value = interpreter.evaluate(assignment.code, at: point, in: workspace, random: &random)
                try assign(value, to: assignment.variable, code: assignment.code,
                           role: "the new value of \(scenario.variables[assignment.variable].name)", step: step, run: run, in: workspace)
            }
        }
    }

    private func decide(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        for (actorIndex, actor) in scenario.actors.enumerated() {
            workspace.chosenCount[actorIndex] = 0
            guard let policyIndex = configuration.policies[actorIndex] else { continue }
            let point = EvaluationPoint(step: step, observer: observerOfActor[actorIndex], actionHorizon: step - 1)
            let offset = workspace.chosenOffset[actorIndex]
            switch actor.policies[policyIndex].kind {
            case let .rules(rules):
                for rule in rules {
                    if let condition = rule.condition,
                       interpreter.evaluate(condition, at: point, in: workspace, random: &random) == 0 { continue }
                    var available = true
                    for action in rule.actions where !isAvailable(action, at: point, in: workspace, random: &random) {
                        available = false
                        break
                    }
                    guard available else { continue }
                    for action in rule.actions {
                        workspace.chosen[offset + workspace.chosenCount[actorIndex]] = action
                        workspace.chosenCount[actorIndex] += 1
                    }
                    break
                }
            case let .choice(temperatureCode, options):
                let temperature = interpreter.evaluate(temperatureCode, at: point, in: workspace, random: &random)
                try check(temperature, code: temperatureCode, role: "the temperature of \(actor.name)'s choice", step: step, run: run)
                let utilities = workspace.scratch
                var best = -Double.infinity
                for (index, option) in options.enumerated() {
                    guard isAvailable(option.action, at: point, in: workspace, random: &random) else {
                        utilities[index] = .nan
                        continue
                    }
                    let utility = interpreter.evaluate(option.utility, at: point, in: workspace, random: &random)
                    try check(utility, code: option.utility, role: "the utility of \(scenario.actions[option.action].name)", step: step, run: run)
                    utilities[index] = utility
                    best = Swift.max(best, utility)
                }
                // One uniform per choice, always, so that streams stay aligned across policies.
                let draw = random.nextUniform()
                guard best > -.infinity else { continue }
                var chosen = -1
                if temperature <= 0 {
                    chosen = options.indices.first { utilities[$0] == best } ?? -1
                } else {
                    var total = 0.0
                    for index in options.indices where !utilities[index].isNaN {
                        utilities[index] = exp((utilities[index] - best) / temperature)
                        total += utilities[index]
                    }
                    var threshold = draw * total
                    for index in options.indices where !utilities[index].isNaN {
                        chosen = index
                        threshold -= utilities[index]
                        if threshold < 0 { break }
                    }
                }
                if chosen >= 0 {
                    workspace.chosen[offset] = options[chosen].action
                    workspace.chosenCount[actorIndex] = 1
                }
            }
            if let errorCode = actor.implementationError {
                let probability = interpreter.evaluate(errorCode, at: point, in: workspace, random: &random)
                try check(probability, code: errorCode, role: "the implementation error of \(actor.name)", step: step, run: run)
                var kept = 0
                for index in 0..<workspace.chosenCount[actorIndex] {
                    var action = workspace.chosen[offset + index]
                    if random.nextUniform() < probability { action = flips[action] }
                    if action >= 0 {
                        workspace.chosen[offset + kept] = action
                        kept += 1
                    }
                }
                workspace.chosenCount[actorIndex] = kept
            }
        }
        // Record what happened, in the truth and in each observer's eyes.
        for index in workspace.performed.indices { workspace.performed[index] = false }
        for actorIndex in scenario.actors.indices {
            let offset = workspace.chosenOffset[actorIndex]
            for index in 0..<workspace.chosenCount[actorIndex] {
                let action = workspace.chosen[offset + index]
                workspace.performed[action] = true
                workspace.record(slot: action, step: step, observer: 0)
                workspace.goldstein[step] += scenario.actions[action].goldstein
            }
        }
        guard observerCount > 1 else { return }
        for (observerActor, actor) in scenario.actors.enumerated() {
            let observer = observerOfActor[observerActor]
            guard observer > 0, let errorCode = actor.perceptionError else { continue }
            let point = EvaluationPoint(step: step, observer: observer, actionHorizon: step - 1)
            let probability = interpreter.evaluate(errorCode, at: point, in: workspace, random: &random)
            try check(probability, code: errorCode, role: "the perception error of \(actor.name)", step: step, run: run)
            for action in scenario.actions.indices where workspace.performed[action] {
                var seen = action
                if scenario.actions[action].actor != observerActor, random.nextUniform() < probability, flips[action] >= 0 {
                    seen = flips[action]
                }
                workspace.record(slot: seen, step: step, observer: observer)
            }
        }
    }

    @inline(__always)
    private func isAvailable(_ action: Int, at point: EvaluationPoint, in workspace: Workspace,
                             random: inout Xoshiro256StarStar) -> Bool {
        guard let requires = scenario.actions[action].requires else { return true }
        return interpreter.evaluate(requires, at: point, in: workspace, random: &random) != 0
    }

    private func applyEffects(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step)
        for actorIndex in scenario.actors.indices {
            let offset = workspace.chosenOffset[actorIndex]
            for index in 0..<workspace.chosenCount[actorIndex] {
                let action = scenario.actions[workspace.chosen[offset + index]]
                for assignment in action.effects {
                    let value = interpreter.evaluate(assignment.code, at: point, in: workspace, random: &random)
                    try assign(value, to: assignment.variable, code: assignment.code,
                               role: "the new value of \(scenario.variables[assignment.variable].name)", step: step, run: run, in: workspace)
                }
            }
        }
    }

    private func applyDynamics(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step)
        for assignment in scenario.dynamics {
            workspace.pending[assignment.variable] = interpreter.evaluate(assignment.code, at: point, in: workspace, random: &random)
        }
        for assignment in scenario.dynamics {
            try assign(workspace.pending[assignment.variable], to: assignment.variable, code: assignment.code,
                       role: "the new value of \(scenario.variables[assignment.variable].name)", step: step, run: run, in: workspace)
        }
    }

    private func measure(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step)
        let metrics = scenario.metrics
        for (metric, definition) in metrics.enumerated() where definition.kind != .final {
            let value = interpreter.evaluate(definition.code, at: point, in: workspace, random: &random)
            try check(value, code: definition.code, role: "the metric \(definition.name)", step: step, run: run)
            switch definition.kind {
            case .series: workspace.seriesValues[step * metrics.count + metric] = value
            case .sum, .mean: workspace.metricValues[metric] += value
            case .max: workspace.metricValues[metric] = Swift.max(workspace.metricValues[metric], value)
            case .min: workspace.metricValues[metric] = Swift.min(workspace.metricValues[metric], value)
            case .final: break
            }
        }
    }

    // MARK: Checks

    @inline(__always)
    private func assign(_ value: Double, to variable: Int, code: Code, role: @autoclosure () -> String, step: Int, run: Int,
                        in workspace: Workspace) throws(RunError) {
        try check(value, code: code, role: role(), step: step, run: run)
        let definition = scenario.variables[variable]
        var bounded = value
        if let minimum = definition.minimum, bounded < minimum { bounded = minimum }
        if let maximum = definition.maximum, bounded > maximum { bounded = maximum }
        workspace.state[variable] = bounded
    }

    @inline(__always)
    private func check(_ value: Double, code: Code, role: @autoclosure () -> String, step: Int, run: Int) throws(RunError) {
        guard !value.isFinite else { return }
        throw RunError(expression: code.text, location: code.location, role: role(), step: scenario.clock.label(ofStep: step),
                       value: value, run: run)
    }
}
