#!/usr/bin/env bash
# Runs the benchmarks behind docs/performance.md on the private PostgreSQL (fsync on, as in
# production) unless ConnectionStrings__CxPlus names a server. Prints markdown table rows.
#   scripts/bench.sh [store|store-tables|store-segments|store-comments|comments] [sizeFactor]        (scoring needs no database)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=0
if [ -z "${ConnectionStrings__CxPlus:-}" ]; then
  if ! scripts/pg.sh status 2>/dev/null | grep -q running; then scripts/pg.sh start; started=1; fi
  ConnectionStrings__CxPlus="$(scripts/pg.sh url)"
  export ConnectionStrings__CxPlus
  # The psql baseline authenticates with the same password.
fi
trap '[ "$started" = 1 ] && scripts/pg.sh stop || true' EXIT
dotnet build bench/CxPlus.Benchmarks -c Release -nologo -v quiet
case "${1:-store}" in
  (circuits|api|api-clients|pages|exports)
    # The app as its own process, published as in production: MudBlazor's and Blazor's static
    # assets are served outside Development only from a published folder (a browser needs them).
    dotnet publish src/CxPlus.Web -c Release -nologo -v quiet -clp:ErrorsOnly -o .local/bench-web
    export CXPLUS_PUBLISHED_WEB="$root/.local/bench-web";;
esac
dotnet bench/CxPlus.Benchmarks/bin/Release/net10.0/CxPlus.Benchmarks.dll "${1:-store}" "${2:-1}"
