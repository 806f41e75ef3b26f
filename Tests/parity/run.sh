#!/usr/bin/env bash
# Agreement between Parley's repeated-games module and axelrod 4.13.1.
#
#   bash Tests/parity/run.sh .build/debug/parley
#
# Creates Tests/parity/.venv (once), installs axelrod==4.13.1 into it, then plays the same
# deterministic matches and tournament in both libraries (every move and score must agree) and
# compares stochastic strategies by distribution. Exits non-zero on any mismatch.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: bash Tests/parity/run.sh PATH_TO_PARLEY_BINARY" >&2
    exit 64
fi
parley="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [ ! -x "$parley" ]; then
    echo "run.sh: '$1' is not an executable parley binary" >&2
    exit 64
fi

here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import axelrod, sys; sys.exit(axelrod.__version__ != "4.13.1")' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "axelrod==4.13.1"
fi
exec "$venv/bin/python" "$here/parity.py" "$parley"
