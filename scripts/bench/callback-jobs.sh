#!/usr/bin/env bash
# Times the callback jobs of issue 11 on a COPY of a generated database (docs/benchmarks.md, "Callback jobs at 1M"):
# copies the generated database (CREATE DATABASE ... TEMPLATE), migrates the copy as production does, starts the app
# on it (Production, Hangfire server on, schedule registered) and runs each recurring job through Hangfire with
# `tools/DealerCrm.Bench jobs` (duration = Hangfire's PerformanceDuration, statements = pg_stat_statements calls of the
# app's own SQL during the run). Repeat an id to run that job again (the second run finds nothing new).
#
#   JOBS_IDS=callbacks-3day,callbacks-3day,callbacks-dormant,callbacks-dormant,callbacks-birthdays \
#     scripts/bench/callback-jobs.sh
#
# Environment: JOBS_IDS (required: recurring job ids as registered in Jobs/JobSchedule.cs, in the order to run them),
# JOBS_PGPORT (25566), JOBS_PGPASSFILE (/var/tmp/i11-scale/pgpass; user dealercrm), JOBS_SOURCE_DB (dealercrm_1m),
# JOBS_DB (dealercrm_1m_jobs, dropped and copied again on each run unless JOBS_REUSE_COPY=1 and it exists),
# JOBS_APP_PORT (45300), JOBS_NO_CHECKPOINT and JOBS_OS_PREWARM (below),
# JOBS_OUT (/var/tmp/i11-scale/jobs-callbacks.json; the app's log beside it), JOBS_COMMAND_TIMEOUT (seconds, for the
# app's connection; Npgsql's default is 30). The cluster must load
# pg_stat_statements (shared_preload_libraries) for statement counts. The jobs run with the machine's clock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
source scripts/postgres.sh
port=${JOBS_PGPORT:-25566}
password=$(cat "${JOBS_PGPASSFILE:-/var/tmp/i11-scale/pgpass}")
source_db=${JOBS_SOURCE_DB:-dealercrm_1m}
db=${JOBS_DB:-dealercrm_1m_jobs}
app_port=${JOBS_APP_PORT:-45300}
ids=${JOBS_IDS:?set JOBS_IDS to the callback jobs recurring ids in the order to run them}
out=${JOBS_OUT:-/var/tmp/i11-scale/jobs-callbacks.json}
conn="Host=127.0.0.1;Port=$port;Database=$db;Username=dealercrm;Password=$password;Maximum Pool Size=50"
# the app's connection: Npgsql's default command timeout (30 s) unless JOBS_COMMAND_TIMEOUT says otherwise
app_conn=$conn
[ -n "${JOBS_COMMAND_TIMEOUT:-}" ] && app_conn="$conn;Command Timeout=$JOBS_COMMAND_TIMEOUT"
psql_db() { local d=$1; shift; PGPASSWORD=$password "$(pg_bindir)/psql" -X -q -h 127.0.0.1 -p "$port" -U dealercrm -d "$d" "$@"; }
log() { echo "== $(date -u +%H:%M:%S) $*"; }

if [ -n "${JOBS_REUSE_COPY:-}" ] && psql_db postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  log "using the existing copy $db as it is (JOBS_REUSE_COPY)"
else
  log "copying $source_db to $db"
  psql_db postgres -c "DROP DATABASE IF EXISTS $db"
  # a template must have no other session; another copy in progress counts as one, so wait for it
  for attempt in $(seq 1 60); do
    psql_db postgres -c "CREATE DATABASE $db TEMPLATE $source_db" && break
    [ "$attempt" = 60 ] && { echo "could not copy $source_db"; exit 1; }
    sleep 10
  done
fi
psql_db "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

log "building in Release"
dotnet build src/DealerCrm.Web -c Release -nologo -v quiet
dotnet build tools/DealerCrm.Bench -c Release -nologo -v quiet
web_dir=$root/src/DealerCrm.Web/bin/Release/net10.0

log "migrating $db"
started=$(date +%s)
(cd "$web_dir" && ConnectionStrings__DealerCrm="$conn" ASPNETCORE_ENVIRONMENT=Production Logging__File__Path="" \
  dotnet DealerCrm.Web.dll migrate)
echo "migrations: $(( $(date +%s) - started )) s"
psql_db "$db" -c "VACUUM ANALYZE"
# ...and a checkpoint: the VACUUM leaves shared buffers full of dirty pages, which the first job would otherwise write
# out itself as it evicts them (4-6 s of a "first run" at 1M); a live server's checkpointer has long written them by
# the time a job runs. JOBS_NO_CHECKPOINT=1 keeps the old behaviour.
[ -n "${JOBS_NO_CHECKPOINT:-}" ] || psql_db "$db" -c "CHECKPOINT"
# JOBS_OS_PREWARM=1: read every table and index of the copy once into the OS page cache (pg_prewarm's 'read' mode,
# which leaves shared buffers as they are), as on a server whose database is in daily use; without it a fresh copy's
# first job reads much of it from disk (~550 MB/s here).
if [ -n "${JOBS_OS_PREWARM:-}" ]; then
  psql_db "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm"
  psql_db "$db" -tAc "SELECT sum(pg_prewarm(c.oid, 'read')) || ' blocks read into the OS cache' FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 'm', 't')"
fi
# a copy used before may hold retries and schedules of an earlier run: Hangfire starts afresh (the app creates its schema)
psql_db "$db" -c "DROP SCHEMA IF EXISTS hangfire CASCADE"

log "starting the app on $db"
(cd "$web_dir" && exec env ConnectionStrings__DealerCrm="$app_conn" ASPNETCORE_ENVIRONMENT=Production Logging__File__Path="" \
  Hangfire__ServerEnabled=true Hangfire__RegisterSchedule=true Hangfire__QueuePollSeconds=1 \
  dotnet DealerCrm.Web.dll --urls "http://127.0.0.1:$app_port") > "${out%.json}-app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null && break
  sleep 1
done

log "running $ids"
dotnet tools/DealerCrm.Bench/bin/Release/net10.0/DealerCrm.Bench.dll jobs --connection "$conn" --ids "$ids" \
  --timeout 900 --out "$out" || true
grep -iE "callback|dormant|birthday|loyalty" "${out%.json}-app.log" | tail -30 || true
log "done: $out"
