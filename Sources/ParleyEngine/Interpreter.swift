import Foundation
import ParleyLanguage
import ParleyNumerics

/// Where in a step an expression is evaluated, which decides what history it can see.
struct EvaluationPoint {
    /// The step index `t`.
    var step: Int
    /// Whose history `did`, `count` and `since` read (0: the truth).
    var observer: Int
    /// The latest step whose actions are known: `t - 1` during events and decisions, `t` after.
    var actionHorizon: Int
}

/// Runs compiled expression code on a run's workspace.
struct Interpreter: Sendable {
    /// History slots below this (actions) and from `firstRoadmapSlot` on (roadmap events) are
    /// recorded after decisions, so they share the actions' horizon; the others are events,
    /// recorded first in each step.
    let actionCount: Int
    let firstRoadmapSlot: Int
    let stepLength: Double

    init(scenario: Scenario) {
        actionCount = scenario.actions.count
        firstRoadmapSlot = scenario.actions.count + scenario.events.filter { $0.trigger != .roadmap }.count
        stepLength = scenario.clock.stepLength
    }

    /// The latest step whose occurrences of `slot` are known at `point`.
    @inline(__always)
    func horizon(of slot: Int, at point: EvaluationPoint) -> Int {
        slot < actionCount || slot >= firstRoadmapSlot ? point.actionHorizon : point.step
    }

    /// The value of the code in `range` at `point`, drawing any randomness from `random`.
    func evaluate(_ range: CodeRange, at point: EvaluationPoint, in workspace: Workspace, random: inout Xoshiro256StarStar) -> Double {
        let instructions = workspace.plan.code
        let stack = workspace.stack
        var top = -1
        var pc = Int(range.start)
        let end = Int(range.end)
        while pc < end {
            switch instructions[pc] {
            case let .constant(value):
                top += 1; stack[top] = value
            case let .parameter(index):
                top += 1; stack[top] = workspace.parameters[index]
            case let .state(index):
                top += 1; stack[top] = workspace.state[index]
            case .step:
                top += 1; stack[top] = Double(point.step)
            case .date:
                top += 1; stack[top] = workspace.plan.dayNumbers[point.step]
            case .stepLength:
                top += 1; stack[top] = stepLength
            case let .lagged(variable, lag):
                let row = workspace.trajectoryRow[variable]
                let column = Swift.max(0, point.step + 1 - lag)
                top += 1; stack[top] = workspace.trajectories[row * (workspace.stepCount + 1) + column]
            case .negate:
                stack[top] = -stack[top]
            case .not:
                stack[top] = stack[top] == 0 ? 1 : 0
            case .add:
                top -= 1; stack[top] += stack[top + 1]
            case .subtract:
                top -= 1; stack[top] -= stack[top + 1]
            case .multiply:
                top -= 1; stack[top] *= stack[top + 1]
            case .divide:
                top -= 1; stack[top] /= stack[top + 1]
            case .remainder:
                top -= 1; stack[top] = fmod(stack[top], stack[top + 1])
            case .power:
                top -= 1; stack[top] = pow(stack[top], stack[top + 1])
            case .less:
                top -= 1; stack[top] = stack[top] < stack[top + 1] ? 1 : 0
            case .lessOrEqual:
                top -= 1; stack[top] = stack[top] <= stack[top + 1] ? 1 : 0
            case .greater:
                top -= 1; stack[top] = stack[top] > stack[top + 1] ? 1 : 0
            case .greaterOrEqual:
                top -= 1; stack[top] = stack[top] >= stack[top + 1] ? 1 : 0
            case .equal:
                top -= 1; stack[top] = stack[top] == stack[top + 1] ? 1 : 0
            case .notEqual:
                top -= 1; stack[top] = stack[top] != stack[top + 1] ? 1 : 0
            case let .jump(target):
                pc = target
                continue
            case let .jumpIfFalse(target):
                top -= 1
                if stack[top + 1] == 0 {
                    pc = target
                    continue
                }
            case let .jumpIfTrue(target):
                top -= 1
                if stack[top + 1] != 0 {
                    pc = target
                    continue
                }
            case let .function(function):
                stack[top] = apply(function, stack[top])
            case .minimum:
                top -= 1; stack[top] = Swift.min(stack[top], stack[top + 1])
            case .maximum:
                top -= 1; stack[top] = Swift.max(stack[top], stack[top + 1])
            case .clamp:
                top -= 2; stack[top] = Swift.min(Swift.max(stack[top], stack[top + 1]), stack[top + 2])
            case let .draw(draw):
                switch draw {
                case .bernoulli:
                    stack[top] = random.nextUniform() < stack[top] ? 1 : 0
                case .uniform:
                    top -= 1; stack[top] = random.nextUniform(in: stack[top], stack[top + 1])
                case .normal:
                    top -= 1; stack[top] = random.nextNormal(mean: stack[top], standardDeviation: stack[top + 1])
                case .lognormal:
                    top -= 1; stack[top] = random.nextLogNormal(mu: stack[top], sigma: stack[top + 1])
                case .poisson:
                    stack[top] = random.nextPoisson(mean: stack[top])
                case .triangular:
                    top -= 2; stack[top] = random.nextTriangular(lower: stack[top], mode: stack[top + 1], upper: stack[top + 2])
                }
            case let .did(slot, within):
                let horizon = horizon(of: slot, at: point)
                let last = Int(workspace.lastOccurrence[point.observer * workspace.slotCount + slot])
                top += 1; stack[top] = last > horizon - within && last <= horizon ? 1 : 0
            case let .count(slot, within):
                let horizon = horizon(of: slot, at: point)
                top += 1
                if within == 0 || within > horizon {
                    stack[top] = Double(workspace.totalCount[point.observer * workspace.slotCount + slot])
                } else {
                    var total = 0
                    let base = point.observer * workspace.stepCount
                    for step in (horizon - within + 1)...horizon {
                        total += Int(workspace.occurred[(base + step) * workspace.slotCount + slot])
                    }
                    stack[top] = Double(total)
                }
            case let .since(slot):
                let horizon = horizon(of: slot, at: point)
                let last = Int(workspace.lastOccurrence[point.observer * workspace.slotCount + slot])
                top += 1; stack[top] = last == Int(Int32.min) ? .infinity : Double(horizon - last)
            case .goldstein:
                top += 1; stack[top] = point.actionHorizon >= 0 ? workspace.goldstein[point.actionHorizon] : 0
            }
            pc += 1
        }
        return stack[top]
    }

    @inline(__always)
    private func apply(_ function: MathFunction, _ x: Double) -> Double {
        switch function {
        case .abs: Swift.abs(x)
        case .exp: Foundation.exp(x)
        case .log: Foundation.log(x)
        case .log10: Foundation.log10(x)
        case .sqrt: x.squareRoot()
        case .floor: x.rounded(.down)
        case .ceil: x.rounded(.up)
        case .round: x.rounded(.toNearestOrAwayFromZero)
        case .sign: x > 0 ? 1 : (x < 0 ? -1 : 0)
        case .logistic: 1 / (1 + Foundation.exp(-x))
        }
    }
}
