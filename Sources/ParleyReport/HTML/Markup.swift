import Foundation

/// Escaping and number formatting shared by the SVG charts and the HTML report.
///
/// Everything the report writes goes through ``escape(_:)``, so names from a scenario file
/// (`a<b & "c"`) can never break the markup, and every chart stays well-formed XML.
public enum Markup {
    /// `text` made safe for element content and quoted attribute values in both HTML and XML:
    /// `&`, `<`, `>`, `"` and `'` become character references, and control characters XML
    /// forbids (everything below U+0020 except tab, newline and carriage return) become U+FFFD.
    ///
    /// ```swift
    /// Markup.escape("a<b & \"c\"")   // a&lt;b &amp; &quot;c&quot;
    /// ```
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `text` reduced to the letters, digits, `-` and `_` an HTML `id` or fragment can carry
    /// without escaping; other characters become `-`.
    public static func identifier(_ text: String) -> String {
        let kept = text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
            default: "-"
            }
        }
        let result = String(kept)
        return result.first?.isLetter == true ? result : "x" + result
    }

    /// A number for people: three significant digits (more for large whole numbers), a true
    /// minus sign, and `n/a` for NaN or infinity.
    ///
    /// ```swift
    /// Markup.number(61.234)    // 61.2
    /// Markup.number(-0.00412)  // −0.00412
    /// Markup.number(12345)     // 12345
    /// ```
    public static func number(_ value: Double, significantDigits: Int = 3) -> String {
        guard value.isFinite else { return "n/a" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let text: String
        if magnitude >= 1e9 || magnitude < 1e-4 {
            text = String(format: "%.\(max(0, significantDigits - 1))e", value)
        } else {
            let decimals = max(0, significantDigits - 1 - Int(floor(log10(magnitude))))
            text = trimmingZeros(String(format: "%.\(min(decimals, 8))f", value))
        }
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// A number with an explicit sign (`+1.2`, `−0.4`), for differences.
    public static func signedNumber(_ value: Double, significantDigits: Int = 3) -> String {
        let text = number(value, significantDigits: significantDigits)
        return value > 0 && value.isFinite ? "+" + text : text
    }

    /// A tick label: as many decimals as the tick spacing needs, and no more.
    static func tick(_ value: Double, spacing: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if abs(value) < spacing * 1e-9 { return "0" }
        let decimals = spacing > 0 && spacing.isFinite ? max(0, Int(-floor(log10(spacing) + 1e-9))) : 2
        let text = String(format: "%.\(min(decimals, 8))f", value)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// An SVG coordinate or length: at most two decimals, no exponent, and `0` for a
    /// non-finite value, so that no attribute ever reads `nan` or `inf`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e12 { return String(Int(rounded)) }
        return trimmingZeros(String(format: "%.2f", rounded))
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        if trimmed.last == "." { trimmed = trimmed.dropLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }
}

/// Builds markup element by element, escaping every attribute value and text, so that the
/// output is well-formed by construction.
struct MarkupWriter {
    /// The markup written so far.
    private(set) var text = ""
    private var openElements: [String] = []

    /// Opens `name` with `attributes` (in order); close it with ``close()``.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name + Self.attributeText(attributes) + ">"
        openElements.append(name)
    }

    /// Closes the most recently opened element.
    mutating func close() {
        guard let name = openElements.popLast() else { preconditionFailure("close() without open()") }
        text += "</" + name + ">"
    }

    /// An element with text content (escaped), or empty (`<name/>` in XML style) without.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String? = nil) {
        if let content {
            text += "<" + name + Self.attributeText(attributes) + ">" + Markup.escape(content) + "</" + name + ">"
        } else {
            text += "<" + name + Self.attributeText(attributes) + "/>"
        }
    }

    /// An element whose only child is a `<title>`: a tooltip and an accessible name for a shape.
    mutating func titled(_ name: String, _ attributes: [(String, String)], title: String) {
        open(name, attributes)
        element("title", text: title)
        close()
    }

    /// Text (escaped) between elements.
    mutating func write(_ content: String) {
        text += Markup.escape(content)
    }

    /// Markup already built and escaped by another writer.
    mutating func insert(_ markup: String) {
        text += markup
    }

    /// A newline, to keep the output readable in a text editor.
    mutating func newline() {
        text += "\n"
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        var result = ""
        for (name, value) in attributes {
            result += " " + name + "=\"" + Markup.escape(value) + "\""
        }
        return result
    }
}
