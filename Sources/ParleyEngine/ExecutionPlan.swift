import ParleyGames
import ParleyLanguage

/// A range of instructions in an ``ExecutionPlan``, and which compiled ``Code`` it came from.
struct CodeRange {
    /// First instruction.
    var start: Int32
    /// One past the last instruction; equal to `start` when there is no code.
    var end: Int32
    /// Index of the original ``Code`` in ``ExecutionPlan/codes`` (for error messages only).
    var id: Int32

    static let none = CodeRange(start: 0, end: 0, id: -1)
    var isEmpty: Bool { start == end }
}

/// A scenario and a run configuration flattened into plain buffers, one per worker thread.
///
/// The compiled ``Scenario`` is made of Swift arrays and enums; reading them in the hot loop
/// retains and releases their storage, and when several threads share one scenario those
/// atomic reference counts bounce between cores. The plan copies everything a step needs into
/// unmanaged buffers owned by one worker, so a step touches no reference count at all.
final class ExecutionPlan {
    let code: UnsafeMutableBufferPointer<Instruction>
    /// The original code of each `CodeRange.id`, and what it computes, for error messages.
    let codes: [Code]
    let roles: [String]

    // State variables.
    let initial: UnsafeMutableBufferPointer<CodeRange>
    let minimum: UnsafeMutableBufferPointer<Double>
    let maximum: UnsafeMutableBufferPointer<Double>

    // Assignments (effects and dynamics), referenced by ranges.
    let assignmentVariable: UnsafeMutableBufferPointer<Int>
    let assignmentCode: UnsafeMutableBufferPointer<CodeRange>

    // Actions.
    let actionRequires: UnsafeMutableBufferPointer<CodeRange>
    let actionEffects: UnsafeMutableBufferPointer<Range<Int>>
    let actionGoldstein: UnsafeMutableBufferPointer<Double>
    let actionFlip: UnsafeMutableBufferPointer<Int>
    let actionActor: UnsafeMutableBufferPointer<Int>

    // Events.
    let eventKind: UnsafeMutableBufferPointer<UInt8>  // 0 scheduled, 1 hazard, 2 condition, 3 fired by a roadmap
    let eventTrigger: UnsafeMutableBufferPointer<CodeRange>
    let eventFirstStep: UnsafeMutableBufferPointer<Int>
    let eventLastStep: UnsafeMutableBufferPointer<Int>
    let eventOnce: UnsafeMutableBufferPointer<Bool>
    let eventEffects: UnsafeMutableBufferPointer<Range<Int>>
    let eventGoldstein: UnsafeMutableBufferPointer<Double>
    let eventScheduled: UnsafeMutableBufferPointer<Bool>  // events × steps

    let dynamics: Range<Int>

    // Roadmaps: per roadmap, then per step.
    let roadmapStartsWhen: UnsafeMutableBufferPointer<CodeRange>
    let roadmapBreach: UnsafeMutableBufferPointer<CodeRange>
    let roadmapSnapback: UnsafeMutableBufferPointer<Range<Int>>
    let roadmapSteps: UnsafeMutableBufferPointer<Range<Int>>
    /// Per roadmap: its step variable (active, completed, collapses, progress follow it) and agreed slot (verified, breached follow).
    let roadmapStepVariable: UnsafeMutableBufferPointer<Int>
    let roadmapAgreedSlot: UnsafeMutableBufferPointer<Int>
    let benchmark: UnsafeMutableBufferPointer<CodeRange>
    let verification: UnsafeMutableBufferPointer<CodeRange>
    let deadline: UnsafeMutableBufferPointer<Int>  // 0: none
    let reward: UnsafeMutableBufferPointer<Range<Int>>
    /// The date (day number) at the start of each step and at the end.
    let dayNumbers: UnsafeMutableBufferPointer<Double>

    // Metrics.
    let metricKind: UnsafeMutableBufferPointer<Metric.Kind>
    let metricCode: UnsafeMutableBufferPointer<CodeRange>

    // Actors under the configuration's policies.
    let policyKind: UnsafeMutableBufferPointer<UInt8>  // 0 none, 1 rules, 2 choice, 3 builtin
    let policyRules: UnsafeMutableBufferPointer<Range<Int>>
    let policyTemperature: UnsafeMutableBufferPointer<CodeRange>
    let policyOptions: UnsafeMutableBufferPointer<Range<Int>>
    let implementationError: UnsafeMutableBufferPointer<CodeRange>
    let perceptionError: UnsafeMutableBufferPointer<CodeRange>
    let ruleCondition: UnsafeMutableBufferPointer<CodeRange>
    let ruleActions: UnsafeMutableBufferPointer<Range<Int>>
    let ruleActionList: UnsafeMutableBufferPointer<Int>
    let optionAction: UnsafeMutableBufferPointer<Int>
    let optionUtility: UnsafeMutableBufferPointer<CodeRange>
    /// Per actor with a builtin policy: its C and D actions and the opponent-defected condition.
    let builtinCooperate: UnsafeMutableBufferPointer<Int>
    let builtinDefect: UnsafeMutableBufferPointer<Int>
    let builtinOpponentDefected: UnsafeMutableBufferPointer<CodeRange>
    /// Per actor, the builtin strategy to play (nil for other policies), as configured.
    let builtinPlayers: [GamePlayer?]

