import ParleyNumerics
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The parameters of a self-exciting point process with an exponential kernel, in days:
/// λ(t) = μ + Σ_{tᵢ < t} α β e^{−β(t − tᵢ)}.
public struct HawkesParameters: Sendable, Hashable, Codable {
    /// μ: the background rate, events per day.
    public var baseline: Double
    /// α: the branching ratio, the expected number of events each event triggers directly
    /// (0 ≤ α < 1 for a stationary process).
    public var branchingRatio: Double
    /// β: the kernel's decay rate per day (1/β is the mean delay of a triggered event).
    public var decay: Double

    /// The parameters μ, α, β.
    public init(baseline: Double, branchingRatio: Double, decay: Double) {
        self.baseline = baseline
        self.branchingRatio = branchingRatio
        self.decay = decay
    }

    /// The long-run rate μ/(1 − α), events per day (infinite for α ≥ 1).
    public var stationaryRate: Double { branchingRatio < 1 ? baseline / (1 - branchingRatio) : .infinity }

    /// The mean delay 1/β, in days, between an event and one it triggers.
    public var meanDelay: Double { 1 / decay }
}

/// A self-exciting (Hawkes) point process with an exponential kernel (Hawkes 1971, "Spectra of
/// some self-exciting and mutually exciting point processes", *Biometrika* 58(1)):
/// λ(t) = μ + Σ_{tᵢ < t} α β e^{−β(t − tᵢ)}, times in days. Each event raises the rate by αβ,
/// which decays at rate β, so an event triggers α further events on average: provocations come
/// in bursts, and the best predictor of the next one is a recent one (Hess 2018, "Why does
/// North Korea engage in provocations?", *Journal of Asian Security and International Affairs*
/// 5(1), doi:10.1177/2347797017749044).
///
/// ```swift
/// let process = HawkesProcess(HawkesParameters(baseline: 0.002, branchingRatio: 0.6, decay: 0.05))
/// let fit = try HawkesFit(events: launchTimes, start: 0, end: 8401)     // maximum likelihood
/// var generator = Xoshiro256StarStar(seed: 1, run: 0, stream: 0)
/// let future = fit.process.simulate(from: 8401, to: 11000,
///                                   excitation: fit.process.excitation(at: 8401, history: launchTimes),
///                                   using: &generator)
/// ```
public struct HawkesProcess: Sendable, Hashable {
    /// μ, α, β.
    public var parameters: HawkesParameters

    /// The process with `parameters`.
    public init(_ parameters: HawkesParameters) { self.parameters = parameters }

    /// The self-excited part of the intensity just after `t` has passed the events of `history`
    /// at or before it: Σ_{tᵢ ≤ t} α β e^{−β(t − tᵢ)}. Carried into a simulation that starts at
    /// `t`, it is the excitation left by the training record.
    public func excitation(at t: Double, history: [Double]) -> Double {
        let p = parameters
        return history.reduce(0) { total, event in event <= t ? total + p.branchingRatio * p.decay * exp(-p.decay * (t - event)) : total }
    }

    /// The intensity λ(t) = μ + Σ_{tᵢ < t} α β e^{−β(t − tᵢ)}.
    public func intensity(at t: Double, history: [Double]) -> Double {
        let p = parameters
        return p.baseline + history.reduce(0) { total, event in
            event < t ? total + p.branchingRatio * p.decay * exp(-p.decay * (t - event)) : total
        }
    }

    /// The exact log-likelihood of sorted event times in the window [`start`, `end`]:
    /// ℓ = Σᵢ ln λ(tᵢ) − μ(T − S) − α Σᵢ (1 − e^{−β(T − tᵢ)}),
    /// with the self-excited part at each event by Ozaki's (1979, "Maximum likelihood estimation
    /// of Hawkes' self-exciting point processes", *Ann. Inst. Statist. Math.* 31(1)) O(n)
    /// recursion: λ(tᵢ) = μ + αβ Aᵢ, A₁ = 0, Aᵢ = e^{−β(tᵢ − tᵢ₋₁)} (1 + Aᵢ₋₁). Events before
    /// `start` are taken as not observed (the process starts empty at `start`). −∞ for μ ≤ 0
    /// with events, α < 0 or β ≤ 0.
    public static func logLikelihood(events: [Double], start: Double, end: Double, parameters p: HawkesParameters) -> Double {
        let mu = p.baseline, alpha = p.branchingRatio, beta = p.decay
        guard mu >= 0, alpha >= 0, beta > 0 else { return -.infinity }
        var total = -mu * (end - start)
        var a = 0.0
        var previous: Double?
        for t in events {
            if let previous { a = exp(-beta * (t - previous)) * (1 + a) }
            previous = t
            total += log(mu + alpha * beta * a) - alpha * (1 - exp(-beta * (end - t)))
        }
        return total
    }

