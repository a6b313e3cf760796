#!/usr/bin/env bash
# Runs every unit and cross-module test with node's test runner.
# Node 20 does not expand globs in --test and `tsx --test` with no files exits 0,
# so we list the files ourselves and fail loudly when none are found.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src test examples -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "scripts/test.sh: no test files found under src/ or test/ — refusing to report success" >&2
  exit 1
fi
echo "running ${#files[@]} test files" >&2
exec node --import tsx --import ./test/setup.ts --test --test-concurrency=2 "$@" "${files[@]}"
