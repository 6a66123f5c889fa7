#!/bin/bash
# Times, as a user runs them (`suyuan reconcile --json`): a full reconciliation from scratch (which keeps its state in
# the store as a checkpoint), a full one that goes on from that checkpoint, and one from a recent time on (--since).
# Prints the events read, the findings, the time the command reports and of each phase, the wall time and the peak
# memory of the process (GNU time's maximum resident set size, and the peak of its anonymous memory).
# Usage: scripts/reconcile-bench.sh SUYUAN_BINARY SQLITE_FILE [SINCE]
# SINCE defaults to seven days before the store's latest event time.
set -euo pipefail
suyuan=$1; db=$2; since=${3:-}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
[ -x /usr/bin/time ] || apt_install time
if [ -z "$since" ]; then
    since=$(python3 - "$db" <<'PY'
import datetime, sqlite3, sys
ms = sqlite3.connect(sys.argv[1]).execute("SELECT max(event_time_ms) FROM event").fetchone()[0]
at = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc) - datetime.timedelta(days=7)
print(at.strftime("%Y-%m-%dT%H:%M:%SZ"))
PY
)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in scratch checkpoint since; do
    args=(reconcile --json --store "sqlite:$db")
    [ "$run" = scratch ] && args+=(--from-scratch)
    [ "$run" = since ] && args+=(--since "$since")
    /usr/bin/time -v "$suyuan" "${args[@]}" > "$work/out.json" 2> "$work/time.txt" &
    # The peak of the process's anonymous memory (its heap), apart from the pages of the store's memory map, which
    # the resident set size counts too: sampled every 50 ms.
    sleep 0.05
    pid=$(pgrep -P $! | head -1 || true)
    anon=0
    while [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; do
        now=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ -n "$now" ] && [ "$now" -gt "$anon" ] && anon=$now
        sleep 0.05
    done
    wait $!
    echo "$anon" > "$work/anon.txt"
    python3 - "$run" "$since" "$work/out.json" "$work/time.txt" "$work/anon.txt" <<'PY'
import json, re, sys
run, since, out, timing, anon = sys.argv[1:6]
anon = int(open(anon).read().strip() or 0)
report = json.load(open(out))
text = open(timing).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
kinds = {}
for finding in report["findings"]:
    kinds[finding["kind"]] = kinds.get(finding["kind"], 0) + 1
label = {"scratch": "full, --from-scratch", "checkpoint": "full, from the checkpoint"}.get(run, f"--since {since}")
phases = ", ".join(f"{name} {ms:.0f} ms" for name, ms in report["phasesMs"].items())
print(f"{label}: {report['eventsRead']} events read of {report['events']}, {len(report['findings'])} findings, "
      f"elapsedMs {report['elapsedMs']:.0f} ({phases}), checkpoint kept: {report['checkpointSaved']}, "
      f"wall {wall}, peak RSS {rss / 1024:.0f} MB "
      f"(anonymous memory {anon / 1024:.0f} MB, the rest is the store's memory map)")
print(f"  sector pass: {report.get('sectorEventsRead', 0)} selected bodies read, "
      f"{report.get('sectorEventsFollowed', 0)} followed")
print("  by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
PY
done
python3 - "$db" <<'PY'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute("SELECT event_count, parts, bytes FROM reconcile_checkpoint").fetchone()
if row:
    print(f"checkpoint: {row[0]} events in {row[1]} parts, {row[2] / 1e6:.0f} MB")
row = sqlite3.connect(sys.argv[1]).execute("SELECT count(*), sum(length(bytes)) FROM sector_checkpoint_part").fetchone()
if row and row[0]:
    print(f"sector checkpoint: {row[0]} parts, {row[1] / 1e6:.1f} MB")
PY
