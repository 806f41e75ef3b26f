#!/usr/bin/env bash
# Times Parley's SMP (40 and 80 actors) and BDM (every DEU III development issue) against KTAB's
# published times and the NumPy SMP in smp.py, in one invocation. Needs a release build and numpy.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c 'import numpy' 2>/dev/null || pip install numpy
swift build -c release --product parley
.build/release/parley bench bargaining --peer Benchmarks/bargaining/smp.py "$@"
