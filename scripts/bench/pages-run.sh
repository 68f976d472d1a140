#!/usr/bin/env bash
# Times chosen pages on an existing generated database (e.g. the 1M set kept by the callback-jobs benchmark) without
# touching docs/performance.md: migrates the database as production does, starts the app (Production, Hangfire server
# off) and runs `tools/DealerCrm.Bench load --only …`. The JSON and the app's log go to PAGES_OUT's folder.
#
#   PAGES_ONLY=report-callbacks-store,report-callbacks-gm,report-callbacks-group scripts/bench/pages-run.sh
#
# Environment: PAGES_ONLY (required: scenario names as in docs/performance.md), PAGES_PGPORT (25566), PAGES_PGPASSFILE
# (/var/tmp/i11-scale/pgpass; user dealercrm), PAGES_DB (dealercrm_1m), PAGES_APP_PORT (45400), PAGES_USERS (1,8),
# PAGES_SECONDS (10), PAGES_ROUNDS (3), PAGES_WARMUP (3), PAGES_OUT (/var/tmp/i11-scale/pages.json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
port=${PAGES_PGPORT:-25566}
password=$(cat "${PAGES_PGPASSFILE:-/var/tmp/i11-scale/pgpass}")
db=${PAGES_DB:-dealercrm_1m}
app_port=${PAGES_APP_PORT:-45400}
only=${PAGES_ONLY:?set PAGES_ONLY to the scenarios to time}
out=${PAGES_OUT:-/var/tmp/i11-scale/pages.json}
conn="Host=127.0.0.1;Port=$port;Database=$db;Username=dealercrm;Password=$password;Maximum Pool Size=50"
log() { echo "== $(date -u +%H:%M:%S) $*"; }

dotnet build src/DealerCrm.Web -c Release -nologo -v quiet
dotnet build tools/DealerCrm.Bench -c Release -nologo -v quiet
web_dir=$root/src/DealerCrm.Web/bin/Release/net10.0
log "migrating $db"
(cd "$web_dir" && ConnectionStrings__DealerCrm="$conn;Command Timeout=0" ASPNETCORE_ENVIRONMENT=Production \
  Logging__File__Path="" dotnet DealerCrm.Web.dll migrate)
(cd "$web_dir" && exec env ConnectionStrings__DealerCrm="$conn" ASPNETCORE_ENVIRONMENT=Production \
  Logging__File__Path="" Hangfire__ServerEnabled=false \
  dotnet DealerCrm.Web.dll --urls "http://127.0.0.1:$app_port" > "${out%.json}-app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null && break; sleep 1; done
log "load ($only), load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/tools/DealerCrm.Bench/bin/Release/net10.0/DealerCrm.Bench.dll" load --label pages \
  --base "http://127.0.0.1:$app_port" --pid "$app" --users "${PAGES_USERS:-1,8}" --seconds "${PAGES_SECONDS:-10}" \
  --rounds "${PAGES_ROUNDS:-3}" --warmup "${PAGES_WARMUP:-3}" --only "$only" --connection "$conn" --out "$out"
log "done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
