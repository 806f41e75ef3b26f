import Foundation
import ParleyGames
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
/// 3½. **roadmaps** — each staged deal checks for a breach, verifies its current benchmark
///    (rewarding it with the reciprocal measure), enforces its deadline, or starts;
/// 4. **dynamics** — every dynamics rule is computed from the same state, then all are written
///    (simultaneous, like a difference equation);
/// 5. **metrics** — series are recorded and running sums, means and extremes updated.
///
/// Every assignment is clamped to its variable's bounds; a value that is not finite stops the run
/// with a ``RunError`` naming the expression and the step.
///
/// Randomness comes from independent streams per run, derived from (seed, run index): parameters,
/// events, the world (effects, dynamics, initial values), roadmap verification, and one stream per
/// actor for its decisions and its noise.
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

    /// Streams of a run's generators.
    enum Stream: UInt64 {
        case parameters = 0, events = 1, world = 3, roadmaps = 4
        /// Actor `i` decides with stream `firstActor + i`.
        case firstActor = 16
    }

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
    }

    /// A workspace sized for this scenario; reuse it for many runs on one thread.
    func makeWorkspace() -> Workspace {
        Workspace(scenario: scenario, plan: ExecutionPlan(scenario: scenario, configuration: configuration),
                  observerOfActor: observerOfActor, observerCount: observerCount)
    }

    /// Runs run `runIndex` and leaves its metric values (and series) in `workspace`.
    ///
    /// `values`, when given, fixes parameters for this run alone (by parameter index), on top of
    /// the configuration's overrides: a calibration's particles are runs of one simulation.
    func run(index runIndex: Int, in workspace: Workspace, values: [Int: Double]? = nil) throws(RunError) {
        let seed = configuration.seed, run = UInt64(runIndex)
        var parameterRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.parameters.rawValue)
        var eventRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.events.rawValue)
        for actor in 0..<workspace.decisionRandom.count {
            workspace.decisionRandom[actor] = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.firstActor.rawValue + UInt64(actor))
        }
        var worldRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.world.rawValue)
        var roadmapRandom = Xoshiro256StarStar(seed: seed, run: run, stream: Stream.roadmaps.rawValue)
        let plan = workspace.plan

        let parameterCount = workspace.parameters.count
        if configuration.samplesUncertainParameters {
            for index in 0..<parameterCount {
                // Draw even when the value is fixed, so that fixing one parameter in one arm of a
                // comparison leaves every other parameter's draw paired with the other arm's.
                let drawn = scenario.parameters[index].draw(using: &parameterRandom)
                workspace.parameters[index] = plan.parameterOverridden[index] ? plan.parameterValue[index] : drawn
            }
            // Whole posterior draws replace the calibrated parameters' own draws, so that their
            // correlations survive; the row is drawn after every parameter, so others keep theirs.
            let width = plan.jointParameters.count
            if width > 0 {
                let rows = plan.jointValues.count / width
                let row = Swift.min(rows - 1, Int(parameterRandom.nextUniform() * Double(rows)))
                for column in 0..<width where !plan.parameterOverridden[plan.jointParameters[column]] {
                    workspace.parameters[plan.jointParameters[column]] = plan.jointValues[row * width + column]
                }
            }
        } else {
            for index in 0..<parameterCount { workspace.parameters[index] = plan.parameterValue[index] }
        }
        if let values {
            for (index, value) in values where index >= 0 && index < parameterCount { workspace.parameters[index] = value }
        }
        let start = EvaluationPoint(step: 0, observer: 0, actionHorizon: -1)
        for hoisted in 0..<plan.hoistedRegister.count {
            workspace.registers[plan.hoistedRegister[hoisted]] =
                interpreter.evaluate(plan.hoistedCode[hoisted], at: start, in: workspace, random: &worldRandom)
        }
        workspace.resetHistory()
        for variable in 0..<workspace.variableCount {
            let code = plan.initial[variable]
            try assign(interpreter.evaluate(code, at: start, in: workspace, random: &worldRandom), to: variable, code: code,
                       step: 0, run: runIndex, in: workspace)
            let row = workspace.trajectoryRow[variable]
            if row >= 0 { workspace.trajectories[row * (workspace.stepCount + 1)] = workspace.state[variable] }
        }
        let metricCount = plan.metricKind.count
        for metric in 0..<metricCount {
            workspace.metricValues[metric] = plan.metricKind[metric].startingValue
        }
        for slot in 0..<workspace.periodValues.count {
            workspace.periodValues[slot] = plan.metricKind[plan.periodMetric[slot]].startingValue
        }

        let steps = workspace.stepCount
        for step in 0..<steps {
            try fireEvents(step: step, run: runIndex, in: workspace, random: &eventRandom)
            try decide(step: step, run: runIndex, in: workspace)
            try applyEffects(step: step, run: runIndex, in: workspace, random: &worldRandom)
            if plan.roadmapSteps.count > 0 {
                try advanceRoadmaps(step: step, run: runIndex, in: workspace, random: &roadmapRandom)
            }
            try applyDynamics(step: step, run: runIndex, in: workspace, random: &worldRandom)
            for variable in workspace.laggedVariables {
                let row = workspace.trajectoryRow[variable]
                workspace.trajectories[row * (steps + 1) + step + 1] = workspace.state[variable]
            }
            try measure(step: step, run: runIndex, in: workspace, random: &worldRandom)
        }

        let last = EvaluationPoint(step: steps - 1, observer: 0, actionHorizon: steps - 1)
        for metric in 0..<metricCount {
            switch plan.metricKind[metric] {
            case .final:
                let code = plan.metricCode[metric]
                let value = interpreter.evaluate(code, at: last, in: workspace, random: &worldRandom)
                try check(value, code: code, step: last.step, run: runIndex, in: workspace)
                workspace.metricValues[metric] = value
            case .mean:
                workspace.metricValues[metric] /= Double(steps)
            case .series:
                workspace.metricValues[metric] = workspace.seriesValues[(steps - 1) * metricCount + metric]
            case .sum, .max, .min:
                break
            }
        }
        for slot in 0..<workspace.periodValues.count where plan.metricKind[plan.periodMetric[slot]] == .mean {
            workspace.periodValues[slot] /= plan.periodStepCount[slot]
        }
    }

    // MARK: Phases

    private func fireEvents(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let plan = workspace.plan
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step - 1)
        for event in 0..<plan.eventKind.count {
            let inWindow = step >= plan.eventFirstStep[event] && step <= plan.eventLastStep[event]
                && !(plan.eventOnce[event] && workspace.hasFired[event])
            var fires = false
            switch plan.eventKind[event] {
            case 0:
                fires = inWindow && plan.eventScheduled[event * workspace.stepCount + step]
            case 3:
                continue
            case 1:
                // Always draw, in or out of the window, so that other events keep their draws.
                let code = plan.eventTrigger[event]
                let probability = interpreter.evaluate(code, at: point, in: workspace, random: &random)
                try check(probability, code: code, step: step, run: run, in: workspace)
                fires = random.nextUniform() < probability && inWindow
            default:
                fires = inWindow && interpreter.evaluate(plan.eventTrigger[event], at: point, in: workspace, random: &random) != 0
            }
            guard fires else { continue }
            workspace.hasFired[event] = true
            let slot = plan.actionActor.count + event
            for observer in 0..<observerCount { workspace.record(slot: slot, step: step, observer: observer) }
            workspace.goldstein[step] += plan.eventGoldstein[event]
            try apply(plan.eventEffects[event], at: point, run: run, in: workspace, random: &random)
        }
    }

    private func decide(step: Int, run: Int, in workspace: Workspace) throws(RunError) {
        let plan = workspace.plan
        let actorCount = plan.actorTracks.count
        for actor in 0..<actorCount {
            workspace.chosenCount[actor] = 0
            let tracks = plan.actorTracks[actor]
            guard !tracks.isEmpty else { continue }
            let point = EvaluationPoint(step: step, observer: workspace.observerOfActor[actor], actionHorizon: step - 1)
            let offset = workspace.chosenOffset[actor]
            // Every track decides on the same state; the actor performs what they all chose.
            for track in tracks {
                switch plan.trackKind[track] {
                case 1:
                    for rule in plan.trackRules[track] {
                        let condition = plan.ruleCondition[rule]
                        if !condition.isEmpty,
                           interpreter.evaluate(condition, at: point, in: workspace, random: &workspace.decisionRandom[actor]) == 0 { continue }
                        var available = true
                        for index in plan.ruleActions[rule]
                        where !isAvailable(plan.ruleActionList[index], at: point, in: workspace, random: &workspace.decisionRandom[actor]) {
                            available = false
                            break
                        }
                        guard available else { continue }
                        for index in plan.ruleActions[rule] {
                            workspace.chosen[offset + workspace.chosenCount[actor]] = plan.ruleActionList[index]
                            workspace.chosenCount[actor] += 1
                        }
                        break
                    }
                case 2:
                    try choose(track: track, actor: actor, at: point, run: run, in: workspace, random: &workspace.decisionRandom[actor])
                default:
                    playBuiltin(track: track, actor: actor, at: point, in: workspace)
                }
            }
            let errorCode = plan.implementationError[actor]
            guard !errorCode.isEmpty else { continue }
            let probability = interpreter.evaluate(errorCode, at: point, in: workspace, random: &workspace.decisionRandom[actor])
            try check(probability, code: errorCode, step: step, run: run, in: workspace)
            var kept = 0
            for index in 0..<workspace.chosenCount[actor] {
                var action = workspace.chosen[offset + index]
                if workspace.decisionRandom[actor].nextUniform() < probability { action = plan.actionFlip[action] }
                if action >= 0 {
                    workspace.chosen[offset + kept] = action
                    kept += 1
                }
            }
            workspace.chosenCount[actor] = kept
        }
        // Record what happened, in the truth and in each observer's eyes.
        for action in 0..<workspace.performed.count { workspace.performed[action] = false }
        for actor in 0..<actorCount {
            let offset = workspace.chosenOffset[actor]
            for index in 0..<workspace.chosenCount[actor] {
                let action = workspace.chosen[offset + index]
                workspace.performed[action] = true
                workspace.record(slot: action, step: step, observer: 0)
                workspace.goldstein[step] += plan.actionGoldstein[action]
            }
        }
        guard observerCount > 1 else { return }
        for observerActor in 0..<actorCount {
            let observer = workspace.observerOfActor[observerActor]
            let errorCode = plan.perceptionError[observerActor]
            guard observer > 0, !errorCode.isEmpty else { continue }
            let point = EvaluationPoint(step: step, observer: observer, actionHorizon: step - 1)
            let probability = interpreter.evaluate(errorCode, at: point, in: workspace, random: &workspace.decisionRandom[observerActor])
            try check(probability, code: errorCode, step: step, run: run, in: workspace)
            for action in 0..<workspace.performed.count where workspace.performed[action] {
                var seen = action
                if plan.actionActor[action] != observerActor, workspace.decisionRandom[observerActor].nextUniform() < probability,
                   plan.actionFlip[action] >= 0 {
                    seen = plan.actionFlip[action]
                }
                workspace.record(slot: seen, step: step, observer: observer)
            }
        }
    }

    /// Discrete choice: P(option) ∝ exp(utility / temperature) over the available options.
    private func choose(track: Int, actor: Int, at point: EvaluationPoint, run: Int, in workspace: Workspace,
                        random: inout Xoshiro256StarStar) throws(RunError) {
        let plan = workspace.plan
        let temperatureCode = plan.trackTemperature[track]
        let temperature = interpreter.evaluate(temperatureCode, at: point, in: workspace, random: &random)
        try check(temperature, code: temperatureCode, step: point.step, run: run, in: workspace)
        let options = plan.trackOptions[track]
        let weights = workspace.scratch
        var best = -Double.infinity
        for option in options {
            let slot = option - options.lowerBound
            guard isAvailable(plan.optionAction[option], at: point, in: workspace, random: &random) else {
                weights[slot] = .nan
                continue
            }
            let code = plan.optionUtility[option]
            let utility = interpreter.evaluate(code, at: point, in: workspace, random: &random)
            try check(utility, code: code, step: point.step, run: run, in: workspace)
            weights[slot] = utility
            best = Swift.max(best, utility)
        }
        // One uniform per choice, always, so that streams stay aligned across policies.
        let draw = random.nextUniform()
        guard best > -.infinity else { return }
        var chosen = -1
        if temperature <= 0 {
            chosen = options.first { weights[$0 - options.lowerBound] == best } ?? -1
        } else {
            var total = 0.0
            for option in options where !weights[option - options.lowerBound].isNaN {
                let slot = option - options.lowerBound
                weights[slot] = exp((weights[slot] - best) / temperature)
                total += weights[slot]
            }
            var threshold = draw * total
            for option in options where !weights[option - options.lowerBound].isNaN {
                chosen = option
                threshold -= weights[option - options.lowerBound]
                if threshold < 0 { break }
            }
        }
        if chosen >= 0 {
            workspace.chosen[workspace.chosenOffset[actor] + workspace.chosenCount[actor]] = plan.optionAction[chosen]
            workspace.chosenCount[actor] += 1
        }
    }

    /// A games-library strategy: record last step's moves (own as carried out, the opponent's as
    /// seen), ask the strategy for C or D, and play the matching action if it is available.
    private func playBuiltin(track: Int, actor: Int, at point: EvaluationPoint, in workspace: Workspace) {
        let plan = workspace.plan
        let step = point.step, steps = workspace.stepCount
        if step > 0 {
            let defect = plan.builtinDefect[track]
            let ownDefected = Int(workspace.lastOccurrence[defect]) == step - 1
            let seenDefected = interpreter.evaluate(plan.builtinOpponentDefected[track], at: point, in: workspace,
                                                    random: &workspace.decisionRandom[actor]) != 0
            workspace.ownMoves[track * steps + step - 1] = ownDefected ? .defect : .cooperate
            workspace.seenMoves[track * steps + step - 1] = seenDefected ? .defect : .cooperate
            if ownDefected { workspace.ownDefections[track] += 1 }
            if seenDefected { workspace.seenDefections[track] += 1 }
        }
        let own = HistoryView(base: UnsafePointer(workspace.ownMoves.baseAddress.map { $0 + track * steps }), count: step,
                              defections: workspace.ownDefections[track])
        let seen = HistoryView(base: UnsafePointer(workspace.seenMoves.baseAddress.map { $0 + track * steps }), count: step,
                               defections: workspace.seenDefections[track])
        guard let move = workspace.players[track]?.move(ownHistory: own, opponentHistory: seen, random: &workspace.decisionRandom[actor])
        else { return }
        let action = move == .defect ? plan.builtinDefect[track] : plan.builtinCooperate[track]
        guard isAvailable(action, at: point, in: workspace, random: &workspace.decisionRandom[actor]) else { return }
        workspace.chosen[workspace.chosenOffset[actor] + workspace.chosenCount[actor]] = action
        workspace.chosenCount[actor] += 1
    }

    @inline(__always)
    private func isAvailable(_ action: Int, at point: EvaluationPoint, in workspace: Workspace,
                             random: inout Xoshiro256StarStar) -> Bool {
        let requires = workspace.plan.actionRequires[action]
        return requires.isEmpty || interpreter.evaluate(requires, at: point, in: workspace, random: &random) != 0
    }

    private func applyEffects(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step)
        for actor in 0..<workspace.plan.actorTracks.count {
            let offset = workspace.chosenOffset[actor]
            for index in 0..<workspace.chosenCount[actor] {
                try apply(workspace.plan.actionEffects[workspace.chosen[offset + index]], at: point, run: run,
                          in: workspace, random: &random)
            }
        }
    }

    /// Moves every roadmap one step: breach → collapse and snap-back; verified benchmark →
    /// reciprocal measure and the next benchmark; missed deadline → collapse; not active → start
    /// when its condition holds.
    private func advanceRoadmaps(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let plan = workspace.plan
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step)
        for roadmap in 0..<plan.roadmapSteps.count {
            let variable = plan.roadmapStepVariable[roadmap], slot = plan.roadmapAgreedSlot[roadmap]
            let steps = plan.roadmapSteps[roadmap]
            let current = Int(workspace.state[variable])
            if current >= 1, current <= steps.count {
                let breach = plan.roadmapBreach[roadmap]
                // One draw per active step, whatever happens, to keep streams aligned across arms.
                let draw = random.nextUniform()
                if !breach.isEmpty, interpreter.evaluate(breach, at: point, in: workspace, random: &random) != 0 {
                    try collapse(roadmap, breached: true, at: point, run: run, in: workspace, random: &random)
                    continue
                }
                let index = steps.lowerBound + current - 1
                if interpreter.evaluate(plan.benchmark[index], at: point, in: workspace, random: &random) != 0 {
                    let code = plan.verification[index]
                    let probability = interpreter.evaluate(code, at: point, in: workspace, random: &random)
                    try check(probability, code: code, step: step, run: run, in: workspace)
                    if draw < probability {
                        for observer in 0..<observerCount { workspace.record(slot: slot + 1, step: step, observer: observer) }
                        try apply(plan.reward[index], at: point, run: run, in: workspace, random: &random)
                        workspace.state[variable] = Double(current + 1)
                        workspace.roadmapOpenedAt[roadmap] = step
                        workspace.state[variable + 4] = Swift.max(workspace.state[variable + 4], Double(current) / Double(steps.count))
                        if current == steps.count {
                            workspace.state[variable + 1] = 0
                            workspace.state[variable + 2] = 1
                        }
                        continue
                    }
                }
                let deadline = plan.deadline[index]
                if deadline > 0, step - workspace.roadmapOpenedAt[roadmap] >= deadline {
                    try collapse(roadmap, breached: false, at: point, run: run, in: workspace, random: &random)
                }
            } else if current == 0 {
                if interpreter.evaluate(plan.roadmapStartsWhen[roadmap], at: point, in: workspace, random: &random) != 0 {
                    workspace.state[variable] = 1
                    workspace.state[variable + 1] = 1
                    workspace.roadmapOpenedAt[roadmap] = step
                    for observer in 0..<observerCount { workspace.record(slot: slot, step: step, observer: observer) }
                    workspace.goldstein[step] += plan.eventGoldstein[slot - plan.actionActor.count]
                }
            }
        }
    }

    private func collapse(_ roadmap: Int, breached: Bool, at point: EvaluationPoint, run: Int, in workspace: Workspace,
                          random: inout Xoshiro256StarStar) throws(RunError) {
        let plan = workspace.plan
        let variable = plan.roadmapStepVariable[roadmap]
        workspace.state[variable] = 0
        workspace.state[variable + 1] = 0
        workspace.state[variable + 3] += 1
        if breached {
            for observer in 0..<observerCount {
                workspace.record(slot: plan.roadmapAgreedSlot[roadmap] + 2, step: point.step, observer: observer)
            }
        }
        try apply(plan.roadmapSnapback[roadmap], at: point, run: run, in: workspace, random: &random)
    }

    /// Applies assignments one after another, each seeing the ones before it.
    @inline(__always)
    private func apply(_ assignments: Range<Int>, at point: EvaluationPoint, run: Int, in workspace: Workspace,
                       random: inout Xoshiro256StarStar) throws(RunError) {
        let plan = workspace.plan
        for assignment in assignments {
            let code = plan.assignmentCode[assignment]
            try assign(interpreter.evaluate(code, at: point, in: workspace, random: &random),
                       to: plan.assignmentVariable[assignment], code: code, step: point.step, run: run, in: workspace)
        }
    }

    private func applyDynamics(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let plan = workspace.plan
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step)
        // Every rule is computed from the same state (into the outputs, in order), then written.
        _ = interpreter.run(plan.dynamicsBatch, at: point, in: workspace, random: &random)
        for (rule, assignment) in plan.dynamics.enumerated() {
            let variable = plan.assignmentVariable[assignment]
            try assign(workspace.outputBase[rule], to: variable, code: plan.assignmentCode[assignment], step: step, run: run,
                       in: workspace)
        }
    }

    private func measure(step: Int, run: Int, in workspace: Workspace, random: inout Xoshiro256StarStar) throws(RunError) {
        let plan = workspace.plan
        let point = EvaluationPoint(step: step, observer: 0, actionHorizon: step)
        let count = plan.metricKind.count
        // Metrics neither draw nor change anything: computing them all before checking them in
        // order stops on the same metric as computing and checking one by one.
        _ = interpreter.run(plan.metricBatch, at: point, in: workspace, random: &random)
        let steps = workspace.stepCount
        for metric in 0..<count where plan.metricEachStep[metric] {
            let code = plan.metricCode[metric]
            let value = workspace.outputBase[metric]
            try check(value, code: code, step: step, run: run, in: workspace)
            let kind = plan.metricKind[metric]
            switch kind {
            case .series: workspace.seriesValues[step * count + metric] = value
            case .sum, .mean: workspace.metricValues[metric] += value
            case .max: workspace.metricValues[metric] = Swift.max(workspace.metricValues[metric], value)
            case .min: workspace.metricValues[metric] = Swift.min(workspace.metricValues[metric], value)
            case .final: break
            }
            let slot = Int(plan.periodSlot[metric * steps + step])
            guard slot >= 0 else { continue }
            switch kind {
            case .sum, .mean: workspace.periodValues[slot] += value
            case .max: workspace.periodValues[slot] = Swift.max(workspace.periodValues[slot], value)
            case .min: workspace.periodValues[slot] = Swift.min(workspace.periodValues[slot], value)
            case .final, .series: workspace.periodValues[slot] = value
            }
        }
    }

    // MARK: Checks

    @inline(__always)
    private func assign(_ value: Double, to variable: Int, code: CodeRange, step: Int, run: Int,
                        in workspace: Workspace) throws(RunError) {
        try check(value, code: code, step: step, run: run, in: workspace)
        workspace.state[variable] = Swift.min(Swift.max(value, workspace.plan.minimum[variable]), workspace.plan.maximum[variable])
    }

    @inline(__always)
    private func check(_ value: Double, code: CodeRange, step: Int, run: Int, in workspace: Workspace) throws(RunError) {
        guard !value.isFinite else { return }
        let original = workspace.plan.codes[Int(code.id)]
        throw RunError(expression: original.text, location: original.location, role: workspace.plan.roles[Int(code.id)],
                       step: scenario.clock.label(ofStep: step), value: value, run: run)
    }
}

extension Metric.Kind {
    /// The value a run's aggregate starts from: the identity of its running sum, maximum or minimum.
    var startingValue: Double {
        switch self {
        case .max: -.infinity
        case .min: .infinity
        default: 0
        }
    }
}
