// The backtest baselines' speed (Benchmarks/baselines/run.sh builds this with swiftc -O against
// ParleyNumerics and ParleyHistory). Prints one JSON object.
import Foundation
import ParleyHistory
import ParleyNumerics

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: baselines-bench DATA_DIR [REPETITIONS]\n".utf8))
    exit(64)
}
let repetitions = max(1, Int(arguments.count > 2 ? arguments[2] : "5") ?? 5)
let record = ForecastRecord(record: try DPRKRecord(directory: URL(fileURLWithPath: arguments[1])))
let origins = [YearMonth(2005, 12), YearMonth(2008, 12), YearMonth(2012, 12), YearMonth(2016, 12)]
let clock = ContinuousClock()

/// The median wall time of `repetitions` runs of `body`, in seconds.
func median(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<repetitions {
        let elapsed = try clock.measure(body)
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return times.sorted()[times.count / 2]
}

// 1. The rolling backtest's baselines: four origins, 4,000 Hawkes paths each, and the table.
let rolling = try median {
    let forecasts = try origins.map { try Baselines.forecast(record, origin: $0, settings: BaselineSettings(hawkesPaths: 4000)) }
    _ = try ScoreTable(origins: forecasts.map { $0.originForecasts() })
}
// 2. The same without the simulation (one path): the annual baselines and the Hawkes fits.
let annual = try median {
    _ = try origins.map { try Baselines.forecast(record, origin: $0, settings: BaselineSettings(hawkesPaths: 1)) }
}
// 3. The Hawkes fit on every launch day 1990-01 … 2021-06 (the peer fits the same events).
let start = 7305.0   // 1990-01-01, in days since 1970-01-01
let end = 18809.0    // 2021-07-01
let times = record.launchDays.map(\.time)
var fit = try HawkesFit(events: times, start: start, end: end)
let fitting = try median { fit = try HawkesFit(events: times, start: start, end: end) }
// 4. 10,000 paths of that process over 2021-07 … 2026-06 with the record's excitation.
let process = fit.process
let excitation = process.excitation(at: end, history: times)
var simulated = 0
let simulation = median {
    simulated = 0
    for path in 0..<10_000 {
        var generator = Xoshiro256StarStar(seed: 1, run: UInt64(path), stream: 0)
        process.simulate(from: end, to: end + 1826, excitation: excitation, using: &generator) { _ in simulated += 1 }
    }
}
let p = fit.parameters
print("""
{"rolling_4_origins_4000_paths_s": \(rolling), "annual_baselines_and_fits_4_origins_s": \(annual), \
"hawkes_fit_83_events_s": \(fitting), "hawkes_10000_paths_5_years_s": \(simulation), \
"simulated_events_per_path": \(Double(simulated) / 10_000), \
"fit": {"mu": \(p.baseline), "alpha": \(p.branchingRatio), "beta": \(p.decay), "log_likelihood": \(fit.logLikelihood)}}
""")
