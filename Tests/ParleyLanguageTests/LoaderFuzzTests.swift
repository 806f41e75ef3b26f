import Testing
import ParleyScenarios
@testable import ParleyLanguage

/// A bounded fuzz of the whole loader: mutated and random YAML must always give either a
/// scenario or a ``ScenarioError`` with located errors — never a crash or a hang.
struct LoaderFuzzTests {
    static let seeds: [String] = ShippedScenarios.names.compactMap(ShippedScenarios.text(named:)) + [base, ExtendsTests.korea]
    static let alphabet = Array(" \n\t:{}[],\"'#&*!|>-?~%@`0123456789aeiz.()+<=_é".utf8)

    /// `text` with one to four random byte or line mutations.
    static func mutate(_ text: String, using rng: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            let line = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0 where !bytes.isEmpty:
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...20, using: &rng)))
                continue
            case 1:
                let start = Int.random(in: 0...bytes.count, using: &rng)
                let inserted = (0..<Int.random(in: 1...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
                bytes.insert(contentsOf: inserted, at: start)
                continue
            case 2 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                continue
            case 3: lines.insert(lines[line], at: line)
            case 4: lines.swapAt(line, Int.random(in: 0..<lines.count, using: &rng))
            case 5: lines.remove(at: line)
            case 6: lines[line].insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: Int.random(in: 1...4, using: &rng)), at: 0)
            default: lines[line].removeFirst(min(lines[line].count, Int.random(in: 1...4, using: &rng)))
            }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Loads `text`; checks that a failure carries at least one error and that every
    /// diagnostic has a real place.
    static func loadNeverCrashes(_ text: String, file: String = "fuzz.yaml") {
        switch load(text, file: file, others: ["korea.yaml": ExtendsTests.korea]) {
        case let .success(scenario):
            #expect(scenario.warnings.allSatisfy { $0.severity == .warning })
        case let .failure(error):
            #expect(!error.errors.isEmpty, "\(text)")
            #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 }, "\(error)")
        }
    }

    @Test func mutatedScenariosNeverCrashTheLoader() {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<2000 {
            let text = LoaderFuzzTests.mutate(LoaderFuzzTests.seeds.randomElement(using: &rng)!, using: &rng)
            LoaderFuzzTests.loadNeverCrashes(text)
        }
    }

    @Test func randomTextNeverCrashesTheLoader() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in LoaderFuzzTests.alphabet.randomElement(using: &rng)! }
            LoaderFuzzTests.loadNeverCrashes(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func mutatedVariantsWithExtendsNeverCrashTheLoader() {
        var rng = SplitMix64(seed: 99)
        let variant = "extends: korea.yaml\nname: v\nparameters:\n  rate: { value: 0.8, source: s }\nstate:\n  tension: null\n"
        for _ in 0..<300 {
            LoaderFuzzTests.loadNeverCrashes(LoaderFuzzTests.mutate(variant, using: &rng))
        }
    }
}
