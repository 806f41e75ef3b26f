import ParleyGames
import ParleyLanguage
import ParleyNumerics

/// The mutable memory of one run, allocated once per worker and reused for every run it
/// executes, so that a step allocates nothing.
///
/// Observers: index 0 is the truth (what happened); each actor that misperceives has its
/// own observer index holding what it believes happened.
final class Workspace {
    /// The scenario and configuration, flattened for this worker alone.
    let plan: ExecutionPlan
    let variableCount: Int
    let slotCount: Int
    let stepCount: Int
    let observerCount: Int

    /// The registers of lowered code (see ``ExecutionPlan/registerCount``): `parameters`, then
    /// `state`, then constants and the run's hoisted subexpressions.
    let registers: UnsafeMutableBufferPointer<Double>
    /// The first register, and the first slot of `stack`, for the interpreter.
    let registerBase: UnsafeMutablePointer<Double>
    let stackBase: UnsafeMutablePointer<Double>
    /// Current state, one value per state variable (a part of `registers`).
    let state: UnsafeMutableBufferPointer<Double>
    /// This run's parameter values (a part of `registers`).
    let parameters: UnsafeMutableBufferPointer<Double>
    /// The expression stack.
    let stack: UnsafeMutableBufferPointer<Double>
    /// Per lagged variable, its values at the start of each step and at the end ([steps + 1]).
    let trajectories: UnsafeMutableBufferPointer<Double>
    /// For each state variable, its row in `trajectories` (-1: not kept).
    let trajectoryRow: UnsafeMutableBufferPointer<Int>
    /// The state variables that have a row in `trajectories`, in order.
    let laggedVariables: UnsafeMutableBufferPointer<Int>
    /// Per observer and slot, the last step it happened (Int32.min: never).
    let lastOccurrence: UnsafeMutableBufferPointer<Int32>
    /// Per observer and slot, how often it happened.
    let totalCount: UnsafeMutableBufferPointer<Int32>
    /// Per observer, step and slot: 1 if it happened.
    let occurred: UnsafeMutableBufferPointer<UInt8>
    /// The sum of Goldstein scores of what happened in each step.
    let goldstein: UnsafeMutableBufferPointer<Double>
    /// Per action, whether it is performed in the current step.
    let performed: UnsafeMutableBufferPointer<Bool>
    /// Scratch for discrete choice: utilities and which options are available.
    let scratch: UnsafeMutableBufferPointer<Double>
    /// Per actor, the generator of its decisions and its noise (stream 16 + actor index), so that
    /// one actor's draws never shift another's when policies change.
    let decisionRandom: UnsafeMutableBufferPointer<Xoshiro256StarStar>
    /// Per decision track with a builtin strategy, the strategy's state for this run.
    let players: UnsafeMutableBufferPointer<GamePlayer?>
    /// Per track and step, its own moves and the opponent's moves as it saw them (builtin strategies).
    let ownMoves: UnsafeMutableBufferPointer<Move>
    let seenMoves: UnsafeMutableBufferPointer<Move>
    /// Per track, how many of those moves were defections.
    let ownDefections: UnsafeMutableBufferPointer<Int>
    let seenDefections: UnsafeMutableBufferPointer<Int>
    /// Per roadmap, the step at which its current benchmark opened.
    let roadmapOpenedAt: UnsafeMutableBufferPointer<Int>
    /// Per event, whether it has fired in this run.
    let hasFired: UnsafeMutableBufferPointer<Bool>
    /// Values stored by batches of code (``ExecutionPlan/dynamicsBatch``, ``ExecutionPlan/metricBatch``).
    let outputBase: UnsafeMutablePointer<Double>
    /// Per metric, its value for the run just finished (a series metric: its last value).
    let metricValues: UnsafeMutableBufferPointer<Double>
    /// Per step and metric, the value of series metrics (others unused).
    let seriesValues: UnsafeMutableBufferPointer<Double>
    /// For the metrics with `per:`, in metric order, one value per period (see ``ExecutionPlan/periodSlot``).
    let periodValues: UnsafeMutableBufferPointer<Double>
    /// Per actor, the actions it chose this step (up to its action count), and how many.
    let chosen: UnsafeMutableBufferPointer<Int>
    let chosenCount: UnsafeMutableBufferPointer<Int>
    let chosenOffset: UnsafeMutableBufferPointer<Int>
    /// Per actor, whose history it reads (0: the truth).
    let observerOfActor: UnsafeMutableBufferPointer<Int>

