import Yams

/// A YAML document as Parley reads it: every node remembers the file, line and column it
/// came from, so that a diagnostic can point at it even after `extends:` has merged nodes
/// from several files.
indirect enum YAMLNode: Sendable {
    /// A scalar's text exactly as written (without quotes), and whether it was quoted.
    case scalar(YAMLScalar)
    /// A mapping's pairs in file order.
    case mapping([YAMLPair], SourceLocation)
    /// A sequence's items in file order.
    case sequence([YAMLNode], SourceLocation)

    /// Where the node starts.
    var location: SourceLocation {
        switch self {
        case let .scalar(scalar): scalar.location
        case let .mapping(_, location), let .sequence(_, location): location
        }
    }

    /// A short name of the node's kind, for messages.
    var kindName: String {
        switch self {
        case let .scalar(scalar): scalar.isNull ? "nothing (null)" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// The pairs if this is a mapping.
    var pairs: [YAMLPair]? {
        if case let .mapping(pairs, _) = self { return pairs }
        return nil
    }

    /// The items if this is a sequence.
    var sequenceItems: [YAMLNode]? {
        if case let .sequence(items, _) = self { return items }
        return nil
    }

    /// The scalar if this is a scalar.
    var scalarValue: YAMLScalar? {
        if case let .scalar(scalar) = self { return scalar }
        return nil
    }

    /// The value under `key` in a mapping.
    subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key == key }?.value
    }
}

/// A scalar's text, its place, and whether quoting made it a string for sure.
struct YAMLScalar: Sendable {
    /// The text, unquoted and unescaped.
    var text: String
    /// Where the text starts (the first character inside quotes).
    var location: SourceLocation
    /// Whether the scalar was written in quotes or as a block.
    var isQuoted: Bool
    /// Whether the text's characters sit one by one at consecutive columns of the scalar's first
    /// line. It is false for block scalars, for scalars folded over several lines and for quoted
    /// scalars with escapes; offsets inside the text then locate only the scalar's start.
    var hasExactColumns: Bool

    /// `~`, `null` or an empty plain scalar.
    var isNull: Bool { !isQuoted && ["", "~", "null", "Null", "NULL"].contains(text) }

    /// The location of the `offset`-th character of the text, when it can be known.
    func location(ofOffset offset: Int) -> SourceLocation {
        hasExactColumns ? location.advanced(by: offset) : location
    }
}

/// One `key: value` pair of a mapping.
struct YAMLPair: Sendable {
    var key: String
    var keyLocation: SourceLocation
    var value: YAMLNode
}

