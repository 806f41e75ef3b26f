/// What a name in an expression refers to.
enum Symbol: Sendable, Equatable {
    case parameter(Int, ValueType)
    case variable(Int, ValueType)
    case historySlot(Int)
    case builtin(Instruction, ValueType)
}

/// Every name a scenario declares, for resolution and did-you-mean hints.
struct SymbolTable: Sendable {
    var symbols: [String: Symbol] = [:]
    var actorNames: [String] = []
    /// Declaration order, for deterministic suggestions.
    var orderedNames: [String] = []

    static let builtins: [String: Symbol] = [
        "t": .builtin(.step, .number), "date": .builtin(.date, .date), "dt": .builtin(.stepLength, .number),
    ]

    mutating func declare(_ name: String, as symbol: Symbol) {
        symbols[name] = symbol
        orderedNames.append(name)
    }

    /// For each actor that names an `opponent:`, that opponent.
    var opponents: [String: String] = [:]

    /// Resolves `name`, trying `actor.name` when an actor scope is given and reading
    /// `opponent.x` as the scope actor's opponent's `x`.
    func resolve(_ name: String, actorScope: String?) -> (name: String, symbol: Symbol)? {
        if let builtin = SymbolTable.builtins[name] { return (name, builtin) }
        if name.hasPrefix("opponent."), let actorScope, let opponent = opponents[actorScope] {
            let resolved = opponent + name.dropFirst("opponent".count)
            return symbols[resolved].map { (resolved, $0) }
        }
        if let symbol = symbols[name] { return (name, symbol) }
        if let actorScope, let symbol = symbols["\(actorScope).\(name)"] { return ("\(actorScope).\(name)", symbol) }
        return nil
    }
}

/// Where an expression appears, which decides what it may use.
struct ExpressionContext: Sendable {
    var allowsState = true
    var allowsHistory = true
    var allowsRandom = true
    var allowsFinal = false
    /// Unqualified names are also looked up in this actor (policies, actions, actor fields).
    var actorScope: String?
    /// A phrase for messages: "in a parameter's value".
    var place: String

    static func initialValue() -> ExpressionContext {
        ExpressionContext(allowsState: false, allowsHistory: false, allowsRandom: true, place: "in an initial value")
    }

    static func metric() -> ExpressionContext {
        ExpressionContext(allowsRandom: false, allowsFinal: true, place: "in a metric")
    }
}

/// Resolves names, checks types and emits ``Code`` for one scenario's expressions.
struct ExpressionCompiler: Sendable {
    let symbols: SymbolTable
    /// For each state variable, the largest lag read with `last(x, k)`.
    var maximumLag: [Int]
    /// The deepest stack any compiled expression needs.
    var maximumStackDepth = 1

    init(symbols: SymbolTable, variableCount: Int) {
        self.symbols = symbols
        self.maximumLag = [Int](repeating: 0, count: variableCount)
    }

    /// Parses and compiles the expression in `scalar`; logs every problem and returns nil if
    /// there was one.
    mutating func compile(
        _ scalar: YAMLScalar, expecting expected: ValueType?, context: ExpressionContext, log: inout DiagnosticLog
    ) -> Code? {
        let expression: Expression
        do {
            expression = try ExpressionParser.parse(scalar.text) { scalar.location(ofOffset: $0) }
        } catch {
            log.error(scalar.location(ofOffset: error.offset), error.message, expected: error.expected, hint: error.hint)
            return nil
        }
        return compile(expression, text: scalar.text, expecting: expected, context: context, log: &log)
    }

