/*
 * The practical limit for a repeated-game inner loop: tit for tat against Random(0.5), written
 * by hand in C with the same generator as Parley (xoshiro256**, seeded through SplitMix64, one
 * generator per match) and the same workload as `parley bench games`: MATCHES matches of TURNS
 * rounds, (5, 3, 1, 0) payoffs. It keeps only the last move (Parley keeps whole histories).
 *
 *   gcc -O2 -o tft_random tft_random.c && ./tft_random 100000 1000
 *
 * Prints: turns seconds turns_per_second checksum
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t splitmix(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

typedef struct { uint64_t s[4]; } xoshiro;

static inline uint64_t next(xoshiro *g) {
    uint64_t *s = g->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static inline double uniform(xoshiro *g) { return (double)(next(g) >> 11) * 0x1.0p-53; }

int main(int argc, char **argv) {
    long matches = argc > 1 ? atol(argv[1]) : 100000;
    long turns = argc > 2 ? atol(argv[2]) : 1000;
    const double payoff[2][2] = {{3, 0}, {5, 1}}; /* [own][other], 0 = C */
    struct timespec start, stop;
    clock_gettime(CLOCK_MONOTONIC, &start);
    double checksum = 0;
    for (long m = 0; m < matches; m++) {
        uint64_t seed = 0x5EEDull ^ (uint64_t)m;
        xoshiro g;
        for (int i = 0; i < 4; i++) g.s[i] = splitmix(&seed);
        int last_random = 0; /* tit for tat opens with C */
        double score = 0;
        for (long t = 0; t < turns; t++) {
            int tft = last_random;
            int random = uniform(&g) < 0.5 ? 0 : 1;
            score += payoff[tft][random];
            last_random = random;
        }
        checksum += score;
    }
    clock_gettime(CLOCK_MONOTONIC, &stop);
    double seconds = (double)(stop.tv_sec - start.tv_sec) + (double)(stop.tv_nsec - start.tv_nsec) / 1e9;
    long total = matches * turns;
    printf("%ld %.6f %.6e %.1f\n", total, seconds, (double)total / seconds, checksum);
    return 0;
}
