#!/bin/sh
# Reruns `parley backtest` (default settings: four origins) and checks that it reproduces the scores documented
# in docs/validation.md, which come from docs/validation-backtest.json. Numbers must agree to 1e-9
# (relative); any difference prints the path of the value and both numbers and exits 1.
#
# Usage: Tests/validation/check-backtest.sh PARLEY [EXPECTED.json]
#   PARLEY    the parley binary, debug or release: both give these numbers (CI uses debug)
#   EXPECTED  default: docs/validation-backtest.json
# After a deliberate change to the model or the method, regenerate the file with
#   parley backtest --quiet --format json > docs/validation-backtest.json
# and update the tables in docs/validation.md.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 PARLEY [EXPECTED.json]" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
expected="${2:-$here/../../docs/validation-backtest.json}"
actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
"$1" backtest --quiet --format json > "$actual"
python3 - "$expected" "$actual" <<'PY'
import json, math, sys
expected, actual = (json.load(open(path)) for path in sys.argv[1:3])
problems = []
def compare(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                problems.append(f"{path}/{key}: present in only one file")
            else:
                compare(a[key], b[key], f"{path}/{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{path}: {len(a)} items expected, {len(b)} found")
        for index, (x, y) in enumerate(zip(a, b)):
            compare(x, y, f"{path}[{index}]")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            problems.append(f"{path}: expected {a}, got {b}")
    elif a != b:
        problems.append(f"{path}: expected {a!r}, got {b!r}")
compare(expected, actual, "")
for problem in problems:
    print("FAIL  " + problem)
pooled = {row["name"]: row for row in actual["pooled"]["forecasters"]}
line = ", ".join(f"{name} {row['crps']['missiles']:.4g}" for name, row in pooled.items())
print(f"pooled missile CRPS over {actual['pooled']['pairs']} (origin, year) pairs: {line}")
print("backtest reproduced" if not problems else f"{len(problems)} differences from {sys.argv[1]}")
sys.exit(1 if problems else 0)
PY