    private var releases: [() -> Void] = []

    init(scenario: Scenario, configuration: RunConfiguration) {
        var builder = Builder()
        let variables = scenario.variables
        var initialRanges: [CodeRange] = []
        for variable in variables {
            initialRanges.append(builder.add(variable.initial, role: "the initial value of \(variable.name)"))
        }
        var assignmentVariables: [Int] = [], assignmentCodes: [CodeRange] = []
        func addAssignments(_ assignments: [Assignment]) -> Range<Int> {
            let start = assignmentVariables.count
            for assignment in assignments {
                assignmentVariables.append(assignment.variable)
                assignmentCodes.append(builder.add(assignment.code, role: "the new value of \(variables[assignment.variable].name)"))
            }
            return start..<assignmentVariables.count
        }
        var requires: [CodeRange] = [], effects: [Range<Int>] = []
        for action in scenario.actions {
            requires.append(action.requires.map { builder.add($0, role: "the condition of \(action.name)") } ?? .none)
            effects.append(addAssignments(action.effects))
        }
        let steps = scenario.clock.steps
        var kinds: [UInt8] = [], triggers: [CodeRange] = [], eventEffects: [Range<Int>] = []
        var scheduledMask = [Bool](repeating: false, count: scenario.events.count * steps)
        for (index, event) in scenario.events.enumerated() {
            switch event.trigger {
            case let .scheduled(list):
                kinds.append(0)
                triggers.append(.none)
                for step in list { scheduledMask[index * steps + step] = true }
            case let .hazard(code):
                kinds.append(1)
                triggers.append(builder.add(code, role: "the hazard of \(event.name)"))
            case let .condition(code):
                kinds.append(2)
                triggers.append(builder.add(code, role: "the condition of \(event.name)"))
            case .roadmap:
                kinds.append(3)
                triggers.append(.none)
            }
            eventEffects.append(addAssignments(event.effects))
        }
        let dynamicsRange = addAssignments(scenario.dynamics)
        var startsWhen: [CodeRange] = [], breaches: [CodeRange] = [], snapbacks: [Range<Int>] = [], stepRanges: [Range<Int>] = []
        var benchmarks: [CodeRange] = [], verifications: [CodeRange] = [], deadlines: [Int] = [], rewards: [Range<Int>] = []
        for roadmap in scenario.roadmaps {
            startsWhen.append(builder.add(roadmap.startsWhen, role: "the start condition of \(roadmap.name)"))
            breaches.append(roadmap.breach.map { builder.add($0, role: "the breach condition of \(roadmap.name)") } ?? .none)
            snapbacks.append(addAssignments(roadmap.snapback))
            let first = benchmarks.count
            for step in roadmap.steps {
                benchmarks.append(builder.add(step.benchmark, role: "the benchmark \(step.name) of \(roadmap.name)"))
                verifications.append(builder.add(step.verification, role: "the verification of \(step.name)"))
                deadlines.append(step.deadline ?? 0)
                rewards.append(addAssignments(step.reward))
            }
            stepRanges.append(first..<benchmarks.count)
        }
        let metricCodes = scenario.metrics.map { builder.add($0.code, role: "the metric \($0.name)") }

        var policyKinds: [UInt8] = [], policyRuleRanges: [Range<Int>] = [], temperatures: [CodeRange] = []
        var policyOptionRanges: [Range<Int>] = [], implementation: [CodeRange] = [], perception: [CodeRange] = []
        var conditions: [CodeRange] = [], ruleActionRanges: [Range<Int>] = [], ruleActionList: [Int] = []
        var optionActions: [Int] = [], optionUtilities: [CodeRange] = []
        var cooperateActions: [Int] = [], defectActions: [Int] = [], opponentDefected: [CodeRange] = []
        var players: [GamePlayer?] = []
        for (index, actor) in scenario.actors.enumerated() {
            var player: GamePlayer?
            var builtin: (cooperate: Int, defect: Int, condition: CodeRange) = (-1, -1, .none)
            implementation.append(actor.implementationError.map { builder.add($0, role: "the implementation error of \(actor.name)") } ?? .none)
            perception.append(actor.perceptionError.map { builder.add($0, role: "the perception error of \(actor.name)") } ?? .none)
            let ruleStart = conditions.count, optionStart = optionActions.count
            var temperature = CodeRange.none
            var kind: UInt8 = 0
            if let chosen = configuration.policies[index] {
                switch actor.policies[chosen].kind {
                case let .rules(rules):
                    kind = 1
                    for rule in rules {
                        conditions.append(rule.condition.map { builder.add($0, role: "a rule's condition of \(actor.name)") } ?? .none)
                        let start = ruleActionList.count
                        ruleActionList += rule.actions
                        ruleActionRanges.append(start..<ruleActionList.count)
                    }
                case let .choice(temperatureCode, options):
                    kind = 2
                    temperature = builder.add(temperatureCode, role: "the temperature of \(actor.name)'s choice")
                    for option in options {
                        optionActions.append(option.action)
                        optionUtilities.append(builder.add(option.utility, role: "the utility of \(scenario.actions[option.action].name)"))
                    }
                case let .builtin(policy):
                    kind = 3
                    // The loader checked the key and parameters against the catalogue.
                    player = try? GamePlayer(key: policy.strategy, parameters: policy.parameters)
                    builtin = (policy.cooperate, policy.defect,
                               builder.add(policy.opponentDefected, role: "whether \(actor.name)'s opponent defected"))
                }
            }
            players.append(player)
            cooperateActions.append(builtin.cooperate)
            defectActions.append(builtin.defect)
            opponentDefected.append(builtin.condition)
            policyKinds.append(kind)
            policyRuleRanges.append(ruleStart..<conditions.count)
            temperatures.append(temperature)
            policyOptionRanges.append(optionStart..<optionActions.count)
        }

        var releases: [() -> Void] = []
        func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let pointer = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(values.count, 1))
            _ = pointer.initialize(from: values)
            releases.append { pointer.deallocate() }
            return UnsafeMutableBufferPointer(rebasing: pointer[0..<values.count])
        }
        code = buffer(builder.instructions)
        codes = builder.codes
        roles = builder.roles
        initial = buffer(initialRanges)
        minimum = buffer(variables.map { $0.minimum ?? -.infinity })
        maximum = buffer(variables.map { $0.maximum ?? .infinity })
        assignmentVariable = buffer(assignmentVariables)
        assignmentCode = buffer(assignmentCodes)
        actionRequires = buffer(requires)
        actionEffects = buffer(effects)
        actionGoldstein = buffer(scenario.actions.map(\.goldstein))
        actionFlip = buffer(scenario.actions.map { $0.flip ?? -1 })
        actionActor = buffer(scenario.actions.map(\.actor))
        eventKind = buffer(kinds)
        eventTrigger = buffer(triggers)
        eventFirstStep = buffer(scenario.events.map(\.firstStep))
        eventLastStep = buffer(scenario.events.map(\.lastStep))
        eventOnce = buffer(scenario.events.map(\.once))
        self.eventEffects = buffer(eventEffects)
        eventGoldstein = buffer(scenario.events.map(\.goldstein))
        eventScheduled = buffer(scheduledMask)
        dynamics = dynamicsRange
        dayNumbers = buffer(scenario.clock.dayNumbers)
        roadmapStartsWhen = buffer(startsWhen)
        roadmapBreach = buffer(breaches)
        roadmapSnapback = buffer(snapbacks)
        roadmapSteps = buffer(stepRanges)
        roadmapStepVariable = buffer(scenario.roadmaps.map(\.stepVariable))
        roadmapAgreedSlot = buffer(scenario.roadmaps.map(\.agreedSlot))
        benchmark = buffer(benchmarks)
        verification = buffer(verifications)
        deadline = buffer(deadlines)
        reward = buffer(rewards)
        metricKind = buffer(scenario.metrics.map(\.kind))
        metricCode = buffer(metricCodes)
        policyKind = buffer(policyKinds)
        policyRules = buffer(policyRuleRanges)
        policyTemperature = buffer(temperatures)
        policyOptions = buffer(policyOptionRanges)
        implementationError = buffer(implementation)
        perceptionError = buffer(perception)
        ruleCondition = buffer(conditions)
        ruleActions = buffer(ruleActionRanges)
        self.ruleActionList = buffer(ruleActionList)
        optionAction = buffer(optionActions)
        optionUtility = buffer(optionUtilities)
        builtinCooperate = buffer(cooperateActions)
        builtinDefect = buffer(defectActions)
        builtinOpponentDefected = buffer(opponentDefected)
        builtinPlayers = players
        self.releases = releases
    }

    deinit {
        for release in releases { release() }
    }

    /// Concatenates compiled code, relocating jumps.
    private struct Builder {
        var instructions: [Instruction] = []
        var codes: [Code] = []
        var roles: [String] = []

        mutating func add(_ code: Code, role: String) -> CodeRange {
            let offset = instructions.count
            for instruction in code.instructions {
                switch instruction {
                case let .jump(target): instructions.append(.jump(target + offset))
                case let .jumpIfFalse(target): instructions.append(.jumpIfFalse(target + offset))
                case let .jumpIfTrue(target): instructions.append(.jumpIfTrue(target + offset))
                default: instructions.append(instruction)
                }
            }
            codes.append(code)
            roles.append(role)
            return CodeRange(start: Int32(offset), end: Int32(instructions.count), id: Int32(codes.count - 1))
        }
    }
}