    /// One path by Ogata's (1981, "On Lewis' simulation method for point processes", *IEEE
    /// Trans. Inform. Theory* 27(1)) thinning: between events the intensity only decays, so its
    /// value now, μ + E, bounds it until the next event; a candidate is drawn at rate μ + E and
    /// kept with probability λ(candidate)/(μ + E). `excitation` is the self-excited part at
    /// `start` (``excitation(at:history:)`` of the record before it). Returns the event times in
    /// (`start`, `end`], in order.
    public func simulate<G: RandomNumberGenerator>(
        from start: Double, to end: Double, excitation: Double, using generator: inout G
    ) -> [Double] {
        var events: [Double] = []
        simulate(from: start, to: end, excitation: excitation, using: &generator) { events.append($0) }
        return events
    }

    /// ``simulate(from:to:excitation:using:)`` handing each event to `body` instead of
    /// collecting them (the fast path of the baseline).
    public func simulate<G: RandomNumberGenerator>(
        from start: Double, to end: Double, excitation: Double, using generator: inout G, _ body: (Double) -> Void
    ) {
        let mu = parameters.baseline, jump = parameters.branchingRatio * parameters.decay, beta = parameters.decay
        var t = start, e = max(0, excitation)
        while true {
            let bound = mu + e
            guard bound > 0 else { return }
            let wait = generator.nextExponential(rate: bound)
            t += wait
            if !(t <= end) { return }
            e *= exp(-beta * wait)
            if generator.nextUniform() * bound < mu + e {
                body(t)
                e += jump
            }
        }
    }
}

/// A Hawkes process fitted by maximum likelihood to event times in a window, with standard
/// errors from the observed information.
///
/// **Fitting.** −ℓ (``HawkesProcess/logLikelihood(events:start:end:parameters:)``) is minimised
/// by Nelder–Mead over (ln μ, logit α, ln β), which keeps μ > 0, β > 0 and the branching ratio
/// in (0, 1) (a stationary process), from twelve deterministic starts — α₀ ∈ {0.2, 0.5, 0.8} ×
/// 1/β₀ ∈ {1, 10, 100, 1000} days, μ₀ = (1 − α₀) n/(T − S) — each polished by a second run
/// from its end point; the best is kept. **Standard errors** are the square roots of the
/// diagonal of the inverse observed information, the Hessian of −ℓ in (μ, α, β) by central
/// differences (steps 10⁻⁴ of each value, α's also within 10⁻⁴ of 1 − α); nil when that Hessian
/// is not positive definite or α̂ < 10⁻⁶ (a boundary, where β is not identified). With fewer
/// than three events self-excitation cannot be fitted: the fit is a Poisson process, α = 0,
/// μ = n/(T − S), β = 1 (irrelevant), no standard errors.
public struct HawkesFit: Sendable, Hashable, Codable {
    /// The estimates.
    public var parameters: HawkesParameters
    /// Their standard errors (see the type's documentation); nil when not available.
    public var standardErrors: HawkesParameters?
    /// The maximised log-likelihood.
    public var logLikelihood: Double
    /// How many events it was fitted to.
    public var events: Int
    /// The window's start, in the events' unit (days).
    public var start: Double
    /// The window's end.
    public var end: Double

    /// The fitted process.
    public var process: HawkesProcess { HawkesProcess(parameters) }

