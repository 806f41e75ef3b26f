"""The benchmark tournament played by axelrod 4.13.1: the same entrants as `parley bench games`
(every Parley strategy that axelrod has, default parameters), 200 turns, no noise.

Every match is played: axelrod's per-match deterministic cache is replaced by an immutable one,
so repeated deterministic pairings are replayed rather than copied, as Parley does. Only match
play is timed (the players are cloned and each pair's Match is built as Tournament._play_matches
does, without the result-set and file-writing overhead), which flatters axelrod.

Usage: python axelrod_tournament.py REPETITIONS KEY [KEY ...]   → prints JSON {turns, seconds}
"""
import json
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "parity"))

import axelrod as axl  # noqa: E402
from axelrod.deterministic_cache import DeterministicCache  # noqa: E402
from axelrod_players import make  # noqa: E402


def no_cache():
    cache = DeterministicCache()
    cache.mutable = False
    return cache


def main():
    repetitions = int(sys.argv[1])
    players = [make(key) for key in sys.argv[2:]]
    turns = 0
    start = time.perf_counter()
    seed = 0
    for i in range(len(players)):
        for j in range(i, len(players)):
            seed += 1
            match = axl.Match((players[i].clone(), players[j].clone()), turns=200, seed=seed,
                              deterministic_cache=no_cache())
            for _ in range(repetitions):
                match.play()
                turns += len(match.result)
    seconds = time.perf_counter() - start
    print(json.dumps({"turns": turns, "seconds": seconds, "turnsPerSecond": turns / seconds}))


if __name__ == "__main__":
    main()
