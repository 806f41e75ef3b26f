"""Plays the same games in Parley and axelrod 4.13.1 and reports every disagreement.

Usage: python parity.py PATH_TO_PARLEY  (run.sh sets up the virtual environment)

1. Deterministic matches: every pair (self-play included) of Parley's deterministic strategies
   that axelrod also has, 200 turns, default game, plus all pairs with Adaptive in a custom game:
   every move and both scores must be identical.
2. Deterministic tournament: scores, wins, cooperation counts must be identical; normalised
   scores, payoff matrix, cooperation rates equal to 1e-12; the same ranking.
3. Stochastic strategies (and deterministic ones under noise or random length): mean payoff per
   turn and cooperation rate over many seeded matches must agree within 4.5 standard errors.

Exits 1 on any mismatch; the last line is a one-line summary.
"""
import json
import math
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import axelrod as axl  # noqa: E402
from axelrod_players import PLAYERS, make  # noqa: E402

PARLEY = sys.argv[1] if len(sys.argv) > 1 else "parley"
TURNS = 200
Z_LIMIT = 4.5
mismatches = []


def parley(*arguments):
    output = subprocess.run([PARLEY, *arguments, "--format", "json"], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


def fail(message):
    mismatches.append(message)
    if len(mismatches) <= 30:
        print("MISMATCH:", message)


def moves(result):
    return ["".join(str(move[i]) for move in result) for i in (0, 1)]


def catalogue():
    entries = parley("strategies")
    for entry in entries:
        if entry.get("axelrodName") and entry["key"] not in PLAYERS:
            fail(f"no axelrod mapping for {entry['key']}")
    return entries


def check_names(entries):
    for entry in entries:
        if entry.get("axelrodName"):
            name = PLAYERS[entry["key"]]({}).name
            if name != entry["axelrodName"]:
                fail(f"{entry['key']}: axelrod name {name!r}, Parley says {entry['axelrodName']!r}")


def deterministic_matches(specifications, game_arguments=(), game=None, pairs=None):
    if pairs is None:
        pairs = [(a, b) for i, a in enumerate(specifications) for b in specifications[i:]]

    def play(pair):
        a, b = pair
        return pair, parley("match", a, b, "--turns", str(TURNS), *game_arguments)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(play, pairs))
    compared = 0
    for (a, b), ours in results:
        match = axl.Match((make(a), make(b)), turns=TURNS, game=game)
        theirs = match.play()
        if moves(theirs) != ours["moves"]:
            fail(f"moves {a} vs {b}: axelrod {moves(theirs)[0][:40]}…/{moves(theirs)[1][:40]}… "
                 f"parley {ours['moves'][0][:40]}…/{ours['moves'][1][:40]}…")
        if list(map(float, match.final_score())) != ours["scores"]:
            fail(f"scores {a} vs {b}: axelrod {match.final_score()} parley {ours['scores']}")
        compared += 1
    return compared


def close(a, b, tolerance=1e-12):
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def deterministic_tournament(specifications):
    players = [make(s) for s in specifications]
    theirs = axl.Tournament(players, turns=50, repetitions=2, seed=1).play(progress_bar=False)
    ours = parley("tournament", "--strategies", *specifications, "--turns", "50", "--repetitions", "2", "--seed", "1")["result"]
    n = len(specifications)
    if [list(map(float, row)) for row in theirs.scores] != ours["scores"]:
        fail("tournament scores differ")
    if theirs.wins != ours["wins"]:
        fail("tournament wins differ")
    if theirs.cooperation != ours["cooperation"]:
        fail("tournament cooperation counts differ")
    for i in range(n):
        for r in range(2):
            if not close(theirs.normalised_scores[i][r], ours["normalisedScores"][i][r]):
                fail(f"normalised score of {specifications[i]}")
        if not close(theirs.cooperating_rating[i], ours["cooperationRating"][i]):
            fail(f"cooperating rating of {specifications[i]}")
        for j in range(n):
            if not close(theirs.payoff_matrix[i][j], ours["payoffMatrix"][i][j]):
                fail(f"payoff matrix {specifications[i]} vs {specifications[j]}: "
                     f"{theirs.payoff_matrix[i][j]} vs {ours['payoffMatrix'][i][j]}")
            if not close(theirs.normalised_cooperation[i][j], ours["normalisedCooperation"][i][j]):
                fail(f"normalised cooperation {specifications[i]} vs {specifications[j]}")
    if list(theirs.ranking) != ours["ranking"]:
        fail(f"ranking differs: axelrod {theirs.ranked_names} parley {[ours['names'][i] for i in ours['ranking']]}")
    return n


def axelrod_sample(a, b, matches, turns=None, noise=0, prob_end=None):
    scores, cooperation, lengths = [], [], []
    for seed in range(matches):
        match = axl.Match((make(a), make(b)), turns=turns, noise=noise, prob_end=prob_end, seed=seed + 1)
        result = match.play()
        scores.append(match.final_score_per_turn()[0])
        cooperation.append(match.normalised_cooperation()[0])
        lengths.append(len(result))
    return scores, cooperation, lengths


def mean_sd(values):
    m = sum(values) / len(values)
    return m, math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