    /// Compiles a parsed expression.
    mutating func compile(
        _ expression: Expression, text: String, expecting expected: ValueType?, context: ExpressionContext,
        log: inout DiagnosticLog
    ) -> Code? {
        var emitter = Emitter(symbols: symbols, context: context, maximumLag: maximumLag)
        let errorsBefore = log.diagnostics.count
        let type = emitter.emit(expression, log: &log)
        maximumLag = emitter.maximumLag
        guard let type, log.diagnostics.count == errorsBefore else { return nil }
        if let expected, type != expected {
            log.error(expression.location, "expected \(expected.withArticle) but this expression is \(type.withArticle)",
                      expected: expected.withArticle,
                      hint: ExpressionCompiler.conversionHint(from: type, to: expected))
            return nil
        }
        maximumStackDepth = max(maximumStackDepth, emitter.maximumDepth)
        return Code(instructions: emitter.code, type: type, text: text, location: expression.location,
                    stackDepth: emitter.maximumDepth)
    }

    static func conversionHint(from found: ValueType, to expected: ValueType) -> String? {
        switch (found, expected) {
        case (.boolean, .number): "use number(condition) or 'if condition then 1 else 0' to turn a boolean into a number"
        case (.number, .boolean): "compare the number, e.g. 'x > 0.5'"
        case (.date, _): "compare dates with dates, e.g. 'date >= 2022-03'"
        default: nil
        }
    }
}

/// Emits code for one expression, tracking the stack depth.
private struct Emitter {
    let symbols: SymbolTable
    let context: ExpressionContext
    var maximumLag: [Int]
    var code: [Instruction] = []
    var depth = 0
    var maximumDepth = 0

    init(symbols: SymbolTable, context: ExpressionContext, maximumLag: [Int]) {
        self.symbols = symbols
        self.context = context
        self.maximumLag = maximumLag
    }

    mutating func push(_ instruction: Instruction, delta: Int) {
        code.append(instruction)
        depth += delta
        maximumDepth = max(maximumDepth, depth)
    }

    /// Emits `expression`; returns its type, or nil after logging an error.
    mutating func emit(_ expression: Expression, log: inout DiagnosticLog) -> ValueType? {
        let location = expression.location
        switch expression.kind {
        case let .number(value):
            push(.constant(value), delta: 1)
            return .number
        case let .boolean(value):
            push(.constant(value ? 1 : 0), delta: 1)
            return .boolean
        case let .date(day):
            push(.constant(day), delta: 1)
            return .date
        case let .name(name):
            return emitName(name, at: location, log: &log)
        case let .unary(op, operand):
            guard let type = emit(operand, log: &log) else { return nil }
            switch op {
            case .negate:
                guard expect(.number, found: type, at: operand.location, role: "the operand of '-'", log: &log) else { return nil }
                push(.negate, delta: 0)
                return .number
            case .not:
                guard expect(.boolean, found: type, at: operand.location, role: "the operand of 'not'", log: &log) else { return nil }
                push(.not, delta: 0)
                return .boolean
            }
        case let .binary(op, left, right):
            return emitBinary(op, left, right, at: location, log: &log)
        case let .conditional(condition, whenTrue, whenFalse):
            guard let conditionType = emit(condition, log: &log) else { return nil }
            guard expect(.boolean, found: conditionType, at: condition.location, role: "the condition of 'if'", log: &log)
            else { return nil }
            let branch = code.count
            push(.jumpIfFalse(0), delta: -1)
            guard let trueType = emit(whenTrue, log: &log) else { return nil }
            let skip = code.count
            push(.jump(0), delta: 0)
            code[branch] = .jumpIfFalse(code.count)
            depth -= 1
            guard let falseType = emit(whenFalse, log: &log) else { return nil }
            code[skip] = .jump(code.count)
            guard trueType == falseType else {
                log.error(whenFalse.location,
                          "both branches of 'if' must have the same type, but 'then' is \(trueType.withArticle) and 'else' is \(falseType.withArticle)")
                return nil
            }
            return trueType
        case let .call(name, arguments):
            return emitCall(name, arguments, at: location, log: &log)
        }
    }

    mutating func expect(_ type: ValueType, found: ValueType, at location: SourceLocation, role: String,
                         log: inout DiagnosticLog) -> Bool {
        guard type != found else { return true }
        log.error(location, "\(role) must be \(type.withArticle), but it is \(found.withArticle)",
                  expected: type.withArticle, hint: ExpressionCompiler.conversionHint(from: found, to: type))
        return false
    }

