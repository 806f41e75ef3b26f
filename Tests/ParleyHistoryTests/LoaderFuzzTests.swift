import Testing
import ParleyNumerics
@testable import ParleyHistory

/// A bounded fuzz of the loaders: the real files with random byte and line mutations must
/// give either a record or a located ``HistoryDataError`` — never a crash or a hang.
struct LoaderFuzzTests {
    static let alphabet = Array(",\"\r\n 0123456789-.:+eE;abcSRBMéx".utf8)

    /// `bytes` with one to four random byte or line mutations.
    static func mutate(_ original: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !bytes.isEmpty:
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...12, using: &rng)))
            case 1:
                let start = Int.random(in: 0...bytes.count, using: &rng)
                let inserted = (0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
                bytes.insert(contentsOf: inserted, at: start)
            case 2 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 3 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
            default:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                let line = Int.random(in: 0..<lines.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: lines.insert(lines[line], at: line)
                case 1: lines.swapAt(line, Int.random(in: 0..<lines.count, using: &rng))
                default: lines.remove(at: line)
                }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
        }
        return bytes
    }

    /// Loads the record with `name` replaced by `bytes`; a failure must be located inside the file.
    static func loadNeverCrashes(_ name: String, _ bytes: [UInt8]) {
        do {
            let record = try Shipped.record(replacing: name, with: bytes)
            #expect(record.missileTests.allSatisfy { $0.date.lastDay <= DPRKRecord.cutoff })
        } catch {
            #expect(error.line >= 1 && error.column >= 1, "\(error)")
            #expect(error.description.hasPrefix("\(error.file):\(error.line):\(error.column): error: "), "\(error)")
        }
    }

    @Test func mutatedShippedFilesNeverCrashTheLoaders() {
        var rng = SplitMix64(seed: 2021)
        for _ in 0..<1200 {
            let name = Shipped.fileNames[Int.random(in: 0..<Shipped.fileNames.count, using: &rng)]
            LoaderFuzzTests.loadNeverCrashes(name, LoaderFuzzTests.mutate(Array((Shipped.texts[name] ?? "").utf8), using: &rng))
        }
    }

    @Test func randomBytesNeverCrashTheCSVReader() {
        var rng = SplitMix64(seed: 6)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...120, using: &rng)).map { _ in
                Bool.random(using: &rng) ? LoaderFuzzTests.alphabet[Int.random(in: 0..<LoaderFuzzTests.alphabet.count, using: &rng)]
                    : UInt8.random(in: 0...255, using: &rng)
            }
            if let error = caught({ try CSVTable(bytes: bytes, file: "random.csv") }) {
                #expect(error.file == "random.csv" && error.line >= 1 && error.column >= 1)
            }
            LoaderFuzzTests.loadNeverCrashes(DPRKRecord.FileName.nuclearTests, bytes)
        }
    }
}
