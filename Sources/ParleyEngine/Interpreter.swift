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

/// The operations of lowered code (see ``Op``).
///
/// Lowered code is the compiled stack code of ``Instruction`` with the top of the stack kept in
/// a register (the accumulator) and common instruction sequences fused: a leaf (a constant,
/// parameter, state variable or a hoisted parameter-only subexpression) is one *register*, and
/// "push a register, then apply a binary operator" is one operation. Every operation computes
/// exactly what the instructions it replaces computed, in the same order, so results are
/// bit-identical.
enum OpCode: UInt8 {
    /// Push the accumulator; load register `a`.
    case push
    /// Push the accumulator; load `t`, the step's date, `last(variable a, lag b)`.
    case pushStep, pushDate, pushLagged
    /// Push the accumulator; load `did`, `count` (slot `a`, within `b`), `since` (slot `a`), `goldstein()`.
    case pushDid, pushCount, pushSince, pushGoldstein
    /// Replace the accumulator by a function of it (`function`: ``MathFunction`` number `a`).
    case negate, not, function
    /// Pop the left operand; the accumulator is the right one and receives the result.
    case add, subtract, multiply, divide, remainder, power, less, lessOrEqual, greater, greaterOrEqual, equal, notEqual, minimum, maximum
    /// The accumulator is the left operand, register `a` the right one.
    case addRegister, subtractRegister, multiplyRegister, divideRegister, remainderRegister, powerRegister, lessRegister, lessOrEqualRegister, greaterRegister, greaterOrEqualRegister, equalRegister, notEqualRegister, minimumRegister, maximumRegister
    /// Push the accumulator; load register `a` ⊕ register `b`.
    case pushAdd, pushSubtract, pushMultiply, pushDivide, pushRemainder, pushPower, pushLess, pushLessOrEqual, pushGreater, pushGreaterOrEqual, pushEqual, pushNotEqual, pushMinimum, pushMaximum
    /// Pop lower and bound: the accumulator (upper) receives the clamped value.
    case clamp
    /// Random draws; their arguments as for ``RandomDraw``, the last one in the accumulator.
    case bernoulli, uniform, normal, lognormal, poisson, triangular, negativeBinomial
    /// Continue at `a`.
    case jump
    /// Pop the condition (the accumulator); continue at `a` if it was 0 (not 0).
    case jumpIfFalse, jumpIfTrue
    /// If the accumulator is 0 (not 0): replace it by register `b` and continue at `a`;
    /// otherwise pop it. (A conditional jump whose target loads a register.)
    case jumpIfFalseLoading, jumpIfTrueLoading
    /// Pairs of operations fused (see `ExecutionPlan.Builder.fuse`):
    /// push registers `a` then `b`;
    case pushTwo
    /// pop `x`, `y`: `x + y × acc`, `x − y × acc`;
    case multiplyAdd, multiplySubtract
    /// `acc + a × b`, `acc − a × b`, `acc × (a − b)`;
    case addProduct, subtractProduct, multiplyDifference
    /// push; `t % a`, `t % a == b`.
    case pushStepRemainder, pushStepRemainderEqual
    /// Store the accumulator in output `a` (``Workspace/outputBase``) and drop the slot that the
    /// code's first push spilled: a batch of codes separates them with this, so that the next
    /// code starts on the same empty stack.
    case store

    /// The stack form, register form and fused push form of each binary instruction.
    static let binaryForms: [Instruction: (stack: OpCode, register: OpCode, pushed: OpCode)] = [
        .add: (.add, .addRegister, .pushAdd), .subtract: (.subtract, .subtractRegister, .pushSubtract),
        .multiply: (.multiply, .multiplyRegister, .pushMultiply), .divide: (.divide, .divideRegister, .pushDivide),
        .remainder: (.remainder, .remainderRegister, .pushRemainder), .power: (.power, .powerRegister, .pushPower),
        .less: (.less, .lessRegister, .pushLess), .lessOrEqual: (.lessOrEqual, .lessOrEqualRegister, .pushLessOrEqual),
        .greater: (.greater, .greaterRegister, .pushGreater),
        .greaterOrEqual: (.greaterOrEqual, .greaterOrEqualRegister, .pushGreaterOrEqual),
        .equal: (.equal, .equalRegister, .pushEqual), .notEqual: (.notEqual, .notEqualRegister, .pushNotEqual),
        .minimum: (.minimum, .minimumRegister, .pushMinimum), .maximum: (.maximum, .maximumRegister, .pushMaximum),
    ]
}

