#!/usr/bin/env bash
# One command for the manager benchmarks (docs/benchmarks.md): a throwaway PostgreSQL, the app built in Release and
# started in Development (demo data, so the demo manager signs in), the bench data of manager-data.sql (30,000 open
# leads in Demo Store 1 by default), then manager-bench.sh from this separate shell process over loopback.
# Usage: scripts/bench/manager-run.sh [OPEN_LEADS] [LEAVING] [IMPORT_ROWS]   (defaults 25000 5000 100000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/postgres.sh
leads=${1:-25000} leaving=${2:-5000} rows=${3:-100000}
work=$(mktemp -d /tmp/dealercrm-bench-XXXXXX)
port=$((20000 + RANDOM % 20000)) app_port=$((40000 + RANDOM % 10000))
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
app=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; pg_stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT

pg_install_if_missing
pg_start "$work/pg" "$port" dealercrm "$password"
pg_create_db "$port" dealercrm "$password" dealercrm
dotnet build src/DealerCrm.Web -c Release -nologo -v quiet
# Started from its output folder, so the app finds its appsettings (Development applies migrations and seeds).
cd src/DealerCrm.Web/bin/Release/net10.0
ConnectionStrings__DealerCrm="Host=127.0.0.1;Port=$port;Database=dealercrm;Username=dealercrm;Password=$password" \
  ASPNETCORE_ENVIRONMENT=Development Logging__File__Path="" Hangfire__QueuePollSeconds=1 \
  dotnet DealerCrm.Web.dll --urls "http://127.0.0.1:$app_port" \
  > "$work/app.log" 2>&1 &
app=$!
cd - >/dev/null
ready=""
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null && { ready=1; break; }
  sleep 1
done
[ -n "$ready" ] || { echo "the app did not become ready:"; tail -n 30 "$work/app.log"; exit 1; }
PGPASSWORD=$password "$(pg_bindir)/psql" -q -h 127.0.0.1 -p "$port" -U dealercrm -d dealercrm \
  -v store=1 -v consultants=20 -v leads="$leads" -v leaving="$leaving" -f scripts/bench/manager-data.sql
echo "== data: $(PGPASSWORD=$password "$(pg_bindir)/psql" -tA -h 127.0.0.1 -p "$port" -U dealercrm -d dealercrm \
  -c "SELECT count(*) FROM leads WHERE store_id = 1 AND status IN (0, 1, 3)") open leads in Demo Store 1"
scripts/bench/manager-bench.sh "http://127.0.0.1:$app_port" "$rows"
sed -n 's/.*\(Lead import [0-9]* for store [0-9]*: .* ms)\).*/\1/p' "$work/app.log"
echo "== web process working set: $(ps -o rss= -p "$app" | awk '{printf "%.0f MB", $1 / 1024}')"
