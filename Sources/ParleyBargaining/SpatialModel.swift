import Foundation

/// A Spatial Model of Politics in the manner of KAPSARC's KTAB (the `SMPLib` of KTAB's
/// `examples/smp`; Wise, Lester & Efird 2015, "An introduction to the KAPSARC Toolkit for
/// Behavioral Analysis (KTAB) using one-dimensional spatial models", KAPSARC; Howe, Wise &
/// Efird, "Modeling collective decision-making processes with the KAPSARC Toolkit for
/// Behavioral Analysis").
///
/// Positions are rescaled to [0, 1] on every dimension. One round:
/// 1. **Distances and utilities.** dᵢⱼ = √(Σ_k (s_ik (x_ik − x_jk))² / Σ_k s_ik²), the
///    salience-weighted distance of j's position from i's; with risk attitude R the utility is
///    u(d, R) = (1 − d)(1 + dR) (KTAB's `bsUtil`).
/// 2. **Probabilistic Condorcet election** of the actors' positions with risk-neutral
///    utilities: coalition strengths c(a:b) = Σ_k max(0, w_k (u_ka − u_kb)) with w_k the
///    capability (proportional voting), P[a > b] = c(a:b) / (c(a:b) + c(b:a)), and the
///    conditional model P(a) ∝ Π_b P[a > b].
/// 3. **Risk attitudes** from those probabilities unless the table fixes them:
///    Rᵢ = (3pᵢ − (p_max + 2p_min)) / (2(p_max − p_min)) (KTAB's `bigRfromProb`, mid range);
///    h estimates i's attitude as (2R_h + Rᵢ)/3.
/// 4. **Challenges.** From h's point of view, the strength of i against j is
///    cᵢ s̄ᵢ (uᵢᵢ − uᵢⱼ) plus the votes of third parties n, each weighing the "little contest" of
///    i, j and n with semi-committed sum-of-utilities (KTAB's `vProbLittle` and
///    `thirdPartyVoteSU`); with P the resulting victory probability, i's expected gain from
///    challenging j is (1 − s̄ⱼ)·2uᵢᵢ + s̄ⱼ(P·2uᵢᵢ + (1 − P)·2uᵢⱼ) − (uᵢᵢ + uᵢⱼ). Each actor
///    targets the actor that gains it most (more than 10⁻⁵).
/// 5. **Bargains.** The pair's new positions interpolate theirs with weights salience² ×
///    probability² (KTAB's S2P2), once with i's estimate of P and once with j's, averaged with
///    weights c·s̄ and rounded to 4 decimals.
/// 6. **Choice.** Each actor k faces the status quo and every bargain it is part of; all actors
///    vote over them by the utility of the resulting state (the mean utility of all positions)
///    in a probabilistic Condorcet election, and k takes its place in the likeliest.
///
/// **Stopping rule** (the form of KTAB's `smpStopFn`): stop when a round moves positions by
/// less than `smpDeltaRatio` of the first round's movement (Σᵢ ‖Δxᵢ‖, plus 10⁻⁴), after at least
/// two rounds, or at `smpMaximumRounds`. The forecast is the expected outcome of the final
/// positions' probabilistic Condorcet election, Σ P(a) x_a.
///
/// Departures from KTAB, so that the forecast depends only on the table and not on the order
/// of its rows: third parties weigh in against the two principals' own strengths (KTAB adds
/// them one by one in row order); ties between targets and between bargains go to the
/// alphabetically first actor names, and to the status quo. s̄ is an actor's mean salience
/// over dimensions (KTAB's saliences sum to at most 1 instead). Each actor's ideal is its
/// current position (KTAB's original SMP; later versions track separate ideals).
struct SpatialModel {
    var table: BargainingTable
    var options: BargainingOptions

    static let minimumCoalition = 1e-10
    static let minimumGain = 1e-5
    static let minimumMovement = 1e-4

