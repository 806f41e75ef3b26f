/// The strategy library: every strategy's catalogue entry, lookup by key, alias or axelrod name,
/// and construction from parameters with precise errors.
///
/// ```swift
/// let gtft = try StrategyCatalog.make("generous_tit_for_tat", parameters: ["p": 0.2])
/// let joss = try StrategyCatalog.make(specification: "joss(p=0.8)")
/// StrategyCatalog.make("tit_for_tot")   // throws: unknown strategy 'tit_for_tot'. Did you mean 'tit_for_tat'?
/// ```
public enum StrategyCatalog {
    /// Every strategy's entry, in a stable order (the order of `parley strategies`).
    public static let entries: [StrategyInfo] = AnyStrategy.allTypes.map { $0.info }

    /// Every key (not aliases), in catalogue order.
    public static var keys: [String] { entries.map(\.key) }

    /// The entry for a key, alias or axelrod name (case, spaces, `-` and `_` ignored).
    public static func info(for name: String) -> StrategyInfo? {
        type(for: name)?.info
    }

    /// The strategy named `name` with its default parameters.
    public static func make(_ name: String) throws(GamesError) -> AnyStrategy {
        try make(name, parameters: [:])
    }

    /// The strategy named `name` (key, alias or axelrod name) with `parameters` overriding its
    /// defaults.
    ///
    /// - Throws: ``GamesError/unknownStrategy(_:suggestion:)`` with the closest key,
    ///   ``GamesError/unknownParameter(strategy:parameter:known:)``, or
    ///   ``GamesError/invalidParameter(strategy:parameter:message:)`` for a value out of range.
    public static func make(_ name: String, parameters: [String: Double]) throws(GamesError) -> AnyStrategy {
        guard let type = type(for: name) else {
            throw .unknownStrategy(name, suggestion: suggestion(for: name))
        }
        let values = try resolve(parameters, for: type.info)
        return make(type, values)
    }

    /// A strategy from a specification such as `tit_for_tat`, `random(p=0.3)` or
    /// `grit(growth=3, patience=4)`.
    public static func make(specification: String) throws(GamesError) -> AnyStrategy {
        let (name, parameters) = try parse(specification: specification)
        return try make(name, parameters: parameters)
    }

    /// Splits `key(name=value, …)` into the key and its parameters.
    public static func parse(specification text: String) throws(GamesError) -> (name: String, parameters: [String: Double]) {
        let trimmed = text.trimmedOfSpaces
        guard let open = trimmed.firstIndex(of: "(") else {
            if trimmed.isEmpty { throw .malformedSpecification(text, message: "the name is empty") }
            return (trimmed, [:])
        }
        guard trimmed.last == ")" else { throw .malformedSpecification(text, message: "a '(' without a closing ')'") }
        let name = String(trimmed[..<open]).trimmedOfSpaces
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        var parameters: [String: Double] = [:]
        for item in inside.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map { String($0).trimmedOfSpaces }
            guard pair.count == 2, !pair[0].isEmpty else {
                throw .malformedSpecification(text, message: "'\(item.trimmedOfSpaces)' is not name=value")
            }
            guard let value = Double(pair[1]) else {
                throw .malformedSpecification(text, message: "'\(pair[1])' is not a number")
            }
            parameters[pair[0]] = value
        }
        return (name, parameters)
    }

    /// The closest key or alias to a misspelt name, if one is close enough to be a likely typo.
    public static func suggestion(for name: String) -> String? {
        let wanted = normalized(name)
        var best: (key: String, distance: Int)?
        for entry in entries {
            for candidate in [entry.key] + entry.aliases + [entry.axelrodName].compactMap({ $0 }) {
                let distance = editDistance(wanted, normalized(candidate))
                if best == nil || distance < best!.distance { best = (entry.key, distance) }
            }
        }
        guard let best, best.distance <= Swift.max(2, wanted.count / 3) else { return nil }
        return best.key
    }

    static func type(for name: String) -> (any Strategy.Type)? {
        let wanted = normalized(name)
        return AnyStrategy.allTypes.first { type in
            let info = type.info
            return ([info.key] + info.aliases + [info.axelrodName, info.displayName].compactMap { $0 })
                .contains { normalized($0) == wanted }
        }
    }

    static func make(_ type: any Strategy.Type, _ values: ParameterValues) -> AnyStrategy {
        AnyStrategy(type.init(parameters: values))
    }

    static func resolve(_ given: [String: Double], for info: StrategyInfo) throws(GamesError) -> ParameterValues {
        var values = ParameterValues(info.parameters).values
        for (name, value) in given.sorted(by: { $0.key < $1.key }) {
            guard let parameter = info.parameters.first(where: { $0.name == name }) else {
                throw .unknownParameter(strategy: info.key, parameter: name, known: info.parameters.map(\.name))
            }
            guard value.isFinite, value >= parameter.minimum, value <= parameter.maximum else {
                throw .invalidParameter(
                    strategy: info.key, parameter: name,
                    message: "\(value) is outside [\(parameter.minimum), \(parameter.maximum)]")
            }
            if parameter.isInteger && value != value.rounded() {
                throw .invalidParameter(strategy: info.key, parameter: name, message: "\(value) is not a whole number")
            }
            values[name] = value
        }
        return ParameterValues(values: values)
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
    }

    /// Levenshtein distance, for "did you mean".
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension StringProtocol {
    var trimmedOfSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
