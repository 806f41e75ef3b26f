#!/usr/bin/env bash
# Speed of the backtest baselines (ParleyHistory/Forecasts) against a Python/scipy peer doing the
# same Hawkes fit and simulation, in one invocation. Builds ParleyNumerics and ParleyHistory with
# swiftc -O (about a minute; no SwiftPM release build of the whole package needed):
#
#   bash Benchmarks/baselines/run.sh [REPETITIONS]
#
# Prints the Swift timings (the rolling backtest's four origins with 4,000 Hawkes paths each; the
# annual baselines and fits alone; the Hawkes fit on 83 launch days; 10,000 simulated paths of
# five years), the peer's, their ratios, and both fits (they should agree).
set -euo pipefail

repetitions="${1:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building ParleyNumerics and ParleyHistory with swiftc -O…" >&2
(
    cd "$work"
    swiftc -O -wmo -parse-as-library -emit-module -emit-library -static -module-name ParleyNumerics \
        "$root"/Sources/ParleyNumerics/*.swift -o libParleyNumerics.a
    swiftc -O -wmo -parse-as-library -emit-module -emit-library -static -module-name ParleyHistory -I . \
        "$root"/Sources/ParleyHistory/*.swift "$root"/Sources/ParleyHistory/Forecasts/*.swift -o libParleyHistory.a
    swiftc -O -I . -L . "$here/main.swift" -lParleyHistory -lParleyNumerics -o baselines-bench
)
echo "Swift…" >&2
"$work/baselines-bench" "$root/data/dprk" "$repetitions" > "$work/swift.json"
if ! python3 -c 'import scipy' 2>/dev/null; then
    cat "$work/swift.json"
    echo "no scipy for python3: the peer is skipped (apt-get install python3-scipy)" >&2
    exit 0
fi
echo "Python peer…" >&2
python3 "$here/peer.py" "$root/data/dprk" "$repetitions" > "$work/python.json"
python3 - "$work/swift.json" "$work/python.json" <<'PY'
import json, sys
swift, peer = (json.load(open(p)) for p in sys.argv[1:3])
print(f"rolling backtest baselines, 4 origins × 4,000 Hawkes paths: {swift['rolling_4_origins_4000_paths_s']:.3f} s")
print(f"annual baselines and Hawkes fits, 4 origins:               {swift['annual_baselines_and_fits_4_origins_s']:.3f} s")
for key, what in [("hawkes_fit_83_events_s", "Hawkes fit, 83 launch days"), ("hawkes_10000_paths_5_years_s", "Hawkes 10,000 paths × 5 years")]:
    print(f"{what:32s} Swift {swift[key]:.4f} s   Python/scipy {peer[key]:.4f} s   ratio {peer[key] / swift[key]:.0f}×")
print("fits (Swift, Python):")
for name in ("mu", "alpha", "beta", "log_likelihood"):
    print(f"  {name:15s} {swift['fit'][name]:.6g}  {peer['fit'][name]:.6g}")
print(f"events per path (Swift, Python): {swift['simulated_events_per_path']:.3f}, {peer['simulated_events_per_path']:.3f}")
PY
