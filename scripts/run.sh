#!/usr/bin/env bash
# Sets up and runs the CxPlus dashboard with demo data:
#   starts the private PostgreSQL (unless ConnectionStrings__CxPlus names a server), applies
#   migrations, creates the first administrator (password from CXPLUS_ADMIN_PASSWORD, or generated
#   and printed once), imports the demo benchmark when the store is empty, and serves the dashboard on
#   http://127.0.0.1:${CXPLUS_PORT:-5000}. Ctrl+C stops the dashboard (the database keeps running:
#   scripts/pg.sh stop). Builds only what it runs: the cxplus command line and the dashboard.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${CXPLUS_PORT:-5000}"
case "$port" in (*[!0-9]*|'') echo "CXPLUS_PORT must be a port number; got '$port'." >&2; exit 2;; esac
step() { printf '\n==> %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "The .NET 10 SDK is needed (dotnet --list-sdks shows none). Install it from https://dotnet.microsoft.com/download/dotnet/10.0," >&2
  echo "or on Debian/Ubuntu: https://learn.microsoft.com/dotnet/core/install/linux (package dotnet-sdk-10.0)." >&2
  exit 1
fi

if [ -z "${ConnectionStrings__CxPlus:-}" ]; then
  step "Starting the private PostgreSQL under .local/pg (127.0.0.1 only)"
  scripts/pg.sh start
  ConnectionStrings__CxPlus="$(scripts/pg.sh url)"
  export ConnectionStrings__CxPlus
fi

step "Building the command line (cxplus); the first build restores packages and takes a minute or two"
dotnet build src/CxPlus.Cli -c Release -nologo -v minimal -clp:ErrorsOnly
cli=(dotnet src/CxPlus.Cli/bin/Release/net10.0/cxplus.dll)

step "Applying database migrations"
"${cli[@]}" migrate
# First run: an administrator, with CXPLUS_ADMIN_PASSWORD or a generated password printed once.
step "Checking for an administrator"
"${cli[@]}" users ensure-admin --email "${CXPLUS_ADMIN_EMAIL:-admin@cxplus.local}"
if "${cli[@]}" sectors | grep -q "^No sectors yet"; then
  step "Importing the demo benchmark (4 sectors, 4 waves)"
  mkdir -p .local
  "${cli[@]}" demo --out .local/demo.csv --seed 1
  "${cli[@]}" import .local/demo.csv --by demo
  "${cli[@]}" waves release --all --by demo   # imported waves are drafts until released to members
fi

# Published, so MudBlazor's static assets are served outside Development too.
step "Publishing the dashboard"
dotnet publish src/CxPlus.Web -c Release -nologo -v minimal -clp:ErrorsOnly -o .local/web
step "CxPlus dashboard: http://127.0.0.1:$port (Ctrl+C stops it)"
cd .local/web
exec dotnet CxPlus.Web.dll --urls "http://127.0.0.1:$port"
