#!/usr/bin/env bash
# Installs the dashboard's dependencies and starts it on the built-in data and a local store.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -r requirements.txt
exec python3 -m streamlit run dashboard/app.py "$@"
