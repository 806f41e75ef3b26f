import Foundation

/// Bueno de Mesquita's expected-utility ("group decision") model, as Scholz, Calbert & Smith
/// specify it.
///
/// Sources: Scholz, Calbert & Smith (2011), "Unravelling Bueno de Mesquita's group decision
/// model", *Journal of Theoretical Politics* 23(4):510–531, and the ICAART 2011 paper of the same
/// title (scitepress.org/PublishedPapers/2011/31215); Bueno de Mesquita (1994), "Political
/// forecasting: an expected utility method", in Bueno de Mesquita & Stokman (eds.), *European
/// Community Decision Making*. Cross-checked against the public Python ports
/// `jmckib/bdm-scholz-expected-utility-model` (which follows Scholz's code) and
/// `dmasad/BDM_DecisionModel_Replication`.
///
/// One round, on one dimension, with Δ the range of the starting positions and each actor's
/// risk exponent rᵢ:
/// 1. **Votes.** Actor k's vote for xᵢ over xⱼ is v_k(i, j) = c_k s_k (|x_k − x_j|^{r_k} − |x_k − x_i|^{r_k}) / Δ^{r_k}.
///    The median μ is the Condorcet winner (weighted median) of the positions with r = 1.
/// 2. **Utilities** from i's point of view (exponent rᵢ): U_s = 2 − 4(½ − ½|xᵢ − xⱼ|/Δ)^{rᵢ},
///    U_f = 2 − 4(½ + ½|xᵢ − xⱼ|/Δ)^{rᵢ}, U_b = 2 − 4(½ − ¼(|xᵢ − μ| + |xᵢ − xⱼ|)/Δ)^{rᵢ},
///    U_w = 2 − 4(½ + ¼(|xᵢ − μ| + |xᵢ − xⱼ|)/Δ)^{rᵢ}, U_sq = 2 − 4(½)^{rᵢ}.
/// 3. **Probability** that i beats j: P(i, j) = Σ_k max(0, v_k(i, j)) / Σ_k Σ_a Σ_b |v_k(a, b)| — Scholz's
///    normalisation over every pair of positions, which the Python port reproduces from his code.
/// 4. **Expected utility of challenging**: E(i, j) = sⱼ[P U_s + (1 − P) U_f] + (1 − sⱼ) U_s − Q U_sq
///    − (1 − Q)[T U_b + (1 − T) U_w] (Q = T = 1 by default, as in Scholz's runs).
/// 5. **Risk.** With every r = 1, actor i's danger is Sᵢ = Σ_{j≠i} E(j, i); Rᵢ = (2Sᵢ − max S − min S)/(max S − min S)
///    and rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3) ∈ [½, 2]. A table's fixed risk attitude ρ ∈ [−1, 1] replaces
///    Rᵢ by ρ. Steps 1–4 are then recomputed with these rᵢ.
/// 6. **Offers.** Each actor i weighs every j at another position, from its own point of view,
///    with eᵢ = E(i, j) and eⱼ = E(j, i): *conflict* that i loses when eⱼ > eᵢ > 0 (i moves to xⱼ);
///    *compromise* when eⱼ > 0 > eᵢ and eⱼ > |eᵢ| (i moves |eᵢ/eⱼ| of the way to xⱼ);
///    *capitulation* when eⱼ > 0 > eᵢ and eⱼ < |eᵢ| (i moves to xⱼ); otherwise *stalemate*.
///    i accepts a conflict if it has one (the nearest), else the compromise whose proposer
///    expects most, else a capitulation (the nearest); every actor moves at once.
///
/// **Stopping rule** (ours; Scholz et al. note the model need not converge, and on the EC
/// emissions case it does not): stop when no position moves (a fixed point); or when the
/// median has moved by at most `tolerance` × the scale in each of the last `stableRounds`
/// rounds; or at `maximumRounds`. `rounds` forces an exact number of rounds. The forecast is
/// the median of the last round's positions.
struct ExpectedUtilityModel {
    var table: BargainingTable
    var options: BargainingOptions

    func run() -> BargainingForecast {
        let runs = (0..<table.dimensionCount).map { runDimension($0) }
        let roundCount = runs.map(\.medians.count).max() ?? 1
        let rounds = (0..<roundCount).map { round in
            BargainingRound(
                round: round,
                positions: table.actors.indices.map { actor in runs.map { $0.positions[min(round, $0.positions.count - 1)][actor] } },
                forecast: runs.map { $0.medians[min(round, $0.medians.count - 1)] },
                mean: runs.map { $0.means[min(round, $0.means.count - 1)] })
        }
        let reasons = runs.map(\.reason)
        let reason = reasons.contains(.roundLimit) ? .roundLimit : reasons.first ?? .converged
        return BargainingForecast(model: .bdm, table: table.name, actors: table.actors.map(\.name), dimensions: table.dimensions,
                                  outcome: rounds.last?.forecast ?? [], rounds: rounds, stopReason: reason)
    }

