/// A token of the expression language.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case date(Double)
        case identifier(String)
        case keyword(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    /// Offset of the token's first character in the expression text.
    var offset: Int
    /// The token as written.
    var text: String
}

/// Splits expression text into tokens. Errors carry the character offset.
struct Lexer {
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String
        var hint: String?
    }

    static let keywords: Set<String> = ["and", "or", "not", "if", "then", "else", "true", "false"]

    static func tokens(in text: String) throws(Failure) -> [Token] {
        let characters = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0

        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
        }
        func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
        func digits(from start: Int) -> Int {
            var end = start
            while end < characters.count, isDigit(characters[end]) { end += 1 }
            return end
        }

        while index < characters.count {
            let c = characters[index]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                index += 1
                continue
            }
            let start = index
            if isDigit(c) || (c == "." && index + 1 < characters.count && isDigit(characters[index + 1])) {
                // A date literal: YYYY-MM or YYYY-MM-DD with no spaces around the dashes.
                let yearEnd = digits(from: index)
                if yearEnd - index == 4, yearEnd + 2 < characters.count, characters[yearEnd] == "-",
                   digits(from: yearEnd + 1) == yearEnd + 3 {
                    var end = yearEnd + 3
                    if end < characters.count, characters[end] == "-",
                       digits(from: end + 1) == end + 3 {
                        end += 3
                    }
                    let literal = String(String.UnicodeScalarView(characters[start..<end]))
                    guard let day = CalendarDate(parsing: literal)?.dayNumber else {
                        throw Failure(offset: start, message: "'\(literal)' is not a valid date",
                                      hint: "write dates as YYYY-MM or YYYY-MM-DD, e.g. 2022-03")
                    }
                    tokens.append(Token(kind: .date(day), offset: start, text: literal))
                    index = end
                    continue
                }
                var end = digits(from: index)
                if end < characters.count, characters[end] == "." { end = digits(from: end + 1) }
                if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                    var exponent = end + 1
                    if exponent < characters.count, characters[exponent] == "+" || characters[exponent] == "-" {
                        exponent += 1
                    }
                    let exponentEnd = digits(from: exponent)
                    if exponentEnd > exponent { end = exponentEnd }
                }
                let literal = String(String.UnicodeScalarView(characters[start..<end]))
                guard let value = Double(literal), value.isFinite else {
                    throw Failure(offset: start, message: "'\(literal)' is not a number")
                }
                if end < characters.count, isIdentifierStart(characters[end]) {
                    throw Failure(offset: end, message: "a name cannot follow a number directly",
                                  hint: "write a multiplication explicitly, e.g. '2 * x'")
                }
                tokens.append(Token(kind: .number(value), offset: start, text: literal))
                index = end
                continue
            }
            if isIdentifierStart(c) {
                var end = index + 1
                while end < characters.count {
                    if isIdentifierPart(characters[end]) {
                        end += 1
                    } else if characters[end] == ".", end + 1 < characters.count, isIdentifierStart(characters[end + 1]) {
                        end += 1
                    } else {
                        break
                    }
                }
                let word = String(String.UnicodeScalarView(characters[start..<end]))
                tokens.append(Token(kind: keywords.contains(word) ? .keyword(word) : .identifier(word), offset: start, text: word))
                index = end
                continue
            }
            let next: Unicode.Scalar? = index + 1 < characters.count ? characters[index + 1] : nil
            let pair = next.map { String(c) + String($0) } ?? ""
            switch pair {
            case "<=", ">=", "==", "!=":
                tokens.append(Token(kind: .symbol(pair), offset: start, text: pair))
                index += 2
                continue
            case "&&":
                throw Failure(offset: start, message: "'&&' is not an operator here", hint: "write 'and'")
            case "||":
                throw Failure(offset: start, message: "'||' is not an operator here", hint: "write 'or'")
            case "**":
                throw Failure(offset: start, message: "'**' is not an operator here", hint: "write '^' for a power")
            default: break
            }
            switch c {
            case "+", "-", "*", "/", "%", "^", "<", ">", "(", ")", ",", ":":
                tokens.append(Token(kind: .symbol(String(c)), offset: start, text: String(c)))
                index += 1
            case "=":
                throw Failure(offset: start, message: "'=' is not an operator", hint: "write '==' to compare")
            case "!":
                throw Failure(offset: start, message: "'!' is not an operator here", hint: "write 'not'")
            default:
                throw Failure(offset: start, message: "unexpected character '\(c)'",
                              hint: "expressions use numbers, names, + - * / ^ %, comparisons, and/or/not, if/then/else and calls")
            }
        }
        tokens.append(Token(kind: .end, offset: characters.count, text: ""))
        return tokens
    }
}
