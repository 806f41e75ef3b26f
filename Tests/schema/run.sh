#!/usr/bin/env bash
# Checks schema/parley-scenario.schema.json against the shipped scenarios and a few broken
# ones. Creates a private virtual environment in Tests/schema/.venv on first use.
# Usage (also from CI): bash Tests/schema/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import jsonschema, yaml" 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check jsonschema PyYAML
fi
exec "$venv/bin/python" "$here/validate.py" "$@"
