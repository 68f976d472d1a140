# Shared by run.sh and test.sh: find or install the PostgreSQL server binaries, and run a private cluster
# in a folder of ours. PostgreSQL refuses to run as root, so under root the cluster belongs to an
# unprivileged account (the 'postgres' account the Debian package creates, else 'dealercrm-pg').

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

pg_install_if_missing() {
  if pg_bindir >/dev/null; then
    return 0
  fi
  echo "PostgreSQL server binaries not found; installing the 'postgresql' package with apt-get..." >&2
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "error: need root (or sudo) to install postgresql; install it and run again" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  pg_bindir >/dev/null || { echo "error: postgresql installed but initdb not found" >&2; return 1; }
}

# The account the cluster runs as; empty when we are not root (then it is us).
pg_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    echo ""
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    id dealercrm-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin dealercrm-pg
    echo dealercrm-pg
  fi
}

pg_as_owner() {
  local owner
  owner=$(pg_owner)
  if [ -z "$owner" ]; then
    "$@"
  else
    runuser -u "$owner" -- "$@"
  fi
}

# pg_start DATADIR PORT SUPERUSER PASSWORD: create the cluster the first time, start it unless running.
pg_start() {
  local data=$1 port=$2 user=$3 password=$4 bin owner
  bin=$(pg_bindir)
  owner=$(pg_owner)
  mkdir -p "$data"
  if [ -n "$owner" ]; then
    chown "$owner" "$data"
    chmod 700 "$data"
    # the owner must be able to reach the folder through its parents
    local parent
    parent=$(dirname "$data")
    while [ "$parent" != "/" ]; do
      chmod o+x "$parent" 2>/dev/null || true
      parent=$(dirname "$parent")
    done
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    local pwfile
    pwfile=$(mktemp)
    printf '%s\n' "$password" > "$pwfile"
    [ -n "$owner" ] && chown "$owner" "$pwfile"
    pg_as_owner "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" --auth-local=scram-sha-256 \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$data/run"
  [ -n "$owner" ] && chown "$owner" "$data/run"
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $data/run -c max_connections=200 -c fsync=${PG_FSYNC:-on}" >/dev/null \
    || { echo "error: PostgreSQL did not start; see $data/server.log" >&2; tail -n 20 "$data/server.log" >&2; return 1; }
}

pg_stop() {
  local data=$1 bin
  bin=$(pg_bindir) || return 0
  [ -f "$data/PG_VERSION" ] || return 0
  pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_create_db PORT USER PASSWORD DBNAME: create the database if it does not exist.
pg_create_db() {
  local port=$1 user=$2 password=$3 db=$4 bin
  bin=$(pg_bindir)
  if ! PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db"
  fi
}