def z_check(label, theirs_mean, theirs_sd, ours_mean, ours_sd, n):
    se = math.sqrt((theirs_sd ** 2 + ours_sd ** 2) / n)
    if se < 1e-9:  # no variance (up to rounding in the mean)
        if not close(theirs_mean, ours_mean, 1e-9):
            fail(f"{label}: axelrod {theirs_mean} parley {ours_mean} (no variance)")
        return 0.0
    z = abs(theirs_mean - ours_mean) / se
    if z > Z_LIMIT:
        fail(f"{label}: axelrod {theirs_mean:.4f} parley {ours_mean:.4f} (z = {z:.1f})")
    return z


def distribution_checks(subjects, opponents, matches, turns=100, noise=0.0, prob_end=None, label=""):
    """Each subject against each opponent: Parley's tournament statistics vs axelrod's sample."""
    checks, worst = 0, 0.0
    for subject in subjects:
        players = [subject] + [o for o in opponents if o != subject]
        arguments = ["tournament", "--strategies", *players, "--repetitions", str(matches), "--seed", "11",
                     "--noise", str(noise)]
        arguments += ["--prob-end", str(prob_end)] if prob_end else ["--turns", str(turns)]
        ours = parley(*arguments)["result"]
        for j, opponent in enumerate(players[1:], start=1):
            scores, cooperation, lengths = axelrod_sample(subject, opponent, matches, turns=None if prob_end else turns,
                                                          noise=noise, prob_end=prob_end)
            score_mean, score_sd = mean_sd(scores)
            worst = max(worst, z_check(f"{label}{subject} vs {opponent}: score/turn", score_mean, score_sd,
                                       ours["payoffMatrix"][0][j], ours["payoffStandardDeviations"][0][j], matches))
            coop_mean, coop_sd = mean_sd(cooperation)
            ours_coop = ours["normalisedCooperation"][0][j]
            if prob_end:  # Parley's rate is pooled over turns, axelrod's averaged over matches: compare pooled.
                coop_mean = sum(c * l for c, l in zip(cooperation, lengths)) / sum(lengths)
            worst = max(worst, z_check(f"{label}{subject} vs {opponent}: cooperation", coop_mean, coop_sd,
                                       ours_coop, coop_sd, matches))
            if prob_end:
                length_mean, length_sd = mean_sd(lengths)
                ours_lengths = [rep[0][j] for rep in ours["matchLengths"]]
                ours_mean, ours_sd = mean_sd(ours_lengths)
                worst = max(worst, z_check(f"{label}{subject} vs {opponent}: length", length_mean, length_sd,
                                           ours_mean, ours_sd, matches))
            checks += 3 if prob_end else 2
    return checks, worst


def main():
    start = time.time()
    entries = catalogue()
    check_names(entries)
    deterministic = [e["key"] for e in entries if e.get("axelrodName") and not e["isStochastic"]]
    deterministic += ["soft_majority(memory=5)", "hard_majority(memory=10)", "memory_one(p_cc=0,p_cd=1,p_dc=1,p_dd=0,initial=0)"]
    stochastic = [e["key"] for e in entries if e.get("axelrodName") and e["isStochastic"]]
    stochastic += ["random(p=0.8)", "generous_tit_for_tat(p=0.1)", "memory_one(p_cc=0.9,p_cd=0.2,p_dc=0.6,p_dd=0.3)"]

    matches = deterministic_matches(deterministic)
    custom = axl.Game(r=4, s=-1, t=6, p=2)
    matches += deterministic_matches(deterministic, ("--payoffs", "4,-1,6,2"), game=custom,
                                     pairs=[("adaptive", other) for other in deterministic])
    print(f"deterministic matches: {matches} compared, {TURNS} moves each ({time.time() - start:.0f} s)")

    players = deterministic_tournament(deterministic)
    print(f"deterministic tournament: {players} players compared ({time.time() - start:.0f} s)")

    opponents = ["tit_for_tat", "defector", "cooperator", "alternator", "win_stay_lose_shift", "grudger"]
    checks, worst = distribution_checks(stochastic, opponents, matches=200)
    noisy = ["tit_for_tat", "grudger", "contrite_tit_for_tat", "win_stay_lose_shift", "gradual"]
    more, worst_noisy = distribution_checks(noisy, noisy, matches=200, noise=0.05, label="noise 0.05: ")
    checks += more
    more, worst_length = distribution_checks(["tit_for_tat"], ["alternator", "defector"], matches=400, prob_end=0.05,
                                             label="prob_end 0.05: ")
    checks += more
    worst = max(worst, worst_noisy, worst_length)
    print(f"distribution checks: {checks} compared, largest |z| = {worst:.2f} ({time.time() - start:.0f} s)")

    status = "OK" if not mismatches else f"FAILED ({len(mismatches)} mismatches)"
    print(f"parity {status}: {matches} deterministic matches, {players}-player tournament, "
          f"{checks} distribution checks (|z| ≤ {Z_LIMIT}), {time.time() - start:.0f} s")
    sys.exit(0 if not mismatches else 1)


if __name__ == "__main__":
    main()
