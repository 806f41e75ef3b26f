import Foundation
import ParleyLanguage

/// One job for ``Simulation/traces(_:series:threads:)``: a run index and, optionally, parameter
/// values fixed for that run alone (by parameter index).
public struct TraceJob: Sendable, Hashable {
    /// The run index: with the configuration's seed it fixes every random stream of the run.
    public var run: Int
    /// Parameter values for this run only, on top of the configuration's overrides.
    public var values: [Int: Double]

    /// A job for run `run` with `values` fixed.
    public init(run: Int, values: [Int: Double] = [:]) {
        self.run = run
        self.values = values
    }
}

/// What one run left behind: every metric's value and, for the requested series metrics, the
/// value at each step.
public struct RunTrace: Sendable, Equatable {
    /// Per metric (declaration order), its value at the end of the run.
    public var metrics: [Double]
    /// Per requested series metric (in the order asked), one value per step.
    public var series: [[Double]]
    /// The period values of every metric with `per:`, in metric order (as ``EnsembleSummary/runPeriodValues``).
    public var periodValues: [Double] = []
}

extension Simulation {
    /// Runs each job and returns its trace, in job order.
    ///
    /// This is the per-run view that calibration and backtesting need (an ensemble summary keeps
    /// only distributions). A trace depends only on the simulation, the job's run index and its
    /// values — never on `threads` or on which other jobs ran.
    ///
    /// - Parameters:
    ///   - series: indices of series metrics whose step values to keep.
    ///   - threads: worker threads (at least 1).
    /// - Throws: ``RunError`` from the first job (in job order) that fails.
    public func traces(_ jobs: [TraceJob], series: [Int], threads: Int = 1) throws(RunError) -> [RunTrace] {
        let workers = Swift.max(1, Swift.min(threads, jobs.count))
        let chunk = (jobs.count + workers - 1) / Swift.max(workers, 1)
        let results = TraceSlots(count: jobs.count)
        let steps = scenario.clock.steps
        let metricCount = scenario.metrics.count
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let workspace = makeWorkspace()
            let start = worker * chunk
            let end = Swift.min(jobs.count, start + chunk)
            guard start < end else { return }
            for index in start..<end {
                let job = jobs[index]
                do throws(RunError) {
                    try run(index: job.run, in: workspace, values: job.values)
                    let metrics = Array(workspace.metricValues)
                    let values = series.map { metric in
                        (0..<steps).map { workspace.seriesValues[$0 * metricCount + metric] }
                    }
                    results.set(index, .success(RunTrace(metrics: metrics, series: values,
                                                         periodValues: Array(workspace.periodValues))))
                } catch {
                    results.set(index, .failure(error))
                    return
                }
            }
        }
        var traces: [RunTrace] = []
        traces.reserveCapacity(jobs.count)
        for index in 0..<jobs.count {
            switch results.get(index) {
            case let .success(trace)?: traces.append(trace)
            case let .failure(error)?: throw error
            case nil: break
            }
        }
        return traces
    }
}

/// Result slots written by distinct workers at distinct indices.
private final class TraceSlots: @unchecked Sendable {
    private var slots: [Result<RunTrace, RunError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<RunTrace, RunError>) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> Result<RunTrace, RunError>? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