    /// One dimension's run: positions, medians and means by round (round 0 first).
    func runDimension(_ dimension: Int) -> (positions: [[Double]], medians: [Double], means: [Double], reason: StopReason) {
        let capabilities = table.actors.map(\.capability)
        let saliences = table.actors.map { $0.saliences[dimension] }
        let weights = zip(capabilities, saliences).map { $0 * $1 }
        let fixedRisk = table.actors.map(\.riskAttitude)
        var x = table.positions(dimension: dimension)
        let range = (x.max() ?? 0) - (x.min() ?? 0)
        var positions = [x], medians = [BargainingTable.weightedMedian(x, weights: weights)], means = [weightedMean(x, weights: weights)]
        guard range > 0 else { return (positions, medians, means, .converged) }
        let scaleWidth = table.scales[dimension].upperBound - table.scales[dimension].lowerBound
        let tolerance = options.tolerance * (scaleWidth > 0 ? scaleWidth : range)
        let n = x.count
        let limit = options.rounds ?? max(1, options.maximumRounds)
        var reason: StopReason = options.rounds == nil ? .roundLimit : .roundsAsked
        var round = 0
        while round < limit {
            round += 1
            let state = Round(x: x, capabilities: capabilities, saliences: saliences, range: range, median: medians[medians.count - 1],
                              q: options.q, t: options.t)
            // Step 5: risk exponents from security levels computed with r = 1.
            let neutral = state.withRisk(Array(repeating: 1, count: n))
            let danger = (0..<n).map { i in (0..<n).reduce(0.0) { $1 == i ? $0 : $0 + neutral.expectedUtility(perspective: i, challenger: $1, target: i) } }
            let most = danger.max() ?? 0, least = danger.min() ?? 0
            let exponents = (0..<n).map { i -> Double in
                let big = fixedRisk[i] ?? (most > least ? (2 * danger[i] - most - least) / (most - least) : 0)
                return (1 - big / 3) / (1 + big / 3)
            }
            let risky = state.withRisk(exponents)
            var next = x
            for i in 0..<n { next[i] = risky.acceptedPosition(for: i) ?? x[i] }
            let moved = zip(next, x).map { abs($0 - $1) }.max() ?? 0
            x = next
            positions.append(x)
            medians.append(BargainingTable.weightedMedian(x, weights: weights))
            means.append(weightedMean(x, weights: weights))
            guard options.rounds == nil else { continue }
            if moved <= 1e-12 * range {
                reason = .converged
                break
            }
            let stable = options.stableRounds
            if medians.count > stable,
               (1...stable).allSatisfy({ abs(medians[medians.count - $0] - medians[medians.count - $0 - 1]) <= tolerance }) {
                reason = .stable
                break
            }
        }
        return (positions, medians, means, reason)
    }

    /// The quantities of one round: positions, risk exponents, the win probabilities.
    struct Round {
        var x: [Double]
        var capabilities: [Double]
        var saliences: [Double]
        var range: Double
        var median: Double
        var q: Double
        var t: Double
        var exponents: [Double] = []
        /// P(i, j), row-major.
        var probability: [Double] = []

        /// The round with exponents `r` and the win probabilities they imply (step 3).
        func withRisk(_ r: [Double]) -> Round {
            var copy = self
            copy.exponents = r
            let n = x.count
            // v_k(a, b) for every voter k and pair (a, b); the normaliser sums their magnitudes.
            var distance = [Double](repeating: 0, count: n * n)  // (|x_k − x_a|/Δ)^{r_k}
            for k in 0..<n { for a in 0..<n { distance[k * n + a] = pow(abs(x[k] - x[a]) / range, r[k]) } }
            var normaliser = 0.0
            for k in 0..<n {
                let weight = capabilities[k] * saliences[k]
                for a in 0..<n { for b in 0..<n { normaliser += weight * abs(distance[k * n + b] - distance[k * n + a]) } }
            }
            var probability = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in 0..<n where x[i] != x[j] && normaliser > 0 {
                    var support = 0.0
                    for k in 0..<n { support += max(0, capabilities[k] * saliences[k] * (distance[k * n + j] - distance[k * n + i])) }
                    probability[i * n + j] = support / normaliser
                }
            }
            copy.probability = probability
            return copy
        }

        /// E(challenger, target) as `perspective` sees it (step 4).
        func expectedUtility(perspective h: Int, challenger i: Int, target j: Int) -> Double {
            let r = exponents[h]
            let gap = abs(x[i] - x[j]) / range
            let success = 2 - 4 * pow(0.5 - 0.5 * gap, r)
            let failure = 2 - 4 * pow(0.5 + 0.5 * gap, r)
            let statusQuo = 2 - 4 * pow(0.5, r)
            let p = probability[i * x.count + j]
            var value = saliences[j] * (p * success + (1 - p) * failure) + (1 - saliences[j]) * success - q * statusQuo
            if q < 1 {
                let spread = (abs(x[i] - median) + gap * range) / range
                let better = 2 - 4 * pow(max(0, 0.5 - 0.25 * spread), r)
                let worse = 2 - 4 * pow(0.5 + 0.25 * spread, r)
                value -= (1 - q) * (t * better + (1 - t) * worse)
            }
            return value
        }

        /// The position actor i accepts this round, or nil for a stalemate (step 6).
        func acceptedPosition(for i: Int) -> Double? {
            var conflict: Double?, capitulation: Double?
            var compromise: (position: Double, proposerGain: Double)?
            func nearer(_ candidate: Double, than current: Double?) -> Bool {
                guard let current else { return true }
                let a = abs(candidate - x[i]), b = abs(current - x[i])
                return a < b || (a == b && candidate < current)
            }
            for j in x.indices where x[j] != x[i] {
                let own = expectedUtility(perspective: i, challenger: i, target: j)
                let theirs = expectedUtility(perspective: i, challenger: j, target: i)
                if theirs > own && own > 0 {
                    if nearer(x[j], than: conflict) { conflict = x[j] }
                } else if theirs > 0 && own < 0 && theirs > abs(own) {
                    let position = x[i] + (x[j] - x[i]) * abs(own / theirs)
                    let best = compromise.map { theirs > $0.proposerGain || (theirs == $0.proposerGain && nearer(position, than: $0.position)) }
                    if best ?? true { compromise = (position, theirs) }
                } else if theirs > 0 && own < 0 && theirs < abs(own) {
                    if nearer(x[j], than: capitulation) { capitulation = x[j] }
                }
            }
            return conflict ?? compromise?.position ?? capitulation
        }
    }
}
