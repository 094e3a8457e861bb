#!/usr/bin/env bash
# Sets up and runs the CxPlus dashboard with demo data:
#   starts the private PostgreSQL (unless ConnectionStrings__CxPlus names a server), applies
#   migrations, creates the first administrator (password from CXPLUS_ADMIN_PASSWORD, or generated
#   and printed once), imports the demo benchmark when the store is empty, and serves the dashboard on
#   http://127.0.0.1:${CXPLUS_PORT:-5000}. Ctrl+C stops the dashboard (the database keeps running:
#   scripts/pg.sh stop).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${CXPLUS_PORT:-5000}"
case "$port" in (*[!0-9]*|'') echo "CXPLUS_PORT must be a port number; got '$port'." >&2; exit 2;; esac

if [ -z "${ConnectionStrings__CxPlus:-}" ]; then
  scripts/pg.sh start
  ConnectionStrings__CxPlus="$(scripts/pg.sh url)"
  export ConnectionStrings__CxPlus
fi

echo "Building..."
dotnet build CxPlus.sln -c Release -nologo -v quiet >/dev/null
cli=(dotnet src/CxPlus.Cli/bin/Release/net10.0/cxplus.dll)
"${cli[@]}" migrate
# First run: an administrator, with CXPLUS_ADMIN_PASSWORD or a generated password printed once.
"${cli[@]}" users ensure-admin --email "${CXPLUS_ADMIN_EMAIL:-admin@cxplus.local}"
if "${cli[@]}" sectors | grep -q "^No sectors yet"; then
  mkdir -p .local
  "${cli[@]}" demo --out .local/demo.csv --seed 1
  "${cli[@]}" import .local/demo.csv --by demo
fi

# Published, so MudBlazor's static assets are served outside Development too.
dotnet publish src/CxPlus.Web -c Release -nologo -v quiet -o .local/web >/dev/null
echo "CxPlus dashboard: http://127.0.0.1:$port"
cd .local/web
exec dotnet CxPlus.Web.dll --urls "http://127.0.0.1:$port"
