/// An expression as written in a scenario, before names are resolved.
///
/// The grammar, from loosest to tightest binding:
/// `if c then a else b` · `or` · `and` · `not` · comparisons (`< <= > >= == !=`) ·
/// `+ -` · `* / %` · unary `-` · `^` (right-associative) · calls, names, literals, `( … )`.
public struct Expression: Sendable, Hashable {
    /// The shape of an expression node.
    public indirect enum Kind: Sendable, Hashable {
        /// A number literal such as `0.05` or `1e-3`.
        case number(Double)
        /// `true` or `false`.
        case boolean(Bool)
        /// A calendar date literal such as `2022-03` or `2022-03-09`, as a day number.
        case date(Double)
        /// A name: a parameter, a state variable, an action, an event or a built-in (`t`, `date`, `dt`).
        case name(String)
        /// `-x` or `not x`.
        case unary(UnaryOperator, Expression)
        /// `x op y`.
        case binary(BinaryOperator, Expression, Expression)
        /// `if c then a else b`.
        case conditional(Expression, Expression, Expression)
        /// `f(x, label: y)`.
        case call(String, [Argument])
    }

    /// A call argument, optionally labelled (`within: 3`).
    public struct Argument: Sendable, Hashable {
        /// The label, if any.
        public var label: String?
        /// The value.
        public var value: Expression
    }

    /// The node's shape.
    public var kind: Kind
    /// Where the node starts in the file.
    public var location: SourceLocation
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    /// Arithmetic negation, `-x`.
    case negate = "-"
    /// Logical negation, `not x`.
    case not = "not"
}

/// Infix operators.
public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    case and = "and", or = "or"

    var isComparison: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: true
        default: false
        }
    }

    var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder, .power: true
        default: false
        }
    }
}

extension Expression: CustomStringConvertible {
    /// The expression written back in the language with every operation parenthesised, so that
    /// reading it again gives the same tree whatever the precedence rules:
    /// `1 + 2 * 3` reads back as `(1 + (2 * 3))`.
    public var description: String {
        switch kind {
        case let .number(value):
            let magnitude = Swift.abs(value)
            let digits = magnitude == magnitude.rounded() && magnitude < 1e15 ? String(Int(magnitude)) : String(magnitude)
            return value.sign == .minus ? "(-\(digits))" : digits
        case let .boolean(value):
            return value ? "true" : "false"
        case let .date(day):
            return CalendarDate.fromDayNumber(Int(day)).description
        case let .name(name):
            return name
        case let .unary(.negate, operand):
            return "(-\(operand))"
        case let .unary(.not, operand):
            return "(not \(operand))"
        case let .binary(op, left, right):
            return "(\(left) \(op.rawValue) \(right))"
        case let .conditional(condition, whenTrue, whenFalse):
            return "(if \(condition) then \(whenTrue) else \(whenFalse))"
        case let .call(name, arguments):
            let list = arguments.map { argument in argument.label.map { "\($0): \(argument.value)" } ?? "\(argument.value)" }
            return "\(name)(\(list.joined(separator: ", ")))"
        }
    }
}