    mutating func emitName(_ name: String, at location: SourceLocation, log: inout DiagnosticLog) -> ValueType? {
        guard let (resolved, symbol) = symbols.resolve(name, actorScope: context.actorScope) else {
            unknownName(name, at: location, log: &log)
            return nil
        }
        switch symbol {
        case let .builtin(instruction, type):
            if instruction == .step || instruction == .date, !context.allowsState {
                log.error(location, "'\(name)' cannot be used \(context.place)", hint: "the clock is not running yet there")
                return nil
            }
            push(instruction, delta: 1)
            return type
        case let .parameter(index, type):
            push(.parameter(index), delta: 1)
            return type
        case let .variable(index, type):
            guard context.allowsState else {
                log.error(location, "the state variable '\(resolved)' cannot be used \(context.place)",
                          hint: "only parameters and constants are known there")
                return nil
            }
            push(.state(index), delta: 1)
            return type
        case .historySlot:
            log.error(location, "'\(resolved)' is an action or event, not a value",
                      hint: "ask whether it happened with did(\(resolved)), or how often with count(\(resolved))")
            return nil
        }
    }

    func unknownName(_ name: String, at location: SourceLocation, log: inout DiagnosticLog) {
        var candidates = symbols.orderedNames + SymbolTable.builtins.keys.sorted()
        if let scope = context.actorScope {
            candidates += symbols.orderedNames.compactMap { $0.hasPrefix(scope + ".") ? String($0.dropFirst(scope.count + 1)) : nil }
        }
        var hint = Suggestions.hint(for: name, among: candidates)
        if hint == nil, let dot = name.firstIndex(of: "."), !symbols.actorNames.contains(String(name[..<dot])) {
            hint = "'\(name[..<dot])' is not an actor; actors are \(symbols.actorNames.map { "'\($0)'" }.joined(separator: ", "))"
        }
        if hint == nil, MathFunction(rawValue: name) != nil || ["min", "max", "clamp"].contains(name) {
            hint = "'\(name)' is a function: call it with parentheses, e.g. \(name)(x)"
        }
        log.error(location, "unknown name '\(name)'",
                  expected: "a parameter, a state variable, t, date or dt", hint: hint)
    }

