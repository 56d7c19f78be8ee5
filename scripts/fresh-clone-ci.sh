#!/usr/bin/env bash
# Runs CI exactly as the CI machine does: a fresh clone of the committed main, then .ci/run with CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
git clone -q . "$dir/CausalScript"
(cd "$dir/CausalScript" && CI=true bash .ci/run < /dev/null)