    init(scenario: Scenario, plan: ExecutionPlan, observerOfActor: [Int], observerCount: Int) {
        self.plan = plan
        variableCount = scenario.variables.count
        slotCount = scenario.historySlotCount
        stepCount = scenario.clock.steps
        self.observerCount = observerCount
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(count, 1))
            buffer.initialize(repeating: value)
            return buffer
        }
        let parameterCount = scenario.parameters.count
        let registerBase = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(plan.registerCount, 1))
        registerBase.initialize(repeating: 0, count: Swift.max(plan.registerCount, 1))
        self.registerBase = registerBase
        registers = UnsafeMutableBufferPointer(start: registerBase, count: plan.registerCount)
        for (register, value) in zip(plan.constantRegister, plan.constantValue) { registerBase[register] = value }
        parameters = UnsafeMutableBufferPointer(start: registerBase, count: parameterCount)
        state = UnsafeMutableBufferPointer(start: registerBase + parameterCount, count: variableCount)
        // One more slot than the deepest code needs: the accumulator spilled by the first push.
        let stackBase = UnsafeMutablePointer<Double>.allocate(capacity: scenario.maximumStackDepth + 4)
        stackBase.initialize(repeating: 0, count: scenario.maximumStackDepth + 4)
        self.stackBase = stackBase
        stack = UnsafeMutableBufferPointer(start: stackBase, count: scenario.maximumStackDepth + 4)
        var rows = [Int](repeating: -1, count: variableCount)
        var rowCount = 0
        for (variable, lag) in scenario.maximumLag.enumerated() where lag > 0 {
            rows[variable] = rowCount
            rowCount += 1
        }
        trajectoryRow = buffer(rows.count, 0)
        _ = trajectoryRow.initialize(from: rows)
        let lagged = rows.indices.filter { rows[$0] >= 0 }
        laggedVariables = UnsafeMutableBufferPointer(rebasing: buffer(lagged.count, 0)[0..<lagged.count])
        _ = laggedVariables.initialize(from: lagged)
        trajectories = buffer(rowCount * (stepCount + 1), 0)
        lastOccurrence = buffer(observerCount * slotCount, Int32.min)
        totalCount = buffer(observerCount * slotCount, 0)
        occurred = buffer(observerCount * stepCount * slotCount, 0)
        goldstein = buffer(stepCount, 0)
        performed = buffer(scenario.actions.count, false)
        let widest = scenario.actors.map(\.actions.count).max() ?? 0
        scratch = buffer(2 * widest + 2, 0)
        hasFired = buffer(scenario.events.count, false)
        roadmapOpenedAt = buffer(scenario.roadmaps.count, 0)
        decisionRandom = buffer(scenario.actors.count, Xoshiro256StarStar(seed: 0))
        let trackCount = plan.trackKind.count
        players = buffer(trackCount, nil)
        _ = players.initialize(from: plan.builtinPlayers)
        ownMoves = buffer(trackCount * stepCount, .cooperate)
        seenMoves = buffer(trackCount * stepCount, .cooperate)
        ownDefections = buffer(trackCount, 0)
        seenDefections = buffer(trackCount, 0)
        metricValues = buffer(scenario.metrics.count, 0)
        let outputBase = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(plan.outputCount, 1))
        outputBase.initialize(repeating: 0, count: Swift.max(plan.outputCount, 1))
        self.outputBase = outputBase
        seriesValues = buffer(stepCount * scenario.metrics.count, 0)
        // Exactly one value per period slot (possibly none): loops run over its count.
        periodValues = UnsafeMutableBufferPointer(rebasing: buffer(plan.periodMetric.count, 0)[0..<plan.periodMetric.count])
        var offsets: [Int] = []
        var total = 0
        for actor in scenario.actors {
            offsets.append(total)
            total += actor.actions.count
        }
        chosenOffset = buffer(offsets.count, 0)
        _ = chosenOffset.initialize(from: offsets)
        self.observerOfActor = buffer(observerOfActor.count, 0)
        _ = self.observerOfActor.initialize(from: observerOfActor)
        chosen = buffer(total, 0)
        chosenCount = buffer(scenario.actors.count, 0)
    }

    deinit {
        registerBase.deallocate()
        stackBase.deallocate()
        outputBase.deallocate()
        for pointer in [trajectories, goldstein, scratch, metricValues, seriesValues, periodValues] {
            pointer.deallocate()
        }
        chosen.deallocate()
        trajectoryRow.deallocate()
        laggedVariables.deallocate()
        chosenOffset.deallocate()
        observerOfActor.deallocate()
        chosenCount.deallocate()
        lastOccurrence.deallocate()
        totalCount.deallocate()
        occurred.deallocate()
        performed.deallocate()
        hasFired.deallocate()
        roadmapOpenedAt.deallocate()
        decisionRandom.deallocate()
        players.deinitialize()
        players.deallocate()
        ownMoves.deallocate()
        seenMoves.deallocate()
        ownDefections.deallocate()
        seenDefections.deallocate()
    }

    /// Forgets the previous run's history.
    func resetHistory() {
        for track in 0..<players.count { players[track]?.reset() }
        ownDefections.update(repeating: 0)
        seenDefections.update(repeating: 0)
        lastOccurrence.update(repeating: Int32.min)
        totalCount.update(repeating: 0)
        occurred.update(repeating: 0)
        goldstein.update(repeating: 0)
        hasFired.update(repeating: false)
    }

    /// Records that `slot` happened at `step` in `observer`'s history.
    @inline(__always)
    func record(slot: Int, step: Int, observer: Int) {
        let index = observer * slotCount + slot
        if lastOccurrence[index] != Int32(step) {
            lastOccurrence[index] = Int32(step)
            totalCount[index] += 1
            occurred[(observer * stepCount + step) * slotCount + slot] = 1
        }
    }
}
