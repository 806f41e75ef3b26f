/// One instruction of the compiled expression code, a small stack machine over `Double`s.
///
/// Booleans are 0 and 1, dates are day numbers. Jumps are absolute instruction indices.
/// The engine interprets these; nothing in them names anything by string.
public enum Instruction: Sendable, Hashable {
    /// Push a constant.
    case constant(Double)
    /// Push a parameter's value for this run.
    case parameter(Int)
    /// Push a state variable's current value.
    case state(Int)
    /// Push the step index `t` (0 for the first step).
    case step
    /// Push the current step's date as a day number.
    case date
    /// Push the length of a step in years (`dt`).
    case stepLength
    /// Push a state variable's value `lag` steps ago (`last(x, lag)`).
    case lagged(variable: Int, lag: Int)
    /// Pop one, push its negation.
    case negate
    /// Pop one, push 1 if it was 0 and 0 otherwise.
    case not
    /// Pop two, push the result.
    case add, subtract, multiply, divide, remainder, power
    /// Pop two, push 1 or 0.
    case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
    /// Continue at an instruction index.
    case jump(Int)
    /// Pop one; continue at the index if it was 0.
    case jumpIfFalse(Int)
    /// Pop one; continue at the index if it was not 0.
    case jumpIfTrue(Int)
    /// Pop one, push a function of it.
    case function(MathFunction)
    /// Pop two, push the smaller.
    case minimum
    /// Pop two, push the larger.
    case maximum
    /// Pop value, lower and upper; push the value clamped.
    case clamp
    /// Pop the draw's arguments, push a draw from the run's own generator.
    case draw(RandomDraw)
    /// Push 1 if the action or event in history slot `slot` happened within the last `within` visible steps.
    case did(slot: Int, within: Int)
    /// Push how often it happened within the last `within` visible steps (`within` 0: the whole run).
    case count(slot: Int, within: Int)
    /// Push the number of steps since it last happened (0: in the latest visible step; infinity: never).
    case since(slot: Int)
    /// Push the sum of the Goldstein scores of everything that happened in the latest visible step.
    case goldstein
}

/// One-argument functions of the expression language.
public enum MathFunction: String, Sendable, Hashable, CaseIterable {
    case abs, exp, log, sqrt, floor, ceil, round, sign, logistic, log10
}

/// Random draws available in expressions, each from the run's own generator.
public enum RandomDraw: String, Sendable, Hashable, CaseIterable {
    /// `bernoulli(p)`: true with probability p.
    case bernoulli
    /// `uniform(a, b)`.
    case uniform
    /// `normal(mean, sd)`.
    case normal
    /// `lognormal(mu, sigma)`.
    case lognormal
    /// `poisson(mean)`: a whole number.
    case poisson
    /// `triangular(lower, mode, upper)`.
    case triangular
    /// `negative_binomial(mean, dispersion)`: a whole number, over-dispersed (variance
    /// mean + mean²/dispersion) — a Poisson whose mean is itself gamma-distributed.
    case negativeBinomial = "negative_binomial"

    /// How many arguments the draw takes.
    public var arity: Int {
        switch self {
        case .bernoulli, .poisson: 1
        case .uniform, .normal, .lognormal, .negativeBinomial: 2
        case .triangular: 3
        }
    }
}

/// The types of the expression language.
public enum ValueType: String, Sendable, Hashable, Codable {
    case number, boolean, date

    /// `a number`, `a boolean`, `a date`.
    public var withArticle: String { "a \(rawValue)" }
}

/// A compiled expression: its code, its type, and where it came from for error messages.
public struct Code: Sendable, Hashable {
    /// The instructions, run from the first; the value is what remains on the stack.
    public var instructions: [Instruction]
    /// The type of the value.
    public var type: ValueType
    /// The expression as the user wrote it.
    public var text: String
    /// Where the expression is.
    public var location: SourceLocation
    /// The deepest the stack gets while running it.
    public var stackDepth: Int

    /// The value, when the code is a single constant.
    public var constantValue: Double? {
        if instructions.count == 1, case let .constant(value) = instructions[0] { return value }
        return nil
    }

    /// A constant number, for defaults that the user did not write.
    public static func constant(_ value: Double, type: ValueType = .number, location: SourceLocation) -> Code {
        Code(instructions: [.constant(value)], type: type, text: "\(value)", location: location, stackDepth: 1)
    }
}
