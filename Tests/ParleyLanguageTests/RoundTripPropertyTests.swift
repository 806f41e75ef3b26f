import Testing
import PropertyBased
import ParleyScenarios
@testable import ParleyLanguage

/// Laws of the parser: it reads back what it writes, and it never crashes or hangs.
struct RoundTripPropertyTests {
    static let here = SourceLocation(file: "e", line: 1, column: 1)
    static let names = ["x", "tension", "us.talk", "dprk.warheads", "t", "date", "_a1", "within"]
    static let functions = ["did", "count", "max", "clamp", "uniform", "f"]

    /// A random expression tree of at most `depth` levels, in the shapes the parser produces
    /// (it folds `-` before a number literal into a negative literal, so that shape is left out).
    static func randomExpression(depth: Int, using rng: inout SplitMix64) -> Expression {
        func node(_ kind: Expression.Kind) -> Expression { Expression(kind: kind, location: here) }
        let leafKinds = 4
        let choice = depth <= 0 ? Int.random(in: 0..<leafKinds, using: &rng) : Int.random(in: 0..<(leafKinds + 6), using: &rng)
        switch choice {
        case 0:
            let numbers: [Double] = [0, 1, 2.5, 1e-5, 6.02e23, 1e300, 123_456, 0.1]
            let value = numbers.randomElement(using: &rng)! * (Bool.random(using: &rng) ? 1 : -1)
            return node(.number(value))
        case 1:
            return node(.boolean(Bool.random(using: &rng)))
        case 2:
            let day = CalendarDate(year: Int.random(in: 1900...2100, using: &rng), month: Int.random(in: 1...12, using: &rng),
                                   day: Int.random(in: 1...28, using: &rng))!
            return node(.date(day.dayNumber))
        case 3:
            return node(.name(names.randomElement(using: &rng)!))
        case 4:
            var operand = randomExpression(depth: depth - 1, using: &rng)
            if case .number = operand.kind { operand = node(.name("x")) }
            return node(.unary(.negate, operand))
        case 5:
            return node(.unary(.not, randomExpression(depth: depth - 1, using: &rng)))
        case 6, 7:
            let operators: [BinaryOperator] = [.add, .subtract, .multiply, .divide, .remainder, .power, .less, .lessOrEqual,
                                               .greater, .greaterOrEqual, .equal, .notEqual, .and, .or]
            return node(.binary(operators.randomElement(using: &rng)!, randomExpression(depth: depth - 1, using: &rng),
                                randomExpression(depth: depth - 1, using: &rng)))
        case 8:
            return node(.conditional(randomExpression(depth: depth - 1, using: &rng), randomExpression(depth: depth - 1, using: &rng),
                                     randomExpression(depth: depth - 1, using: &rng)))
        default:
            let count = Int.random(in: 0...3, using: &rng)
            let arguments = (0..<count).map { index in
                Expression.Argument(label: index > 0 && Bool.random(using: &rng) ? "within" : nil,
                                    value: randomExpression(depth: depth - 1, using: &rng))
            }
            return node(.call(functions.randomElement(using: &rng)!, arguments))
        }
    }

    @Test func parsingTheDescriptionGivesBackTheSameTree() async {
        await propertyCheck(count: 500, input: Gen.uint64(), Gen.int(in: 0...6)) { seed, depth in
            var rng = SplitMix64(seed: seed)
            let expression = RoundTripPropertyTests.randomExpression(depth: depth, using: &rng)
            let text = expression.description
            let reread = try? ExpressionParser.parse(text) { _ in RoundTripPropertyTests.here }
            #expect(reread == expression, "\(text)")
        }
    }

    @Test func descriptionIsStableUnderRereading() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let text = RoundTripPropertyTests.randomExpression(depth: 4, using: &rng).description
            let once = try? ExpressionParser.parse(text) { _ in RoundTripPropertyTests.here }.description
            #expect(once == text)
        }
    }

    /// Parses `text`, checking that a failure points inside the text or just past its end.
    static func parseNeverCrashes(_ text: String) {
        do {
            _ = try ExpressionParser.parse(text) { _ in here }
        } catch {
            #expect((0...text.unicodeScalars.count).contains(error.offset), "\(text)")
            #expect(!error.message.isEmpty)
        }
    }

    static let expressionAlphabet = Array("abdtx_.0123456789eE+-*/^%<>=!&|()[],: \"'\t\nifthenelsnotandor#é")

    @Test func parserNeverCrashesOnRandomStrings() async {
        await propertyCheck(count: 1000, input: Gen.uint64(), Gen.int(in: 0...60)) { seed, length in
            var rng = SplitMix64(seed: seed)
            let text = String((0..<length).map { _ in RoundTripPropertyTests.expressionAlphabet.randomElement(using: &rng)! })
            RoundTripPropertyTests.parseNeverCrashes(text)
        }
    }

    /// Every double-quoted string of the shipped scenarios: their expressions (and some prose).
    static let shippedExpressions: [String] = ShippedScenarios.names.flatMap { name -> [String] in
        let text = ShippedScenarios.text(named: name) ?? ""
        return text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test func parserNeverCrashesOnMutatedShippedExpressions() async {
        #expect(RoundTripPropertyTests.shippedExpressions.count > 30)
        await propertyCheck(count: 1000, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            var characters = Array(RoundTripPropertyTests.shippedExpressions.randomElement(using: &rng)!)
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !characters.isEmpty {
                let index = Int.random(in: 0..<characters.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: characters.remove(at: index)
                case 1: characters.insert(characters[index], at: index)
                case 2: characters.swapAt(index, Int.random(in: 0..<characters.count, using: &rng))
                default: characters.insert(RoundTripPropertyTests.expressionAlphabet.randomElement(using: &rng)!, at: index)
                }
            }
            RoundTripPropertyTests.parseNeverCrashes(String(characters))
        }
    }
}
