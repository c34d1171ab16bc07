#!/usr/bin/env bash
# Screenshots of the HTML edition (three pages at phone and desktop width) into this
# folder; needs chromium and chromium-driver (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHONPATH=. .venv/bin/python -m tests.browser.renders docs/renders
