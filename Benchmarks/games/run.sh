#!/usr/bin/env bash
# Speed of Parley's repeated games against axelrod 4.13.1 and against a hand-written C loop, in one
# invocation. Build Parley in release first:
#
#   swift build -c release --product parley
#   bash Benchmarks/games/run.sh .build/release/parley [REPETITIONS]
#
# Prints turns/s of the benchmark tournament in Parley (1 thread and all cores) and in axelrod,
# their ratio, and Parley's tit-for-tat-vs-Random turns/s against the C loop (gcc -O2).
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: bash Benchmarks/games/run.sh PATH_TO_RELEASE_PARLEY [REPETITIONS]" >&2
    exit 64
fi
parley="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
repetitions="${2:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# axelrod, in the parity environment (created on first use).
venv="$root/Tests/parity/.venv"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c 'import axelrod, sys; sys.exit(axelrod.__version__ != "4.13.1")' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "axelrod==4.13.1"
fi

gcc -O2 -o "$work/tft_random" "$here/tft_random.c"

keys=$("$parley" strategies --format json | "$venv/bin/python" -c \
    'import json, sys; print(" ".join(e["key"] for e in json.load(sys.stdin) if e.get("axelrodName")))')

echo "parley bench games (tournament: $repetitions repetitions; loop: 100000 matches × 1000 turns)…" >&2
"$parley" bench games --repetitions "$repetitions" --loop-matches 100000 --loop-turns 1000 --format json > "$work/parley.json"
echo "C loop…" >&2
"$work/tft_random" 100000 1000 > "$work/c.txt"
echo "axelrod tournament ($repetitions repetitions)…" >&2
# shellcheck disable=SC2086
"$venv/bin/python" "$here/axelrod_tournament.py" "$repetitions" $keys > "$work/axelrod.json"

"$venv/bin/python" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
parley = json.load(open(f"{work}/parley.json"))
axelrod = json.load(open(f"{work}/axelrod.json"))
c_turns, c_seconds, c_rate, c_checksum = open(f"{work}/c.txt").read().split()
c_rate = float(c_rate)
tournament = [row for row in parley if row["workload"] == "tournament"]
loop = next(row for row in parley if row["workload"] == "tit_for_tat_vs_random")
print(f"{'workload':44} {'turns':>12} {'seconds':>9} {'turns/s':>12}")
print(f"{'axelrod 4.13.1 tournament (1 process)':44} {axelrod['turns']:>12} {axelrod['seconds']:>9.3f} {axelrod['turnsPerSecond']:>12.4g}")
for row in tournament:
    label = f"parley tournament ({row['threads']} thread{'s' if row['threads'] > 1 else ''})"
    print(f"{label:44} {row['turns']:>12} {row['seconds']:>9.3f} {row['turnsPerSecond']:>12.4g}")
print(f"{'C loop, tit for tat vs Random(0.5), gcc -O2':44} {int(c_turns):>12} {float(c_seconds):>9.3f} {c_rate:>12.4g}")
print(f"{'parley tit for tat vs Random(0.5)':44} {loop['turns']:>12} {loop['seconds']:>9.3f} {loop['turnsPerSecond']:>12.4g}")
print()
one = tournament[0]["turnsPerSecond"] / axelrod["turnsPerSecond"]
best = max(r["turnsPerSecond"] for r in tournament) / axelrod["turnsPerSecond"]
print(f"parley / axelrod, tournament turns/s: {one:.0f}× on 1 thread, {best:.0f}× on all cores (target ≥ 300×)")
print(f"parley / C loop, tit for tat vs Random turns/s: {loop['turnsPerSecond'] / c_rate:.2f} (target ≥ 0.5)")
PY
