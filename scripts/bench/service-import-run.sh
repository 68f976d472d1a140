#!/usr/bin/env bash
# The DMS repair-order import benchmark (issue 11, docs/performance.md "DMS import (issue 11)"): a throwaway
# PostgreSQL, the app built in Release and started in Development (demo data, so the demo service advisor signs in),
# SEED_ROWS repair orders imported first as the existing data (cars, owners, visits), then RUNS files of FILE_ROWS
# orders (70% cars on file, 30% new cars and owners; service-import-data.py) each uploaded over loopback by curl and
# timed from the upload to the result page showing the counts. The app log's own split (read + COPY vs merge) is printed.
# Usage: scripts/bench/service-import-run.sh [FILE_ROWS] [SEED_ROWS] [RUNS]   (defaults 100000 50000 3)
# BENCH_LOG_DIR=dir: PostgreSQL also logs every statement over BENCH_SLOW_MS (default 300) ms with its plan
# (auto_explain, ANALYZE and BUFFERS; the instrumentation slows the run a little), and the server and app logs are
# copied into dir at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/postgres.sh
rows=${1:-100000} seed=${2:-50000} runs=${3:-3}
work=$(mktemp -d /tmp/dealercrm-dmsbench-XXXXXX)
port=$((20000 + RANDOM % 20000)) app_port=$((40000 + RANDOM % 10000))
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null
  pg_stop "$work/pg"
  if [ -n "${BENCH_LOG_DIR:-}" ]; then
    mkdir -p "$BENCH_LOG_DIR" && cp "$work/pg/server.log" "$work/app.log" "$BENCH_LOG_DIR/" 2>/dev/null || true
  fi
  rm -rf "$work"
}
if [ -n "${BENCH_LOG_DIR:-}" ]; then
  slow=${BENCH_SLOW_MS:-300}
  # scripts/postgres.sh passes PG_FSYNC into the server's options; the extra settings ride along with it.
  export PG_FSYNC="on -c log_min_duration_statement=$slow -c shared_preload_libraries=auto_explain \
    -c auto_explain.log_min_duration=$slow -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on \
    -c auto_explain.log_nested_statements=on"
fi
trap cleanup EXIT

pg_install_if_missing
pg_start "$work/pg" "$port" dealercrm "$password"
pg_create_db "$port" dealercrm "$password" dealercrm
dotnet build src/DealerCrm.Web -c Release -nologo -v quiet
cd src/DealerCrm.Web/bin/Release/net10.0
ConnectionStrings__DealerCrm="Host=127.0.0.1;Port=$port;Database=dealercrm;Username=dealercrm;Password=$password" \
  ASPNETCORE_ENVIRONMENT=Development Logging__File__Path="" Hangfire__QueuePollSeconds=1 \
  dotnet DealerCrm.Web.dll --urls "http://127.0.0.1:$app_port" > "$work/app.log" 2>&1 &
app=$!
cd - >/dev/null
base="http://127.0.0.1:$app_port"
for _ in $(seq 1 120); do curl -fs "$base/health/ready" >/dev/null && break; sleep 1; done
curl -fs "$base/health/ready" >/dev/null || { echo "the app did not become ready:"; tail -n 30 "$work/app.log"; exit 1; }

jar="$work/cookies"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.UserName=serviceadvisor" \
  --data-urlencode "Input.Password=DealerCrm-Demo-2026" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/Login"
curl -s -o /dev/null -w "%{http_code}" -b "$jar" "$base/Service/Import" | grep -q 200 || { echo "sign-in failed"; exit 1; }

elapsed() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
import() {
  local label=$1 file=$2 lines=$3 started t location took load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date +%s.%N)
  t=$(curl -s -b "$jar" "$base/Service/Import" | token)
  location=$(curl -s -o /dev/null -b "$jar" -w "%{redirect_url}" -F "__RequestVerificationToken=$t" \
    -F "Upload=@$file;type=text/csv" "$base/Service/Import")
  until curl -s -b "$jar" "$location" | grep -q 'data-testid="rows-read"'; do sleep 0.1; done
  took=$(elapsed "$started")
  echo "$label: $lines rows, result shown after $took s = $(awk -v n="$lines" -v s="$took" 'BEGIN { printf "%.0f", n / s }') rows/s ($(curl -s -b "$jar" "$location" | grep -o 'data-testid="\(added\|updated\|present\|refused\)">[0-9]*' | sed 's/data-testid="//;s/">/ /' | tr '\n' ' ')) [load before: $load]"
}

python3 scripts/bench/service-import-data.py "$seed" "$rows" "$work" 0
import "existing data (seed)" "$work/seed.csv" "$seed"
psql_() { PGPASSWORD=$password "$(pg_bindir)/psql" -tA -h 127.0.0.1 -p "$port" -U dealercrm -d dealercrm -c "$1"; }
echo "== data before: $(psql_ "SELECT count(*) FROM service_visits") visits, $(psql_ "SELECT count(*) FROM vehicles") vehicles, $(psql_ "SELECT count(*) FROM customers") customers"
for run in $(seq 0 $((runs - 1))); do
  python3 scripts/bench/service-import-data.py "$seed" "$rows" "$work" "$run"
  import "file $((run + 1)) of $runs" "$work/day.csv" "$rows"
done
import "file $runs again (adds nothing)" "$work/day.csv" "$rows"
echo "== the app's own split:"
sed -n 's/.*\(Import [0-9]* of ServiceVisits for store [0-9]*: .* ms)\).*/\1/p' "$work/app.log"
echo "== web process working set: $(ps -o rss= -p "$app" | awk '{printf "%.0f MB", $1 / 1024}')"