    func run() -> BargainingForecast {
        let n = table.actors.count, dimensions = table.dimensionCount
        let lows = table.scales.map(\.lowerBound)
        let widths = table.scales.map { $0.upperBound > $0.lowerBound ? $0.upperBound - $0.lowerBound : 1 }
        var x = table.actors.map { actor in (0..<dimensions).map { (actor.positions[$0] - lows[$0]) / widths[$0] } }
        let state = Static(table: table)
        // Each state's distances and election serve both its forecast and the next round's risk attitudes.
        var election = state.election(x)
        func record(_ round: Int, _ positions: [[Double]]) -> BargainingRound {
            let scaled = positions.map { position in (0..<dimensions).map { lows[$0] + position[$0] * widths[$0] } }
            let outcome = (0..<dimensions).map { dimension in (0..<n).reduce(0) { $0 + election.probabilities[$1] * positions[$1][dimension] } }
            return BargainingRound(round: round, positions: scaled, forecast: (0..<dimensions).map { lows[$0] + outcome[$0] * widths[$0] },
                                   mean: (0..<dimensions).map { d in weightedMean(scaled.map { $0[d] }, weights: table.weights(dimension: d)) })
        }
        var rounds = [record(0, x)]
        let limit = options.rounds ?? max(1, options.smpMaximumRounds)
        var reason: StopReason = options.rounds == nil ? .roundLimit : .roundsAsked
        var firstMovement = 0.0
        for round in 1...limit {
            let next = state.step(x, distances: election.distances, probabilities: election.probabilities)
            var movement = 0.0
            for i in 0..<n {
                var squared = 0.0
                for d in 0..<dimensions { squared += (next[i][d] - x[i][d]) * (next[i][d] - x[i][d]) }
                movement += squared.squareRoot()
            }
            x = next
            election = state.election(x)
            rounds.append(record(round, x))
            if round == 1 { firstMovement = movement + Self.minimumMovement }
            guard options.rounds == nil else { continue }
            if movement == 0 {
                reason = .converged
                break
            }
            if round >= 2 && movement / firstMovement < options.smpDeltaRatio {
                reason = .stable
                break
            }
        }
        return BargainingForecast(model: .smp, table: table.name, actors: table.actors.map(\.name), dimensions: table.dimensions,
                                  outcome: rounds.last?.forecast ?? [], rounds: rounds, stopReason: reason)
    }

    /// What stays fixed through a run: capabilities, saliences, names and fixed risk attitudes.
    struct Static {
        let n: Int
        let dimensions: Int
        let capability: [Double]
        let salience: [[Double]]
        let salienceNorm: [Double]
        let meanSalience: [Double]
        /// Capability × mean salience: an actor's weight in challenges.
        let weight: [Double]
        let fixedRisk: [Double?]
        /// Actor indices in alphabetical order of names, for tie-breaking.
        let rank: [Int]

        init(table: BargainingTable) {
            n = table.actors.count
            dimensions = table.dimensionCount
            capability = table.actors.map(\.capability)
            salience = table.actors.map(\.saliences)
            salienceNorm = salience.map { $0.reduce(0) { $0 + $1 * $1 } }
            meanSalience = salience.map { $0.reduce(0, +) / Double(max(1, $0.count)) }
            weight = zip(capability, meanSalience).map { $0 * $1 }
            fixedRisk = table.actors.map(\.riskAttitude)
            let order = table.actors.indices.sorted { table.actors[$0].name < table.actors[$1].name }
            var rank = [Int](repeating: 0, count: order.count)
            for (place, actor) in order.enumerated() { rank[actor] = place }
            self.rank = rank
        }

        /// dᵢ(p): the salience-weighted distance of position p from actor i's position pᵢ.
        func distance(_ i: Int, _ own: [Double], _ other: [Double]) -> Double {
            guard salienceNorm[i] > 0 else { return 0 }
            var sum = 0.0
            for d in 0..<dimensions {
                let weighted = salience[i][d] * (own[d] - other[d])
                sum += weighted * weighted
            }
            return min(1, (sum / salienceNorm[i]).squareRoot())
        }

        static func utility(_ d: Double, _ risk: Double) -> Double { (1 - d) * (1 + d * risk) }

        /// The matrix of distances dᵢⱼ, row-major.
        func distances(_ x: [[Double]]) -> [Double] {
            var result = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n where i != j { result[i * n + j] = distance(i, x[i], x[j]) } }
            return result
        }

        /// P(a) of a probabilistic Condorcet election over options, from utilities u(actor, option)
        /// (row-major, actors × options) and voting weights.
        static func condorcet(utilities u: [Double], actors: Int, options: Int, weights: [Double]) -> [Double] {
            var logScore = [Double](repeating: 0, count: options)
            u.withUnsafeBufferPointer { u in
                weights.withUnsafeBufferPointer { weights in
                    // Each pair once: the coalition for a against b is the one for b against a mirrored.
                    for a in 0..<options {
                        for b in (a + 1)..<max(a + 1, options) {
                            var forA = SpatialModel.minimumCoalition, forB = SpatialModel.minimumCoalition
                            for k in 0..<actors {
                                let vote = weights[k] * (u[k * options + a] - u[k * options + b])
                                if vote > 0 { forA += vote } else { forB -= vote }
                            }
                            let total = forA + forB
                            logScore[a] += log(forA / total)
                            logScore[b] += log(forB / total)
                        }
                    }
                }
            }
            let top = logScore.max() ?? 0
            let scores = logScore.map { exp($0 - top) }
            let total = scores.reduce(0, +)
            return scores.map { $0 / total }
        }

