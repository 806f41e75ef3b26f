/// The Sobol' low-discrepancy sequence in up to ``maximumDimension`` dimensions, in Gray-code
/// order (Antonov & Saleev 1979; Bratley & Fox 1988, "Algorithm 659", *ACM TOMS* 14(1)).
///
/// Sobol' (1967), "On the distribution of points in a cube and the approximate evaluation of
/// integrals", *USSR Comput. Math. Math. Phys.* 7(4). Direction numbers are Joe & Kuo's
/// `new-joe-kuo-6.21201` set (Joe & Kuo 2008, "Constructing Sobol sequences with better
/// two-dimensional projections", *SIAM J. Sci. Comput.* 30(5);
/// https://web.maths.unsw.edu.au/~fkuo/sobol/), of which the first 32 dimensions are included.
/// Points are unscrambled: point 0 is the origin, point 1 is (½, …, ½).
///
/// ```swift
/// let sequence = try SobolSequence(dimension: 3)
/// sequence.point(2)   // [0.75, 0.25, 0.25]
/// ```
public struct SobolSequence: Sendable, Hashable {
    /// The largest dimension with direction numbers here.
    public static let maximumDimension = 1 + joeKuo.count
    /// Bits per coordinate: points are multiples of 2⁻³².
    static let bits = 32

    /// Joe & Kuo (2008), `new-joe-kuo-6.21201`, dimensions 2–32: the degree s of the primitive
    /// polynomial, its interior coefficients a, and the initial direction numbers m₁…mₛ.
    static let joeKuo: [(degree: Int, coefficients: UInt32, initial: [UInt32])] = [
        (1, 0, [1]),
        (2, 1, [1, 3]),
        (3, 1, [1, 3, 1]),
        (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]),
        (5, 4, [1, 1, 5, 5, 5]),
        (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]),
        (5, 13, [1, 1, 1, 3, 11]),
        (5, 14, [1, 3, 5, 5, 31]),
        (6, 1, [1, 3, 3, 9, 7, 49]),
        (6, 13, [1, 1, 1, 15, 21, 21]),
        (6, 16, [1, 3, 1, 13, 27, 49]),
        (6, 19, [1, 1, 1, 15, 7, 5]),
        (6, 22, [1, 3, 1, 15, 13, 25]),
        (6, 25, [1, 1, 5, 5, 19, 61]),
        (7, 1, [1, 3, 7, 11, 23, 15, 103]),
        (7, 4, [1, 3, 7, 13, 13, 15, 69]),
        (7, 7, [1, 1, 3, 13, 7, 35, 63]),
        (7, 8, [1, 3, 5, 9, 1, 25, 53]),
        (7, 14, [1, 3, 1, 13, 9, 35, 107]),
        (7, 19, [1, 3, 1, 5, 27, 61, 31]),
        (7, 21, [1, 1, 5, 11, 19, 41, 61]),
        (7, 28, [1, 3, 5, 3, 3, 13, 69]),
        (7, 31, [1, 1, 7, 13, 1, 19, 1]),
        (7, 32, [1, 3, 7, 5, 13, 19, 59]),
        (7, 37, [1, 1, 3, 9, 25, 29, 41]),
        (7, 41, [1, 3, 5, 13, 23, 1, 55]),
        (7, 42, [1, 3, 7, 3, 13, 59, 17]),
    ]

    /// The number of coordinates of each point.
    public let dimension: Int
    /// Direction numbers v[d][j], scaled by 2³², for dimension d and bit j.
    let directions: [[UInt32]]

    /// Prepares the first `dimension` coordinates of the sequence.
    ///
    /// - Throws: ``SensitivityError/invalidCount(name:value:requirement:)`` when `dimension` is
    ///   not in 1…``maximumDimension``.
    public init(dimension: Int) throws(SensitivityError) {
        guard dimension >= 1, dimension <= SobolSequence.maximumDimension else {
            throw .invalidCount(name: "the Sobol' sequence's dimension", value: dimension,
                                requirement: "between 1 and \(SobolSequence.maximumDimension)")
        }
        self.dimension = dimension
        let bits = SobolSequence.bits
        var directions: [[UInt32]] = [(0..<bits).map { UInt32(1) << UInt32(bits - 1 - $0) }]
        for entry in SobolSequence.joeKuo.prefix(dimension - 1) {
            let s = entry.degree
            var v = [UInt32](repeating: 0, count: bits)
            for j in 0..<Swift.min(s, bits) { v[j] = entry.initial[j] << UInt32(bits - 1 - j) }
            if s < bits {
                for j in s..<bits {
                    // Bratley & Fox's recurrence: v_j = a₁v_{j−1} ⊕ … ⊕ a_{s−1}v_{j−s+1} ⊕ v_{j−s} ⊕ (v_{j−s} ≫ s).
                    var value = v[j - s] ^ (v[j - s] >> UInt32(s))
                    for k in 1..<s where (entry.coefficients >> UInt32(s - 1 - k)) & 1 == 1 {
                        value ^= v[j - k]
                    }
                    v[j] = value
                }
            }
            directions.append(v)
        }
        self.directions = directions
    }

    /// The first `count` points (from the origin), each with ``dimension`` coordinates in [0, 1).
    public func points(_ count: Int) -> [[Double]] {
        var state = [UInt32](repeating: 0, count: dimension)
        var result: [[Double]] = []
        result.reserveCapacity(count)
        let scale = 1 / 4_294_967_296.0
        for index in 0..<count {
            if index > 0 {
                // Gray-code order: point i differs from point i − 1 by the direction numbers of
                // the lowest zero bit of i − 1.
                let bit = (~UInt64(index - 1)).trailingZeroBitCount
                for d in 0..<dimension { state[d] ^= directions[d][bit] }
            }
            result.append(state.map { Double($0) * scale })
        }
        return result
    }

    /// Point `index` of the sequence (computing every point before it).
    public func point(_ index: Int) -> [Double] { points(index + 1)[index] }
}
