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
    /// The register that is the code's whole value, when the code only reads one; else -1.
    var register: Int32 = -1

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
    /// Every expression's lowered code (see ``OpCode``), one after another.
    let ops: UnsafeMutablePointer<Op>
    let opCount: Int
    /// Registers, which lowered code reads by index: the parameters, then the state variables,
    /// then constants and hoisted subexpressions.
    let registerCount: Int
    /// The constant registers and their values.
    let constantRegister: UnsafeMutableBufferPointer<Int>
    let constantValue: UnsafeMutableBufferPointer<Double>
    /// Subexpressions that read only parameters and constants, computed once per run (after the
    /// parameters are set) into these registers by this code, instead of at every evaluation.
    let hoistedRegister: UnsafeMutableBufferPointer<Int>
    let hoistedCode: UnsafeMutableBufferPointer<CodeRange>
    /// The original code of each `CodeRange.id`, and what it computes, for error messages.
    let codes: [Code]
    /// The lowered code of each `CodeRange.id` (for tests that compare it with the original).
    let ranges: [CodeRange]
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
    /// Every dynamics rule's code, one after another, each storing its value in output `k` (the
    /// k-th rule): one interpreter call per step instead of one per rule.
    let dynamicsBatch: CodeRange
    /// Every metric measured at each step (all but `final` metrics without `per:`), in order,
    /// each storing its value in output `metric`.
    let metricBatch: CodeRange
    /// How many outputs the batches use.
    let outputCount: Int

    /// Per parameter, its value for every run when parameters are not drawn: the override if
    /// the configuration sets one, else the declared value.
    let parameterValue: UnsafeMutableBufferPointer<Double>
    /// Per parameter, whether the configuration overrides it (then it is never drawn).
    let parameterOverridden: UnsafeMutableBufferPointer<Bool>
    /// The scenario's joint draws (see ``JointDraws``): the parameters of a row, and the rows one
    /// after another; empty when every parameter is drawn alone.
    let jointParameters: UnsafeMutableBufferPointer<Int>
    let jointValues: UnsafeMutableBufferPointer<Double>

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
    /// Per metric, whether it is measured after every step (in ``metricBatch``).
    let metricEachStep: UnsafeMutableBufferPointer<Bool>
    /// Per metric and step (`metric × steps + step`), the index in the run's period values of
    /// the period the step belongs to; -1 for metrics without `per:`.
    let periodSlot: UnsafeMutableBufferPointer<Int32>
    /// Per period value, how many steps its period has (a `mean` divides by it).
    let periodStepCount: UnsafeMutableBufferPointer<Double>
    /// Per period value, its metric.
    let periodMetric: UnsafeMutableBufferPointer<Int>

    // Actors under the configuration's policies: each actor's decision tracks, in order.
    /// Per actor, its tracks (empty: the actor takes no action).
    let actorTracks: UnsafeMutableBufferPointer<Range<Int>>
    /// Per track: how it decides and what with.
    let trackKind: UnsafeMutableBufferPointer<UInt8>  // 1 rules, 2 choice, 3 builtin
    let trackRules: UnsafeMutableBufferPointer<Range<Int>>
    let trackTemperature: UnsafeMutableBufferPointer<CodeRange>
    let trackOptions: UnsafeMutableBufferPointer<Range<Int>>
    let implementationError: UnsafeMutableBufferPointer<CodeRange>
    let perceptionError: UnsafeMutableBufferPointer<CodeRange>
    let ruleCondition: UnsafeMutableBufferPointer<CodeRange>
    let ruleActions: UnsafeMutableBufferPointer<Range<Int>>
    let ruleActionList: UnsafeMutableBufferPointer<Int>
    let optionAction: UnsafeMutableBufferPointer<Int>
    let optionUtility: UnsafeMutableBufferPointer<CodeRange>
    /// Per track that plays a builtin strategy: its C and D actions and the opponent-defected condition.
    let builtinCooperate: UnsafeMutableBufferPointer<Int>
    let builtinDefect: UnsafeMutableBufferPointer<Int>
    let builtinOpponentDefected: UnsafeMutableBufferPointer<CodeRange>
    /// Per track, the builtin strategy to play (nil for other decisions), as configured.
    let builtinPlayers: [GamePlayer?]

    private var releases: [() -> Void] = []

    init(scenario: Scenario, configuration: RunConfiguration) {
        var builder = Builder(parameterCount: scenario.parameters.count, variableCount: scenario.variables.count,
                              stepLength: scenario.clock.stepLength)
        let variables = scenario.variables
        var initialRanges: [CodeRange] = []
        for variable in variables {
            // Evaluated once per run anyway: nothing to gain from hoisting.
            initialRanges.append(builder.add(variable.initial, role: "the initial value of \(variable.name)", hoisting: false))
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
        // The per-step batches: every dynamics rule in order (output k: the k-th rule), every
        // metric that is not `final` in order (output: the metric's index).
        let dynamicsCodes = scenario.dynamics.enumerated().map { ($0.element.code, $0.offset) }
        let dynamicsBatchRange = builder.addBatch(dynamicsCodes)
        let stepMetrics = scenario.metrics.enumerated().filter { $0.element.isMeasuredEachStep }
        let metricBatchRange = builder.addBatch(stepMetrics.map { ($0.element.code, $0.offset) })

        var actorTrackRanges: [Range<Int>] = [], trackKinds: [UInt8] = [], trackRuleRanges: [Range<Int>] = []
        var temperatures: [CodeRange] = [], trackOptionRanges: [Range<Int>] = []
        var implementation: [CodeRange] = [], perception: [CodeRange] = []
        var conditions: [CodeRange] = [], ruleActionRanges: [Range<Int>] = [], ruleActionList: [Int] = []
        var optionActions: [Int] = [], optionUtilities: [CodeRange] = []
        var cooperateActions: [Int] = [], defectActions: [Int] = [], opponentDefected: [CodeRange] = []
        var players: [GamePlayer?] = []
        for (index, actor) in scenario.actors.enumerated() {
            implementation.append(actor.implementationError.map { builder.add($0, role: "the implementation error of \(actor.name)") } ?? .none)
            perception.append(actor.perceptionError.map { builder.add($0, role: "the perception error of \(actor.name)") } ?? .none)
            let firstTrack = trackKinds.count
            for track in configuration.policies[index].map({ actor.policies[$0].tracks }) ?? [] {
                var player: GamePlayer?
                var builtin: (cooperate: Int, defect: Int, condition: CodeRange) = (-1, -1, .none)
                let ruleStart = conditions.count, optionStart = optionActions.count
                var temperature = CodeRange.none
                let kind: UInt8
                switch track.kind {
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
                players.append(player)
                cooperateActions.append(builtin.cooperate)
                defectActions.append(builtin.defect)
                opponentDefected.append(builtin.condition)
                trackKinds.append(kind)
                trackRuleRanges.append(ruleStart..<conditions.count)
                temperatures.append(temperature)
                trackOptionRanges.append(optionStart..<optionActions.count)
            }
            actorTrackRanges.append(firstTrack..<trackKinds.count)
        }

        var releases: [() -> Void] = []
        func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let pointer = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(values.count, 1))
            _ = pointer.initialize(from: values)
            releases.append { pointer.deallocate() }
            return UnsafeMutableBufferPointer(rebasing: pointer[0..<values.count])
        }
        let (hoistedRegisters, hoistedCodes) = builder.lowerHoisted()
        let opBuffer = UnsafeMutablePointer<Op>.allocate(capacity: Swift.max(builder.ops.count, 1))
        opBuffer.initialize(from: builder.ops, count: builder.ops.count)
        releases.append { opBuffer.deallocate() }
        ops = opBuffer
        opCount = builder.ops.count
        registerCount = builder.firstExtraRegister + builder.extraCount
        constantRegister = buffer(builder.constants.map(\.register))
        constantValue = buffer(builder.constants.map(\.value))
        hoistedRegister = buffer(hoistedRegisters)
        hoistedCode = buffer(hoistedCodes)
        codes = builder.codes
        ranges = builder.ranges
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
        dynamicsBatch = dynamicsBatchRange
        metricBatch = metricBatchRange
        outputCount = Swift.max(scenario.dynamics.count, scenario.metrics.count)
        parameterValue = buffer(scenario.parameters.indices.map { configuration.overrides[$0] ?? scenario.parameters[$0].value })
        parameterOverridden = buffer(scenario.parameters.indices.map { configuration.overrides[$0] != nil })
        jointParameters = buffer(scenario.jointDraws?.parameters ?? [])
        jointValues = buffer(scenario.jointDraws?.rows.flatMap { $0 } ?? [])
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
        metricEachStep = buffer(scenario.metrics.map(\.isMeasuredEachStep))
        var slots = [Int32](repeating: -1, count: scenario.metrics.count * steps)
        var stepCounts: [Double] = [], periodMetrics: [Int] = []
        for (metric, grid) in scenario.metrics.map(\.periods).enumerated() {
            guard let grid else { continue }
            let base = stepCounts.count
            for step in 0..<steps { slots[metric * steps + step] = Int32(base + grid.periodOfStep[step]) }
            stepCounts += grid.stepCounts.map(Double.init)
            periodMetrics += Array(repeating: metric, count: grid.count)
        }
        periodSlot = buffer(slots)
        periodStepCount = buffer(stepCounts)
        periodMetric = buffer(periodMetrics)
        actorTracks = buffer(actorTrackRanges)
        trackKind = buffer(trackKinds)
        trackRules = buffer(trackRuleRanges)
        trackTemperature = buffer(temperatures)
        trackOptions = buffer(trackOptionRanges)
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

    /// Lowers compiled code (see ``OpCode``) and concatenates it, relocating jumps.
    private struct Builder {
        var ops: [Op] = []
        var codes: [Code] = []
        var ranges: [CodeRange] = []
        var roles: [String] = []
        let parameterCount: Int
        let variableCount: Int
        let stepLength: Double
        /// Registers from here on hold constants and hoisted subexpressions.
        var firstExtraRegister: Int { parameterCount + variableCount }
        var extraCount = 0
        var constants: [(register: Int, value: Double)] = []
        private var constantRegisters: [UInt64: Int32] = [:]
        private var hoisted: [[Instruction]: Int32] = [:]
        private var hoistedOrder: [(register: Int32, code: [Instruction])] = []

        init(parameterCount: Int, variableCount: Int, stepLength: Double) {
            self.parameterCount = parameterCount
            self.variableCount = variableCount
            self.stepLength = stepLength
        }

        /// Adds `code`; with `hoisting`, its parameter-only subexpressions become registers
        /// computed once per run.
        mutating func add(_ code: Code, role: String, hoisting: Bool = true) -> CodeRange {
            let start = ops.count
            lower(code.instructions, hoisting: hoisting)
            codes.append(code)
            roles.append(role)
            let range = CodeRange(start: Int32(start), end: Int32(ops.count), id: Int32(codes.count - 1),
                                  register: Builder.register(readBy: ops[start...]))
            ranges.append(range)
            return range
        }

        /// Adds several codes as one batch: each one's value is stored in its output (see
        /// `OpCode.store`), in order, with nothing else between them.
        mutating func addBatch(_ batch: [(code: Code, output: Int)]) -> CodeRange {
            let start = ops.count
            for (code, output) in batch {
                lower(code.instructions, hoisting: true)
                ops.append(Op(code: .store, a: Int32(output)))
            }
            return CodeRange(start: Int32(start), end: Int32(ops.count), id: -1)
        }

        /// Lowers the hoisted subexpressions (after every code is added), returning each one's
        /// register and code.
        mutating func lowerHoisted() -> ([Int], [CodeRange]) {
            var registers: [Int] = [], ranges: [CodeRange] = []
            for (register, code) in hoistedOrder {
                let start = ops.count
                lower(code, hoisting: false)
                registers.append(Int(register))
                ranges.append(CodeRange(start: Int32(start), end: Int32(ops.count), id: -1, register: Builder.register(readBy: ops[start...])))
            }
            return (registers, ranges)
        }

        /// The register that lowered code only reads, if it is a single push.
        private static func register(readBy code: ArraySlice<Op>) -> Int32 {
            guard code.count == 1, let op = code.first, op.code == .push else { return -1 }
            return op.a
        }

        /// The register of a constant (the same register for the same bits).
        private mutating func register(constant value: Double) -> Int32 {
            if let register = constantRegisters[value.bitPattern] { return register }
            let register = Int32(firstExtraRegister + extraCount)
            extraCount += 1
            constantRegisters[value.bitPattern] = register
            constants.append((Int(register), value))
            return register
        }

        /// The register of a hoisted subexpression (the same register for the same code).
        private mutating func register(hoisting code: [Instruction]) -> Int32 {
            if let register = hoisted[code] { return register }
            let register = Int32(firstExtraRegister + extraCount)
            extraCount += 1
            hoisted[code] = register
            hoistedOrder.append((register, code))
            return register
        }

        /// The register an instruction pushes, if it pushes one.
        private mutating func leafRegister(_ instruction: Instruction) -> Int32? {
            switch instruction {
            case let .constant(value): register(constant: value)
            case .stepLength: register(constant: stepLength)
            case let .parameter(index): Int32(index)
            case let .state(index): Int32(parameterCount + index)
            default: nil
            }
        }

        private enum Micro {
            case leaf(Int32)
            case instruction(Instruction)
            case jumpLoading(ifTrue: Bool, target: Int, register: Int32)
            case removed
        }

        private static func jumpTarget(_ instruction: Instruction) -> Int? {
            switch instruction {
            case let .jump(target), let .jumpIfFalse(target), let .jumpIfTrue(target): target
            default: nil
            }
        }

        /// Appends the lowered form of `instructions` (jumps relative to their start).
        private mutating func lower(_ instructions: [Instruction], hoisting: Bool) {
            let count = instructions.count
            let originalTargets = Set(instructions.compactMap(Builder.jumpTarget))

            // 1. Leaves become registers; hoisted subexpressions become one register each.
            var hoists: [Int: (end: Int, register: Int32)] = [:]
            if hoisting {
                for range in Builder.parameterOnlyRanges(instructions, targets: originalTargets) {
                    hoists[range.lowerBound] = (range.upperBound, register(hoisting: Array(instructions[range])))
                }
            }
            var micro: [Micro] = []
            var microIndex = [Int](repeating: 0, count: count + 1)
            var index = 0
            while index < count {
                microIndex[index] = micro.count
                if let hoist = hoists[index] {
                    micro.append(.leaf(hoist.register))
                    index = hoist.end
                    continue
                }
                if let register = leafRegister(instructions[index]) {
                    micro.append(.leaf(register))
                } else {
                    micro.append(.instruction(instructions[index]))
                }
                index += 1
            }
            microIndex[count] = micro.count
            for position in micro.indices {
                guard case let .instruction(instruction) = micro[position] else { continue }
                switch instruction {
                case let .jump(target): micro[position] = .instruction(.jump(microIndex[target]))
                case let .jumpIfFalse(target): micro[position] = .instruction(.jumpIfFalse(microIndex[target]))
                case let .jumpIfTrue(target): micro[position] = .instruction(.jumpIfTrue(microIndex[target]))
                default: break
                }
            }

            // 2. A conditional jump to a leaf (`and`, `or`, `else x`) loads it and jumps past it.
            for position in micro.indices {
                guard case let .instruction(instruction) = micro[position] else { continue }
                switch instruction {
                case let .jumpIfFalse(target) where target < micro.count:
                    if case let .leaf(register) = micro[target] {
                        micro[position] = .jumpLoading(ifTrue: false, target: target + 1, register: register)
                    }
                case let .jumpIfTrue(target) where target < micro.count:
                    if case let .leaf(register) = micro[target] {
                        micro[position] = .jumpLoading(ifTrue: true, target: target + 1, register: register)
                    }
                default: break
                }
            }
            func collectTargets() -> Set<Int> {
                var targets = Set<Int>()
                for item in micro {
                    switch item {
                    case let .instruction(instruction): if let target = Builder.jumpTarget(instruction) { targets.insert(target) }
                    case let .jumpLoading(_, target, _): targets.insert(target)
                    case .leaf, .removed: break
                    }
                }
                return targets
            }
            var targets = collectTargets()
            // A jump over a leaf that nothing jumps to any more (the constant after `and`, `or`)
            // does nothing: remove both.
            for position in micro.indices {
                guard case .instruction(.jump(position + 2)) = micro[position], case .leaf = micro[position + 1],
                      !targets.contains(position + 1) else { continue }
                micro[position] = .removed
                micro[position + 1] = .removed
            }
            targets = collectTargets()

            // 3. Fuse a leaf with the binary operator after it, or two leaves with the one after
            //    them, unless a jump lands between them.
            var code: [Op] = []
            var opIndex = [Int](repeating: 0, count: micro.count + 1)
            func binaryForm(_ position: Int) -> (stack: OpCode, register: OpCode, pushed: OpCode)? {
                guard position < micro.count, !targets.contains(position),
                      case let .instruction(instruction) = micro[position] else { return nil }
                return OpCode.binaryForms[instruction]
            }
            var position = 0
            while position < micro.count {
                opIndex[position] = code.count
                switch micro[position] {
                case let .leaf(left):
                    if position + 2 < micro.count, !targets.contains(position + 1),
                       case let .leaf(right) = micro[position + 1], let form = binaryForm(position + 2) {
                        code.append(Op(code: form.pushed, a: left, b: right))
                        opIndex[position + 1] = code.count
                        opIndex[position + 2] = code.count
                        position += 3
                    } else if let form = binaryForm(position + 1) {
                        code.append(Op(code: form.register, a: left))
                        opIndex[position + 1] = code.count
                        position += 2
                    } else {
                        code.append(Op(code: .push, a: left))
                        position += 1
                    }
                    continue
                case let .jumpLoading(ifTrue, target, register):
                    code.append(Op(code: ifTrue ? .jumpIfTrueLoading : .jumpIfFalseLoading, a: Int32(target), b: register))
                case let .instruction(instruction):
                    code.append(Builder.op(instruction))
                case .removed:
                    break
                }
                position += 1
            }
            opIndex[micro.count] = code.count
            for index in code.indices where Builder.isJump(code[index].code) {
                code[index].a = Int32(opIndex[Int(code[index].a)])
            }

            // 4. Fuse common pairs of operations, unless a jump lands between them.
            let opTargets = Set(code.compactMap { Builder.isJump($0.code) ? Int($0.a) : nil })
            var fused: [Op] = []
            var fusedIndex = [Int](repeating: 0, count: code.count + 1)
            for index in code.indices {
                if !opTargets.contains(index), let last = fused.last, let pair = Builder.fuse(last, code[index]) {
                    fused[fused.count - 1] = pair
                } else {
                    fused.append(code[index])
                }
                fusedIndex[index] = fused.count - 1
            }
            fusedIndex[code.count] = fused.count
            let base = ops.count
            for var op in fused {
                // Every target starts an operation of its own, so its index maps exactly.
                if Builder.isJump(op.code) { op.a = Int32(base + fusedIndex[Int(op.a)]) }
                ops.append(op)
            }
        }

        private static func isJump(_ code: OpCode) -> Bool {
            switch code {
            case .jump, .jumpIfFalse, .jumpIfTrue, .jumpIfFalseLoading, .jumpIfTrueLoading: true
            default: false
            }
        }

        /// One operation doing what `first` then `second` do, in the same order, if there is one.
        private static func fuse(_ first: Op, _ second: Op) -> Op? {
            switch (first.code, second.code) {
            case (.push, .push): Op(code: .pushTwo, a: first.a, b: second.a)
            case (.multiply, .add): Op(code: .multiplyAdd)
            case (.multiply, .subtract): Op(code: .multiplySubtract)
            case (.pushMultiply, .add): Op(code: .addProduct, a: first.a, b: first.b)
            case (.pushMultiply, .subtract): Op(code: .subtractProduct, a: first.a, b: first.b)
            case (.pushSubtract, .multiply): Op(code: .multiplyDifference, a: first.a, b: first.b)
            case (.pushStep, .remainderRegister): Op(code: .pushStepRemainder, a: second.a)
            case (.pushStepRemainder, .equalRegister): Op(code: .pushStepRemainderEqual, a: first.a, b: second.a)
            default: nil
            }
        }

        /// The lowered operation of an instruction that is not a leaf (jump targets unrelocated).
        private static func op(_ instruction: Instruction) -> Op {
            switch instruction {
            case .constant, .parameter, .state, .stepLength: Op(code: .push)  // leaves, never asked
            case .step: Op(code: .pushStep)
            case .date: Op(code: .pushDate)
            case let .lagged(variable, lag): Op(code: .pushLagged, a: Int32(variable), b: Int32(lag))
            case .negate: Op(code: .negate)
            case .not: Op(code: .not)
            case let .function(function):
                Op(code: .function, a: Int32(Interpreter.functions.firstIndex(of: function) ?? 0))
            case .add, .subtract, .multiply, .divide, .remainder, .power, .less, .lessOrEqual, .greater, .greaterOrEqual,
                 .equal, .notEqual, .minimum, .maximum:
                Op(code: OpCode.binaryForms[instruction]?.stack ?? .add)
            case .clamp: Op(code: .clamp)
            case let .draw(draw):
                switch draw {
                case .bernoulli: Op(code: .bernoulli)
                case .uniform: Op(code: .uniform)
                case .normal: Op(code: .normal)
                case .lognormal: Op(code: .lognormal)
                case .poisson: Op(code: .poisson)
                case .triangular: Op(code: .triangular)
                case .negativeBinomial: Op(code: .negativeBinomial)
                }
            case let .jump(target): Op(code: .jump, a: Int32(target))
            case let .jumpIfFalse(target): Op(code: .jumpIfFalse, a: Int32(target))
            case let .jumpIfTrue(target): Op(code: .jumpIfTrue, a: Int32(target))
            case let .did(slot, within): Op(code: .pushDid, a: Int32(slot), b: Int32(within))
            case let .count(slot, within): Op(code: .pushCount, a: Int32(slot), b: Int32(within))
            case let .since(slot): Op(code: .pushSince, a: Int32(slot))
            case .goldstein: Op(code: .pushGoldstein)
            }
        }

        /// The maximal subexpressions of straight-line code that read only constants, `dt` and
        /// parameters and do at least one operation: their value is the same at every
        /// evaluation of one run. None contains a jump or a jump target (except at its start).
        static func parameterOnlyRanges(_ instructions: [Instruction], targets: Set<Int>) -> [Range<Int>] {
            // What the abstract stack holds: whether a value is parameter-only, and the
            // instructions that computed it (start -1: unknown, after control flow).
            struct Value {
                var pure: Bool
                var start: Int
                var end: Int
            }
            var stack: [Value] = []
            var ranges: [Range<Int>] = []
            func finish(_ value: Value) {
                if value.pure, value.start >= 0, value.end - value.start >= 2 { ranges.append(value.start..<value.end) }
            }
            func pop() -> Value { stack.popLast() ?? Value(pure: false, start: -1, end: -1) }
            func combine(_ operands: [Value], at index: Int) {
                var contiguous = true
                for pair in zip(operands, operands.dropFirst()) where pair.0.end != pair.1.start { contiguous = false }
                if contiguous, operands.allSatisfy({ $0.pure && $0.start >= 0 }), let first = operands.first {
                    stack.append(Value(pure: true, start: first.start, end: index + 1))
                } else {
                    operands.forEach(finish)
                    stack.append(Value(pure: false, start: -1, end: -1))
                }
            }
            for (index, instruction) in instructions.enumerated() {
                if targets.contains(index) {
                    stack.forEach(finish)
                    stack.removeAll()
                }
                switch instruction {
                case .constant, .parameter, .stepLength:
                    stack.append(Value(pure: true, start: index, end: index + 1))
                case .state, .step, .date, .lagged, .did, .count, .since, .goldstein:
                    stack.append(Value(pure: false, start: -1, end: -1))
                case .negate, .not, .function:
                    combine([pop()], at: index)
                case .add, .subtract, .multiply, .divide, .remainder, .power, .less, .lessOrEqual, .greater, .greaterOrEqual,
                     .equal, .notEqual, .minimum, .maximum:
                    let right = pop(), left = pop()
                    combine([left, right], at: index)
                case .clamp:
                    let upper = pop(), lower = pop(), value = pop()
                    combine([value, lower, upper], at: index)
                case let .draw(draw):
                    for _ in 0..<draw.arity { finish(pop()) }
                    stack.append(Value(pure: false, start: -1, end: -1))
                case .jump, .jumpIfFalse, .jumpIfTrue:
                    stack.forEach(finish)
                    stack.removeAll()
                }
            }
            stack.forEach(finish)
            return ranges
        }
    }
}