        /// The risk attitudes R from the positions' election probabilities p (step 3).
        func riskAttitudes(_ p: [Double]) -> [Double] {
            let low = p.min() ?? 0, high = p.max() ?? 0
            return (0..<n).map { i in
                fixedRisk[i] ?? (high > low ? (3 * p[i] - (high + 2 * low)) / (2 * (high - low)) : 0)
            }
        }

        /// The utilities of a round from every point of view, in two parts: h's estimate of the
        /// utility to a of b's position is u_h(a, b) = base(a, b) + (2R_h/3)·spread(a, b), with
        /// base = (1 − d)(1 + dRₐ/3) and spread = (1 − d)d, since h estimates a's attitude as
        /// (2R_h + Rₐ)/3. Both are stored by column (b major), so that a loop over third
        /// parties a reads them in order.
        struct Utilities {
            var base: [Double]
            var spread: [Double]
            var risk: [Double]

            init(distances d: [Double], risk: [Double], n: Int) {
                var base = [Double](repeating: 0, count: n * n), spread = base
                for a in 0..<n {
                    for b in 0..<n {
                        let distance = d[a * n + b]
                        base[b * n + a] = (1 - distance) * (1 + distance * risk[a] / 3)
                        spread[b * n + a] = (1 - distance) * distance
                    }
                }
                self.base = base
                self.spread = spread
                self.risk = risk
            }
        }

        /// P(i beats j) and the expected change in utility to i of challenging j, from h's point of view (step 4).
        func challenge(h: Int, i: Int, j: Int, utilities: Utilities) -> (probability: Double, gain: Double) {
            let lean = 2 * utilities.risk[h] / 3
            return utilities.base.withUnsafeBufferPointer { base in
                utilities.spread.withUnsafeBufferPointer { spread in
                    // u(a, b) read from column b; an actor's own position is worth 1 to it (d = 0).
                    func u(_ a: Int, _ b: Int) -> Double { a == b ? 1 : base[b * n + a] + lean * spread[b * n + a] }
                    let uii = 1.0, uij = u(i, j), uji = u(j, i), ujj = 1.0
                    let baseI = SpatialModel.minimumCoalition + max(0, meanSalience[i] * capability[i] * (uii - uij))
                    let baseJ = SpatialModel.minimumCoalition + max(0, meanSalience[j] * capability[j] * (ujj - uji))
                    var forI = baseI, forJ = baseJ
                    let columnI = i * n, columnJ = j * n
                    weight.withUnsafeBufferPointer { weight in
                        for k in 0..<n where k != i && k != j {
                            let uki = base[columnI + k] + lean * spread[columnI + k]
                            let ukj = base[columnJ + k] + lean * spread[columnJ + k]
                            let leaning = weight[k] * (uki - ukj)
                            let littleI = baseI + max(0, leaning), littleJ = baseJ + max(0, -leaning)
                            let pi = littleI / (littleI + littleJ)
                            // KTAB's thirdPartyVoteSU, semi-committed, with u_kk = 1: the sums of the three
                            // positions' utilities if k sides with i, (2u_ki + 1 | 3u_kj), and with j,
                            // (3u_ki | 2u_kj + 1), weighted by pi and 1 − pi, differ by pi(1 − u_ki) − (1 − pi)(1 − u_kj).
                            let vote = weight[k] * (pi * (1 - uki) - (1 - pi) * (1 - ukj))
                            if vote > 0 { forI += vote } else { forJ -= vote }
                        }
                    }
                    let p = forI / (forI + forJ)
                    let sj = meanSalience[j]
                    let win = 2 * uii, lose = 2 * uij
                    let expected = (1 - sj) * win + sj * (p * win + (1 - p) * lose)
                    return (p, expected - (uii + uij))
                }
            }
        }