enum YAMLReader {
    /// Parses `text` into a located tree. YAML syntax errors and duplicate keys become
    /// diagnostics; the tree is nil when the text is not YAML at all.
    static func read(_ text: String, file: String, log: inout DiagnosticLog) -> YAMLNode? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            log.append([diagnostic(for: error, file: file)])
            return nil
        } catch {
            log.error(SourceLocation(file: file, line: 1, column: 1), "the file is not valid YAML: \(error)")
            return nil
        }
        guard let node else {
            log.error(SourceLocation(file: file, line: 1, column: 1), "the file is empty",
                      expected: "a scenario: a mapping with at least 'parley: 1' and 'name:'")
            return nil
        }
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        return convert(node, file: file, lines: lines, log: &log)
    }

    private static func location(_ mark: Mark?, file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(_ node: Node, file: String, lines: [Substring.UnicodeScalarView],
                                log: inout DiagnosticLog) -> YAMLNode {
        switch node {
        case let .scalar(scalar):
            var start = location(scalar.mark, file: file)
            let quote: Unicode.Scalar? = switch scalar.style {
            case .singleQuoted: "'"
            case .doubleQuoted: "\""
            default: nil
            }
            if quote != nil { start = start.advanced(by: 1) }
            let block = scalar.style == .literal || scalar.style == .folded
            return .scalar(YAMLScalar(
                text: scalar.string, location: start, isQuoted: quote != nil || block,
                hasExactColumns: !block && isWrittenVerbatim(scalar.string, at: start, closedBy: quote, in: lines)))
        case let .sequence(sequence):
            return .sequence(sequence.map { convert($0, file: file, lines: lines, log: &log) }, location(sequence.mark, file: file))
        case let .mapping(mapping):
            var pairs: [YAMLPair] = []
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                let keyLocation = location(key.mark, file: file)
                guard case let .scalar(keyScalar) = key else {
                    log.error(keyLocation, "a mapping key must be a plain name", expected: "a scalar key such as 'name'")
                    continue
                }
                let keyText = keyScalar.string
                if let first = seen[keyText] {
                    log.error(keyLocation, "duplicate key '\(keyText)'",
                              hint: "the first '\(keyText)' is at line \(first.line); YAML keeps only one of them, so merge the two or rename one")
                    continue
                }
                seen[keyText] = keyLocation
                pairs.append(YAMLPair(key: keyText, keyLocation: keyLocation, value: convert(value, file: file, lines: lines, log: &log)))
            }
            return .mapping(pairs, location(mapping.mark, file: file))
        }
    }

    /// Whether `text` stands in the file exactly as it is, on one line from `start` (and, when
    /// quoted, right before its closing quote): YAML folds scalars that span lines and resolves
    /// escapes, and then an offset in the text is no longer a column.
    private static func isWrittenVerbatim(_ text: String, at start: SourceLocation, closedBy quote: Unicode.Scalar?,
                                          in lines: [Substring.UnicodeScalarView]) -> Bool {
        guard lines.indices.contains(start.line - 1) else { return false }
        let line = lines[start.line - 1]
        guard start.column >= 1, start.column - 1 <= line.count else { return false }
        let rest = line.dropFirst(start.column - 1)
        guard rest.starts(with: text.unicodeScalars) else { return false }
        guard let quote else { return true }
        return rest.dropFirst(text.unicodeScalars.count).first == quote
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _):
            return .error(at: location(mark, file: file), "YAML syntax: \(problem)",
                          hint: context.map { $0.text }.map(yamlHint))
        case let .parser(context, problem, mark, _):
            return .error(at: location(mark, file: file), "YAML syntax: \(problem)",
                          hint: context.map { $0.text }.map(yamlHint))
        case let .composer(context, problem, mark, _):
            return .error(at: location(mark, file: file), "YAML structure: \(problem)",
                          hint: context.map { $0.text }.map(yamlHint))
        case let .reader(problem, offset, value, _):
            return .error(at: SourceLocation(file: file, line: 1, column: 1),
                          "the file is not readable text: \(problem) (byte \(offset ?? 0), value \(value))",
                          hint: "save the scenario as UTF-8")
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
    }

    private static func yamlHint(_ context: String) -> String {
        context + "; check indentation (spaces, not tabs) and quote expressions that contain ':' or '#'"
    }

    /// The result of laying `child` over `base` for `extends:`: mappings merge key by key
    /// (recursively), a `null` in the child removes the key, anything else replaces.
    static func merge(base: YAMLNode, child: YAMLNode) -> YAMLNode {
        guard case let .mapping(basePairs, baseLocation) = base, case let .mapping(childPairs, _) = child else {
            return child
        }
        var result = basePairs
        for pair in childPairs {
            if let index = result.firstIndex(where: { $0.key == pair.key }) {
                if pair.value.scalarValue?.isNull == true {
                    result.remove(at: index)
                } else {
                    result[index] = YAMLPair(
                        key: pair.key, keyLocation: pair.keyLocation,
                        value: merge(base: result[index].value, child: pair.value))
                }
            } else if pair.value.scalarValue?.isNull != true {
                result.append(pair)
            }
        }
        return .mapping(result, baseLocation)
    }
}
