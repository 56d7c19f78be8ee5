#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite (about 10 minutes on 2 cores); results go to BenchmarkDotNet.Artifacts/results/.
# Pass BenchmarkDotNet arguments to narrow it, e.g.: scripts/benchmarks.sh --filter '*Dense*' --job short
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
dotnet run -c Release --project tests/CausalScript.Benchmarks -- "$@"
