#!/usr/bin/env bash
# The Python binding tests (pytest, tests/python) against the release library and a real sync server.
# Installs pytest into a venv in the tool cache once. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/lib/test-env.sh"

venv=$tournee_cache/python-venv
if ! "$venv/bin/python" -c 'import pytest' 2>/dev/null; then
    log "installing pytest into $venv"
    rm -rf "$venv"
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >&2
    fi
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'pytest>=8,<9'
fi

build_bindings
start_sync_server
export PYTHONPATH="$bindings_dir/python${PYTHONPATH:+:$PYTHONPATH}"
cd "$root"
"$venv/bin/python" -m pytest -q -p no:cacheprovider tests/python "$@"
