#!/usr/bin/env bash
# Benchmarks the manager's pages (spec 7.1) against a running DealerCrm with demo data and the bench data of
# manager-data.sql loaded: the board (single client and 8 concurrent clients), a bulk reassignment of all the leads
# of "bench.leaving" through the page, and a CSV import of ROWS generated leads. Requests go over loopback from this
# separate process (curl). Usage: manager-bench.sh BASE_URL [ROWS]
set -euo pipefail
base=${1:?usage: manager-bench.sh BASE_URL [ROWS]}
rows=${2:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar="$work/cookies"

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }
stats() { sort -n | awk '{a[NR]=$1} END {printf "n=%d min=%.0f ms median=%.0f ms p95=%.0f ms max=%.0f ms\n", NR, a[1]*1000, a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.999)]*1000, a[NR]*1000}'; }

t=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.UserName=manager" \
  --data-urlencode "Input.Password=DealerCrm-Demo-2026" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/Login"
curl -s -o /dev/null -w "%{http_code}" -b "$jar" "$base/Manager" | grep -q 200 || { echo "sign-in failed"; exit 1; }

echo "== board, 1 client (first request, then 30)"
curl -s -o /dev/null -w "first: %{time_total} s\n" -b "$jar" "$base/Manager"
for _ in $(seq 1 30); do curl -s -o /dev/null -w "%{time_total}\n" -b "$jar" "$base/Manager"; done | stats

echo "== board, 8 concurrent clients, 240 requests"
seq 1 240 | xargs -P 8 -I{} curl -s -o /dev/null -w "%{time_total}\n" -b "$jar" "$base/Manager" | stats

echo "== bulk reassignment of bench.leaving's open leads to two consultants (one POST)"
page=$(curl -s -b "$jar" "$base/Manager/Reassign")
from=$(grep -o '<option value="[0-9]*"[^>]*>Bench leaving' <<<"$page" | grep -o '[0-9]\+' | head -n 1)
to=$(grep -o 'name="To" value="[0-9]*"' <<<"$(curl -s -b "$jar" "$base/Manager/Reassign?from=$from")" | grep -o '[0-9]\+' | head -n 2)
form=$(curl -s -b "$jar" "$base/Manager/Reassign?from=$from")
matching=$(grep -o 'data-testid="matching">[^<]*' <<<"$form" | sed 's/.*>//')
t=$(token <<<"$form")
args=()
for id in $to; do args+=(--data-urlencode "To=$id"); done
curl -s -o /dev/null -b "$jar" -w "moved (${matching}): HTTP %{http_code} in %{time_total} s\n" "${args[@]}" \
  --data-urlencode "Reason=bench" --data-urlencode "TickedOnly=false" --data-urlencode "__RequestVerificationToken=$t" \
  "$base/Manager/Reassign?from=$from"

echo "== CSV import of $rows rows (one POST)"
{
  echo "name,mobile,model,source,arrived_at"
  seq 1 "$rows" | awk '{printf "客户%d,16%09d,星越L,DealerWebsite,2026-11-%02d %02d:%02d\n", $1, $1, 1 + $1 % 20, $1 % 24, $1 % 60}'
} > "$work/leads.csv"
elapsed() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
import() {
  local label=$1 started t location
  started=$(date +%s.%N)
  t=$(curl -s -b "$jar" "$base/Manager/Import" | token)
  location=$(curl -s -o /dev/null -b "$jar" -w "%{redirect_url}" -F "__RequestVerificationToken=$t" \
    -F "Upload=@$work/leads.csv;type=text/csv" "$base/Manager/Import")
  echo "$label: upload answered in $(elapsed "$started") s"
  # Large files are read by the background job: wait for the result (the job's own time is in the app log).
  until curl -s -b "$jar" "$location" | grep -q 'data-testid="rows-read"'; do sleep 0.2; done
  echo "$label: result shown after $(elapsed "$started") s ($(curl -s -b "$jar" "$location" | grep -o 'data-testid="added">[0-9]*' | sed 's/.*>/added /'))"
}
import "first import"
import "same file again"
# A second file of new enquiries, on a warm process (the first import also paid for loading and compiling the code).
sed -i 's/,16/,15/' "$work/leads.csv"
import "another file (warm)"
