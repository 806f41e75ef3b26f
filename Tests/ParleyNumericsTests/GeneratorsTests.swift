import Testing
@testable import ParleyNumerics

// Known answers produced by compiling the authors' public-domain reference code — Vigna's
// splitmix64.c and xoshiro256starstar.c (https://prng.di.unimi.it), reproduced line for line —
// with `gcc -O2 -std=c99` and printing the first outputs with `printf("0x%016llx\n", …)`:
// splitmix64 from x = 0 and x = 1234567; xoshiro256** from s = {1, 2, 3, 4}; and xoshiro256**
// whose s[0…3] are the first four splitmix64 outputs from x = 42, the seeding the authors
// recommend and `Xoshiro256StarStar(seed:)` uses.

@Test func splitMix64ReproducesTheReferenceOutputsFromSeedZero() {
    var generator = SplitMix64(seed: 0)
    let outputs = (0..<5).map { _ in generator.next() }
    #expect(outputs == [
        0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
        0xF88B_B8A8_724C_81EC, 0x1B39_896A_51A8_749B,
    ])
}

@Test func splitMix64ReproducesTheReferenceOutputsFromAnArbitrarySeed() {
    var generator = SplitMix64(seed: 1_234_567)
    let outputs = (0..<5).map { _ in generator.next() }
    #expect(outputs == [
        0x599E_D017_FB08_FC85, 0x2C73_F084_5854_0FA5, 0x883E_BCE5_A3F2_7C77,
        0x3FBE_F740_E917_7B3F, 0xE3B8_3467_08CB_5ECD,
    ])
}

@Test func xoshiro256StarStarReproducesTheReferenceOutputsFromAGivenState() {
    var generator = Xoshiro256StarStar(seed: 0)
    generator.s0 = 1
    generator.s1 = 2
    generator.s2 = 3
    generator.s3 = 4
    let outputs = (0..<8).map { _ in generator.next() }
    #expect(outputs == [
        0x0000_0000_0000_2D00, 0x0000_0000_0000_0000, 0x0000_0000_5A00_7080,
        0x10E0_0000_0000_9D80, 0x10E0_B61C_E100_9D80, 0x0870_021C_E143_AD00,
        0xE071_C3C2_E143_F089, 0x75A1_690E_F7A2_0380,
    ])
}

@Test func xoshiro256StarStarSeededBySplitMix64ReproducesTheReferenceOutputs() {
    var generator = Xoshiro256StarStar(seed: 42)
    let outputs = (0..<8).map { _ in generator.next() }
    #expect(outputs == [
        0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1,
        0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64, 0xC50D_A531_0179_5238,
        0xB821_5485_5A65_DDB2, 0xD99A_2743_EBE6_0087,
    ])
}
