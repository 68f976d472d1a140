#!/usr/bin/env bash
# Starts DealerCrm at http://localhost:5080 with demo data. Without ConnectionStrings__DealerCrm it sets up
# and starts its own PostgreSQL cluster under .data/ on 127.0.0.1:5433 (installing PostgreSQL if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/postgres.sh

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "${1:-}" = "--stop-db" ]; then
  pg_stop "$PWD/.data/pg"
  exit 0
fi

if [ -z "${ConnectionStrings__DealerCrm:-}" ]; then
  pg_install_if_missing
  mkdir -p .data
  if [ ! -f .data/pg-password ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > .data/pg-password)
  fi
  password=$(cat .data/pg-password)
  pg_start "$PWD/.data/pg" 5433 dealercrm "$password"
  pg_create_db 5433 dealercrm "$password" dealercrm
  export ConnectionStrings__DealerCrm="Host=127.0.0.1;Port=5433;Database=dealercrm;Username=dealercrm;Password=$password"
  echo "PostgreSQL: 127.0.0.1:5433, data in .data/pg (stop it with: ./run.sh --stop-db)"
fi

echo "DealerCrm: http://localhost:5080  (sign in as admin / DealerCrm-Demo-2026; see README for all accounts)"
exec dotnet run --project src/DealerCrm.Web --no-launch-profile -- --urls http://localhost:5080
