#!/usr/bin/env bash
# The benchmark of spec 7.1 (issue 10) with one command; writes docs/performance.md. See README "Benchmark".
#
#   scripts/bench/run.sh [--quick] [--small-only] [--skip-generate] [--skip-multi] [--skip-jobs] [--dev-data]
#   scripts/bench/run.sh manager [OPEN_LEADS] [LEAVING] [IMPORT_ROWS]     (the manager's chapter, docs/benchmarks.md)
#
# 1. installs PostgreSQL if missing and runs a cluster that persists in $BENCH_DIR (default /var/tmp/dealercrm-bench)
#    with pg_stat_statements loaded;
# 2. creates the 10k- and 1M-customer databases with tools/DealerCrm.Generator, once (a later run reuses them);
# 3. builds the app and the benchmark tool in Release and starts the app (Production, Hangfire server on, no log file);
# 4. starts the raw baseline page (tools/DealerCrm.Bench baseline) on the same database;
# 5. drives every page at 1, 8 and 32 users on 10k, then on 1M (tools/DealerCrm.Bench load, a separate process);
# 6. starts a second instance on the 1M database and drives both, alternating (sign-in on one used on the other);
# 7. runs each recurring job through the schedule with both instances up (duration, statements, ran once), then
#    measures Hangfire's idle load over 60 s;
# 8. writes docs/performance.md (tools/DealerCrm.Bench report) from the JSON files in $BENCH_DIR/results.
#
# --quick: 3-second rounds, 2 rounds, 1 s warm-up (a try in ~15 minutes, numbers rough); --small-only: the 10k set
# only; --skip-generate: use the databases as they are; --dev-data: no generator, the app's Development demo data
# in both databases (until the generator lands; the report then says so). Ports: BENCH_PGPORT (25521), BENCH_APP_PORT
# (45100; +1 for the second instance, +2 for the baseline). BENCH_NOW: the instant the generator takes as "now".
# BENCH_ONLY=leads-first,board,...: only these pages (names as in docs/performance.md), for a quick try.
# BENCH_SECONDS, BENCH_ROUNDS, BENCH_WARMUP: a round's length, the number of rounds and the warm-up (seconds).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
if [ "${1:-}" = manager ]; then
  shift
  exec scripts/bench/manager-run.sh "$@"
fi

quick="" small_only="" skip_generate="" skip_multi="" skip_jobs="" dev_data=""
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    --small-only) small_only=1 ;;
    --skip-generate) skip_generate=1 ;;
    --skip-multi) skip_multi=1 ;;
    --skip-jobs) skip_jobs=1 ;;
    --dev-data) dev_data=1 ;;
    *) echo "unknown option $arg"; sed -n 2,25p "$0"; exit 2 ;;
  esac
done