    mutating func emitBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, at location: SourceLocation,
                             log: inout DiagnosticLog) -> ValueType? {
        if op == .and || op == .or {
            guard let leftType = emit(left, log: &log),
                  expect(.boolean, found: leftType, at: left.location, role: "the left side of '\(op.rawValue)'", log: &log)
            else { return nil }
            let branch = code.count
            push(op == .and ? .jumpIfFalse(0) : .jumpIfTrue(0), delta: -1)
            guard let rightType = emit(right, log: &log),
                  expect(.boolean, found: rightType, at: right.location, role: "the right side of '\(op.rawValue)'", log: &log)
            else { return nil }
            let skip = code.count
            push(.jump(0), delta: 0)
            code[branch] = op == .and ? .jumpIfFalse(code.count) : .jumpIfTrue(code.count)
            depth -= 1
            push(.constant(op == .and ? 0 : 1), delta: 1)
            code[skip] = .jump(code.count)
            return .boolean
        }
        guard let leftType = emit(left, log: &log), let rightType = emit(right, log: &log) else { return nil }
        if op.isArithmetic {
            guard expect(.number, found: leftType, at: left.location, role: "the left side of '\(op.rawValue)'", log: &log),
                  expect(.number, found: rightType, at: right.location, role: "the right side of '\(op.rawValue)'", log: &log)
            else { return nil }
            let instruction: Instruction = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            case .divide: .divide
            case .remainder: .remainder
            default: .power
            }
            push(instruction, delta: -1)
            return .number
        }
        // Comparisons: numbers with numbers, dates with dates; booleans only for == and !=.
        guard leftType == rightType else {
            log.error(right.location, "cannot compare \(leftType.withArticle) with \(rightType.withArticle)",
                      expected: leftType.withArticle, hint: ExpressionCompiler.conversionHint(from: rightType, to: leftType))
            return nil
        }
        if leftType == .boolean, op != .equal, op != .notEqual {
            log.error(location, "booleans can only be compared with == and !=", hint: "compare numbers, or combine conditions with and/or")
            return nil
        }
        let instruction: Instruction = switch op {
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .equal: .equal
        default: .notEqual
        }
        push(instruction, delta: -1)
        return .boolean
    }

    static let functionSignatures: [String: String] = [
        "min": "min(a, b, …)", "max": "max(a, b, …)", "clamp": "clamp(x, lower, upper)",
        "did": "did(actor.action, within: n)", "count": "count(actor.action, within: n)",
        "since": "since(actor.action)", "last": "last(variable, k)", "final": "final(x)",
        "number": "number(condition)", "goldstein": "goldstein()",
        "bernoulli": "bernoulli(p)", "uniform": "uniform(lower, upper)", "normal": "normal(mean, sd)",
        "lognormal": "lognormal(mu, sigma)", "poisson": "poisson(mean)", "triangular": "triangular(lower, mode, upper)",
        "negative_binomial": "negative_binomial(mean, dispersion)",
    ]

    static var functionNames: [String] {
        Array(functionSignatures.keys) + MathFunction.allCases.map(\.rawValue)
    }

    mutating func emitCall(_ name: String, _ arguments: [Expression.Argument], at location: SourceLocation,
                           log: inout DiagnosticLog) -> ValueType? {
        let signature = Emitter.functionSignatures[name] ?? "\(name)(x)"
        func arity(_ range: ClosedRange<Int>, labels: Set<String> = []) -> Bool {
            for argument in arguments {
                if let label = argument.label, !labels.contains(label) {
                    log.error(argument.value.location, "'\(name)' has no argument labelled '\(label)'", expected: signature)
                    return false
                }
            }
            guard range.contains(arguments.count) else {
                let count = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
                log.error(location, "'\(name)' takes \(count) argument\(range.upperBound == 1 ? "" : "s") but was given \(arguments.count)",
                          expected: signature)
                return false
            }
            return true
        }
        func numbers(_ role: String) -> Bool {
            for argument in arguments {
                guard let type = emit(argument.value, log: &log),
                      expect(.number, found: type, at: argument.value.location, role: "\(role) of '\(name)'", log: &log)
                else { return false }
            }
            return true
        }

        if let function = MathFunction(rawValue: name) {
            guard arity(1...1), numbers("the argument") else { return nil }
            push(.function(function), delta: 0)
            return .number
        }
        if let draw = RandomDraw(rawValue: name) {
            guard context.allowsRandom else {
                log.error(location, "random draws cannot be used \(context.place)",
                          hint: "give a parameter a 'dist:' instead: runs draw it once each (unless --central)")
                return nil
            }
            guard arity(draw.arity...draw.arity), numbers("an argument") else { return nil }
            push(.draw(draw), delta: 1 - draw.arity)
            return draw == .bernoulli ? .boolean : .number
        }
        switch name {
        case "min", "max":
            guard arity(2...64), numbers("an argument") else { return nil }
            for _ in 1..<arguments.count { push(name == "min" ? .minimum : .maximum, delta: -1) }
            return .number
        case "clamp":
            guard arity(3...3), numbers("an argument") else { return nil }
            push(.clamp, delta: -2)
            return .number
        case "number":
            guard arity(1...1), let type = emit(arguments[0].value, log: &log),
                  expect(.boolean, found: type, at: arguments[0].value.location, role: "the argument of 'number'", log: &log)
            else { return nil }
            return .number
        case "final":
            guard context.allowsFinal else {
                log.error(location, "final(…) can only be used in metrics", hint: "elsewhere, use the value itself")
                return nil
            }
            guard arity(1...1) else { return nil }
            return emit(arguments[0].value, log: &log)
        case "goldstein":
            guard arity(0...0) else { return nil }
            guard context.allowsHistory else {
                log.error(location, "goldstein() cannot be used \(context.place)")
                return nil
            }
            push(.goldstein, delta: 1)
            return .number
        case "did", "count", "since":
            guard context.allowsHistory else {
                log.error(location, "\(name)(…) cannot be used \(context.place)", hint: "history exists only once the run has started")
                return nil
            }
            guard arity(1...2, labels: name == "since" ? [] : ["within"]),
                  let slot = historySlot(arguments[0].value, function: name, log: &log) else { return nil }
            if name == "since" {
                guard arguments.count == 1 else {
                    log.error(arguments[1].value.location, "since(…) takes one argument", expected: signature)
                    return nil
                }
                push(.since(slot: slot), delta: 1)
                return .number
            }
            var within = name == "did" ? 1 : 0
            if arguments.count == 2 {
                guard arguments[1].label == "within" else {
                    log.error(arguments[1].value.location, "the second argument of '\(name)' must be labelled 'within:'",
                              expected: signature)
                    return nil
                }
                guard let steps = constantCount(arguments[1].value, role: "'within:'", log: &log) else { return nil }
                within = steps
            }
            push(name == "did" ? .did(slot: slot, within: within) : .count(slot: slot, within: within), delta: 1)
            return name == "did" ? .boolean : .number
        case "last":
            guard context.allowsHistory else {
                log.error(location, "last(…) cannot be used \(context.place)")
                return nil
            }
            guard arity(1...2) else { return nil }
            guard case let .name(variableName) = arguments[0].value.kind,
                  let (resolved, symbol) = symbols.resolve(variableName, actorScope: context.actorScope),
                  case let .variable(index, type) = symbol else {
                log.error(arguments[0].value.location, "the first argument of 'last' must be a state variable", expected: signature)
                return nil
            }
            _ = resolved
            var lag = 1
            if arguments.count == 2 {
                guard let steps = constantCount(arguments[1].value, role: "the lag of 'last'", log: &log) else { return nil }
                lag = steps
            }
            maximumLag[index] = max(maximumLag[index], lag)
            push(.lagged(variable: index, lag: lag), delta: 1)
            return type
        default:
            log.error(location, "unknown function '\(name)'", expected: "one of \(Emitter.functionNames.sorted().joined(separator: ", "))",
                      hint: Suggestions.hint(for: name, among: Emitter.functionNames.sorted()))
            return nil
        }
    }

    func historySlot(_ expression: Expression, function: String, log: inout DiagnosticLog) -> Int? {
        guard case let .name(name) = expression.kind else {
            log.error(expression.location, "the first argument of '\(function)' must name an action or an event",
                      expected: "actor.action or an event's name")
            return nil
        }
        guard let (_, symbol) = symbols.resolve(name, actorScope: context.actorScope) else {
            let slots = symbols.orderedNames.filter { if case .historySlot = symbols.symbols[$0] { true } else { false } }
            log.error(expression.location, "unknown action or event '\(name)'", expected: "actor.action or an event's name",
                      hint: Suggestions.hint(for: name, among: slots))
            return nil
        }
        guard case let .historySlot(slot) = symbol else {
            log.error(expression.location, "'\(name)' is not an action or an event",
                      expected: "actor.action or an event's name", hint: "\(function)(…) asks about what happened, not about values")
            return nil
        }
        return slot
    }

    func constantCount(_ expression: Expression, role: String, log: inout DiagnosticLog) -> Int? {
        guard case let .number(value) = expression.kind, value >= 1, value == value.rounded(), value <= 1_000_000 else {
            log.error(expression.location, "\(role) must be a whole number of steps, at least 1", expected: "e.g. within: 3")
            return nil
        }
        return Int(value)
    }
}
