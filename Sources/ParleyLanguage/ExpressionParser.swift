/// Parses expression text into an ``Expression`` tree (a Pratt parser).
///
/// Errors point at the offending character: the caller supplies a function that turns a
/// character offset within the text into a file location.
public struct ExpressionParser {
    /// A parse failure at a character offset of the text.
    public struct Failure: Error, Sendable, Equatable {
        /// Offset of the offending character within the expression text.
        public var offset: Int
        /// What went wrong.
        public var message: String
        /// What was expected there.
        public var expected: String?
        /// What to do about it.
        public var hint: String?
    }

    private var tokens: [Token]
    private var position = 0
    private let locate: (Int) -> SourceLocation
    private var depth = 0

    /// The deepest nesting accepted, so that hostile input cannot exhaust the stack.
    static let maximumDepth = 200

    /// Parses a whole expression.
    ///
    /// - Parameters:
    ///   - text: the expression as written.
    ///   - locate: maps a character offset in `text` to its place in the file.
    /// - Throws: ``Failure`` at the first syntax error.
    public static func parse(_ text: String, locate: @escaping (Int) -> SourceLocation) throws(Failure) -> Expression {
        let tokens: [Token]
        do {
            tokens = try Lexer.tokens(in: text)
        } catch {
            throw Failure(offset: error.offset, message: error.message, hint: error.hint)
        }
        var parser = ExpressionParser(tokens: tokens, locate: locate)
        if case .end = parser.current.kind {
            throw Failure(offset: 0, message: "the expression is empty", expected: "a number, a name or a formula")
        }
        let expression = try parser.parseExpression()
        guard case .end = parser.current.kind else {
            throw Failure(offset: parser.current.offset, message: "unexpected '\(parser.current.text)' after a complete expression",
                          expected: "an operator or the end of the expression",
                          hint: "check for a missing operator or an extra ')'")
        }
        return expression
    }

    private init(tokens: [Token], locate: @escaping (Int) -> SourceLocation) {
        self.tokens = tokens
        self.locate = locate
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool {
        if case let .symbol(s) = current.kind { return s == symbol }
        return false
    }

    private func isKeyword(_ keyword: String) -> Bool {
        if case let .keyword(k) = current.kind { return k == keyword }
        return false
    }

    private func describe(_ token: Token) -> String {
        if case .end = token.kind { return "the end of the expression" }
        return "'\(token.text)'"
    }

    private mutating func expectSymbol(_ symbol: String, context: String) throws(Failure) {
        guard isSymbol(symbol) else {
            throw Failure(offset: current.offset, message: "expected '\(symbol)' \(context) but found \(describe(current))")
        }
        _ = advance()
    }

    private mutating func nested<T>(_ body: (inout ExpressionParser) throws(Failure) -> T) throws(Failure) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= ExpressionParser.maximumDepth else {
            throw Failure(offset: current.offset, message: "the expression is nested too deeply",
                          hint: "split it into several state variables or parameters")
        }
        return try body(&self)
    }

    private mutating func parseExpression() throws(Failure) -> Expression {
        try nested { (parser: inout ExpressionParser) throws(Failure) in
            if parser.isKeyword("if") {
                let start = parser.advance()
                let condition = try parser.parseExpression()
                guard parser.isKeyword("then") else {
                    throw Failure(offset: parser.current.offset, message: "expected 'then' but found \(parser.describe(parser.current))",
                                  expected: "if CONDITION then VALUE else VALUE")
                }
                _ = parser.advance()
                let whenTrue = try parser.parseExpression()
                guard parser.isKeyword("else") else {
                    throw Failure(offset: parser.current.offset, message: "expected 'else' but found \(parser.describe(parser.current))",
                                  expected: "if CONDITION then VALUE else VALUE",
                                  hint: "every 'if' needs an 'else' so that the expression always has a value")
                }
                _ = parser.advance()
                let whenFalse = try parser.parseExpression()
                return Expression(kind: .conditional(condition, whenTrue, whenFalse), location: parser.locate(start.offset))
            }
            return try parser.parseBinary(level: 0)
        }
    }

    /// Binary levels from loosest to tightest.
    private static let levels: [[String]] = [
        ["or"], ["and"], ["<", "<=", ">", ">=", "==", "!="], ["+", "-"], ["*", "/", "%"],
    ]