source scripts/postgres.sh
bench=${BENCH_DIR:-/var/tmp/dealercrm-bench}
pgport=${BENCH_PGPORT:-25521}
app_port=${BENCH_APP_PORT:-45100}
second_port=$((app_port + 1)) baseline_port=$((app_port + 2))
results=$bench/results
mkdir -p "$bench" "$results"
[ -f "$bench/pgpassword" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$bench/pgpassword"
password=$(cat "$bench/pgpassword")
if [ -n "$quick" ]; then
  load_opts=(--seconds "${BENCH_SECONDS:-3}" --rounds "${BENCH_ROUNDS:-2}" --warmup "${BENCH_WARMUP:-1}")
else
  load_opts=(--seconds "${BENCH_SECONDS:-20}" --rounds "${BENCH_ROUNDS:-3}" --warmup "${BENCH_WARMUP:-5}")
fi

only_opts=()
[ -n "${BENCH_ONLY:-}" ] && only_opts=(--only "baseline-leads,$BENCH_ONLY")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

log() { echo "== $(date -u +%H:%M:%S) $*"; }
conn() { echo "Host=127.0.0.1;Port=$pgport;Database=$1;Username=dealercrm;Password=$password;Maximum Pool Size=50"; }
psql_db() { local db=$1; shift; PGPASSWORD=$password "$(pg_bindir)/psql" -X -q -h 127.0.0.1 -p "$pgport" -U dealercrm -d "$db" "$@"; }

# 1. PostgreSQL, with pg_stat_statements (statement counts of the jobs, idle load).
pg_install_if_missing
pg_start "$bench/pg" "$pgport" dealercrm "$password"
if ! psql_db postgres -tAc "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then
  log "loading pg_stat_statements (restart)"
  psql_db postgres -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  pg_stop "$bench/pg"
  pg_start "$bench/pg" "$pgport" dealercrm "$password"
fi

# 3 (first, the generator and the app share the build). Release builds of the app and the tool.
log "building in Release"
dotnet build src/DealerCrm.Web -c Release -nologo -v quiet
dotnet build tools/DealerCrm.Bench -c Release -nologo -v quiet
web_dir=$root/src/DealerCrm.Web/bin/Release/net10.0
bench_tool() { dotnet "$root/tools/DealerCrm.Bench/bin/Release/net10.0/DealerCrm.Bench.dll" "$@"; }

# 2. The two data sets, generated once.
generator=""
[ -z "$dev_data" ] && [ -f tools/DealerCrm.Generator/DealerCrm.Generator.csproj ] && generator=1
sets=(10k)
[ -z "$small_only" ] && sets+=(1m)
declare -A customers=([10k]=10000 [1m]=1000000)
for set in "${sets[@]}"; do
  db=dealercrm_$set
  pg_create_db "$pgport" dealercrm "$password" "$db"
  psql_db "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" 2>/dev/null
  if [ -n "$skip_generate" ] || [ -f "$bench/generated-$set" ]; then
    log "reusing $db ($(cat "$bench/generated-$set" 2>/dev/null || echo 'as it is'))"
    continue
  fi
  if [ -n "$generator" ]; then
    now=${BENCH_NOW:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
    log "generating $db: ${customers[$set]} customers, now $now"
    started=$(date +%s)
    dotnet run --project tools/DealerCrm.Generator -c Release -- --connection "$(conn "$db")" \
      --customers "${customers[$set]}" --stores 20 --seed 42 --now "$now"
    echo "generator: ${customers[$set]} customers, 20 stores, seed 42, now $now, $(( $(date +%s) - started )) s" > "$bench/generated-$set"
  else
    log "no generator (or --dev-data): $db gets the Development demo data"
    (cd "$web_dir" && ConnectionStrings__DealerCrm="$(conn "$db")" ASPNETCORE_ENVIRONMENT=Development \
      Logging__File__Path="" dotnet DealerCrm.Web.dll migrate >/dev/null)
    echo "Development demo data (no generator)" > "$bench/generated-$set"
  fi
  psql_db "$db" -c "VACUUM ANALYZE" >/dev/null
done

# 3. The app, as production runs it.
start_app() { # DB PORT LOG -> pid in $started_pid
  (cd "$web_dir" && exec env ConnectionStrings__DealerCrm="$(conn "$1")" ASPNETCORE_ENVIRONMENT=Production \
    Logging__File__Path="" Hangfire__ServerEnabled=true Hangfire__RegisterSchedule=true \
    dotnet DealerCrm.Web.dll --urls "http://127.0.0.1:$2" > "$3" 2>&1) &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "the app on port $2 did not become ready:"; tail -n 30 "$3"; exit 1
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
start_baseline() { # DB -> pid in $baseline_pid
  bench_tool baseline --connection "$(conn "$1")" --port "$baseline_port" > "$results/baseline-$1.log" 2>&1 &
  baseline_pid=$!
  pids+=("$baseline_pid")
  for _ in $(seq 1 30); do
    curl -fs -o /dev/null -b "bench=1" "http://127.0.0.1:$baseline_port/Leads" && return 0
    sleep 1
  done
  echo "the baseline did not start:"; cat "$results/baseline-$1.log"; exit 1
}

two=""
if [ -z "$small_only" ] && { [ -z "$skip_multi" ] || [ -z "$skip_jobs" ]; }; then two=1; fi
rm -f "$results"/results-*.json "$results"/jobs.json

# 4-5. Each set: app + baseline, every page at 1, 8 and 32 users.
for set in "${sets[@]}"; do
  db=dealercrm_$set
  log "load on $db"
  start_app "$db" "$app_port" "$results/app-$set.log"
  app_pid=$started_pid
  start_baseline "$db"
  bench_tool load --label "$set" --base "http://127.0.0.1:$app_port" --baseline "http://127.0.0.1:$baseline_port" \
    --pid "$app_pid" --users 1,8,32 "${load_opts[@]}" "${only_opts[@]}" --connection "$(conn "$db")" \
    --note "data: $(cat "$bench/generated-$set")" --out "$results/results-$set.json"
  stop "$baseline_pid"
  if [ "$set" != 1m ] || [ -z "$two" ]; then stop "$app_pid"; fi
done


# 6-7. Two instances on the 1M set: load alternating between them, the jobs, the idle load.
if [ -n "$two" ]; then
  log "second instance on dealercrm_1m"
  start_app dealercrm_1m "$second_port" "$results/app-1m-second.log"
  second_pid=$started_pid
  if [ -z "$skip_multi" ]; then
    bench_tool load --label "1m-two-instances" --base "http://127.0.0.1:$app_port" --base "http://127.0.0.1:$second_port" \
      --pid "$app_pid" --pid "$second_pid" --users 8,32 "${load_opts[@]}" \
      --only leads-first,lead-card,customers-name3,followups,board --out "$results/results-1m-two.json"
  fi
  if [ -z "$skip_jobs" ]; then
    log "recurring jobs with both instances up, then 60 s of idle load"
    bench_tool jobs --connection "$(conn dealercrm_1m)" --idle 60 --out "$results/jobs.json" || true
    grep -h "Overdue follow-ups:\|Audit retention:" "$results"/app-1m*.log | sed 's/^/   app log: /' || true
  fi
  stop "$second_pid"
  stop "$app_pid"
fi

# 8. The report.
report=(--small "$results/results-10k.json" --out docs/performance.md --command "scripts/bench/run.sh $*")
[ -f "$results/results-1m.json" ] && report+=(--large "$results/results-1m.json")
[ -f "$results/results-1m-two.json" ] && report+=(--multi "$results/results-1m-two.json")
[ -f "$results/jobs.json" ] && report+=(--jobs "$results/jobs.json")
bench_tool report "${report[@]}"
for set in "${sets[@]}"; do echo "data $set: $(cat "$bench/generated-$set")"; done
log "done; the cluster keeps running for the next run: source scripts/postgres.sh && pg_stop $bench/pg"
