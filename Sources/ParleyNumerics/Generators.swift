/// SplitMix64, the seeding generator of Steele, Lea & Flood (2014), "Fast splittable
/// pseudorandom number generators", OOPSLA. Used to expand one 64-bit seed into the
/// 256-bit state of ``Xoshiro256StarStar`` and to derive independent per-run seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state.
    public var state: UInt64

    /// Creates a generator whose first output is a function of `seed` alone.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256**, the all-purpose generator of Blackman & Vigna (2021), "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47(4). Every run of an ensemble owns one,
/// derived from (experiment seed, run index, stream), so that a run's draws never depend
/// on thread count or scheduling.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 42, run: 7, stream: 1)
/// let u = generator.nextUniform()   // in [0, 1)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the 256-bit state from SplitMix64, as the authors recommend.
    @inlinable
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one fixed point
    }

    /// The generator of one stream of one run of an experiment.
    ///
    /// - Parameters:
    ///   - seed: the experiment's seed, as the user gave it.
    ///   - run: the run's index within the experiment, from 0.
    ///   - stream: which of the run's independent streams (parameters, events, decisions, …).
    ///
    /// Distinct (seed, run, stream) triples give statistically independent sequences: each
    /// coordinate passes through SplitMix64's bijective finalizer before being combined.
    @inlinable
    public init(seed: UInt64, run: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed)
        let a = mixer.next()
        var runMixer = SplitMix64(seed: a ^ run)
        let b = runMixer.next()
        var streamMixer = SplitMix64(seed: b ^ (stream &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: streamMixer.next())
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    @inlinable
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `p` (values outside [0, 1] behave as the nearest bound).
    @inlinable
    public mutating func nextBernoulli(_ p: Double) -> Bool {
        nextUniform() < p
    }
}
