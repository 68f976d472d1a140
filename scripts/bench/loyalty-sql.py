#!/usr/bin/env python3
"""Replays the loyalty recalculation's SQL in psql, statement by statement (docs/performance.md, issue 13).

Cuts the work statements (temp tables, ANALYZE, the three writes) out of src/DealerCrm.Web/Jobs/LoyaltyRecalculationJob.cs
and writes a psql script that runs them in one transaction as the job does (jit off, work_mem 256MB, a loyalty_runs row
for the history rows to name, as the job's own run), with literal parameters for the generated set: N stores numbered 1..N in one zone with
the default settings of LoyaltySettings (6 months, 5,000 km, 6 counted intervals, 12-month window, 50k/200k/500k CNY,
L3/L2/L1). Check `SELECT id, time_zone_id FROM stores` and `loyalty_settings` on the copy first: other data needs other
arguments. Never run it on a database anyone else uses: with --end COMMIT it writes results of run id 999999.

    scripts/bench/loyalty-sql.py --now '2026-12-02 11:20:00+00' --today 2026-12-02 --mode cpu --end ROLLBACK > replay.sql
    PGPASSWORD=... psql -X -h 127.0.0.1 -p 25566 -U dealercrm -d dealercrm_1m_loyx -f replay.sql

--mode time: \\timing only; explain: EXPLAIN (ANALYZE, BUFFERS) of each statement; cpu: also the backend's CPU ticks
(utime + stime from /proc, 1/100 s) printed between statements, so psql must run on the database's machine as a user
who may read the backend's /proc entry, and parallel workers are switched off (their CPU is not the backend's).
"""
import argparse
import datetime
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser()
parser.add_argument("--job", default=str(root / "src/DealerCrm.Web/Jobs/LoyaltyRecalculationJob.cs"))
parser.add_argument("--now", required=True, help="the run's instant, e.g. '2026-12-02 11:20:00+00'")
parser.add_argument("--today", required=True, help="every store's local day at that instant, e.g. 2026-12-02")
parser.add_argument("--stores", type=int, default=20)
parser.add_argument("--zone", default="Asia/Shanghai")
parser.add_argument("--fixed-offset", default="08:00:00",
                    help="the zone's fixed offset as LoyaltyRecalculationJob.FixedOffset gives it ('' for none)")
parser.add_argument("--fixed-since", default="1991-09-17 00:00:00+00", help="and since when (Asia/Shanghai's)")
parser.add_argument("--mode", choices=["time", "explain", "cpu"], default="time")
parser.add_argument("--end", choices=["ROLLBACK", "COMMIT"], default="ROLLBACK")
args = parser.parse_args()

today = datetime.date.fromisoformat(args.today)
now = datetime.datetime.fromisoformat(args.now)
n = args.stores


def each(value):
    return "'{" + ",".join([str(value)] * n) + "}'"


values = {
    "storeIds": "'{" + ",".join(str(i) for i in range(1, n + 1)) + "}'",
    "todays": each(today), "zones": each(args.zone), "months": each(6), "km": each(5000), "counted": each(6),
    "firstMonths": each(12), "silver": each(50000), "gold": each(200000), "diamond": each(500000),
    "silverLevel": each(3), "goldLevel": each(2), "diamondLevel": each(1),
    "dueUntil": each(today + datetime.timedelta(days=30)),
    "offsets": each(args.fixed_offset or "NULL"), "offsetsSince": each(f'"{args.fixed_since}"' if args.fixed_offset else "NULL"),
    "bound": f"'{(now + datetime.timedelta(days=2)).isoformat()}'::timestamptz",
    "now": f"'{now.isoformat()}'::timestamptz", "maintenance": "3", "inUse": "0", "runId": "999999",
    "LoyaltyRules.MinimumIntervalDays": "30", "LoyaltyRules.DowngradeHoldMonths": "12",
    "(int)LoyaltyCategory.New": "6", "(int)LoyaltyCategory.NeverReturned": "7",
    "(int)LoyaltyRisk.DowngradeHeld": "1", "(int)LoyaltyRisk.MaintenanceDue": "2", "(int)LoyaltyRisk.None": "0",
    "(int)ServicePayer.Customer": "0", "(int)LoyaltyChangeKind.Category": "1", "(int)LoyaltyChangeKind.Tier": "2",
    "(int)LoyaltyChangeCause.Loyalty": "1", "(int)LoyaltyChangeCause.Spend": "2",
    "(int)LoyaltyChangeCause.HoldEnded": "4", "(int)NotificationKind.CustomerLoyaltyChanged": "0",
    "(int)NotificationKind.LoyaltyChanges": "0", "CrmLinks.CustomerPrefix": "'/Customers/'",
    "CrmLinks.Loyalty": "'/Loyalty'", "Roles.CrmOfficer": "'CrmOfficer'",
    "todayMonths": each(today.year * 12 + today.month), "todayDays": each(today.day),
}


def substitute(match):
    key = match.group(1)
    if key not in values:
        sys.exit(f"loyalty-sql.py: no value for {{{key}}}; add it to `values`")
    return values[key]


source = pathlib.Path(args.job).read_text()
statements = []
for block in re.findall(r'\$"""\n(.*?)"""', source, re.S):
    if "loyalty_" in block:  # the work statements (the lock and the Admin page's check name no loyalty_ table)
        statements.append(re.sub(r"\{([^{}]+)\}", substitute, block.strip()) + ";")
for table in re.findall(r'\$"ANALYZE ([a-z_]+)"', source):  # each ANALYZE right after its table is made
    at = next(i for i, s in enumerate(statements) if f"CREATE TEMP TABLE {table} " in s)
    statements.insert(at + 1, f"ANALYZE {table};")

cpu = "\\! awk '{print \"cpu ticks\", $14 + $15}' /proc/$BPID/stat"
out = ["\\timing on"]
if args.mode == "cpu":
    out += ["SELECT pg_backend_pid() AS pid \\gset", "\\setenv BPID :pid", "SET max_parallel_workers_per_gather = 0;"]
out += [
    "BEGIN;",
    "SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true);",
    f"INSERT INTO loyalty_runs (id, trigger, status, started_at, step, steps, customers, category_changes, upgrades, "
    f"downgrades, held) OVERRIDING SYSTEM VALUE VALUES (999999, 0, 0, '{now.isoformat()}', 0, 7, 0, 0, 0, 0, 0) "
    "ON CONFLICT DO NOTHING;",
]
for statement in statements:
    if args.mode == "cpu":
        out.append(cpu)
    out.append("\\echo ---- " + statement.split("\n")[0][:70])
    explain = args.mode == "explain" and not statement.startswith("ANALYZE")
    out.append(("EXPLAIN (ANALYZE, BUFFERS) " if explain else "") + statement)
if args.mode == "cpu":
    out.append(cpu)
out.append(args.end + ";")
print("\n".join(out))
