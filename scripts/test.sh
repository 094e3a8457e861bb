#!/usr/bin/env bash
# Runs every test: builds the solution (warnings in our code are errors), starts the private
# PostgreSQL cluster unless ConnectionStrings__CxPlus names a server, runs all test projects,
# stops what it started, and prints one summary line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

started_pg=0
if [ -z "${ConnectionStrings__CxPlus:-}" ]; then
  if ! scripts/pg.sh status 2>/dev/null | grep -q running; then
    CXPLUS_PG_FAST=1 scripts/pg.sh start
    started_pg=1
  fi
  ConnectionStrings__CxPlus="$(scripts/pg.sh url)"
  export ConnectionStrings__CxPlus
fi
cleanup() { if [ "$started_pg" = 1 ]; then scripts/pg.sh stop || true; fi; }
trap cleanup EXIT

dotnet build CxPlus.sln -c Release -nologo -v quiet
# The npm tools some tests run, as pinned: on the served OpenAPI document (Redocly, openapi-typescript,
# tsc: ApiContractTests) and on every page in chromium (axe-core: AccessibilityTests).
for tool in api-contract accessibility; do
  [ -d "tools/$tool/node_modules" ] || npm ci --prefix "tools/$tool" --no-audit --no-fund --loglevel=error
done
mkdir -p artifacts
set +e
dotnet test CxPlus.sln -c Release --no-build -nologo --results-directory artifacts/test-results "$@" 2>&1 | tee artifacts/test-output.txt
status=${PIPESTATUS[0]}
set -e

# One closing line over all test projects, e.g. "Tests: 120 passed, 0 failed, 0 skipped".
awk '/(Passed|Failed)! +- Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 1 }' artifacts/test-output.txt || status=1
exit "$status"