        /// S2P2 interpolation of i's and j's positions with victory probability p for i (step 5).
        func interpolate(_ i: Int, _ j: Int, _ x: [[Double]], _ p: Double) -> (initiator: [Double], receiver: [Double]) {
            var first = x[i], second = x[j]
            for d in 0..<dimensions {
                let wi = salience[i][d] * salience[i][d] * p * p
                let wj = salience[j][d] * salience[j][d] * (1 - p) * (1 - p)
                let minimum = 1e-6
                first[d] = ((wi + minimum) * x[i][d] + wj * x[j][d]) / (wi + minimum + wj)
                second[d] = (wi * x[i][d] + (minimum + wj) * x[j][d]) / (wi + minimum + wj)
            }
            return (first, second)
        }

        static func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

        /// One round: the next positions (steps 1–6).
        func step(_ x: [[Double]], distances d: [Double], probabilities: [Double]) -> [[Double]] {
            let risk = riskAttitudes(probabilities)
            let utilities = Utilities(distances: d, risk: risk, n: n)
            struct Bargain { var initiator: Int; var receiver: Int; var first: [Double]; var second: [Double] }
            var bargains: [Bargain] = []
            for i in 0..<n {
                var best: (j: Int, p: Double, gain: Double)?
                for j in 0..<n where j != i {
                    let (p, gain) = challenge(h: i, i: i, j: j, utilities: utilities)
                    guard gain > SpatialModel.minimumGain else { continue }
                    if let current = best, gain < current.gain || (gain == current.gain && rank[j] > rank[current.j]) { continue }
                    best = (j, p, gain)
                }
                guard let (j, p, _) = best else { continue }
                let fromI = interpolate(i, j, x, p)
                let fromJ = interpolate(i, j, x, challenge(h: j, i: i, j: j, utilities: utilities).probability)
                let wi = capability[i] * meanSalience[i], wj = capability[j] * meanSalience[j]
                let total = wi + wj > 0 ? wi + wj : 1
                let mix = { (a: [Double], b: [Double]) in zip(a, b).map { Self.round4(wi + wj > 0 ? (wi * $0 + wj * $1) / total : ($0 + $1) / 2) } }
                bargains.append(Bargain(initiator: i, receiver: j, first: mix(fromI.initiator, fromJ.initiator),
                                        second: mix(fromI.receiver, fromJ.receiver)))
            }
            var involving = [[Int]](repeating: [], count: n)
            for (index, bargain) in bargains.enumerated() {
                involving[bargain.initiator].append(index)
                involving[bargain.receiver].append(index)
            }
            // Each actor's own utility of every current position, and their mean.
            var own = [Double](repeating: 0, count: n * n)
            var base = [Double](repeating: 0, count: n)
            for a in 0..<n {
                for m in 0..<n { own[a * n + m] = Self.utility(d[a * n + m], risk[a]) }
                base[a] = (0..<n).reduce(0) { $0 + own[a * n + $1] } / Double(n)
            }
            var next = x
            for k in 0..<n where !involving[k].isEmpty {
                // Options: the status quo, then k's bargains in a row-order-free order.
                let options = involving[k].sorted { a, b in
                    let left = bargains[a], right = bargains[b]
                    return (rank[left.initiator], rank[left.receiver]) < (rank[right.initiator], rank[right.receiver])
                }
                let count = options.count + 1
                var u = [Double](repeating: 0, count: n * count)
                for a in 0..<n {
                    u[a * count] = base[a]
                    for (column, index) in options.enumerated() {
                        let bargain = bargains[index]
                        let changed = Self.utility(distance(a, x[a], bargain.first), risk[a]) + Self.utility(distance(a, x[a], bargain.second), risk[a])
                        let replaced = own[a * n + bargain.initiator] + own[a * n + bargain.receiver]
                        u[a * count + column + 1] = base[a] + (changed - replaced) / Double(n)
                    }
                }
                let p = Self.condorcet(utilities: u, actors: n, options: count, weights: capability)
                var chosen = 0
                for option in 1..<count where p[option] > p[chosen] { chosen = option }
                guard chosen > 0 else { continue }
                let bargain = bargains[options[chosen - 1]]
                next[k] = bargain.initiator == k ? bargain.first : bargain.second
            }
            return next
        }

        /// The distances between the positions `x` and their risk-neutral probabilistic Condorcet
        /// election (step 2), whose expected outcome Σ P(a) x_a is the forecast.
        func election(_ x: [[Double]]) -> (distances: [Double], probabilities: [Double]) {
            let d = distances(x)
            return (d, Self.condorcet(utilities: d.map { 1 - $0 }, actors: n, options: n, weights: capability))
        }
    }
}