    /// Fits the events (any order; each must lie in [`start`, `end`]) of the window.
    public init(events unsorted: [Double], start: Double, end: Double) throws(ForecastError) {
        guard start.isFinite, end.isFinite, end > start else {
            throw ForecastError("Hawkes window \(start)…\(end); expected finite start < end")
        }
        if let outside = unsorted.first(where: { !($0 >= start && $0 <= end) }) {
            throw ForecastError("event time \(outside) is outside the window \(start)…\(end)")
        }
        let events = unsorted.sorted()
        let n = Double(events.count), length = end - start
        self.events = events.count
        self.start = start
        self.end = end
        guard events.count >= 3 else {
            parameters = HawkesParameters(baseline: n / length, branchingRatio: 0, decay: 1)
            standardErrors = nil
            logLikelihood = HawkesProcess.logLikelihood(events: events, start: start, end: end, parameters: parameters)
            return
        }
        func natural(_ x: [Double]) -> HawkesParameters {
            HawkesParameters(baseline: exp(x[0]), branchingRatio: 1 / (1 + exp(-x[1])), decay: exp(x[2]))
        }
        let objective = { (x: [Double]) -> Double in
            -HawkesProcess.logLikelihood(events: events, start: start, end: end, parameters: natural(x))
        }
        var best: NelderMead.Result?
        for alpha in [0.2, 0.5, 0.8] {
            for delay in [1.0, 10, 100, 1000] {
                let start = [log((1 - alpha) * n / length), log(alpha / (1 - alpha)), log(1 / delay)]
                let first = NelderMead.minimize(objective, start: start, steps: [0.5, 0.5, 0.5])
                let polished = NelderMead.minimize(objective, start: first.point, steps: [0.1, 0.1, 0.1])
                if best.map({ polished.value < $0.value }) ?? true { best = polished }
            }
        }
        let estimate = natural(best?.point ?? [log(n / length), -10, 0])
        parameters = estimate
        logLikelihood = -(best?.value ?? .infinity)
        standardErrors = HawkesFit.standardErrors(events: events, start: start, end: end, at: estimate)
    }

    /// The observed-information standard errors at `p` (see the type's documentation).
    static func standardErrors(events: [Double], start: Double, end: Double, at p: HawkesParameters) -> HawkesParameters? {
        guard p.branchingRatio >= 1e-6 else { return nil }
        let theta = [p.baseline, p.branchingRatio, p.decay]
        let steps = [1e-4 * theta[0], 1e-4 * min(theta[1], 1 - theta[1]), 1e-4 * theta[2]]
        func f(_ x: [Double]) -> Double {
            -HawkesProcess.logLikelihood(
                events: events, start: start, end: end,
                parameters: HawkesParameters(baseline: x[0], branchingRatio: x[1], decay: x[2]))
        }
        func shifted(_ moves: [(Int, Double)]) -> Double {
            var x = theta
            for (i, sign) in moves { x[i] += sign * steps[i] }
            return f(x)
        }
        let center = f(theta)
        var hessian = Array(repeating: Array(repeating: 0.0, count: 3), count: 3)
        for i in 0..<3 {
            hessian[i][i] = (shifted([(i, 1)]) - 2 * center + shifted([(i, -1)])) / (steps[i] * steps[i])
            for j in 0..<i {
                let value = (shifted([(i, 1), (j, 1)]) - shifted([(i, 1), (j, -1)]) - shifted([(i, -1), (j, 1)])
                    + shifted([(i, -1), (j, -1)])) / (4 * steps[i] * steps[j])
                hessian[i][j] = value
                hessian[j][i] = value
            }
        }
        guard let inverse = SymmetricMatrix.inversePositiveDefinite(hessian) else { return nil }
        let variances = (0..<3).map { inverse[$0][$0] }
        guard variances.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        return HawkesParameters(baseline: variances[0].squareRoot(), branchingRatio: variances[1].squareRoot(), decay: variances[2].squareRoot())
    }
}

/// Small dense symmetric matrices.
enum SymmetricMatrix {
    /// The inverse of a symmetric positive-definite matrix by its Cholesky factor; nil when the
    /// matrix is not positive definite (or not finite).
    static func inversePositiveDefinite(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        // A⁻¹ = L⁻ᵀ L⁻¹: invert the lower-triangular factor, then multiply.
        var inverseL = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            inverseL[i][i] = 1 / l[i][i]
            for j in 0..<i {
                var sum = 0.0
                for k in j..<i { sum -= l[i][k] * inverseL[k][j] }
                inverseL[i][j] = sum / l[i][i]
            }
        }
        var inverse = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for k in max(i, j)..<n { sum += inverseL[k][i] * inverseL[k][j] }
                inverse[i][j] = sum
            }
        }
        return inverse
    }
}
