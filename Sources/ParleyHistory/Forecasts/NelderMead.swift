/// The Nelder–Mead simplex minimiser (Nelder & Mead 1965, *Computer Journal* 7(4)), with the
/// standard coefficients of Lagarias, Reeds, Wright & Wright (1998, *SIAM J. Optim.* 9(1)):
/// reflection 1, expansion 2, contraction ½, shrink ½. Derivative-free, so it copes with the
/// flat ridges of a point-process likelihood; a non-finite value counts as +∞. Deterministic.
struct NelderMead {
    /// The best point found, its value, and how many evaluations it took.
    struct Result {
        var point: [Double]
        var value: Double
        var evaluations: Int
    }

    /// Minimises `f` from `start`, with an initial simplex of `start` and `start + steps[i] eᵢ`.
    /// Stops when the values at the simplex's vertices agree to `tolerance` (relative, with an
    /// absolute floor of `tolerance`) and its vertices to `tolerance` in every coordinate, or
    /// after `maxEvaluations`.
    static func minimize(
        _ f: ([Double]) -> Double, start: [Double], steps: [Double], tolerance: Double = 1e-10, maxEvaluations: Int = 4000
    ) -> Result {
        let dimension = start.count
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let y = f(x)
            return y.isNaN ? .infinity : y
        }
        var simplex = [start]
        for i in 0..<dimension {
            var vertex = start
            vertex[i] += steps[i]
            simplex.append(vertex)
        }
        var values = simplex.map(value)
        func combine(_ a: [Double], _ b: [Double], _ t: Double) -> [Double] {
            // a + t (b − a)
            zip(a, b).map { $0 + t * ($1 - $0) }
        }
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let best = values[0], worst = values[dimension]
            let spread = simplex.dropFirst().reduce(0.0) { m, v in max(m, zip(v, simplex[0]).map { abs($0 - $1) }.max() ?? 0) }
            if abs(worst - best) <= tolerance * (abs(best) + tolerance) && spread <= tolerance { break }
            if !best.isFinite && !worst.isFinite { break }
            var centroid = Array(repeating: 0.0, count: dimension)
            for vertex in simplex.dropLast() { for i in 0..<dimension { centroid[i] += vertex[i] / Double(dimension) } }
            let reflected = combine(centroid, simplex[dimension], -1)
            let reflectedValue = value(reflected)
            if reflectedValue < best {
                let expanded = combine(centroid, simplex[dimension], -2)
                let expandedValue = value(expanded)
                if expandedValue < reflectedValue {
                    simplex[dimension] = expanded
                    values[dimension] = expandedValue
                } else {
                    simplex[dimension] = reflected
                    values[dimension] = reflectedValue
                }
                continue
            }
            if reflectedValue < values[dimension - 1] {
                simplex[dimension] = reflected
                values[dimension] = reflectedValue
                continue
            }
            // Contract: outside when the reflection improved on the worst, inside otherwise.
            let outside = reflectedValue < worst
            let contracted = outside ? combine(centroid, reflected, 0.5) : combine(centroid, simplex[dimension], 0.5)
            let contractedValue = value(contracted)
            if contractedValue < (outside ? reflectedValue : worst) {
                simplex[dimension] = contracted
                values[dimension] = contractedValue
                continue
            }
            for i in 1...dimension {
                simplex[i] = combine(simplex[0], simplex[i], 0.5)
                values[i] = value(simplex[i])
            }
        }
        let bestIndex = values.indices.min { (values[$0], $0) < (values[$1], $1) } ?? 0
        return Result(point: simplex[bestIndex], value: values[bestIndex], evaluations: evaluations)
    }
}
