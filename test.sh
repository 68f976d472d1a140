#!/usr/bin/env bash
# Runs every test: domain (no database), web (real PostgreSQL) and end-to-end (Playwright driving Chromium).
# Installs PostgreSQL, Chromium and CJK fonts with apt-get when missing, starts a throwaway PostgreSQL cluster,
# and ends with one line over all suites: "N passed, N failed, N skipped" (exit 1 on any failure or a suite
# that did not report).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$(date +%s)

missing=()
pg_bindir >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "error: could not install ${missing[*]}"; exit 1; }
fi

# A throwaway cluster for this run; fsync off because nothing here needs to survive a crash.
work=$(mktemp -d /tmp/dealercrm-test-XXXXXX)
cleanup() { pg_stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT
port=$((20000 + RANDOM % 20000))
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
PG_FSYNC=off pg_start "$work/pg" "$port" dealercrm "$password" || exit 1
export DEALERCRM_TEST_CONNECTION="Host=127.0.0.1;Port=$port;Username=dealercrm;Password=$password;Database=postgres"

echo "== build"
if ! dotnet build DealerCrm.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

passed=0 failed=0 skipped=0 broken=()
for suite in DealerCrm.Domain.Tests DealerCrm.Web.Tests DealerCrm.E2E; do
  echo "== $suite"
  log="$work/$suite.log"
  dotnet test "tests/$suite" -c Release --no-build --nologo 2>&1 | tee "$log"
  summary=$(grep -E "^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "!! $suite did not report results (crashed or found no tests)"
    broken+=("$suite")
    failed=$((failed + 1))
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")
  [ "$p" -eq 0 ] && broken+=("$suite (no test passed)")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  echo "-- $suite: $p passed, $f failed, $s skipped"
done

echo "== wall time: $(( $(date +%s) - started )) s"
[ ${#broken[@]} -gt 0 ] && echo "!! suites without a proper result: ${broken[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ ${#broken[@]} -gt 0 ] || [ "$skipped" -gt 0 ]; then
  exit 1
fi
