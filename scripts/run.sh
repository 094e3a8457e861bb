#!/usr/bin/env bash
# Sets up and runs CxPlus with demo data. The dashboard arrives with issue #4; until then this
# builds the solution and says what it will do.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build CxPlus.sln -c Release -nologo -v quiet
echo "CxPlus scoring library built. Next: the store and CLI (#3), then the dashboard (#4), which this command will start on http://127.0.0.1:5000."
