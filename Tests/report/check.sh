#!/bin/sh
# Renders a Parley HTML report in headless Chromium and checks that it draws: every <svg> is
# well-formed, accessible and non-empty on screen, the page is self-contained, and Chromium logs
# no console error. Prints one line per check and "N passed, M failed" last; exits non-zero on
# any failure.
#
# Usage: Tests/report/check.sh REPORT.html [--screenshot OUT.png] [--width 1200] [--height 2400]
# Needs python3 and Chromium (Debian: apt-get install -y chromium; or set CHROMIUM=/path/to/chrome).
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 REPORT.html [--screenshot OUT.png] [--width W] [--height H]" >&2
    exit 2
fi
exec python3 "$(dirname "$0")/render.py" "$@"
