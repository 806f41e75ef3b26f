/// The fields of one YAML mapping, checked against the keys that are allowed there.
struct MappingFields {
    let pairs: [YAMLPair]
    let location: SourceLocation

    /// Reads `node` as a mapping whose keys must be among `allowed`; logs unknown keys with
    /// a did-you-mean. Returns nil (after logging) when the node is not a mapping.
    init?(_ node: YAMLNode, allowed: [String], what: String, log: inout DiagnosticLog) {
        guard case let .mapping(pairs, location) = node else {
            log.error(node.location, "\(what) must be a mapping, but this is \(node.kindName)",
                      expected: "keys: \(allowed.joined(separator: ", "))")
            return nil
        }
        for pair in pairs where !allowed.contains(pair.key) {
            log.error(pair.keyLocation, "unknown key '\(pair.key)' in \(what)",
                      expected: "one of \(allowed.joined(separator: ", "))",
                      hint: Suggestions.hint(for: pair.key, among: allowed))
        }
        self.pairs = pairs
        self.location = location
    }

    subscript(key: String) -> YAMLNode? { pairs.first { $0.key == key }?.value }

    /// The scalar under `key`, or nil; logs when it is present but not a scalar.
    func scalar(_ key: String, log: inout DiagnosticLog) -> YAMLScalar? {
        guard let node = self[key] else { return nil }
        guard let scalar = node.scalarValue else {
            log.error(node.location, "'\(key)' must be a single value, but this is \(node.kindName)")
            return nil
        }
        return scalar.isNull ? nil : scalar
    }

    /// The text under `key`.
    func text(_ key: String, log: inout DiagnosticLog) -> String? { scalar(key, log: &log)?.text }

    /// A literal number under `key`.
    func number(_ key: String, log: inout DiagnosticLog) -> Double? {
        guard let scalar = scalar(key, log: &log) else { return nil }
        return LiteralReader.number(scalar, role: "'\(key)'", log: &log)
    }

    /// A literal boolean under `key`.
    func boolean(_ key: String, log: inout DiagnosticLog) -> Bool? {
        guard let scalar = scalar(key, log: &log) else { return nil }
        switch scalar.text {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            log.error(scalar.location, "'\(key)' must be true or false, but it is '\(scalar.text)'", expected: "true or false")
            return nil
        }
    }
}

/// Reading literal values from scalars.
enum LiteralReader {
    static func number(_ scalar: YAMLScalar, role: String, log: inout DiagnosticLog) -> Double? {
        let text = scalar.text.trimmingSpaces()
        if let value = Double(text), value.isFinite { return value }
        log.error(scalar.location, "\(role) must be a number, but it is '\(scalar.text)'", expected: "a number such as 0.5 or 1e-3")
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