/// One operation of lowered code: what to do and up to two operands (registers, slots, targets).
struct Op: Equatable {
    var code: OpCode
    var a: Int32 = 0
    var b: Int32 = 0
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

    /// The value of the lowered code in `range` at `point`, drawing any randomness from `random`.
    @inline(__always)
    func evaluate(_ range: CodeRange, at point: EvaluationPoint, in workspace: Workspace, random: inout Xoshiro256StarStar) -> Double {
        // Code that only reads a register (a parameter, a state variable, a constant) needs no loop.
        if range.register >= 0 { return workspace.registerBase[Int(range.register)] }
        return run(range, at: point, in: workspace, random: &random)
    }

    /// The interpreter loop behind ``evaluate(_:at:in:random:)``.
    @inline(never)
    func run(_ range: CodeRange, at point: EvaluationPoint, in workspace: Workspace, random: inout Xoshiro256StarStar) -> Double {
        let ops = workspace.plan.ops
        let registers = workspace.registerBase
        // The stack holds everything below the accumulator; its first slot takes the
        // meaningless accumulator that the first push spills.
        var stack = workspace.stackBase
        var acc = 0.0
        var pc = Int(range.start)
        let end = Int(range.end)
        while pc < end {
            let op = ops[pc]
            switch op.code {
            case .push:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)]
            case .pushStep:
                stack += 1; stack.pointee = acc
                acc = Double(point.step)
            case .pushDate:
                stack += 1; stack.pointee = acc
                acc = workspace.plan.dayNumbers[point.step]
            case .pushLagged:
                stack += 1; stack.pointee = acc
                let row = workspace.trajectoryRow[Int(op.a)]
                let column = Swift.max(0, point.step + 1 - Int(op.b))
                acc = workspace.trajectories[row * (workspace.stepCount + 1) + column]
            case .pushDid:
                stack += 1; stack.pointee = acc
                let slot = Int(op.a), within = Int(op.b)
                let horizon = horizon(of: slot, at: point)
                let last = Int(workspace.lastOccurrence[point.observer * workspace.slotCount + slot])
                acc = last > horizon - within && last <= horizon ? 1 : 0
            case .pushCount:
                stack += 1; stack.pointee = acc
                let slot = Int(op.a), within = Int(op.b)
                let horizon = horizon(of: slot, at: point)
                if within == 0 || within > horizon {
                    acc = Double(workspace.totalCount[point.observer * workspace.slotCount + slot])
                } else {
                    var total = 0
                    let base = point.observer * workspace.stepCount
                    for step in (horizon - within + 1)...horizon {
                        total += Int(workspace.occurred[(base + step) * workspace.slotCount + slot])
                    }
                    acc = Double(total)
                }
            case .pushSince:
                stack += 1; stack.pointee = acc
                let slot = Int(op.a)
                let horizon = horizon(of: slot, at: point)
                let last = Int(workspace.lastOccurrence[point.observer * workspace.slotCount + slot])
                acc = last == Int(Int32.min) ? .infinity : Double(horizon - last)
            case .pushGoldstein:
                stack += 1; stack.pointee = acc
                acc = point.actionHorizon >= 0 ? workspace.goldstein[point.actionHorizon] : 0
            case .negate:
                acc = -acc
            case .not:
                acc = acc == 0 ? 1 : 0
            case .function:
                acc = Interpreter.apply(Int(op.a), acc)
            case .add:
                acc = stack.pointee + acc; stack -= 1
            case .subtract:
                acc = stack.pointee - acc; stack -= 1
            case .multiply:
                acc = stack.pointee * acc; stack -= 1
            case .divide:
                acc = stack.pointee / acc; stack -= 1
            case .remainder:
                acc = fmod(stack.pointee, acc); stack -= 1
            case .power:
                acc = pow(stack.pointee, acc); stack -= 1
            case .less:
                acc = stack.pointee < acc ? 1 : 0; stack -= 1
            case .lessOrEqual:
                acc = stack.pointee <= acc ? 1 : 0; stack -= 1
            case .greater:
                acc = stack.pointee > acc ? 1 : 0; stack -= 1
            case .greaterOrEqual:
                acc = stack.pointee >= acc ? 1 : 0; stack -= 1
            case .equal:
                acc = stack.pointee == acc ? 1 : 0; stack -= 1
            case .notEqual:
                acc = stack.pointee != acc ? 1 : 0; stack -= 1
            case .minimum:
                acc = Swift.min(stack.pointee, acc); stack -= 1
            case .maximum:
                acc = Swift.max(stack.pointee, acc); stack -= 1
            case .addRegister:
                acc = acc + registers[Int(op.a)]
            case .subtractRegister:
                acc = acc - registers[Int(op.a)]
            case .multiplyRegister:
                acc = acc * registers[Int(op.a)]
            case .divideRegister:
                acc = acc / registers[Int(op.a)]
            case .remainderRegister:
                acc = fmod(acc, registers[Int(op.a)])
            case .powerRegister:
                acc = pow(acc, registers[Int(op.a)])
            case .lessRegister:
                acc = acc < registers[Int(op.a)] ? 1 : 0
            case .lessOrEqualRegister:
                acc = acc <= registers[Int(op.a)] ? 1 : 0
            case .greaterRegister:
                acc = acc > registers[Int(op.a)] ? 1 : 0
            case .greaterOrEqualRegister:
                acc = acc >= registers[Int(op.a)] ? 1 : 0
            case .equalRegister:
                acc = acc == registers[Int(op.a)] ? 1 : 0
            case .notEqualRegister:
                acc = acc != registers[Int(op.a)] ? 1 : 0
            case .minimumRegister:
                acc = Swift.min(acc, registers[Int(op.a)])
            case .maximumRegister:
                acc = Swift.max(acc, registers[Int(op.a)])
            case .pushAdd:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] + registers[Int(op.b)]
            case .pushSubtract:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] - registers[Int(op.b)]
            case .pushMultiply:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] * registers[Int(op.b)]
            case .pushDivide:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] / registers[Int(op.b)]
            case .pushRemainder:
                stack += 1; stack.pointee = acc
                acc = fmod(registers[Int(op.a)], registers[Int(op.b)])
            case .pushPower:
                stack += 1; stack.pointee = acc
                acc = pow(registers[Int(op.a)], registers[Int(op.b)])
            case .pushLess:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] < registers[Int(op.b)] ? 1 : 0
            case .pushLessOrEqual:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] <= registers[Int(op.b)] ? 1 : 0
            case .pushGreater:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] > registers[Int(op.b)] ? 1 : 0
            case .pushGreaterOrEqual:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] >= registers[Int(op.b)] ? 1 : 0
            case .pushEqual:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] == registers[Int(op.b)] ? 1 : 0
            case .pushNotEqual:
                stack += 1; stack.pointee = acc
                acc = registers[Int(op.a)] != registers[Int(op.b)] ? 1 : 0
            case .pushMinimum:
                stack += 1; stack.pointee = acc
                acc = Swift.min(registers[Int(op.a)], registers[Int(op.b)])
            case .pushMaximum:
                stack += 1; stack.pointee = acc
                acc = Swift.max(registers[Int(op.a)], registers[Int(op.b)])
            case .clamp:
                acc = Swift.min(Swift.max((stack - 1).pointee, stack.pointee), acc); stack -= 2
            case .bernoulli:
                acc = random.nextUniform() < acc ? 1 : 0
            case .uniform:
                acc = random.nextUniform(in: stack.pointee, acc); stack -= 1
            case .normal:
                acc = random.nextNormal(mean: stack.pointee, standardDeviation: acc); stack -= 1
            case .lognormal:
                acc = random.nextLogNormal(mu: stack.pointee, sigma: acc); stack -= 1
            case .poisson:
                acc = random.nextPoisson(mean: acc)
            case .triangular:
                acc = random.nextTriangular(lower: (stack - 1).pointee, mode: stack.pointee, upper: acc); stack -= 2
            case .negativeBinomial:
                acc = random.nextNegativeBinomial(mean: stack.pointee, dispersion: acc); stack -= 1
            case .jump:
                pc = Int(op.a)
                continue
            case .jumpIfFalse:
                let condition = acc
                acc = stack.pointee; stack -= 1
                if condition == 0 {
                    pc = Int(op.a)
                    continue
                }
            case .jumpIfTrue:
                let condition = acc
                acc = stack.pointee; stack -= 1
                if condition != 0 {
                    pc = Int(op.a)
                    continue
                }
            case .jumpIfFalseLoading:
                if acc == 0 {
                    acc = registers[Int(op.b)]
                    pc = Int(op.a)
                    continue
                }
                acc = stack.pointee; stack -= 1
            case .jumpIfTrueLoading:
                if acc != 0 {
                    acc = registers[Int(op.b)]
                    pc = Int(op.a)
                    continue
                }
                acc = stack.pointee; stack -= 1
            case .pushTwo:
                (stack + 1).pointee = acc
                (stack + 2).pointee = registers[Int(op.a)]
                stack += 2
                acc = registers[Int(op.b)]
            case .multiplyAdd:
                acc = (stack - 1).pointee + stack.pointee * acc; stack -= 2
            case .multiplySubtract:
                acc = (stack - 1).pointee - stack.pointee * acc; stack -= 2
            case .addProduct:
                acc = acc + registers[Int(op.a)] * registers[Int(op.b)]
            case .subtractProduct:
                acc = acc - registers[Int(op.a)] * registers[Int(op.b)]
            case .multiplyDifference:
                acc = acc * (registers[Int(op.a)] - registers[Int(op.b)])
            case .pushStepRemainder:
                stack += 1; stack.pointee = acc
                acc = Interpreter.remainder(point.step, registers[Int(op.a)])
            case .pushStepRemainderEqual:
                stack += 1; stack.pointee = acc
                acc = Interpreter.remainder(point.step, registers[Int(op.a)]) == registers[Int(op.b)] ? 1 : 0
            case .store:
                workspace.outputBase[Int(op.a)] = acc
                stack -= 1  // the meaningless accumulator that the code's first push spilled
            }
            pc &+= 1
        }
        return acc
    }

    /// `fmod(Double(step), divisor)`. The remainder is exact, so for a whole divisor it is the
    /// integer remainder (a step is never negative, so neither is the result, not even -0).
    @inline(__always)
    static func remainder(_ step: Int, _ divisor: Double) -> Double {
        if divisor.magnitude >= 1, divisor.magnitude < 0x1p52, divisor == divisor.rounded(.towardZero) {
            return Double(step % Int(divisor))
        }
        return fmod(Double(step), divisor)
    }

    /// The order of ``MathFunction/allCases``, which `OpCode.function` operands index.
    static let functions = MathFunction.allCases

    @inline(__always)
    static func apply(_ function: Int, _ x: Double) -> Double {
        switch functions[function] {
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

    /// The value of compiled code as written, run instruction by instruction on a plain stack,
    /// without lowering: the reference that lowered code must match bit for bit (tests use it).
    func evaluateUnlowered(_ code: Code, at point: EvaluationPoint, in workspace: Workspace,
                           random: inout Xoshiro256StarStar) -> Double {
        var stack = [Double](repeating: 0, count: code.stackDepth + 1)
        var top = -1
        var pc = 0
        let instructions = code.instructions
        while pc < instructions.count {
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
                stack[top] = Interpreter.apply(Interpreter.functions.firstIndex(of: function) ?? 0, stack[top])
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
                case .negativeBinomial:
                    top -= 1; stack[top] = random.nextNegativeBinomial(mean: stack[top], dispersion: stack[top + 1])
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
        return top >= 0 ? stack[top] : 0
    }
}