    private func binaryOperator(at level: Int) -> BinaryOperator? {
        let text: String
        switch current.kind {
        case let .symbol(s): text = s
        case let .keyword(k): text = k
        default: return nil
        }
        guard ExpressionParser.levels[level].contains(text) else { return nil }
        return BinaryOperator(rawValue: text)
    }

    private mutating func parseBinary(level: Int) throws(Failure) -> Expression {
        if level == ExpressionParser.levels.count { return try parseUnary() }
        if level == 2, isKeyword("not") {
            // `not` binds looser than comparisons: `not x > 1` is `not (x > 1)`.
            let start = advance()
            let operand = try nested { (parser: inout ExpressionParser) throws(Failure) in try parser.parseBinary(level: 2) }
            return Expression(kind: .unary(.not, operand), location: locate(start.offset))
        }
        var left = try parseBinary(level: level + 1)
        // Each operator of a chain such as `a + b + c` deepens the tree by one, so it counts
        // towards the nesting limit like a parenthesis would.
        var chained = 0
        defer { depth -= chained }
        while let op = binaryOperator(at: level) {
            depth += 1
            chained += 1
            guard depth <= ExpressionParser.maximumDepth else {
                throw Failure(offset: current.offset, message: "the expression is nested too deeply",
                              hint: "split it into several state variables or parameters")
            }
            let token = advance()
            let right = try nested { (parser: inout ExpressionParser) throws(Failure) in try parser.parseBinary(level: level + 1) }
            if op.isComparison, binaryOperator(at: level) != nil {
                throw Failure(offset: current.offset, message: "comparisons cannot be chained",
                              hint: "write 'a < b and b < c'")
            }
            left = Expression(kind: .binary(op, left, right), location: locate(token.offset))
        }
        return left
    }

    private mutating func parseUnary() throws(Failure) -> Expression {
        if isSymbol("-") {
            let start = advance()
            let operand = try nested { (parser: inout ExpressionParser) throws(Failure) in try parser.parseUnary() }
            if case let .number(value) = operand.kind {
                return Expression(kind: .number(-value), location: locate(start.offset))
            }
            return Expression(kind: .unary(.negate, operand), location: locate(start.offset))
        }
        if isSymbol("+") {
            _ = advance()
            return try nested { (parser: inout ExpressionParser) throws(Failure) in try parser.parseUnary() }
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(Failure) -> Expression {
        let base = try parsePrimary()
        if isSymbol("^") {
            let token = advance()
            // Right-associative, and binds tighter than unary minus on its left: -2^2 = -4.
            let exponent = try nested { (parser: inout ExpressionParser) throws(Failure) in try parser.parseUnary() }
            return Expression(kind: .binary(.power, base, exponent), location: locate(token.offset))
        }
        return base
    }

    private mutating func parsePrimary() throws(Failure) -> Expression {
        let token = current
        let location = locate(token.offset)
        switch token.kind {
        case let .number(value):
            _ = advance()
            return Expression(kind: .number(value), location: location)
        case let .date(day):
            _ = advance()
            return Expression(kind: .date(day), location: location)
        case .keyword("true"), .keyword("false"):
            _ = advance()
            return Expression(kind: .boolean(token.text == "true"), location: location)
        case let .identifier(name):
            _ = advance()
            guard isSymbol("(") else { return Expression(kind: .name(name), location: location) }
            _ = advance()
            var arguments: [Expression.Argument] = []
            if !isSymbol(")") {
                while true {
                    var label: String?
                    if case let .identifier(word) = current.kind, tokens[position + 1].kind == .symbol(":") {
                        label = word
                        _ = advance()
                        _ = advance()
                    }
                    let value = try parseExpression()
                    arguments.append(Expression.Argument(label: label, value: value))
                    if isSymbol(",") {
                        _ = advance()
                        continue
                    }
                    break
                }
            }
            try expectSymbol(")", context: "to close the call of '\(name)'")
            return Expression(kind: .call(name, arguments), location: location)
        case .symbol("("):
            _ = advance()
            let inner = try parseExpression()
            try expectSymbol(")", context: "to close '('")
            return inner
        case .keyword("if"):
            return try parseExpression()
        case .end:
            throw Failure(offset: token.offset, message: "the expression ends too early",
                          expected: "a number, a name, '(' or a function call")
        default:
            throw Failure(offset: token.offset, message: "expected a value but found \(describe(token))",
                          expected: "a number, a name, '(' or a function call")
        }
    }
}
